// SARIF 2.1.0 for GitHub code scanning (see shared/schemas/GITHUB-SARIF-NOTES.md):
// one run, every rule with full metadata, repository-relative URIs under
// %SRCROOT%, UTF-16 columns, stable partialFingerprints, relatedLocations
// linked from the message, suppressions with `status`.
#include <algorithm>
#include <map>

#include "analyzer/load/source_table.h"
#include "analyzer/report/fingerprint.h"
#include "analyzer/report/json_stream.h"
#include "analyzer/report/report.h"
#include "analyzer/report/text_util.h"
#include "analyzer/scan/scan.h"
#include "rules/registry.h"

namespace drlint::report {
namespace {

void write_region(JsonStream& j, const SourceLoc& loc, const load::SourceTable& sources) {
  // Clamp to the file so a region never points past its end.
  std::uint32_t lines = std::max<std::uint32_t>(sources.line_count(loc.file), 1);
  std::uint32_t sl = std::clamp<std::uint32_t>(loc.line, 1, lines);
  std::uint32_t el = loc.end_line >= sl ? std::min(loc.end_line, lines) : sl;
  std::string_view start_text = sources.line_text(loc.file, sl);
  std::string_view end_text = el == sl ? start_text : sources.line_text(loc.file, el);
  std::uint32_t sc = utf16_column(start_text, std::max<std::uint32_t>(loc.column, 1));
  j.key("region").begin_object();
  if (loc.end_line >= loc.line && loc.end_column > 0) {
    std::uint32_t ec = utf16_column(end_text, loc.end_column);
    if (el == sl && ec < sc) ec = sc;
    j.member("endColumn", ec).member("endLine", el);
  }
  j.member("startColumn", sc).member("startLine", sl);
  j.end_object();
}

// The members of a location object (the caller opens and closes it).
void write_location_members(JsonStream& j, const SourceLoc& loc, const load::SourceTable& sources) {
  j.key("physicalLocation").begin_object();
  j.key("artifactLocation").begin_object();
  j.member("uri", percent_encode_path(sources.path(loc.file))).member("uriBaseId", "%SRCROOT%");
  j.end_object();
  write_region(j, loc, sources);
  j.end_object();
}

void write_rule(JsonStream& j, const rules::RuleInfo& info, const Options& options) {
  std::string base = options.help_uri_base.empty() ? kDefaultHelpUriBase : options.help_uri_base;
  j.begin_object();
  j.key("defaultConfiguration").begin_object().member("level", level_name(info.level)).end_object();
  j.key("fullDescription").begin_object().member("text", info.description).end_object();
  j.key("help").begin_object().member("markdown", info.help_markdown).member("text", info.help_markdown).end_object();
  j.member("helpUri", base + std::string(info.id) + ".md");
  j.member("id", info.id).member("name", info.name);
  j.key("properties").begin_object();
  j.member("precision", "high");
  if (!info.security_severity.empty()) j.member("security-severity", info.security_severity);
  j.key("tags").begin_array();
  for (std::string_view t : info.tags) j.value(t);
  j.end_array();
  j.end_object();
  j.key("shortDescription").begin_object().member("text", info.summary).end_object();
  j.end_object();
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

void write_result(JsonStream& j, const Finding& f, const std::string& fingerprint, const scan::Result& scan,
                  const std::map<std::string_view, std::size_t>& rule_index) {
  const rules::RuleInfo* info = rules::find_rule(f.rule_id);
  // Brackets in plain text would read as SARIF message links: escape them.
  std::string message = escape_markdown_link_text(f.message);
  if (message.empty()) message = escape_markdown_link_text(info ? std::string(info->summary) : f.rule_id);
  int related = 0;
  for (const RelatedLocation& rl : f.related) {
    if (!rl.loc.valid()) continue;
    // Link each related location from the message, as GitHub renders it.
    message += (++related == 1 ? " See " : ", ");
    message += "[" + escape_markdown_link_text(rl.message.empty() ? "related" : rl.message) + "](" +
               std::to_string(related) + ")";
  }
  if (related > 0) message += ".";

  j.begin_object();
  if (const char* b = baseline_name(f.baseline)) j.member("baselineState", b);
  j.member("level", level_name(f.level));
  j.key("locations").begin_array().begin_object();
  write_location_members(j, f.loc, scan.sources);
  j.end_object().end_array();
  j.key("message").begin_object().member("text", message).end_object();
  j.key("partialFingerprints").begin_object().member("primaryLocationLineHash", fingerprint).end_object();
  if (related > 0) {
    j.key("relatedLocations").begin_array();
    int id = 0;
    for (const RelatedLocation& rl : f.related) {
      if (!rl.loc.valid()) continue;
      j.begin_object();
      j.member("id", ++id);
      j.key("message").begin_object();
      j.member("text", rl.message.empty() ? std::string_view("related location") : std::string_view(rl.message));
      j.end_object();
      write_location_members(j, rl.loc, scan.sources);
      j.end_object();
    }
    j.end_array();
  }
  j.member("ruleId", f.rule_id);
  if (auto it = rule_index.find(f.rule_id); it != rule_index.end()) j.member("ruleIndex", it->second);
  if (f.suppression) {
    j.key("suppressions").begin_array().begin_object();
    if (!f.suppression->justification.empty()) j.member("justification", f.suppression->justification);
    j.member("kind", f.suppression->kind == Suppression::Kind::kInSource ? "inSource" : "external");
    if (f.suppression->loc.valid()) {
      j.key("location").begin_object();
      write_location_members(j, f.suppression->loc, scan.sources);
      j.end_object();
    }
    j.member("status", "accepted");
    j.end_object().end_array();
  }
  j.end_object();
}

}  // namespace

void write_sarif(const scan::Result& scan, const Options& options, std::ostream& out) {
  const auto& all = rules::all_rules();
  std::map<std::string_view, std::size_t> rule_index;
  for (const rules::Rule& r : all) rule_index.emplace(r.info->id, rule_index.size());
  std::vector<std::string> fps = fingerprints(scan.findings, scan.sources);
  std::string root_uri = "file://" + percent_encode_path(scan.root);
  if (root_uri.back() != '/') root_uri += '/';
  std::string info_uri = std::string(kDefaultHelpUriBase).substr(0, std::string(kDefaultHelpUriBase).find("/blob/"));

  JsonStream j(&out);
  j.begin_object();
  j.member("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
  j.key("runs").begin_array().begin_object();
  j.key("automationDetails").begin_object().member("id", "drlint/").end_object();
  j.member("columnKind", "utf16CodeUnits");
  j.key("originalUriBaseIds").begin_object();
  j.key("%SRCROOT%").begin_object().member("uri", root_uri).end_object();
  j.end_object();
  j.key("results").begin_array();
  for (std::size_t i = 0; i < scan.findings.size(); ++i) {
    const Finding& f = scan.findings[i];
    // GitHub places an alert only at a file location, and it ignores
    // baselineState: an "absent" result would open an alert for a problem
    // that is gone. Absent results are listed by the JSON/Markdown/HTML reports.
    if (!f.loc.valid() || f.loc.file >= scan.sources.size()) continue;
    if (f.baseline == Finding::BaselineState::kAbsent) continue;
    write_result(j, f, fps[i], scan, rule_index);
    j.spill();
  }
  j.end_array();
  j.key("tool").begin_object().key("driver").begin_object();
  j.member("informationUri", info_uri).member("name", "drlint");
  j.key("rules").begin_array();
  for (const rules::Rule& r : all) write_rule(j, *r.info, options);
  j.end_array();
  j.member("semanticVersion", options.tool_version).member("version", options.tool_version);
  j.end_object().end_object();
  j.end_object().end_array();
  j.member("version", "2.1.0");
  j.end_object();
  j.finish();
}

}  // namespace drlint::report
