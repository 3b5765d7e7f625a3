// drlint's own JSON report (schema "drlint-report/1", documented in
// docs/json-report.md): for scripts and dashboards. Additions within
// version 1 only add fields; a removed or retyped field is version 2.
//
// Streamed through JsonStream (as the SARIF report is): no tree of every
// finding is built, the text goes to the output as it grows. The bytes are
// those the former nlohmann::json tree printed with dump(2, ' ', false,
// error_handler_t::replace), and consumers may diff reports, so:
// - every object's keys are written in byte order (nlohmann's objects are
//   std::maps), whatever order reads best in the code;
// - doubles are formatted by nlohmann; unsigned numbers are not cast to int64;
// - strings with non-ASCII bytes are escaped by nlohmann (see put_string).
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "analyzer/baseline/baseline.h"
#include "analyzer/load/source_table.h"
#include "analyzer/report/audit_model.h"
#include "analyzer/report/fingerprint.h"
#include "analyzer/report/json_stream.h"
#include "analyzer/report/report.h"
#include "analyzer/scan/scan.h"
#include "rules/registry.h"

namespace drlint::report {
namespace {

void put_null(JsonStream& j) { j.raw("null"); }

void put_string(JsonStream& j, std::string_view s) {
  // ASCII is escaped alike by JsonStream and nlohmann. Invalid UTF-8 is not:
  // JsonStream writes one U+FFFD per bad byte, nlohmann one per truncated
  // sequence ("caf\xe2\x82" -> one). Non-ASCII text is rare in a report:
  // nlohmann escapes it.
  for (char c : s)
    if (static_cast<unsigned char>(c) >= 0x80) {
      j.raw(nlohmann::json(std::string(s)).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
      return;
    }
  j.value(s);
}

void put_uint(JsonStream& j, std::uint64_t n) { j.raw(std::to_string(n)); }
void put_int(JsonStream& j, std::int64_t n) { j.value(n); }
void put_int_or_null(JsonStream& j, bool known, std::int64_t n) {
  if (known) put_int(j, n);
  else put_null(j);
}
void put_double(JsonStream& j, double d) { j.raw(nlohmann::json(d).dump()); }  // 0.5, 12.0, 1e-05

void put_strings(JsonStream& j, const std::vector<std::string>& v) {
  j.begin_array();
  for (const std::string& s : v) put_string(j, s);
  j.end_array();
}

bool has_loc(const load::SourceTable& sources, const SourceLoc& loc) {
  return loc.valid() && loc.file < sources.size();
}

// The members of a location object, in key order: column, end_column,
// end_line, file, line (a related location adds "message" after them).
void put_loc_members(JsonStream& j, const load::SourceTable& sources, const SourceLoc& loc) {
  put_uint(j.key("column"), loc.column);
  put_uint(j.key("end_column"), loc.end_column);
  put_uint(j.key("end_line"), loc.end_line);
  put_string(j.key("file"), sources.path(loc.file));
  put_uint(j.key("line"), loc.line);
}

// A location object, or null where a thing has none.
void put_loc(JsonStream& j, const load::SourceTable& sources, const SourceLoc& loc) {
  if (!has_loc(sources, loc)) return put_null(j);
  j.begin_object();
  put_loc_members(j, sources, loc);
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

// Status words for dashboards: pass | fail | unknown | not_declared.
const char* status_name(Verdict v) { return v == Verdict::kNotDeclared ? "not_declared" : verdict_name(v); }

struct LevelCounts {
  std::int64_t error = 0, warning = 0, note = 0, suppressed = 0;
  void add(const Finding& f) {
    if (f.suppression) {
      ++suppressed;
      return;
    }
    switch (f.level) {
      case Level::kError: ++error; break;
      case Level::kWarning: ++warning; break;
      case Level::kNote: ++note; break;
    }
  }
  // Members in key order: error, note, suppressed, warning.
  void put_members(JsonStream& j) const {
    put_int(j.key("error"), error);
    put_int(j.key("note"), note);
    put_int(j.key("suppressed"), suppressed);
    put_int(j.key("warning"), warning);
  }
};

struct RuleRow {
  std::string id;
  std::string_view name;
  const char* default_level = "";
  LevelCounts counts;
};

void put_finding(JsonStream& j, const scan::Result& scan, const Finding& f, const std::string& fingerprint) {
  const rules::RuleInfo* info = rules::find_rule(f.rule_id);
  j.begin_object();
  if (const char* b = baseline_name(f.baseline)) put_string(j.key("baseline_state"), b);
  put_string(j.key("fingerprint"), fingerprint);
  put_string(j.key("level"), level_name(f.level));
  put_loc(j.key("location"), scan.sources, f.loc);
  put_string(j.key("message"), f.message);
  put_string(j.key("name"), info ? info->name : std::string_view());
  j.key("related").begin_array();
  for (const RelatedLocation& r : f.related) {
    if (!has_loc(scan.sources, r.loc)) continue;
    j.begin_object();
    put_loc_members(j, scan.sources, r.loc);
    put_string(j.key("message"), r.message);
    j.end_object();
  }
  j.end_array();
  put_string(j.key("rule"), f.rule_id);
  // Absent findings are listed as they were, without their suppression.
  if (f.suppression && f.baseline != Finding::BaselineState::kAbsent) {
    j.key("suppressed").begin_object();
    put_string(j.key("justification"), f.suppression->justification);
    put_string(j.key("kind"), f.suppression->kind == Suppression::Kind::kInSource ? "inSource" : "external");
    j.end_object();
  }
  j.end_object();
}

void put_absent_result(JsonStream& j, const baseline::AbsentResult& r) {
  j.begin_object();
  put_string(j.key("baseline_state"), "absent");
  put_uint(j.key("column"), r.column);
  put_string(j.key("fingerprint"), r.fingerprint);
  put_string(j.key("level"), r.level);
  put_uint(j.key("line"), r.line);
  put_string(j.key("message"), r.message);
  put_string(j.key("rule"), r.rule_id);
  put_string(j.key("uri"), r.uri);
  j.end_object();
}

void put_objective(JsonStream& j, const load::SourceTable& sources, const Objective& o) {
  if (!o.declared) return put_null(j);
  j.begin_object();
  put_loc(j.key("location"), sources, o.loc);
  put_int(j.key("seconds"), o.value);
  put_string(j.key("source"), o.source);
  put_string(j.key("text"), o.text);
  j.end_object();
}

void put_namespace(JsonStream& j, const scan::Result& scan, const NamespaceAudit& n) {
  const RtoEstimate& e = n.rto_estimate;
  j.begin_object();
  j.key("covered").value(n.covered);
  put_strings(j.key("covered_by"), n.covered_by);
  j.key("declared").value(n.declared);
  j.key("effective_rpo").begin_object();
  put_int_or_null(j.key("seconds"), n.effective_rpo_known, n.effective_rpo);
  put_string(j.key("text"), n.effective_rpo_text);
  put_string(j.key("via"), n.effective_rpo_via);
  j.end_object();
  j.key("estimated_rto").begin_object();
  put_uint(j.key("data_bytes"), e.bytes);
  put_int(j.key("decision_seconds"), e.decision);
  put_int(j.key("detection_seconds"), e.detection);
  j.key("known").value(e.known);
  if (!e.known) put_string(j.key("reason"), e.reason);
  put_int(j.key("restore_seconds"), e.restore);
  put_int_or_null(j.key("seconds"), e.known, e.total);
  put_int(j.key("validation_seconds"), e.validation);
  put_uint(j.key("volumes"), e.volumes);
  j.end_object();
  put_loc(j.key("location"), scan.sources, n.loc);
  put_string(j.key("name"), n.name);
  put_strings(j.key("objective_problems"), n.objective_problems);
  put_uint(j.key("pvcs"), n.pvcs);
  put_objective(j.key("rpo"), scan.sources, n.rpo);
  put_string(j.key("rpo_status"), status_name(n.rpo_verdict));
  put_objective(j.key("rto"), scan.sources, n.rto);
  put_string(j.key("rto_status"), status_name(n.rto_verdict));
  put_string(j.key("status"), status_name(n.verdict));
  put_uint(j.key("workloads"), n.workloads);
  j.end_object();
}

void put_definition(JsonStream& j, const scan::Result& scan, const BackupDefinitionAudit& d) {
  j.begin_object();
  put_string(j.key("cadence"), d.cadence);
  put_int_or_null(j.key("cadence_seconds"), d.cadence_seconds != 0, d.cadence_seconds);
  put_string(j.key("kind"), d.kind);
  put_loc(j.key("location"), scan.sources, d.loc);
  put_string(j.key("name"), d.label);
  put_strings(j.key("namespaces"), d.namespaces);
  put_uint(j.key("restore_drills"), d.restore_drills);
  put_string(j.key("retention"), d.retention);
  put_string(j.key("storage"), d.storage);
  j.end_object();
}

void put_string_or_null(JsonStream& j, const std::string& s) {
  if (s.empty()) put_null(j);
  else put_string(j, s);
}

void put_storage(JsonStream& j, const scan::Result& scan, const StorageAudit& s) {
  j.begin_object();
  put_string(j.key("address"), s.address);
  put_string_or_null(j.key("cluster"), s.cluster);
  put_string_or_null(j.key("cluster_region"), s.cluster_region);
  put_string(j.key("kind"), s.kind);
  put_string(j.key("leaves_region"), s.off_region);
  put_loc(j.key("location"), scan.sources, s.loc);
  put_string(j.key("name"), s.name);
  put_strings(j.key("notes"), s.notes);
  put_string(j.key("redundancy"), s.redundancy);
  put_string_or_null(j.key("region"), s.region);
  j.end_object();
}

}  // namespace

void write_json(const scan::Result& scan, const Options& options, std::ostream& out) {
  std::vector<std::string> fps = fingerprints(scan.findings, scan.sources);
  AuditModel m = build_audit_model(scan, options.config, options.absent, options.tool_version, options.generated_at);

  // Counts first: "rules" and "summary" come after "findings" in key order,
  // but "absent" comes before it.
  LevelCounts counts;
  std::int64_t new_count = 0, unchanged_count = 0, absent_count = 0;
  // The CLI always passes the (maybe empty) list: a baseline shows in the
  // findings' states or in vanished results.
  bool has_baseline = options.absent != nullptr && !options.absent->empty();
  std::map<std::string, RuleRow> per_rule;
  for (const rules::Rule& r : rules::all_rules())
    per_rule[std::string(r.info->id)] = {std::string(r.info->id), r.info->name, level_name(r.info->level), {}};
  bool any_absent_finding = false;
  for (const Finding& f : scan.findings) {
    switch (f.baseline) {
      case Finding::BaselineState::kNew: ++new_count; break;
      case Finding::BaselineState::kUnchanged: ++unchanged_count; break;
      case Finding::BaselineState::kAbsent: ++absent_count; break;
      case Finding::BaselineState::kNone: break;
    }
    if (f.baseline != Finding::BaselineState::kNone) has_baseline = true;
    if (f.baseline == Finding::BaselineState::kAbsent) {
      any_absent_finding = true;
      continue;
    }
    auto [it, added] = per_rule.try_emplace(f.rule_id);
    if (added) it->second = {f.rule_id, std::string_view(), level_name(f.level), {}};
    it->second.counts.add(f);
    counts.add(f);
  }
  if (options.absent) absent_count += static_cast<std::int64_t>(options.absent->size());

  JsonStream j(&out);
  j.begin_object();

  j.key("absent").begin_array();
  if (any_absent_finding)
    for (std::size_t i = 0; i < scan.findings.size(); ++i)
      if (scan.findings[i].baseline == Finding::BaselineState::kAbsent) {
        put_finding(j, scan, scan.findings[i], fps[i]);
        j.spill();
      }
  if (options.absent)
    for (const baseline::AbsentResult& r : *options.absent) {
      put_absent_result(j, r);
      j.spill();
    }
  j.end_array();

  j.key("backup_definitions").begin_array();
  for (const BackupDefinitionAudit& d : m.definitions) put_definition(j, scan, d);
  j.end_array();
  j.key("backup_storage").begin_array();
  for (const StorageAudit& s : m.storage) put_storage(j, scan, s);
  j.end_array();
  put_strings(j.key("errors"), scan.errors);
  j.spill();

  j.key("findings").begin_array();
  for (std::size_t i = 0; i < scan.findings.size(); ++i) {
    if (scan.findings[i].baseline == Finding::BaselineState::kAbsent) continue;
    put_finding(j, scan, scan.findings[i], fps[i]);
    j.spill();
  }
  j.end_array();

  j.key("namespaces").begin_array();
  for (const NamespaceAudit& n : m.namespaces) {
    put_namespace(j, scan, n);
    j.spill();
  }
  j.end_array();

  j.key("recovery_assumptions").begin_object();
  put_int(j.key("decision_seconds"), m.decision);
  put_int(j.key("detection_seconds"), m.detection);
  put_string(j.key("restore_throughput"), m.throughput_text);
  put_string(j.key("source"), m.assumptions_source);
  put_int(j.key("validation_seconds"), m.validation);
  j.end_object();

  put_string(j.key("root"), scan.root);

  j.key("rules").begin_array();
  for (const auto& [id, r] : per_rule) {
    j.begin_object();
    put_string(j.key("default_level"), r.default_level);
    put_int(j.key("error"), r.counts.error);
    put_string(j.key("id"), r.id);
    put_string(j.key("name"), r.name);
    put_int(j.key("note"), r.counts.note);
    put_int(j.key("suppressed"), r.counts.suppressed);
    put_int(j.key("warning"), r.counts.warning);
    j.end_object();
  }
  j.end_array();

  put_string(j.key("schema"), "drlint-report/1");

  j.key("skipped").begin_array();
  for (const auto& s : scan.skipped) {
    j.begin_object();
    put_string(j.key("path"), s.path);
    put_string(j.key("reason"), s.reason);
    j.end_object();
  }
  j.end_array();

  j.key("summary").begin_object();
  if (has_baseline) {
    j.key("baseline").begin_object();
    put_int(j.key("absent"), absent_count);
    put_int(j.key("new"), new_count);
    put_int(j.key("unchanged"), unchanged_count);
    j.end_object();
  }
  put_uint(j.key("bytes"), scan.stats.bytes);
  j.key("counts").begin_object();
  counts.put_members(j);
  j.end_object();
  put_uint(j.key("files"), scan.stats.files);
  put_uint(j.key("namespaces"), m.namespaces.size());
  put_uint(j.key("namespaces_failing"), m.namespaces_failing());
  put_uint(j.key("namespaces_with_objectives"), m.namespaces_with_objectives());
  put_double(j.key("seconds"), scan.stats.seconds);
  j.end_object();

  j.key("tool").begin_object();
  put_string(j.key("name"), "drlint");
  put_string(j.key("version"), options.tool_version);
  j.end_object();

  j.end_object();
  j.finish();
}

}  // namespace drlint::report
