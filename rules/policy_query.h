// Queries shared by the objective and coverage rules (DR020-DR050):
//  - the recovery objectives declared for a namespace: Namespace annotations
//    drlint.io/rpo / drlint.io/rto win over .drlint.yaml policies (names or
//    globs; an exact name wins over a glob, a longer glob over a shorter);
//  - the backup definitions (Velero Schedule / Backup CRs, Helm `schedules:`,
//    Azure Backup for AKS backup instances) covering a namespace, from the
//    graph's kCovers edges;
//  - the cadence of a backup definition (the longest gap between two runs:
//    cron via schedule::longest_gap, Azure Backup policies via their ISO 8601
//    repeating intervals) and its retention;
//  - the effective RPO of a namespace: the cadence of its best covering
//    backup definition.
// Unknown values stay unknown: every result says whether it is decided.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analyzer/graph/graph.h"
#include "analyzer/util/source_loc.h"

namespace drlint::config {
struct Config;
struct Recovery;
}

namespace drlint::rules {

struct RuleContext;
using Seconds = std::int64_t;

inline constexpr std::string_view kRpoAnnotation = "drlint.io/rpo";
inline constexpr std::string_view kRtoAnnotation = "drlint.io/rto";

// One declared objective and where it comes from.
struct DeclaredObjective {
  Seconds value = 0;
  std::string source;  // "policy customer-checkout" | "annotation drlint.io/rpo"
  SourceLoc loc;       // where the value is written (the line to edit)
};

struct NamespaceObjectives {
  std::optional<DeclaredObjective> rpo;
  std::optional<DeclaredObjective> rto;
  // A policy lists the namespace by its exact name, or the namespace carries
  // an objective annotation (lifts the kube-system/velero exemption of DR042).
  bool named = false;
  // Annotation values that are not drlint durations ("15 minutes"): the
  // objective is then taken from a policy, if any.
  std::vector<std::string> problems;

  bool any() const { return rpo.has_value() || rto.has_value(); }
};

// Resolves the objectives of namespace `ns_name` whose Namespace object has
// `annotations` (a map Value, or nullptr when the namespace is not declared).
NamespaceObjectives resolve_objectives(const config::Config& config, std::string_view ns_name,
                                       const Value* annotations);
// Same, for a kNamespace node of the graph (configuration locations as loaded).
NamespaceObjectives objectives_for(const config::Config& config, const graph::Node& ns);
// Same; configuration locations get the
// FileId of the configuration file when the scan's SourceTable holds it.
NamespaceObjectives objectives_for(const RuleContext& ctx, const graph::Node& ns);
// A location in the configuration file (loaded apart from the scan, so its
// FileId may be kNoFile) mapped into the scan's SourceTable when possible.
SourceLoc config_loc(const RuleContext& ctx, SourceLoc loc);

// --- Backup definitions and coverage ------------------------------------------

// kVeleroSchedule, kVeleroBackup or kBackupInstance.
bool is_backup_definition(graph::NodeKind kind);
// A custom resource (graph/k8s_identity.h) other than the Velero objects
// linked as backup definitions, storage locations or restore drills.
bool is_linked_as_custom_resource(const graph::Node& n);
// Every backup definition of the graph, in node order.
std::vector<graph::NodeId> backup_definitions(const graph::Graph& g);
// The backup definitions with a kCovers edge to namespace node `ns`.
std::vector<graph::NodeId> covering_definitions(const graph::Graph& g, graph::NodeId ns);
// The namespace nodes a backup definition covers.
std::vector<graph::NodeId> covered_namespaces(const graph::Graph& g, graph::NodeId definition);
// "schedule 'daily'", "backup 'pre-upgrade'", "backup instance 'aks-payments'".
std::string describe_definition(const graph::Node& definition);

// How often a backup definition runs.
struct Cadence {
  enum class State : std::uint8_t {
    kKnown,    // gap is the longest time between two consecutive runs
    kUnknown,  // the schedule text is not known statically (reason says why)
    kNever,    // one-off Backup, paused schedule, schedule that never fires
    kInvalid,  // the schedule text does not parse (reason says why)
  };
  graph::NodeId definition{};
  State state = State::kUnknown;
  Seconds gap = 0;
  std::string text;    // "0 2 * * *", "R/2024-01-01T02:00:00+00:00/PT4H"
  std::string reason;  // for kUnknown / kNever / kInvalid
  SourceLoc loc;       // the schedule value (or the definition)
};
Cadence cadence_of(const graph::Graph& g, graph::NodeId definition);

// How long each backup of a definition is kept.
struct Retention {
  bool known = false;
  Seconds value = 0;
  std::string text;    // "72h0m0s", "P7D"; "720h (Velero default)" when unset
  bool defaulted = false;
  std::string reason;  // when unknown
  SourceLoc loc;       // the ttl / duration value (or the definition)
};
Retention retention_of(const graph::Graph& g, graph::NodeId definition);

// The effective RPO of a namespace: the cadence of its best covering backup
// definition (shortest known gap).
struct EffectiveRpo {
  std::vector<Cadence> cadences;   // one per covering definition
  std::optional<Cadence> best;     // the shortest known gap, if any
  bool any_unknown = false;        // some covering definition's cadence is unknown
  bool covered() const { return !cadences.empty(); }
};
EffectiveRpo effective_rpo(const graph::Graph& g, graph::NodeId ns);

// --- Resource filters ------------------------------------------------------------

enum class Tri : std::uint8_t { kYes, kNo, kUnknown };

// Whether a backup definition captures a resource type after its
// includedResources / excludedResources / includeClusterResources (and the
// scoped variants): kNo names the value that leaves it out, kUnknown the value
// that cannot be read statically.
struct ResourceDecision {
  Tri included = Tri::kYes;
  SourceLoc loc;       // the deciding value (or the definition)
  std::string why;     // "includeClusterResources: false", "excludedResources lists secrets"
};
// Secrets (namespaced).
ResourceDecision backs_up_secrets(const graph::Node& definition);
// CustomResourceDefinitions (cluster-scoped; included by default with the
// custom resources Velero backs up).
ResourceDecision backs_up_crds(const graph::Node& definition);

// True when some backup definition's namespace selection cannot be read
// statically (so a namespace without kCovers edges may still be covered).
bool any_unknown_selection(const graph::Graph& g);
// The namespaces the backup tools run in (Velero's, the Azure Backup
// extension's): exempt from DR042 unless a policy names them.
std::vector<std::string> backup_tool_namespaces(const graph::Graph& g);
// Chart schedules with `disabled: true` create nothing.
bool is_disabled(const graph::Node& definition);

// --- Restore-based RTO estimate ---------------------------------------------------

// Whether a warm standby is declared: a Traffic Manager / Front Door profile
// and (non data source) AKS clusters in at least two regions (compared after
// normalize_region). kUnknown when a profile exists but the regions cannot be
// told: two or more clusters with a location not known statically, or no
// cluster in the scan (clusters declared through modules or elsewhere).
Tri warm_standby(const graph::Graph& g);

// The restore-based recovery time of a namespace, as DR050 estimates it:
// detection + decision + data size / restore throughput + validation, the
// data size being the sum of the namespace's PVC storage requests (times
// replicas for StatefulSet volumeClaimTemplates).
struct RtoEstimate {
  bool known = false;   // every PVC size is known and there is a restore throughput
  std::string reason;   // when not known
  Seconds detection = 0, decision = 0, restore = 0, validation = 0, total = 0;
  std::uint64_t bytes = 0;              // data to restore (of the PVCs whose size is known)
  std::size_t volumes = 0;              // claims (templates count once per replica)
  const graph::Node* largest = nullptr; // the PVC with the most data (nullptr: none)
  std::uint64_t largest_bytes = 0;      // its requests x replicas
  Tri warm_standby = Tri::kNo;          // warm_standby() of the graph
};
// Restore seconds are rounded up, then to whole minutes once above a minute.
RtoEstimate estimate_rto(const graph::Graph& g, const config::Recovery& recovery, graph::NodeId ns);

// --- Small helpers ---------------------------------------------------------------

// The namespace node named `name`, or nullptr.
const graph::Node* find_namespace(const graph::Graph& g, std::string_view name);
// Scalar text of an attribute ("" when absent, unknown or not a scalar).
std::string attr_text(const graph::Node& n, std::string_view key);
// The location of an attribute, else the node's.
SourceLoc attr_loc(const graph::Node& n, std::string_view key);

}  // namespace drlint::rules
