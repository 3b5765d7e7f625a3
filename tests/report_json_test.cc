// The JSON report (docs/json-report.md, schema drlint-report/1): the fields
// dashboards read.
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "analyzer/baseline/baseline.h"
#include "analyzer/report/report.h"
#include "report_support.h"
#include "rules/registry.h"

namespace fs = std::filesystem;
using namespace drlint;
using namespace drlint::testing;
using nlohmann::json;

TEST_CASE("JSON report carries summary, per-rule counts and per-namespace objectives", "[report][json]") {
  Scanned s = scan_with_rules(fs::path(DRLINT_TESTDATA) / "examples" / "aks-platform");
  json doc = json::parse(render(report::write_json, *s.scan, report_options(s)));
  CHECK(doc["schema"] == "drlint-report/1");
  CHECK(doc["tool"]["version"] == "0.1.0");
  for (const char* k : {"summary", "rules", "namespaces", "backup_definitions", "backup_storage",
                        "recovery_assumptions", "findings", "absent", "skipped", "errors"})
    CHECK(doc.contains(k));
  CHECK_FALSE(doc["summary"].contains("baseline"));

  // Every rule of the catalog, with counts that add up to the findings.
  REQUIRE(doc["rules"].size() == rules::all_rules().size());
  int total = 0;
  for (const json& r : doc["rules"])
    total += r["error"].get<int>() + r["warning"].get<int>() + r["note"].get<int>() + r["suppressed"].get<int>();
  CHECK(total == static_cast<int>(doc["findings"].size()));
  const json& c = doc["summary"]["counts"];
  CHECK(c["error"].get<int>() + c["warning"].get<int>() + c["note"].get<int>() + c["suppressed"].get<int>() == total);

  const json* payments = nullptr;
  for (const json& n : doc["namespaces"])
    if (n["name"] == "payments") payments = &n;
  REQUIRE(payments != nullptr);
  CHECK((*payments)["rpo"]["seconds"] == 900);
  CHECK((*payments)["rpo"]["source"] == "annotation drlint.io/rpo");
  CHECK((*payments)["rpo"]["location"]["file"] == "kubernetes/payments/namespace.yaml");
  CHECK((*payments)["effective_rpo"]["seconds"] == 86400);
  CHECK((*payments)["rpo_status"] == "fail");
  CHECK((*payments)["estimated_rto"]["known"] == true);
  CHECK((*payments)["estimated_rto"]["detection_seconds"] == 300);
  CHECK(doc["recovery_assumptions"]["restore_throughput"] == "11GiB/m");
}

TEST_CASE("JSON report marks baseline states", "[report][json][baseline]") {
  TempRepo repo;
  repo.write("broken.yaml", "a: [\n");
  Scanned s = scan_with_rules(repo.path());
  REQUIRE(!s.scan->findings.empty());
  s.scan->findings.front().baseline = Finding::BaselineState::kNew;
  json doc = json::parse(render(report::write_json, *s.scan, report_options(s)));
  CHECK(doc["findings"][0]["baseline_state"] == "new");
  CHECK(doc["summary"]["baseline"]["new"] == 1);
}

namespace {

// Every object's keys in byte order, as nlohmann's std::map-backed objects
// printed them before the report was streamed (consumers diff reports).
void require_sorted_keys(const nlohmann::ordered_json& j, const std::string& path) {
  if (j.is_object()) {
    std::string previous;
    bool first = true;
    for (auto it = j.begin(); it != j.end(); ++it) {
      INFO(path << ": key " << it.key() << " after " << previous);
      if (!first) REQUIRE(previous < it.key());
      previous = it.key();
      first = false;
      require_sorted_keys(it.value(), path + "." + it.key());
    }
  } else if (j.is_array()) {
    for (std::size_t i = 0; i < j.size(); ++i) require_sorted_keys(j[i], path + "[" + std::to_string(i) + "]");
  }
}

}  // namespace

TEST_CASE("JSON report is streamed byte for byte as nlohmann's dump(2) printed it", "[report][json]") {
  Scanned s = scan_with_rules(fs::path(DRLINT_TESTDATA) / "examples" / "aks-platform");
  std::vector<Finding>& f = s.scan->findings;
  REQUIRE(f.size() >= 6);
  // Every optional member: baseline states, an absent finding, suppressions,
  // a rule outside the catalog, a finding without a location, vanished results.
  f[0].baseline = Finding::BaselineState::kNew;
  f[1].baseline = Finding::BaselineState::kUnchanged;
  f[2].baseline = Finding::BaselineState::kAbsent;
  f[3].suppression = Suppression{Suppression::Kind::kExternal, "accepted \"for now\"", SourceLoc{}};
  f[4].rule_id = "DR999";
  f[5].loc = SourceLoc{};
  std::vector<baseline::AbsentResult> absent(1);
  absent[0] = {"DR010", "warning", "gone\ttab", "k8s/pvc.yaml", 7, 3, "0123456789abcdef:1"};
  s.scan->stats.seconds = 12.0;
  report::Options o = report_options(s);
  o.absent = &absent;
  std::string out = render(report::write_json, *s.scan, o);

  // Same text as the tree would print: key order, indentation, escaping,
  // numbers, the final newline.
  json doc = json::parse(out);
  CHECK(doc.dump(2, ' ', false, json::error_handler_t::replace) + "\n" == out);
  require_sorted_keys(nlohmann::ordered_json::parse(out), "$");
  // A double stays a double ("12.0", not "12").
  CHECK(doc["summary"]["seconds"].is_number_float());
  CHECK(out.find("\n    \"seconds\": 12.0\n") != std::string::npos);

  CHECK(doc["findings"].size() == f.size() - 1);
  REQUIRE(doc["absent"].size() == 2);
  CHECK(doc["absent"][0]["baseline_state"] == "absent");
  CHECK_FALSE(doc["absent"][0].contains("uri"));
  CHECK(doc["absent"][1]["uri"] == "k8s/pvc.yaml");
  CHECK(doc["summary"]["baseline"] == json({{"absent", 2}, {"new", 1}, {"unchanged", 1}}));
  CHECK(doc["findings"][2]["suppressed"] == json({{"justification", "accepted \"for now\""}, {"kind", "external"}}));
  CHECK(doc["findings"][3]["name"] == "");
  CHECK(doc["findings"][4]["location"].is_null());
  CHECK(doc["rules"].size() == rules::all_rules().size() + 1);
  CHECK(doc["rules"].back()["id"] == "DR999");
  int total = 0;
  for (const json& r : doc["rules"])
    total += r["error"].get<int>() + r["warning"].get<int>() + r["note"].get<int>() + r["suppressed"].get<int>();
  CHECK(total == static_cast<int>(doc["findings"].size()));
}

TEST_CASE("JSON report replaces invalid UTF-8 and prints large sizes as nlohmann did", "[report][json]") {
  TempRepo repo;
  repo.write("big.yaml",
             "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: big\n  annotations:\n    drlint.io/rto: \"1h\"\n"
             "---\napiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: data\n  namespace: big\n"
             "spec:\n  storageClassName: managed-csi-zrs\n  resources:\n    requests:\n      storage: 12Ei\n");
  Scanned s = scan_with_rules(repo.path());
  REQUIRE(!s.scan->findings.empty());
  // One U+FFFD per truncated sequence, one per stray byte (error_handler_t::replace).
  const std::string bad = "caf\xe2\x82 \xff! \xf0\x9f\x98";
  s.scan->findings.front().message = bad;
  std::string out = render(report::write_json, *s.scan, report_options(s));
  json doc = json::parse(out);
  CHECK(doc.dump(2, ' ', false, json::error_handler_t::replace) + "\n" == out);
  CHECK(doc["findings"][0]["message"] == "caf\xef\xbf\xbd \xef\xbf\xbd! \xef\xbf\xbd");
  CHECK(out.find(json(bad).dump(-1, ' ', false, json::error_handler_t::replace)) != std::string::npos);

  // 12 EiB is above INT64_MAX: an unsigned number, not a negative one.
  const json* big = nullptr;
  for (const json& n : doc["namespaces"])
    if (n["name"] == "big") big = &n;
  REQUIRE(big != nullptr);
  CHECK((*big)["estimated_rto"]["data_bytes"].get<std::uint64_t>() == 12ull << 60);
  CHECK(out.find("\"data_bytes\": 13835058055282163712") != std::string::npos);
}
