// GitLab Code Quality report (`--format codequality`): the JSON array that
// `artifacts:reports:codequality` reads and shows in merge requests. A subset
// of the Code Climate issue format, documented in docs/ci/gitlab.md:
//   [{"description", "check_name", "fingerprint", "severity",
//     "location": {"path", "lines": {"begin"}}}, ...]
//
// - severity: error -> critical, warning -> major, note -> minor.
// - Suppressed findings are left out (GitLab has no notion of a suppressed
//   issue; the SARIF report keeps them), and so are baseline-`absent` ones
//   (no longer present in the code). GitLab compares a merge request's report
//   with the target branch's itself, so baseline-`unchanged` findings stay.
// - fingerprint: report::fingerprints(), the same identity as SARIF's
//   partialFingerprints, so an issue survives edits elsewhere in the file and
//   GitLab shows it as "unchanged", not "fixed + new".
// - A finding without a source location (rare: a scan-wide condition) is
//   placed at the repository root ("." line 1): GitLab requires a location.
#include <nlohmann/json.hpp>

#include "analyzer/load/source_table.h"
#include "analyzer/report/fingerprint.h"
#include "analyzer/report/report.h"
#include "analyzer/scan/scan.h"
#include "rules/registry.h"

namespace drlint::report {
namespace {
using nlohmann::json;

const char* codequality_severity(Level level) {
  switch (level) {
    case Level::kError: return "critical";
    case Level::kWarning: return "major";
    case Level::kNote: return "minor";
  }
  return "info";
}
}  // namespace

void write_codequality(const scan::Result& scan, const Options& /*options*/, std::ostream& out) {
  std::vector<std::string> fps = fingerprints(scan.findings, scan.sources);
  json issues = json::array();
  for (std::size_t i = 0; i < scan.findings.size(); ++i) {
    const Finding& f = scan.findings[i];
    if (f.suppression) continue;
    if (f.baseline == Finding::BaselineState::kAbsent) continue;
    const rules::RuleInfo* info = rules::find_rule(f.rule_id);
    std::string name = info ? std::string(info->name) : std::string();
    std::string path = f.loc.valid() ? scan.sources.path(f.loc.file) : std::string();
    if (path.empty()) path = ".";
    std::uint32_t line = f.loc.valid() ? f.loc.line : 1;
    std::uint32_t end = f.loc.valid() && f.loc.end_line >= line ? f.loc.end_line : line;
    json lines = {{"begin", line}};
    if (end != line) lines["end"] = end;
    json issue = {{"type", "issue"},
                  {"check_name", f.rule_id},
                  {"description", f.rule_id + (name.empty() ? std::string() : " " + name) + ": " + f.message},
                  {"categories", json::array({"Bug Risk"})},
                  {"severity", codequality_severity(f.level)},
                  {"fingerprint", "drlint:" + fps[i]},
                  {"location", {{"path", path}, {"lines", lines}}}};
    issues.push_back(std::move(issue));
  }
  out << issues.dump(2, ' ', false, json::error_handler_t::replace) << '\n';
}

}  // namespace drlint::report
