#include "rules/policy_query.h"

#include <algorithm>
#include <cmath>
#include <set>

#include "analyzer/config/config.h"
#include "analyzer/graph/k8s_identity.h"
#include "analyzer/load/source_table.h"
#include "analyzer/schedule/cron.h"
#include "analyzer/schedule/duration.h"
#include "analyzer/schedule/iso8601.h"
#include "analyzer/util/glob.h"
#include "rules/graph_query.h"
#include "rules/rule_context.h"

namespace drlint::rules {

using graph::EdgeKind;
using graph::Node;
using graph::NodeId;
using graph::NodeKind;

namespace {

bool has_wildcard(std::string_view p) { return p.find_first_of("*?[") != std::string_view::npos; }

// How specifically `pattern` names `ns`: 0 = not at all, otherwise larger is
// more specific (exact names beat every glob; longer literal text wins).
std::size_t specificity(std::string_view pattern, std::string_view ns) {
  if (!has_wildcard(pattern)) return pattern == ns ? 1'000'000 : 0;
  if (!glob_match(pattern, ns)) return 0;
  std::size_t literal = 1;
  for (char c : pattern)
    if (c != '*' && c != '?') ++literal;
  return literal;
}

std::optional<DeclaredObjective> from_annotation(const Value* annotations, std::string_view key,
                                                 std::vector<std::string>& problems) {
  const Value* v = annotations && annotations->is_map() ? annotations->get(key) : nullptr;
  if (!v || !v->is_scalar()) return std::nullopt;
  std::string error;
  std::optional<Seconds> s = schedule::parse_duration(v->text(), &error);
  if (!s) {
    problems.push_back("annotation " + std::string(key) + " '" + std::string(v->text()) + "' is not a duration (" + error + ")");
    return std::nullopt;
  }
  return DeclaredObjective{*s, "annotation " + std::string(key), v->loc()};
}

}  // namespace

NamespaceObjectives resolve_objectives(const config::Config& config, std::string_view ns_name,
                                       const Value* annotations) {
  NamespaceObjectives out;
  out.rpo = from_annotation(annotations, kRpoAnnotation, out.problems);
  out.rto = from_annotation(annotations, kRtoAnnotation, out.problems);
  if (out.any()) out.named = true;

  // The most specific policy that declares each objective.
  const config::PolicyDecl* best_rpo = nullptr;
  const config::PolicyDecl* best_rto = nullptr;
  std::size_t rpo_score = 0, rto_score = 0;
  for (const config::PolicyDecl& p : config.policies) {
    std::size_t score = 0;
    for (const std::string& pattern : p.namespaces) score = std::max(score, specificity(pattern, ns_name));
    if (score == 0) continue;
    if (score >= 1'000'000) out.named = true;
    if (p.rpo && score > rpo_score) {
      best_rpo = &p;
      rpo_score = score;
    }
    if (p.rto && score > rto_score) {
      best_rto = &p;
      rto_score = score;
    }
  }
  if (!out.rpo && best_rpo)
    out.rpo = DeclaredObjective{*best_rpo->rpo, "policy " + best_rpo->name,
                                best_rpo->rpo_loc.line > 0 ? best_rpo->rpo_loc : best_rpo->loc};
  if (!out.rto && best_rto)
    out.rto = DeclaredObjective{*best_rto->rto, "policy " + best_rto->name,
                                best_rto->rto_loc.line > 0 ? best_rto->rto_loc : best_rto->loc};
  return out;
}

SourceLoc config_loc(const RuleContext& ctx, SourceLoc loc) {
  if (loc.file != kNoFile || loc.line == 0 || ctx.config.path.empty()) return loc;
  FileId f = ctx.sources.find(ctx.config.path);
  if (f != kNoFile) loc.file = f;
  return loc;
}

NamespaceObjectives objectives_for(const config::Config& config, const Node& ns) {
  return resolve_objectives(config, ns.name, ns.attr("annotations"));
}

NamespaceObjectives objectives_for(const RuleContext& ctx, const Node& ns) {
  NamespaceObjectives o = objectives_for(ctx.config, ns);
  if (o.rpo) o.rpo->loc = config_loc(ctx, o.rpo->loc);
  if (o.rto) o.rto->loc = config_loc(ctx, o.rto->loc);
  return o;
}

// --- Backup definitions ----------------------------------------------------------

bool is_backup_definition(NodeKind kind) {
  return kind == NodeKind::kVeleroSchedule || kind == NodeKind::kVeleroBackup || kind == NodeKind::kBackupInstance;
}

bool is_linked_as_custom_resource(const graph::Node& n) {
  if (n.kind == NodeKind::kRestoreDrill || is_backup_definition(n.kind) ||
      n.kind == NodeKind::kBackupStorageLocation || n.kind == NodeKind::kVolumeSnapshotLocation)
    return false;
  return graph::is_custom_resource(n);
}

std::vector<NodeId> backup_definitions(const graph::Graph& g) {
  std::vector<NodeId> out;
  for (NodeKind k : {NodeKind::kVeleroSchedule, NodeKind::kVeleroBackup, NodeKind::kBackupInstance})
    for (NodeId id : g.of_kind(k)) out.push_back(id);
  std::sort(out.begin(), out.end(), [](NodeId a, NodeId b) { return graph::index(a) < graph::index(b); });
  return out;
}

std::vector<NodeId> covering_definitions(const graph::Graph& g, NodeId ns) {
  std::vector<NodeId> out;
  for (const graph::Edge* e : g.in(ns, EdgeKind::kCovers))
    if (is_backup_definition(g.node(e->from).kind) &&
        std::find(out.begin(), out.end(), e->from) == out.end())
      out.push_back(e->from);
  return out;
}

std::vector<NodeId> covered_namespaces(const graph::Graph& g, NodeId definition) {
  std::vector<NodeId> out;
  for (const graph::Edge* e : g.out(definition, EdgeKind::kCovers))
    if (g.node(e->to).kind == NodeKind::kNamespace && std::find(out.begin(), out.end(), e->to) == out.end())
      out.push_back(e->to);
  return out;
}

std::string describe_definition(const Node& d) {
  switch (d.kind) {
    case NodeKind::kVeleroSchedule: return "schedule '" + d.name + "'";
    case NodeKind::kVeleroBackup: return "backup '" + d.name + "'";
    case NodeKind::kBackupInstance: return "backup instance '" + d.name + "'";
    default: return "'" + d.name + "'";
  }
}

// --- Cadence ------------------------------------------------------------------------

namespace {

const Value* first_attr(const Node& n, std::initializer_list<std::string_view> keys) {
  for (std::string_view k : keys)
    if (const Value* v = n.attrs.at_path(k); v && !v->is_null()) return v;
  return nullptr;
}

// The Azure Backup policy a backup instance uses, if scanned.
const Node* policy_of(const graph::Graph& g, const Node& instance) {
  for (const graph::Edge* e : g.out(instance.id, EdgeKind::kUsesPolicy))
    if (g.node(e->to).kind == NodeKind::kBackupPolicy) return &g.node(e->to);
  return nullptr;
}

Cadence velero_cadence(const Node& d) {
  Cadence c;
  c.definition = d.id;
  c.loc = d.loc;
  if (d.kind == NodeKind::kVeleroBackup) {
    c.state = Cadence::State::kNever;
    c.reason = "a Backup object runs once";
    return c;
  }
  bool ok = false;
  const Value* paused = first_attr(d, {"paused"});
  if (paused && paused->known() && paused->truthy(&ok) && ok) {
    c.state = Cadence::State::kNever;
    c.reason = "the schedule is paused";
    c.loc = paused->loc().valid() ? paused->loc() : d.loc;
    return c;
  }
  const Value* s = first_attr(d, {"schedule"});
  if (!s) {
    c.state = Cadence::State::kInvalid;
    c.reason = "the schedule has no cron expression";
    return c;
  }
  if (s->loc().valid()) c.loc = s->loc();
  if (!s->known()) {
    c.state = Cadence::State::kUnknown;
    c.reason = s->text().empty() ? "the schedule is not known statically" : s->text();
    return c;
  }
  if (!s->is_string()) {
    c.state = Cadence::State::kInvalid;
    c.reason = "the schedule is not a string";
    return c;
  }
  c.text = s->text();
  std::string error;
  std::optional<schedule::CronSchedule> cron = schedule::parse_cron(c.text, &error);
  if (!cron) {
    c.state = Cadence::State::kInvalid;
    c.reason = error;
    return c;
  }
  std::optional<Seconds> gap = schedule::longest_gap(*cron);
  if (!gap) {
    c.state = Cadence::State::kNever;
    c.reason = "the cron expression never fires";
    return c;
  }
  c.state = Cadence::State::kKnown;
  c.gap = *gap;
  return c;
}

Cadence azure_cadence(const graph::Graph& g, const Node& d) {
  Cadence c;
  c.definition = d.id;
  c.loc = d.loc;
  const Node* policy = policy_of(g, d);
  if (!policy) {
    const Value* pid = d.attr("backup_policy_id");
    c.state = Cadence::State::kUnknown;
    c.reason = "its backup policy is not in the scanned inputs";
    if (pid && pid->loc().valid()) c.loc = pid->loc();
    return c;
  }
  const Value* intervals = policy->attr("backup_repeating_time_intervals");
  if (intervals && intervals->loc().valid()) c.loc = intervals->loc();
  else c.loc = policy->loc;
  if (!intervals || !intervals->known() || intervals->contains_unknown()) {
    c.state = Cadence::State::kUnknown;
    c.reason = intervals && !intervals->known() ? intervals->text()
                                                : "backup_repeating_time_intervals is not known statically";
    if (c.reason.empty()) c.reason = "backup_repeating_time_intervals is not known statically";
    return c;
  }
  std::vector<schedule::RepeatingInterval> parsed;
  std::vector<const Value*> items;
  if (intervals->is_list())
    for (const Value& v : intervals->items()) items.push_back(&v);
  else if (intervals->is_string())
    items.push_back(intervals);
  for (const Value* v : items) {
    if (!c.text.empty()) c.text += ", ";
    c.text += v->text();
    std::string error;
    std::optional<schedule::RepeatingInterval> ri = schedule::parse_repeating_interval(v->text(), &error);
    if (!ri) {
      c.state = Cadence::State::kInvalid;
      c.reason = "'" + std::string(v->text()) + "': " + error;
      c.loc = v->loc().valid() ? v->loc() : c.loc;
      return c;
    }
    parsed.push_back(*ri);
  }
  std::optional<Seconds> gap = schedule::longest_gap_of_intervals(parsed);
  if (!gap) {
    c.state = Cadence::State::kInvalid;
    c.reason = "the backup policy lists no repeating interval";
    return c;
  }
  c.state = Cadence::State::kKnown;
  c.gap = *gap;
  return c;
}

}  // namespace

Cadence cadence_of(const graph::Graph& g, NodeId definition) {
  const Node& d = g.node(definition);
  if (d.kind == NodeKind::kBackupInstance) return azure_cadence(g, d);
  return velero_cadence(d);
}

// --- Retention ----------------------------------------------------------------------

namespace {

inline constexpr Seconds kVeleroDefaultTtl = 720 * schedule::kHour;

Retention velero_retention(const Node& d) {
  Retention r;
  r.loc = d.loc;
  const Value* ttl = first_attr(d, {"ttl", "template.ttl"});
  if (!ttl) {
    r.known = true;
    r.value = kVeleroDefaultTtl;
    r.text = "720h (Velero default)";
    r.defaulted = true;
    return r;
  }
  if (ttl->loc().valid()) r.loc = ttl->loc();
  if (!ttl->known() || !ttl->is_scalar()) {
    r.reason = ttl->known() ? "ttl is not a duration" : ttl->text();
    if (r.reason.empty()) r.reason = "ttl is not known statically";
    return r;
  }
  r.text = ttl->text();
  std::string error;
  std::optional<Seconds> s = schedule::parse_go_duration(ttl->text(), &error);
  if (!s) {
    r.reason = "ttl '" + std::string(ttl->text()) + "': " + error;
    return r;
  }
  if (*s == 0) {  // Velero treats a zero ttl as its default
    r.known = true;
    r.value = kVeleroDefaultTtl;
    r.text = std::string(ttl->text()) + " (Velero default 720h)";
    r.defaulted = true;
    return r;
  }
  r.known = true;
  r.value = *s;
  return r;
}

// Azure Backup for AKS: a backup is kept for the longest lifecycle duration of
// the policy's default retention rule (operational store, vault store).
Retention azure_retention(const graph::Graph& g, const Node& d) {
  Retention r;
  r.loc = d.loc;
  const Node* policy = policy_of(g, d);
  if (!policy) {
    r.reason = "its backup policy is not in the scanned inputs";
    return r;
  }
  r.loc = policy->loc;
  const Value* retention = policy->attr("retention");
  if (!retention || !retention->is_list()) {
    r.reason = "the backup policy's retention is not known statically";
    return r;
  }
  bool found = false;
  for (const Value& item : retention->items()) {
    if (item.string_at("rule") != "default") continue;
    const Value* dur = item.get("duration");
    if (!dur || !dur->known() || !dur->is_string()) {
      r.known = false;
      r.reason = "the default retention duration is not known statically";
      if (dur && dur->loc().valid()) r.loc = dur->loc();
      return r;
    }
    std::optional<Seconds> s = schedule::parse_iso8601_duration(dur->text());
    if (!s) {
      r.reason = "retention duration '" + std::string(dur->text()) + "' is not an ISO 8601 duration";
      return r;
    }
    if (!found || *s > r.value) {
      r.value = *s;
      r.text = dur->text();
      if (dur->loc().valid()) r.loc = dur->loc();
    }
    found = true;
  }
  if (!found) {
    r.reason = "the backup policy has no default retention rule";
    return r;
  }
  r.known = true;
  return r;
}

}  // namespace

Retention retention_of(const graph::Graph& g, NodeId definition) {
  const Node& d = g.node(definition);
  if (d.kind == NodeKind::kBackupInstance) return azure_retention(g, d);
  return velero_retention(d);
}

// --- Effective RPO --------------------------------------------------------------

EffectiveRpo effective_rpo(const graph::Graph& g, NodeId ns) {
  EffectiveRpo out;
  for (NodeId d : covering_definitions(g, ns)) {
    Cadence c = cadence_of(g, d);
    if (c.state == Cadence::State::kUnknown) out.any_unknown = true;
    if (c.state == Cadence::State::kKnown && (!out.best || c.gap < out.best->gap)) out.best = c;
    out.cadences.push_back(std::move(c));
  }
  return out;
}

// --- Helpers ------------------------------------------------------------------------

const Node* find_namespace(const graph::Graph& g, std::string_view name) {
  const Node* n = g.find("Namespace/" + std::string(name));
  if (n && n->kind == NodeKind::kNamespace) return n;
  for (NodeId id : g.named(NodeKind::kNamespace, name)) return &g.node(id);
  return nullptr;
}

std::string attr_text(const Node& n, std::string_view key) {
  const Value* v = n.attrs.at_path(key);
  return v && v->known() && v->is_scalar() ? std::string(v->text()) : std::string();
}

SourceLoc attr_loc(const Node& n, std::string_view key) {
  const Value* v = n.attrs.at_path(key);
  return v && v->loc().valid() ? v->loc() : n.loc;
}

}  // namespace drlint::rules

// --- Resource filters ---------------------------------------------------------------

namespace drlint::rules {
namespace {

std::string lower_text(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

struct ListMatch {
  Tri state = Tri::kNo;  // kYes: an item matches; kUnknown: the list cannot be read
  bool empty = true;
  SourceLoc loc;
};

ListMatch list_has(const Node& d, std::string_view key, std::initializer_list<std::string_view> aliases) {
  ListMatch m;
  const Value* v = d.attrs.get(key);
  m.loc = v && v->loc().valid() ? v->loc() : d.loc;
  if (!v || v->is_null()) return m;
  if (!v->known() || v->contains_unknown()) {
    m.state = Tri::kUnknown;
    m.empty = false;
    return m;
  }
  std::vector<const Value*> items;
  if (v->is_list())
    for (const Value& i : v->items()) items.push_back(&i);
  else if (v->is_string() && !v->text().empty())
    items.push_back(v);
  m.empty = items.empty();
  for (const Value* i : items) {
    std::string t = lower_text(i->text());
    for (std::string_view a : aliases)
      if (t == a || t == "*") {
        m.state = Tri::kYes;
        if (i->loc().valid()) m.loc = i->loc();
        return m;
      }
  }
  return m;
}

ResourceDecision decide(Tri t, SourceLoc loc, std::string why) { return ResourceDecision{t, loc, std::move(why)}; }

}  // namespace

ResourceDecision backs_up_secrets(const Node& d) {
  static const auto kAliases = {std::string_view("secrets"), std::string_view("secret")};
  for (const char* key : {"excluded_resources", "excluded_namespace_scoped_resources"}) {
    ListMatch m = list_has(d, key, kAliases);
    if (m.state == Tri::kUnknown) return decide(Tri::kUnknown, m.loc, std::string(key) + " is not known statically");
    if (m.state == Tri::kYes) return decide(Tri::kNo, m.loc, "excludedResources lists secrets");
  }
  for (const char* key : {"included_resources", "included_namespace_scoped_resources"}) {
    ListMatch m = list_has(d, key, kAliases);
    if (m.state == Tri::kUnknown) return decide(Tri::kUnknown, m.loc, std::string(key) + " is not known statically");
    if (m.state == Tri::kNo && !m.empty) return decide(Tri::kNo, m.loc, "includedResources does not list secrets");
  }
  return decide(Tri::kYes, d.loc, "");
}

ResourceDecision backs_up_crds(const Node& d) {
  static const auto kAliases = {std::string_view("customresourcedefinitions"),
                                std::string_view("customresourcedefinitions.apiextensions.k8s.io"),
                                std::string_view("customresourcedefinition"), std::string_view("crd"),
                                std::string_view("crds")};
  for (const char* key : {"excluded_resources", "excluded_cluster_scoped_resources"}) {
    ListMatch m = list_has(d, key, kAliases);
    if (m.state == Tri::kUnknown) return decide(Tri::kUnknown, m.loc, std::string(key) + " is not known statically");
    if (m.state == Tri::kYes)
      return decide(Tri::kNo, m.loc,
                    std::string(key == std::string_view("excluded_resources") ? "excludedResources"
                                                                              : "excludedClusterScopedResources") +
                        " lists customresourcedefinitions");
  }
  ListMatch inc = list_has(d, "included_resources", kAliases);
  if (inc.state == Tri::kUnknown) return decide(Tri::kUnknown, inc.loc, "includedResources is not known statically");
  if (inc.state == Tri::kNo && !inc.empty)
    return decide(Tri::kNo, inc.loc, "includedResources does not list customresourcedefinitions");
  ListMatch inc_cs = list_has(d, "included_cluster_scoped_resources", kAliases);
  if (inc_cs.state == Tri::kUnknown)
    return decide(Tri::kUnknown, inc_cs.loc, "includedClusterScopedResources is not known statically");
  if (inc_cs.state == Tri::kYes) return decide(Tri::kYes, inc_cs.loc, "");
  const Value* icr = d.attrs.get("include_cluster_resources");
  if (icr && !icr->is_null()) {
    SourceLoc l = icr->loc().valid() ? icr->loc() : d.loc;
    if (!icr->known()) return decide(Tri::kUnknown, l, "includeClusterResources is not known statically");
    bool ok = false;
    bool b = icr->truthy(&ok);
    if (!ok) return decide(Tri::kUnknown, l, "includeClusterResources is not a boolean");
    if (!b)
      return decide(Tri::kNo, l,
                    d.kind == NodeKind::kBackupInstance ? "cluster_scoped_resources_enabled is false"
                                                        : "includeClusterResources: false");
  }
  return decide(Tri::kYes, d.loc, "");
}

bool is_disabled(const Node& d) {
  const Value* v = d.attrs.get("disabled");
  bool ok = false;
  return v && v->known() && !v->is_null() && v->truthy(&ok) && ok;
}

bool any_unknown_selection(const graph::Graph& g) {
  for (NodeId id : g.of_kind(NodeKind::kVeleroServer)) {
    const Value* v = g.node(id).attrs.get("values_unknown");
    bool ok = false;
    if (v && v->known() && v->truthy(&ok) && ok) return true;  // its schedules may select anything
  }
  for (NodeId id : backup_definitions(g)) {
    const Node& d = g.node(id);
    if (is_disabled(d)) continue;
    for (const char* key : {"included_namespaces", "excluded_namespaces"}) {
      const Value* v = d.attrs.get(key);
      if (v && (!v->known() || v->contains_unknown())) return true;
    }
  }
  return false;
}

std::vector<std::string> backup_tool_namespaces(const graph::Graph& g) {
  std::vector<std::string> out = {"velero"};
  auto add = [&](const std::string& s) {
    if (!s.empty() && std::find(out.begin(), out.end(), s) == out.end()) out.push_back(s);
  };
  for (NodeId id : g.of_kind(NodeKind::kVeleroServer)) add(attr_text(g.node(id), "namespace"));
  for (NodeKind k : {NodeKind::kVeleroSchedule, NodeKind::kVeleroBackup, NodeKind::kBackupStorageLocation,
                     NodeKind::kVolumeSnapshotLocation})
    for (NodeId id : g.of_kind(k)) add(g.node(id).ns.str());
  for (NodeId id : g.of_kind(NodeKind::kClusterExtension)) {
    const Node& e = g.node(id);
    if (lower_text(attr_text(e, "extension_type")).find("dataprotection") == std::string::npos) continue;
    std::string ns = attr_text(e, "release_namespace");
    add(ns.empty() ? "dataprotection-microsoft" : ns);
  }
  return out;
}

Tri warm_standby(const graph::Graph& g) {
  if (g.of_kind(NodeKind::kTrafficFailover).empty()) return Tri::kNo;
  std::set<std::string> regions;
  std::size_t clusters = 0;
  bool unknown = false;
  for (NodeId id : g.of_kind(NodeKind::kAksCluster)) {
    const Node& c = g.node(id);
    std::optional<bool> data = query::known_bool(c.attrs.get("data_source"));
    if (data && *data) continue;
    ++clusters;
    const Value* loc = c.attrs.get("location");
    if (!loc || !loc->known() || !loc->is_scalar() || loc->text().empty()) unknown = true;
    else regions.insert(query::normalize_region(loc->text()));
  }
  if (regions.size() >= 2) return Tri::kYes;
  if (unknown && clusters >= 2) return Tri::kUnknown;
  // Clusters declared through modules or other repositories: a failover
  // profile alone suggests a standby we cannot see.
  if (clusters == 0) return Tri::kUnknown;
  return Tri::kNo;
}

RtoEstimate estimate_rto(const graph::Graph& g, const config::Recovery& rec, NodeId ns) {
  RtoEstimate e;
  e.known = true;
  for (const graph::Edge* edge : g.in(ns, EdgeKind::kInNamespace)) {
    const Node& p = g.node(edge->from);
    if (p.kind != NodeKind::kPvc) continue;
    const Value* bytes = p.attrs.get("request_bytes");
    const Value* replicas = p.attrs.get("replicas");
    if (!bytes || !bytes->is_number() || (replicas && (!replicas->known() || !replicas->is_number()))) {
      e.known = false;
      e.reason = "the size of PVC '" + p.name + "' is not known statically";
      continue;
    }
    double n = replicas ? std::max(0.0, replicas->as_number()) : 1.0;
    auto total = static_cast<std::uint64_t>(bytes->as_number() * n);
    e.bytes += total;
    e.volumes += static_cast<std::size_t>(n);
    if (!e.largest || total > e.largest_bytes) {
      e.largest = &p;
      e.largest_bytes = total;
    }
  }
  e.detection = rec.detection;
  e.decision = rec.decision;
  e.validation = rec.validation;
  if (rec.restore_bytes_per_second > 0) {
    // Whole minutes once above a minute: estimates, not stopwatch readings.
    auto restore = static_cast<Seconds>(std::ceil(static_cast<double>(e.bytes) / rec.restore_bytes_per_second));
    if (restore > 60) restore = (restore + 59) / 60 * 60;
    e.restore = restore;
  } else {
    e.known = false;
    e.reason = "no restore throughput";
  }
  e.total = e.detection + e.decision + e.restore + e.validation;
  e.warm_standby = warm_standby(g);
  return e;
}

}  // namespace drlint::rules
