// The data of the DR audit report (Markdown and HTML): what an auditor asks
// about a platform's disaster recovery, gathered from a scan's graph, its
// findings and the configuration. Nothing here decides a finding: objectives
// and effective RPO come from rules/policy_query.h (the same functions the
// rules use), findings are only counted and listed.
//
// Per namespace: declared RPO/RTO and where they are declared, the effective
// RPO (the cadence of the best covering backup definition), the estimated
// restore-based RTO (detection + decision + data size / throughput +
// validation, from the recovery assumptions), and a verdict. Then the
// coverage matrix (namespaces x backup definitions), the backup storage
// (account, region, replication, the protected cluster's region), the
// findings by rule and level, the changes since the baseline, and the
// recovery assumptions used.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "analyzer/finding/finding.h"
#include "analyzer/util/source_loc.h"

namespace drlint::scan {
struct Result;
}
namespace drlint::config {
struct Config;
}
namespace drlint::baseline {
struct AbsentResult;
}

namespace drlint::report {

using Seconds = std::int64_t;

enum class Verdict : std::uint8_t {
  kPass,         // the objective is met
  kFail,         // it is not
  kUnknown,      // a deciding value cannot be read statically
  kNotDeclared,  // no objective to check
};
const char* verdict_name(Verdict v);  // "pass", "fail", "unknown", "not declared"

// "path:line" of a location ("" when invalid).
std::string location_text(const scan::Result& scan, const SourceLoc& loc);

struct Objective {
  bool declared = false;
  Seconds value = 0;
  std::string text;    // "15m"
  std::string source;  // "annotation drlint.io/rpo", "policy customer-checkout"
  std::string where;   // "kubernetes/payments/namespace.yaml:6"
  SourceLoc loc;
};

// The restore-based recovery time estimate of one namespace (as DR050).
struct RtoEstimate {
  bool known = false;        // every PVC size of the namespace is known
  std::string reason;        // when not known
  Seconds detection = 0, decision = 0, restore = 0, validation = 0, total = 0;
  std::uint64_t bytes = 0;   // data to restore (PVC requests x replicas)
  std::size_t volumes = 0;   // claims (StatefulSet templates count per replica)
  std::string bytes_text;    // "640Gi"
};

struct NamespaceAudit {
  std::string name;
  std::string where;      // the Namespace object, or the first object in it
  SourceLoc loc;
  bool declared = true;   // a Namespace object is scanned (false: only referenced)
  std::size_t workloads = 0;
  std::size_t pvcs = 0;
  Objective rpo, rto;
  std::vector<std::string> objective_problems;  // malformed annotations

  // Coverage and effective RPO (rules::effective_rpo).
  bool covered = false;
  std::vector<std::string> covered_by;   // describe_definition() of each
  bool effective_rpo_known = false;
  Seconds effective_rpo = 0;
  std::string effective_rpo_text;        // "24h" or why not known ("not covered", "schedule unknown")
  std::string effective_rpo_via;         // "schedule 'daily' (0 2 * * *)"
  Verdict rpo_verdict = Verdict::kNotDeclared;

  RtoEstimate rto_estimate;
  bool warm_standby = false;             // restore estimate not binding
  Verdict rto_verdict = Verdict::kNotDeclared;

  Verdict verdict = Verdict::kNotDeclared;  // worst of the two
};

struct BackupDefinitionAudit {
  std::string label;      // "schedule 'daily'"
  std::string kind;       // "Velero schedule", "Velero backup", "Azure Backup instance"
  std::string where;
  SourceLoc loc;
  Seconds cadence_seconds = 0;  // the longest gap between runs, 0 when not known
  std::string cadence;    // "every 24h (0 2 * * *)", "one-off", "unknown: ..."
  std::string retention;  // "720h", "unknown: ..."
  std::string storage;    // where its data goes: BSL -> account, or the backup vault
  std::size_t restore_drills = 0;  // restore drills that restore from it (kRestores)
  std::vector<std::string> namespaces;  // covered namespace names
};

struct StorageAudit {
  std::string kind;         // "Velero backup storage", "Azure Backup vault", "Velero location (account not scanned)"
  std::string name;         // account / vault name
  std::string address;      // Terraform address or BSL address
  std::string where;
  SourceLoc loc;
  std::string region;       // normalized region, "" when unknown
  std::string region_note;  // why unknown
  std::string redundancy;   // account_replication_type or vault redundancy
  std::string cluster;      // the protected AKS cluster
  std::string cluster_region;
  // Backups leave the cluster's region: "yes" | "no" | "unknown".
  std::string off_region;
  std::vector<std::string> notes;  // soft delete, cross-region restore...
};

struct ClusterAudit {
  std::string name, address, where, region, zones;
};

struct RuleCount {
  std::string id, name;
  Level default_level = Level::kWarning;
  std::size_t error = 0, warning = 0, note = 0, suppressed = 0;
  std::size_t total() const { return error + warning + note; }
};

struct FindingRow {
  std::string rule_id, rule_name;
  Level level = Level::kWarning;
  std::string message;
  std::string where;              // "path:line:col"
  std::vector<std::string> related;  // "path:line: message"
  bool suppressed = false;
  std::string justification;
  Finding::BaselineState baseline = Finding::BaselineState::kNone;
};

struct AuditModel {
  std::string tool_version;
  std::string generated_at;   // "2025-01-31 12:00 UTC"
  std::string root_name;      // the scanned directory's base name
  std::size_t files = 0;
  double seconds = 0;
  std::string config_path;    // "" when no .drlint.yaml

  std::vector<NamespaceAudit> namespaces;
  std::vector<BackupDefinitionAudit> definitions;
  // coverage[n][d]: namespace n is covered by definition d.
  std::vector<std::vector<bool>> coverage;
  std::vector<StorageAudit> storage;
  std::vector<ClusterAudit> clusters;
  std::size_t restore_drills = 0;
  std::size_t backup_alerts = 0;
  bool warm_standby = false;

  // Findings (suppressed ones counted apart, listed with their reason).
  std::vector<RuleCount> rules;   // only rules with findings, in ID order
  std::vector<FindingRow> findings;
  std::size_t errors = 0, warnings = 0, notes = 0, suppressed = 0;

  // Baseline ("changes since last quarter").
  bool has_baseline = false;
  std::size_t new_count = 0, unchanged_count = 0, absent_count = 0;
  std::vector<FindingRow> absent;  // vanished results (fixed since the baseline)

  // Recovery assumptions behind the RTO estimates.
  Seconds detection = 0, decision = 0, validation = 0;
  std::string throughput_text;
  std::string assumptions_source;  // ".drlint.yaml:12" or "defaults"

  std::vector<std::string> input_errors;  // scan errors (unreadable inputs)

  // Headline numbers.
  std::size_t namespaces_failing() const;
  std::size_t namespaces_with_objectives() const;
};

// Builds the model. `config` may be nullptr (no .drlint.yaml: annotations and
// default recovery assumptions only); `absent` the baseline results that
// vanished, if any.
AuditModel build_audit_model(const scan::Result& scan, const config::Config* config,
                             const std::vector<baseline::AbsentResult>* absent = nullptr,
                             const std::string& tool_version = "", const std::string& generated_at = "");

}  // namespace drlint::report
