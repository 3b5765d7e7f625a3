// drlint's own JSON report (schema "drlint-report/1", documented in
// docs/json-report.md): for scripts and dashboards.
#include <nlohmann/json.hpp>

#include "analyzer/load/source_table.h"
#include "analyzer/report/fingerprint.h"
#include "analyzer/report/report.h"
#include "analyzer/scan/scan.h"
#include "rules/registry.h"

namespace drlint::report {
namespace {
using nlohmann::json;

json loc_json(const load::SourceTable& sources, const SourceLoc& loc) {
  return {{"file", sources.path(loc.file)},
          {"line", loc.line},
          {"column", loc.column},
          {"end_line", loc.end_line},
          {"end_column", loc.end_column}};
}
}  // namespace

void write_json(const scan::Result& scan, const Options& options, std::ostream& out) {
  std::vector<std::string> fps = fingerprints(scan.findings, scan.sources);
  json findings = json::array();
  json counts = {{"error", 0}, {"warning", 0}, {"note", 0}, {"suppressed", 0}};
  for (std::size_t i = 0; i < scan.findings.size(); ++i) {
    const Finding& f = scan.findings[i];
    const rules::RuleInfo* info = rules::find_rule(f.rule_id);
    json j = {{"rule", f.rule_id},
              {"name", info ? std::string(info->name) : std::string()},
              {"level", level_name(f.level)},
              {"message", f.message},
              {"location", loc_json(scan.sources, f.loc)},
              {"fingerprint", fps[i]}};
    json related = json::array();
    for (const RelatedLocation& r : f.related) {
      json rj = loc_json(scan.sources, r.loc);
      rj["message"] = r.message;
      related.push_back(rj);
    }
    j["related"] = related;
    if (f.suppression) {
      j["suppressed"] = {{"kind", f.suppression->kind == Suppression::Kind::kInSource ? "inSource" : "external"},
                         {"justification", f.suppression->justification}};
      counts["suppressed"] = counts["suppressed"].get<int>() + 1;
    } else {
      counts[level_name(f.level)] = counts[level_name(f.level)].get<int>() + 1;
    }
    findings.push_back(std::move(j));
  }
  json skipped = json::array();
  for (const auto& s : scan.skipped) skipped.push_back({{"path", s.path}, {"reason", s.reason}});
  json doc = {{"schema", "drlint-report/1"},
              {"tool", {{"name", "drlint"}, {"version", options.tool_version}}},
              {"root", scan.root},
              {"summary",
               {{"files", scan.stats.files}, {"bytes", scan.stats.bytes}, {"seconds", scan.stats.seconds},
                {"counts", counts}}},
              {"findings", findings},
              {"skipped", skipped},
              {"errors", scan.errors}};
  out << doc.dump(2, ' ', false, json::error_handler_t::replace) << '\n';
}

}  // namespace drlint::report
