#include "analyzer/baseline/baseline.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <map>
#include <sstream>
#include <tuple>

#include <nlohmann/json.hpp>

namespace drlint::baseline {
namespace {

using nlohmann::json;

const json* member(const json& j, const char* key) {
  if (!j.is_object()) return nullptr;
  auto it = j.find(key);
  return it == j.end() ? nullptr : &*it;
}

std::string string_member(const json& j, const char* key) {
  const json* m = member(j, key);
  return m && m->is_string() ? m->get<std::string>() : std::string();
}

std::uint32_t uint_member(const json& j, const char* key) {
  const json* m = member(j, key);
  if (!m || !m->is_number_integer()) return 0;
  long long v = m->get<long long>();
  return v > 0 && v < 0xffffffffLL ? static_cast<std::uint32_t>(v) : 0;
}

}  // namespace

bool parse_baseline(const std::string& text, const std::string& path, Baseline* out, std::string* error) {
  json doc = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded()) {
    *error = path + ": the baseline is not valid JSON; expected a SARIF file written by `drlint scan --format sarif`";
    return false;
  }
  const json* runs = member(doc, "runs");
  if (!runs || !runs->is_array()) {
    *error = path + ": the baseline has no \"runs\" array; expected a SARIF 2.1.0 file written by `drlint scan "
                    "--format sarif`";
    return false;
  }
  Baseline b;
  b.path = path;
  for (const json& run : *runs) {
    const json* results = member(run, "results");
    if (!results || !results->is_array()) continue;
    for (const json& r : *results) {
      if (string_member(r, "baselineState") == "absent") continue;
      Entry e;
      e.result.rule_id = string_member(r, "ruleId");
      if (const json* fp = member(r, "partialFingerprints")) e.result.fingerprint = string_member(*fp, "primaryLocationLineHash");
      if (e.result.rule_id.empty() || e.result.fingerprint.empty()) continue;
      e.result.level = string_member(r, "level");
      if (e.result.level.empty()) e.result.level = "warning";
      if (const json* m = member(r, "message")) e.result.message = string_member(*m, "text");
      const json* locs = member(r, "locations");
      if (locs && locs->is_array() && !locs->empty()) {
        if (const json* phys = member((*locs)[0], "physicalLocation")) {
          if (const json* art = member(*phys, "artifactLocation")) e.result.uri = string_member(*art, "uri");
          if (const json* reg = member(*phys, "region")) {
            e.result.line = uint_member(*reg, "startLine");
            e.result.column = uint_member(*reg, "startColumn");
          }
        }
      }
      const json* sup = member(r, "suppressions");
      e.suppressed = sup && sup->is_array() && !sup->empty();
      b.entries.push_back(std::move(e));
    }
  }
  *out = std::move(b);
  return true;
}

bool load_baseline(const std::string& path, Baseline* out, std::string* error) {
  std::ifstream f(path, std::ios::binary);
  if (!f) {
    *error = path + ": cannot read the baseline: " + std::strerror(errno) +
             "; expected a SARIF file from an earlier `drlint scan --format sarif`";
    return false;
  }
  std::ostringstream s;
  s << f.rdbuf();
  return parse_baseline(s.str(), path, out, error);
}

void apply_baseline(std::vector<Finding>& findings, const std::vector<std::string>& fingerprints,
                    const Baseline& baseline, std::vector<AbsentResult>* absent) {
  // (rule, fingerprint) -> indexes of unmatched baseline entries, in order.
  std::map<std::pair<std::string, std::string>, std::vector<std::size_t>> pending;
  for (std::size_t i = 0; i < baseline.entries.size(); ++i) {
    const AbsentResult& r = baseline.entries[i].result;
    pending[{r.rule_id, r.fingerprint}].push_back(i);
  }
  std::vector<bool> matched(baseline.entries.size(), false);
  for (std::size_t i = 0; i < findings.size(); ++i) {
    Finding& f = findings[i];
    if (i >= fingerprints.size()) {
      f.baseline = Finding::BaselineState::kNew;
      continue;
    }
    auto it = pending.find({f.rule_id, fingerprints[i]});
    if (it != pending.end() && !it->second.empty()) {
      matched[it->second.front()] = true;
      it->second.erase(it->second.begin());
      f.baseline = Finding::BaselineState::kUnchanged;
    } else {
      f.baseline = Finding::BaselineState::kNew;
    }
  }
  if (!absent) return;
  for (std::size_t i = 0; i < baseline.entries.size(); ++i)
    if (!matched[i]) absent->push_back(baseline.entries[i].result);
}

bool apply_baseline(std::vector<Finding>& findings, const std::vector<std::string>& fingerprints,
                    const std::string& baseline_path, std::vector<AbsentResult>* absent, std::string* error) {
  Baseline b;
  if (!load_baseline(baseline_path, &b, error)) return false;
  apply_baseline(findings, fingerprints, b, absent);
  return true;
}

bool fails_run(const Finding& finding, std::optional<Level> threshold) {
  if (!threshold) return false;
  if (finding.suppression) return false;
  if (finding.baseline == Finding::BaselineState::kUnchanged || finding.baseline == Finding::BaselineState::kAbsent)
    return false;
  return static_cast<int>(finding.level) >= static_cast<int>(*threshold);
}

}  // namespace drlint::baseline
