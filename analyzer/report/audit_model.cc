#include "analyzer/report/audit_model.h"

#include <algorithm>
#include <cstdlib>
#include <ctime>
#include <map>
#include <set>

#include "analyzer/baseline/baseline.h"
#include "analyzer/config/config.h"
#include "analyzer/graph/graph.h"
#include "analyzer/schedule/duration.h"
#include "analyzer/schedule/quantity.h"
#include "analyzer/scan/scan.h"
#include "rules/graph_query.h"
#include "rules/policy_query.h"
#include "rules/registry.h"

namespace drlint::report {
namespace {

using graph::EdgeKind;
using graph::Graph;
using graph::Node;
using graph::NodeId;
using graph::NodeKind;
using schedule::format_duration;

// The namespaces that exist on every cluster: listed only when a policy or
// an annotation gives them an objective, or a backup covers them.
bool is_system_namespace(const std::string& name) {
  return name == "kube-system" || name == "kube-public" || name == "kube-node-lease";
}

std::string text_of(const Node& n, std::string_view key) {
  std::optional<std::string> t = rules::query::known_text(n.attr(key));
  return t ? *t : std::string();
}

bool is_data_source(const Node& n) {
  std::optional<bool> b = rules::query::known_bool(n.attr("data_source"));
  return b && *b;
}

// Region of an Azure node: normalized, or "" with the reason.
std::string region_of(const Node& n, std::string* why) {
  const Value* v = n.attr("location");
  if (v && v->known() && v->is_scalar() && !v->text().empty()) return rules::query::normalize_region(v->text());
  if (why) {
    std::string r = v ? rules::query::unknown_reason(v) : std::string();
    *why = r.empty() ? "location not known statically" : r;
  }
  return "";
}

Objective objective(const scan::Result& scan, const std::optional<rules::DeclaredObjective>& d) {
  Objective o;
  if (!d) return o;
  o.declared = true;
  o.value = d->value;
  o.text = format_duration(d->value);
  o.source = d->source;
  o.where = location_text(scan, d->loc);
  o.loc = d->loc;
  return o;
}

Verdict worst(Verdict a, Verdict b) {
  auto rank = [](Verdict v) {
    switch (v) {
      case Verdict::kFail: return 3;
      case Verdict::kUnknown: return 2;
      case Verdict::kPass: return 1;
      case Verdict::kNotDeclared: return 0;
    }
    return 0;
  };
  return rank(a) >= rank(b) ? a : b;
}

// The restore estimate of one namespace, term by term as DR050 computes it.
RtoEstimate estimate_rto(const Graph& g, NodeId ns, const config::Recovery& rec) {
  rules::RtoEstimate r = rules::estimate_rto(g, rec, ns);
  RtoEstimate e;
  e.known = r.known;
  e.reason = r.reason;
  e.detection = r.detection;
  e.decision = r.decision;
  e.restore = r.restore;
  e.validation = r.validation;
  e.total = r.total;
  e.bytes = r.bytes;
  e.volumes = r.volumes;
  e.bytes_text = schedule::format_bytes(r.bytes);
  return e;
}

std::string definition_kind(NodeKind k) {
  switch (k) {
    case NodeKind::kVeleroSchedule: return "Velero schedule";
    case NodeKind::kVeleroBackup: return "Velero backup (one-off)";
    case NodeKind::kBackupInstance: return "Azure Backup for AKS";
    default: return "backup";
  }
}

std::string cadence_text(const rules::Cadence& c) {
  switch (c.state) {
    case rules::Cadence::State::kKnown:
      return "every " + format_duration(c.gap) + (c.text.empty() ? "" : " (" + c.text + ")");
    case rules::Cadence::State::kNever: return "never (" + c.reason + ")";
    case rules::Cadence::State::kUnknown: return "unknown (" + c.reason + ")";
    case rules::Cadence::State::kInvalid: return "invalid (" + c.reason + ")";
  }
  return "";
}

// Where a backup definition's data goes.
std::string storage_of(const Graph& g, const Node& d) {
  std::vector<std::string> out;
  for (const graph::Edge* e : g.out(d.id, EdgeKind::kUsesLocation)) {
    const Node& bsl = g.node(e->to);
    std::string account;
    for (const graph::Edge* s : g.out(bsl.id, EdgeKind::kStoresIn)) account = g.node(s->to).name;
    if (account.empty()) account = text_of(bsl, "storage_account");
    std::string name = text_of(bsl, "name");
    if (name.empty()) name = bsl.name;
    out.push_back("location '" + name + "'" + (account.empty() ? "" : " \u2192 storage account '" + account + "'"));
  }
  for (const graph::Edge* e : g.out(d.id, EdgeKind::kInVault))
    out.push_back("backup vault '" + g.node(e->to).name + "'");
  std::string s;
  for (const std::string& o : out) s += (s.empty() ? "" : "; ") + o;
  return s;
}

std::string zones_text(const Value* z) {
  if (!z || z->is_null()) return "none";
  if (!z->known()) return "unknown";
  if (!z->is_list()) return z->is_scalar() ? std::string(z->text()) : "unknown";
  if (z->items().empty()) return "none";
  std::string s;
  for (const Value& v : z->items()) s += (s.empty() ? "" : ", ") + (v.known() ? std::string(v.text()) : std::string("?"));
  return s;
}

// The zones of each node pool ("system: none; apps: 1, 2, 3"): the cluster's
// `zones` is the union over its pools, which hides a default pool without
// zones (DR060). Falls back to that union when the pools are not known.
std::string cluster_zones(const Node& c) {
  const Value* pools = c.attr("node_pools");
  if (pools && pools->known() && pools->is_list() && !pools->items().empty()) {
    std::string s;
    for (const Value& p : pools->items()) {
      if (!p.is_map()) continue;
      std::optional<std::string> name = rules::query::known_text(p.get("name"));
      std::optional<std::string> address = rules::query::known_text(p.get("address"));
      std::string label = name && !name->empty() ? *name : address ? *address : std::string("default");
      s += (s.empty() ? "" : "; ") + label + ": " + zones_text(p.get("zones"));
    }
    if (!s.empty()) return s;
  }
  const Value* z = c.attr("zones");
  if (!z) return "";
  if (!z->known()) return "unknown";
  if (!z->is_list() || z->items().empty()) return "none";
  return zones_text(z);
}

bool geo_replicated(const std::string& replication) {
  std::string r = rules::query::lower(replication);
  return r == "grs" || r == "ragrs" || r == "gzrs" || r == "ragzrs";
}

// One row per Velero backup storage account, unlinked location and AKS
// backup vault.
void collect_storage(const scan::Result& scan, AuditModel& m) {
  const Graph& g = scan.graph;
  std::set<std::uint32_t> linked_bsls;
  for (const rules::query::BackupStorage& bs : rules::query::velero_backup_storage(g)) {
    const Node& a = g.node(bs.account);
    StorageAudit s;
    s.kind = "Velero backup storage";
    s.name = text_of(a, "name");
    if (s.name.empty()) s.name = a.name;
    s.address = a.address;
    s.where = location_text(scan, a.loc);
    s.loc = a.loc;
    s.region = region_of(a, &s.region_note);
    s.redundancy = text_of(a, "account_replication_type");
    if (s.redundancy.empty()) s.redundancy = "unknown";
    for (NodeId u : bs.users) {
      if (g.node(u).kind == NodeKind::kBackupStorageLocation) linked_bsls.insert(graph::index(u));
      if (s.cluster.empty())
        for (NodeId c : rules::query::protected_clusters(g, u)) {
          const Node& cn = g.node(c);
          s.cluster = cn.name;
          s.cluster_region = region_of(cn, nullptr);
          break;
        }
    }
    if (!s.region.empty() && !s.cluster_region.empty()) {
      if (s.region != s.cluster_region) s.off_region = "yes";
      else if (geo_replicated(s.redundancy)) s.off_region = "after account failover (" + s.redundancy + ")";
      else s.off_region = "no";
    } else {
      s.off_region = "unknown";
    }
    const Value* soft = a.attr("blob_soft_delete_days");
    if (soft && soft->known() && soft->is_null()) s.notes.push_back("no blob soft delete");
    else if (soft && soft->is_number()) s.notes.push_back("soft delete " + std::string(soft->text()) + "d");
    std::optional<bool> versioning = rules::query::known_bool(a.attr("versioning_enabled"));
    if (versioning && *versioning) s.notes.push_back("versioning");
    std::optional<bool> immutable = rules::query::known_bool(a.attr("immutability_policy"));
    if (immutable && *immutable) s.notes.push_back("immutability policy");
    m.storage.push_back(std::move(s));
  }
  for (NodeId id : g.of_kind(NodeKind::kBackupStorageLocation)) {
    if (linked_bsls.count(graph::index(id))) continue;
    const Node& b = g.node(id);
    if (!g.out(id, EdgeKind::kStoresIn).empty()) continue;
    StorageAudit s;
    s.kind = "Velero location (account not in the scanned Terraform)";
    s.name = text_of(b, "storage_account");
    if (s.name.empty()) s.name = text_of(b, "bucket");
    s.address = b.address;
    s.where = location_text(scan, b.loc);
    s.loc = b.loc;
    s.region_note = "storage account not scanned";
    s.redundancy = "unknown";
    for (NodeId c : rules::query::protected_clusters(g, id)) {
      s.cluster = g.node(c).name;
      s.cluster_region = region_of(g.node(c), nullptr);
      break;
    }
    s.off_region = "unknown";
    m.storage.push_back(std::move(s));
  }
  for (NodeId id : rules::query::aks_backup_vaults(g)) {
    const Node& v = g.node(id);
    StorageAudit s;
    s.kind = "Azure Backup vault";
    s.name = text_of(v, "name");
    if (s.name.empty()) s.name = v.name;
    s.address = v.address;
    s.where = location_text(scan, v.loc);
    s.loc = v.loc;
    s.region = region_of(v, &s.region_note);
    s.redundancy = text_of(v, "redundancy");
    if (s.redundancy.empty()) s.redundancy = "unknown";
    std::optional<bool> crr = rules::query::known_bool(v.attr("cross_region_restore_enabled"));
    for (const graph::Edge* e : g.in(id, EdgeKind::kInVault)) {
      const Node& inst = g.node(e->from);
      if (inst.kind != NodeKind::kBackupInstance) continue;
      for (const graph::Edge* p : g.out(inst.id, EdgeKind::kProtects)) {
        s.cluster = g.node(p->to).name;
        s.cluster_region = region_of(g.node(p->to), nullptr);
      }
      if (!s.cluster.empty()) break;
    }
    if (rules::query::iequals(s.redundancy, "GeoRedundant") && crr && *crr) s.off_region = "yes (cross-region restore)";
    else if (s.redundancy == "unknown" || !crr) s.off_region = "unknown";
    else s.off_region = "no";
    s.notes.push_back(std::string("cross-region restore ") + (crr ? (*crr ? "on" : "off") : "unknown"));
    std::string soft = text_of(v, "soft_delete");
    if (!soft.empty()) s.notes.push_back("soft delete " + soft);
    std::string imm = text_of(v, "immutability");
    if (!imm.empty()) s.notes.push_back("immutability " + imm);
    m.storage.push_back(std::move(s));
  }
}

FindingRow finding_row(const scan::Result& scan, const Finding& f) {
  FindingRow r;
  r.rule_id = f.rule_id;
  if (const rules::RuleInfo* info = rules::find_rule(f.rule_id)) r.rule_name = std::string(info->name);
  r.level = f.level;
  r.message = f.message;
  if (f.loc.valid()) {
    r.where = location_text(scan, f.loc) + ":" + std::to_string(std::max<std::uint32_t>(f.loc.column, 1));
  }
  for (const RelatedLocation& rl : f.related)
    if (rl.loc.valid()) r.related.push_back(location_text(scan, rl.loc) + ": " + rl.message);
  if (f.suppression) {
    r.suppressed = true;
    r.justification = f.suppression->justification;
  }
  r.baseline = f.baseline;
  return r;
}

std::string now_text(const std::string& given) {
  if (!given.empty()) return given;
  std::time_t t = std::time(nullptr);
  if (const char* sde = std::getenv("SOURCE_DATE_EPOCH"); sde && *sde) t = static_cast<std::time_t>(std::atoll(sde));
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[64];
  std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M UTC", &tm);
  return buf;
}

}  // namespace

const char* verdict_name(Verdict v) {
  switch (v) {
    case Verdict::kPass: return "pass";
    case Verdict::kFail: return "fail";
    case Verdict::kUnknown: return "unknown";
    case Verdict::kNotDeclared: return "not declared";
  }
  return "";
}

std::string location_text(const scan::Result& scan, const SourceLoc& loc) {
  if (!loc.valid() || loc.file >= scan.sources.size()) return "";
  return scan.sources.path(loc.file) + ":" + std::to_string(loc.line);
}

std::size_t AuditModel::namespaces_failing() const {
  return static_cast<std::size_t>(
      std::count_if(namespaces.begin(), namespaces.end(), [](const NamespaceAudit& n) { return n.verdict == Verdict::kFail; }));
}

std::size_t AuditModel::namespaces_with_objectives() const {
  return static_cast<std::size_t>(std::count_if(namespaces.begin(), namespaces.end(), [](const NamespaceAudit& n) {
    return n.rpo.declared || n.rto.declared;
  }));
}

AuditModel build_audit_model(const scan::Result& scan, const config::Config* config_in,
                             const std::vector<baseline::AbsentResult>* absent, const std::string& tool_version,
                             const std::string& generated_at) {
  static const config::Config kDefaults;
  const config::Config& config = config_in ? *config_in : kDefaults;
  const Graph& g = scan.graph;
  AuditModel m;
  m.tool_version = tool_version;
  m.generated_at = now_text(generated_at);
  {
    std::string root = scan.root;
    while (root.size() > 1 && root.back() == '/') root.pop_back();
    std::size_t slash = root.rfind('/');
    m.root_name = slash == std::string::npos ? root : root.substr(slash + 1);
  }
  m.files = scan.stats.files;
  m.seconds = scan.stats.seconds;
  m.config_path = config.path;
  m.input_errors = scan.errors;

  // Recovery assumptions.
  m.detection = config.recovery.detection;
  m.decision = config.recovery.decision;
  m.validation = config.recovery.validation;
  m.throughput_text = config.recovery.restore_throughput_text;
  m.assumptions_source = config.recovery.loc.valid() && !config.path.empty()
                             ? config.path + ":" + std::to_string(config.recovery.loc.line)
                             : "defaults";
  // A warm standby as DR050 sees it (an unknown standby does not count).
  m.warm_standby = rules::warm_standby(g) == rules::Tri::kYes;
  m.restore_drills = g.of_kind(NodeKind::kRestoreDrill).size();
  m.backup_alerts = g.of_kind(NodeKind::kMonitorAlert).size();

  // Backup definitions (columns of the coverage matrix).
  std::vector<NodeId> defs;
  for (NodeId d : rules::backup_definitions(g)) {
    if (rules::is_disabled(g.node(d))) continue;
    defs.push_back(d);
  }
  std::map<std::uint32_t, std::size_t> def_column;
  for (NodeId d : defs) {
    const Node& n = g.node(d);
    BackupDefinitionAudit a;
    a.label = rules::describe_definition(n);
    a.kind = definition_kind(n.kind);
    a.where = location_text(scan, n.loc);
    a.loc = n.loc;
    rules::Cadence cad = rules::cadence_of(g, d);
    a.cadence = cadence_text(cad);
    if (cad.state == rules::Cadence::State::kKnown) a.cadence_seconds = cad.gap;
    rules::Retention r = rules::retention_of(g, d);
    a.retention = r.known ? (r.defaulted ? r.text : format_duration(r.value) + (r.text.empty() ? "" : " (" + r.text + ")"))
                          : "unknown (" + r.reason + ")";
    a.storage = storage_of(g, n);
    a.restore_drills = g.in(d, EdgeKind::kRestores).size();
    for (NodeId ns : rules::covered_namespaces(g, d)) a.namespaces.push_back(g.node(ns).name.str());
    std::sort(a.namespaces.begin(), a.namespaces.end());
    def_column[graph::index(d)] = m.definitions.size();
    m.definitions.push_back(std::move(a));
  }

  // Namespaces.
  std::set<std::string> tool_ns;
  for (const std::string& s : rules::backup_tool_namespaces(g)) tool_ns.insert(s);
  std::vector<NodeId> ns_ids = g.of_kind(NodeKind::kNamespace);
  std::sort(ns_ids.begin(), ns_ids.end(), [&](NodeId a, NodeId b) { return g.node(a).name < g.node(b).name; });
  for (NodeId id : ns_ids) {
    const Node& ns = g.node(id);
    NamespaceAudit a;
    a.name = ns.name;
    a.where = location_text(scan, ns.loc);
    a.loc = ns.loc;
    std::optional<bool> implicit = rules::query::known_bool(ns.attr("implicit"));
    a.declared = !(implicit && *implicit);
    for (const graph::Edge* e : g.in(id, EdgeKind::kInNamespace)) {
      NodeKind k = g.node(e->from).kind;
      if (k == NodeKind::kWorkload) ++a.workloads;
      else if (k == NodeKind::kPvc) ++a.pvcs;
    }
    rules::NamespaceObjectives obj = rules::objectives_for(config, ns);
    a.rpo = objective(scan, obj.rpo);
    a.rto = objective(scan, obj.rto);
    a.objective_problems = obj.problems;

    rules::EffectiveRpo eff = rules::effective_rpo(g, id);
    a.covered = eff.covered();
    for (NodeId d : rules::covering_definitions(g, id)) a.covered_by.push_back(rules::describe_definition(g.node(d)));
    bool relevant = obj.any() || a.covered || a.workloads > 0 || a.pvcs > 0 ||
                    (a.declared && !is_system_namespace(a.name) && !tool_ns.count(a.name));
    if (!relevant) continue;
    if (eff.best) {
      a.effective_rpo_known = true;
      a.effective_rpo = eff.best->gap;
      a.effective_rpo_text = format_duration(eff.best->gap);
      a.effective_rpo_via = rules::describe_definition(g.node(eff.best->definition)) +
                            (eff.best->text.empty() ? "" : " (" + eff.best->text + ")");
    } else if (!a.covered) {
      a.effective_rpo_text = "not covered";
    } else if (eff.any_unknown) {
      a.effective_rpo_text = "unknown";
      for (const rules::Cadence& c : eff.cadences)
        if (c.state == rules::Cadence::State::kUnknown) {
          a.effective_rpo_via = rules::describe_definition(g.node(c.definition)) + ": " + c.reason;
          break;
        }
    } else {
      a.effective_rpo_text = "no recurring backup";
      if (!eff.cadences.empty()) a.effective_rpo_via = cadence_text(eff.cadences.front());
    }
    if (a.rpo.declared) {
      if (!a.covered) a.rpo_verdict = Verdict::kFail;
      else if (eff.best && eff.best->gap <= a.rpo.value) a.rpo_verdict = Verdict::kPass;
      else if (eff.any_unknown) a.rpo_verdict = Verdict::kUnknown;
      else a.rpo_verdict = Verdict::kFail;
    }

    a.rto_estimate = estimate_rto(g, id, config.recovery);
    a.warm_standby = m.warm_standby;
    if (a.rto.declared) {
      if (m.warm_standby) a.rto_verdict = Verdict::kPass;
      else if (!a.rto_estimate.known) a.rto_verdict = Verdict::kUnknown;
      else if (!a.covered) a.rto_verdict = Verdict::kFail;  // nothing to restore from
      else a.rto_verdict = a.rto_estimate.total <= a.rto.value ? Verdict::kPass : Verdict::kFail;
    }
    a.verdict = worst(a.rpo_verdict, a.rto_verdict);
    if (a.verdict == Verdict::kNotDeclared && !a.covered && (a.workloads > 0 || a.pvcs > 0)) a.verdict = Verdict::kFail;

    std::vector<bool> row(m.definitions.size(), false);
    for (NodeId d : rules::covering_definitions(g, id))
      if (auto it = def_column.find(graph::index(d)); it != def_column.end()) row[it->second] = true;
    m.coverage.push_back(std::move(row));
    m.namespaces.push_back(std::move(a));
  }

  // Clusters.
  for (NodeId id : g.of_kind(NodeKind::kAksCluster)) {
    const Node& c = g.node(id);
    if (is_data_source(c)) continue;
    ClusterAudit a;
    a.name = text_of(c, "name");
    if (a.name.empty()) a.name = c.name;
    a.address = c.address;
    a.where = location_text(scan, c.loc);
    std::string why;
    a.region = region_of(c, &why);
    if (a.region.empty()) a.region = "unknown";
    a.zones = cluster_zones(c);
    m.clusters.push_back(std::move(a));
  }

  collect_storage(scan, m);

  // Findings.
  std::map<std::string, RuleCount> by_rule;
  for (const Finding& f : scan.findings) {
    RuleCount& rc = by_rule[f.rule_id];
    if (rc.id.empty()) {
      rc.id = f.rule_id;
      if (const rules::RuleInfo* info = rules::find_rule(f.rule_id)) {
        rc.name = std::string(info->name);
        rc.default_level = info->level;
      }
    }
    if (f.baseline == Finding::BaselineState::kAbsent) {
      m.has_baseline = true;
      ++m.absent_count;
      m.absent.push_back(finding_row(scan, f));
      continue;
    }
    if (f.baseline == Finding::BaselineState::kNew) {
      m.has_baseline = true;
      ++m.new_count;
    } else if (f.baseline == Finding::BaselineState::kUnchanged) {
      m.has_baseline = true;
      ++m.unchanged_count;
    }
    if (f.suppression) {
      ++rc.suppressed;
      ++m.suppressed;
    } else {
      switch (f.level) {
        case Level::kError: ++rc.error, ++m.errors; break;
        case Level::kWarning: ++rc.warning, ++m.warnings; break;
        case Level::kNote: ++rc.note, ++m.notes; break;
      }
    }
    m.findings.push_back(finding_row(scan, f));
  }
  for (auto& [id, rc] : by_rule)
    if (rc.total() + rc.suppressed > 0) m.rules.push_back(rc);
  // Most severe first, then unsuppressed before suppressed, then file order.
  std::stable_sort(m.findings.begin(), m.findings.end(), [](const FindingRow& a, const FindingRow& b) {
    if (a.suppressed != b.suppressed) return !a.suppressed;
    return static_cast<int>(a.level) > static_cast<int>(b.level);
  });

  // The CLI always passes the (maybe empty) list: a baseline shows in the
  // findings' states or in vanished results.
  if (absent && !absent->empty()) {
    m.has_baseline = true;
    for (const baseline::AbsentResult& r : *absent) {
      FindingRow row;
      row.rule_id = r.rule_id;
      if (const rules::RuleInfo* info = rules::find_rule(r.rule_id)) row.rule_name = std::string(info->name);
      row.level = parse_level(r.level).value_or(Level::kWarning);
      row.message = r.message;
      row.where = r.uri + (r.line ? ":" + std::to_string(r.line) : std::string());
      row.baseline = Finding::BaselineState::kAbsent;
      m.absent.push_back(std::move(row));
      ++m.absent_count;
    }
  }
  return m;
}

}  // namespace drlint::report
