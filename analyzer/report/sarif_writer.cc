// SARIF 2.1.0 for GitHub code scanning (see shared/schemas/GITHUB-SARIF-NOTES.md):
// one run, every rule with full metadata, repository-relative URIs under
// %SRCROOT%, UTF-16 columns, stable partialFingerprints, relatedLocations
// linked from the message, suppressions with `status`.
#include <algorithm>
#include <map>

#include <nlohmann/json.hpp>

#include "analyzer/load/source_table.h"
#include "analyzer/report/fingerprint.h"
#include "analyzer/report/report.h"
#include "analyzer/report/text_util.h"
#include "analyzer/scan/scan.h"
#include "rules/registry.h"

namespace drlint::report {
namespace {

using nlohmann::json;

json region_json(const SourceLoc& loc, const load::SourceTable& sources) {
  // Clamp to the file so a region never points past its end.
  const std::string& content = sources.get(loc.file).content;
  std::uint32_t lines = count_lines(content);
  std::uint32_t sl = std::clamp<std::uint32_t>(loc.line, 1, std::max<std::uint32_t>(lines, 1));
  std::uint32_t el = loc.end_line >= sl ? std::min(loc.end_line, std::max<std::uint32_t>(lines, 1)) : sl;
  std::string_view start_text = sources.line_text(loc.file, sl);
  std::string_view end_text = el == sl ? start_text : sources.line_text(loc.file, el);
  std::uint32_t sc = utf16_column(start_text, std::max<std::uint32_t>(loc.column, 1));
  json r = {{"startLine", sl}, {"startColumn", sc}};
  if (loc.end_line >= loc.line && loc.end_column > 0) {
    std::uint32_t ec = utf16_column(end_text, loc.end_column);
    if (el == sl && ec < sc) ec = sc;
    r["endLine"] = el;
    r["endColumn"] = ec;
  }
  return r;
}

json location_json(const SourceLoc& loc, const load::SourceTable& sources) {
  return {{"physicalLocation",
           {{"artifactLocation", {{"uri", percent_encode_path(sources.path(loc.file))}, {"uriBaseId", "%SRCROOT%"}}},
            {"region", region_json(loc, sources)}}}};
}

json rule_json(const rules::RuleInfo& info, const Options& options) {
  json tags = json::array();
  for (std::string_view t : info.tags) tags.push_back(std::string(t));
  json props = {{"tags", tags}, {"precision", "high"}};
  if (!info.security_severity.empty()) props["security-severity"] = std::string(info.security_severity);
  std::string base = options.help_uri_base.empty() ? kDefaultHelpUriBase : options.help_uri_base;
  return {{"id", std::string(info.id)},
          {"name", std::string(info.name)},
          {"shortDescription", {{"text", std::string(info.summary)}}},
          {"fullDescription", {{"text", std::string(info.description)}}},
          {"help", {{"text", std::string(info.help_markdown)}, {"markdown", std::string(info.help_markdown)}}},
          {"helpUri", base + std::string(info.id) + ".md"},
          {"defaultConfiguration", {{"level", level_name(info.level)}}},
          {"properties", props}};
}

const char* baseline_name(Finding::BaselineState s) {
  switch (s) {
    case Finding::BaselineState::kNew: return "new";
    case Finding::BaselineState::kUnchanged: return "unchanged";
    case Finding::BaselineState::kAbsent: return "absent";
    case Finding::BaselineState::kNone: break;
  }
  return nullptr;
}

}  // namespace

void write_sarif(const scan::Result& scan, const Options& options, std::ostream& out) {
  const auto& all = rules::all_rules();
  std::map<std::string_view, std::size_t> rule_index;
  json rules_json = json::array();
  for (const rules::Rule& r : all) {
    rule_index[r.info->id] = rules_json.size();
    rules_json.push_back(rule_json(*r.info, options));
  }

  std::vector<std::string> fps = fingerprints(scan.findings, scan.sources);
  json results = json::array();
  for (std::size_t i = 0; i < scan.findings.size(); ++i) {
    const Finding& f = scan.findings[i];
    // GitHub places an alert only at a file location, and it ignores
    // baselineState: an "absent" result would open an alert for a problem
    // that is gone. Absent results are listed by the JSON/Markdown/HTML reports.
    if (!f.loc.valid() || f.loc.file >= scan.sources.size()) continue;
    if (f.baseline == Finding::BaselineState::kAbsent) continue;
    const rules::RuleInfo* info = rules::find_rule(f.rule_id);
    // Brackets in plain text would read as SARIF message links: escape them.
    std::string message = escape_markdown_link_text(f.message);
    if (message.empty()) message = escape_markdown_link_text(info ? std::string(info->summary) : f.rule_id);
    json related = json::array();
    for (std::size_t k = 0; k < f.related.size(); ++k) {
      const RelatedLocation& rl = f.related[k];
      if (!rl.loc.valid()) continue;
      int id = static_cast<int>(related.size()) + 1;
      json loc = location_json(rl.loc, scan.sources);
      loc["id"] = id;
      loc["message"] = {{"text", rl.message.empty() ? std::string("related location") : rl.message}};
      related.push_back(loc);
      // Link each related location from the message, as GitHub renders it.
      message += (id == 1 ? " See " : ", ");
      message += "[" + escape_markdown_link_text(rl.message.empty() ? "related" : rl.message) + "](" +
                 std::to_string(id) + ")";
    }
    if (!related.empty()) message += ".";
    json res = {{"ruleId", f.rule_id},
                {"level", level_name(f.level)},
                {"message", {{"text", message}}},
                {"locations", json::array({location_json(f.loc, scan.sources)})},
                {"partialFingerprints", {{"primaryLocationLineHash", fps[i]}}}};
    if (auto it = rule_index.find(f.rule_id); it != rule_index.end()) res["ruleIndex"] = it->second;
    if (!related.empty()) res["relatedLocations"] = related;
    if (f.suppression) {
      json s = {{"kind", f.suppression->kind == Suppression::Kind::kInSource ? "inSource" : "external"},
                {"status", "accepted"}};
      if (!f.suppression->justification.empty()) s["justification"] = f.suppression->justification;
      if (f.suppression->loc.valid()) s["location"] = location_json(f.suppression->loc, scan.sources);
      res["suppressions"] = json::array({s});
    }
    if (const char* b = baseline_name(f.baseline)) res["baselineState"] = b;
    results.push_back(std::move(res));
  }

  std::string root_uri = "file://" + percent_encode_path(scan.root);
  if (root_uri.back() != '/') root_uri += '/';
  json run = {
      {"tool",
       {{"driver",
         {{"name", "drlint"},
          {"semanticVersion", options.tool_version},
          {"version", options.tool_version},
          {"informationUri", std::string(kDefaultHelpUriBase).substr(0, std::string(kDefaultHelpUriBase).find("/blob/"))},
          {"rules", rules_json}}}}},
      {"automationDetails", {{"id", "drlint/"}}},
      {"originalUriBaseIds", {{"%SRCROOT%", {{"uri", root_uri}}}}},
      {"columnKind", "utf16CodeUnits"},
      {"results", results}};
  json doc = {{"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
              {"version", "2.1.0"},
              {"runs", json::array({run})}};
  out << doc.dump(2, ' ', false, json::error_handler_t::replace) << '\n';
}

}  // namespace drlint::report
