// drlint's own JSON report (schema "drlint-report/1", documented in
// docs/json-report.md): for scripts and dashboards. Additions within
// version 1 only add fields; a removed or retyped field is version 2.
#include <map>

#include <nlohmann/json.hpp>

#include "analyzer/baseline/baseline.h"
#include "analyzer/load/source_table.h"
#include "analyzer/report/audit_model.h"
#include "analyzer/report/fingerprint.h"
#include "analyzer/report/report.h"
#include "analyzer/scan/scan.h"
#include "rules/registry.h"

namespace drlint::report {
namespace {
using nlohmann::json;

json loc_json(const load::SourceTable& sources, const SourceLoc& loc) {
  if (!loc.valid() || loc.file >= sources.size()) return nullptr;
  return {{"file", sources.path(loc.file)},
          {"line", loc.line},
          {"column", loc.column},
          {"end_line", loc.end_line},
          {"end_column", loc.end_column}};
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

json objective_json(const load::SourceTable& sources, const Objective& o) {
  if (!o.declared) return nullptr;
  return {{"seconds", o.value}, {"text", o.text}, {"source", o.source}, {"location", loc_json(sources, o.loc)}};
}

json namespaces_json(const scan::Result& scan, const AuditModel& m) {
  json out = json::array();
  for (const NamespaceAudit& n : m.namespaces) {
    const RtoEstimate& e = n.rto_estimate;
    json estimate = {{"known", e.known},
                     {"seconds", e.known ? json(e.total) : json(nullptr)},
                     {"detection_seconds", e.detection},
                     {"decision_seconds", e.decision},
                     {"restore_seconds", e.restore},
                     {"validation_seconds", e.validation},
                     {"data_bytes", e.bytes},
                     {"volumes", e.volumes}};
    if (!e.known) estimate["reason"] = e.reason;
    out.push_back({{"name", n.name},
                   {"location", loc_json(scan.sources, n.loc)},
                   {"declared", n.declared},
                   {"workloads", n.workloads},
                   {"pvcs", n.pvcs},
                   {"rpo", objective_json(scan.sources, n.rpo)},
                   {"rto", objective_json(scan.sources, n.rto)},
                   {"objective_problems", n.objective_problems},
                   {"covered", n.covered},
                   {"covered_by", n.covered_by},
                   {"effective_rpo",
                    {{"seconds", n.effective_rpo_known ? json(n.effective_rpo) : json(nullptr)},
                     {"text", n.effective_rpo_text},
                     {"via", n.effective_rpo_via}}},
                   {"estimated_rto", estimate},
                   {"rpo_status", status_name(n.rpo_verdict)},
                   {"rto_status", status_name(n.rto_verdict)},
                   {"status", status_name(n.verdict)}});
  }
  return out;
}

}  // namespace

void write_json(const scan::Result& scan, const Options& options, std::ostream& out) {
  std::vector<std::string> fps = fingerprints(scan.findings, scan.sources);
  AuditModel m = build_audit_model(scan, options.config, options.absent, options.tool_version, options.generated_at);

  json findings = json::array();
  json counts = {{"error", 0}, {"warning", 0}, {"note", 0}, {"suppressed", 0}};
  json baseline_counts = {{"new", 0}, {"unchanged", 0}, {"absent", 0}};
  // The CLI always passes the (maybe empty) list: a baseline shows in the
  // findings' states or in vanished results.
  bool has_baseline = options.absent != nullptr && !options.absent->empty();
  std::map<std::string, json> per_rule;
  for (const rules::Rule& r : rules::all_rules())
    per_rule[std::string(r.info->id)] = {{"id", std::string(r.info->id)},
                                         {"name", std::string(r.info->name)},
                                         {"default_level", level_name(r.info->level)},
                                         {"error", 0},
                                         {"warning", 0},
                                         {"note", 0},
                                         {"suppressed", 0}};
  json absent = json::array();
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
      if (rj.is_null()) continue;
      rj["message"] = r.message;
      related.push_back(rj);
    }
    j["related"] = related;
    if (const char* b = baseline_name(f.baseline)) {
      j["baseline_state"] = b;
      has_baseline = true;
      baseline_counts[b] = baseline_counts[b].get<int>() + 1;
    }
    if (f.baseline == Finding::BaselineState::kAbsent) {
      absent.push_back(std::move(j));
      continue;
    }
    json& rc = per_rule[f.rule_id];
    if (rc.is_null()) rc = {{"id", f.rule_id}, {"name", ""}, {"default_level", level_name(f.level)}, {"error", 0},
                            {"warning", 0}, {"note", 0}, {"suppressed", 0}};
    if (f.suppression) {
      j["suppressed"] = {{"kind", f.suppression->kind == Suppression::Kind::kInSource ? "inSource" : "external"},
                         {"justification", f.suppression->justification}};
      counts["suppressed"] = counts["suppressed"].get<int>() + 1;
      rc["suppressed"] = rc["suppressed"].get<int>() + 1;
    } else {
      counts[level_name(f.level)] = counts[level_name(f.level)].get<int>() + 1;
      rc[level_name(f.level)] = rc[level_name(f.level)].get<int>() + 1;
    }
    findings.push_back(std::move(j));
  }
  if (options.absent)
    for (const baseline::AbsentResult& r : *options.absent) {
      absent.push_back({{"rule", r.rule_id},
                        {"level", r.level},
                        {"message", r.message},
                        {"uri", r.uri},
                        {"line", r.line},
                        {"column", r.column},
                        {"fingerprint", r.fingerprint},
                        {"baseline_state", "absent"}});
      baseline_counts["absent"] = baseline_counts["absent"].get<int>() + 1;
    }
  json rules_json = json::array();
  for (auto& [id, rc] : per_rule) rules_json.push_back(rc);

  json definitions = json::array();
  for (std::size_t i = 0; i < m.definitions.size(); ++i) {
    const BackupDefinitionAudit& d = m.definitions[i];
    definitions.push_back({{"name", d.label},
                           {"kind", d.kind},
                           {"location", loc_json(scan.sources, d.loc)},
                           {"cadence", d.cadence},
                           {"cadence_seconds", d.cadence_seconds ? json(d.cadence_seconds) : json(nullptr)},
                           {"retention", d.retention},
                           {"storage", d.storage},
                           {"restore_drills", d.restore_drills},
                           {"namespaces", d.namespaces}});
  }
  json storage = json::array();
  for (const StorageAudit& s : m.storage)
    storage.push_back({{"kind", s.kind},
                       {"name", s.name},
                       {"address", s.address},
                       {"location", loc_json(scan.sources, s.loc)},
                       {"region", s.region.empty() ? json(nullptr) : json(s.region)},
                       {"redundancy", s.redundancy},
                       {"cluster", s.cluster.empty() ? json(nullptr) : json(s.cluster)},
                       {"cluster_region", s.cluster_region.empty() ? json(nullptr) : json(s.cluster_region)},
                       {"leaves_region", s.off_region},
                       {"notes", s.notes}});

  json skipped = json::array();
  for (const auto& s : scan.skipped) skipped.push_back({{"path", s.path}, {"reason", s.reason}});
  json summary = {{"files", scan.stats.files},
                  {"bytes", scan.stats.bytes},
                  {"seconds", scan.stats.seconds},
                  {"counts", counts},
                  {"namespaces", m.namespaces.size()},
                  {"namespaces_failing", m.namespaces_failing()},
                  {"namespaces_with_objectives", m.namespaces_with_objectives()}};
  if (has_baseline) summary["baseline"] = baseline_counts;
  json doc = {{"schema", "drlint-report/1"},
              {"tool", {{"name", "drlint"}, {"version", options.tool_version}}},
              {"root", scan.root},
              {"summary", summary},
              {"rules", rules_json},
              {"namespaces", namespaces_json(scan, m)},
              {"backup_definitions", definitions},
              {"backup_storage", storage},
              {"recovery_assumptions",
               {{"detection_seconds", m.detection},
                {"decision_seconds", m.decision},
                {"validation_seconds", m.validation},
                {"restore_throughput", m.throughput_text},
                {"source", m.assumptions_source}}},
              {"findings", findings},
              {"absent", absent},
              {"skipped", skipped},
              {"errors", scan.errors}};
  out << doc.dump(2, ' ', false, json::error_handler_t::replace) << '\n';
}

}  // namespace drlint::report
