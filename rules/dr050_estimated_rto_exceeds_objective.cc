// DR050 estimated-rto-exceeds-objective: the estimated restore-based
// recovery time of a namespace exceeds its declared RTO and no warm
// standby is declared.
#include <cmath>
#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "analyzer/config/config.h"
#include "analyzer/graph/graph.h"
#include "analyzer/schedule/duration.h"
#include "analyzer/schedule/quantity.h"
#include "rules/finding_sink.h"
#include "rules/policy_query.h"
#include "rules/registry.h"
#include "rules/rule_context.h"

namespace drlint::rules {
namespace {

constexpr std::string_view kSummary =
    "The estimated restore-based recovery time of a namespace exceeds its declared RTO and no warm standby is "
    "declared.";

constexpr std::string_view kDescription =
    "For a namespace with a declared RTO, drlint estimates the time of a restore-based recovery: detection + "
    "decision + data size / restore throughput + validation, from the recovery assumptions of .drlint.yaml and "
    "the storage requests of the namespace's PVCs (StatefulSet volumeClaimTemplates times replicas). It fires "
    "when the estimate exceeds the RTO and no warm standby (a second cluster in another region behind Traffic "
    "Manager or Front Door) is declared. The message shows the sum term by term.";

constexpr std::string_view kHelp = R"md(A restore is not instantaneous. Someone has to notice the outage, someone
has to decide to fail over, the data has to be copied back at the speed the
storage allows, and the application has to be checked before traffic
returns. When the sum is longer than the RTO the business signed off on,
the plan cannot meet it, however good the backups are.

The terms come from `recovery:` in `.drlint.yaml` (defaults: detection 5m,
decision 10m, validation 15m, restore throughput 11GiB/m); the data size is
the sum of the namespace's PVC storage requests.

**How to fix**: either make the recovery faster (less data per namespace,
faster storage, a rehearsed runbook that shortens the decision), or stop
relying on a restore: run a warm standby cluster in another region behind
Traffic Manager or Front Door. If your measured restore throughput is
higher than the default, set it in `.drlint.yaml`.

Before:

```yaml
metadata:
  name: payments
  annotations:
    drlint.io/rto: "30m"     # 640 GiB to restore: about 1h27m
```

After:

```yaml
# .drlint.yaml
recovery:
  restore_throughput: 40GiB/m   # measured in the last restore drill
```
)md";

const RuleInfo kInfo{
    "DR050",
    "estimated-rto-exceeds-objective",
    Level::kWarning,
    kSummary,
    kDescription,
    kHelp,
    {"rto", "restore", "capacity", "standby", "estimate"},
    "",
};

using graph::Node;
using graph::NodeId;
using graph::NodeKind;
using schedule::format_duration;

enum class Standby { kYes, kNo, kUnknown };

// A warm standby: a Traffic Manager / Front Door profile and AKS clusters in
// at least two regions.
Standby warm_standby(const graph::Graph& g) {
  if (g.of_kind(NodeKind::kTrafficFailover).empty()) return Standby::kNo;
  std::set<std::string> regions;
  std::size_t clusters = 0;
  bool unknown = false;
  for (NodeId id : g.of_kind(NodeKind::kAksCluster)) {
    const Node& c = g.node(id);
    const Value* data = c.attrs.get("data_source");
    bool ok = false;
    if (data && data->truthy(&ok) && ok) continue;
    ++clusters;
    const Value* loc = c.attrs.get("location");
    if (!loc || !loc->known() || !loc->is_string()) unknown = true;
    else regions.insert(loc->text());
  }
  if (regions.size() >= 2) return Standby::kYes;
  if (unknown && clusters >= 2) return Standby::kUnknown;
  // Clusters declared through modules or other repositories: a failover
  // profile alone suggests a standby we cannot see.
  if (clusters == 0) return Standby::kUnknown;
  return Standby::kNo;
}

struct DataSize {
  bool known = true;
  std::uint64_t bytes = 0;
  const Node* largest = nullptr;
  std::uint64_t largest_bytes = 0;
  std::size_t volumes = 0;
};

DataSize namespace_data(const graph::Graph& g, NodeId ns) {
  DataSize out;
  for (const graph::Edge* e : g.in(ns, graph::EdgeKind::kInNamespace)) {
    const Node& p = g.node(e->from);
    if (p.kind != NodeKind::kPvc) continue;
    const Value* bytes = p.attrs.get("request_bytes");
    const Value* replicas = p.attrs.get("replicas");
    if (!bytes || !bytes->is_number() || (replicas && (!replicas->known() || !replicas->is_number()))) {
      out.known = false;
      continue;
    }
    double n = replicas ? replicas->as_number() : 1;
    if (n < 0) n = 0;
    auto total = static_cast<std::uint64_t>(bytes->as_number() * n);
    out.bytes += total;
    out.volumes += static_cast<std::size_t>(n);
    if (!out.largest || total > out.largest_bytes) {
      out.largest = &p;
      out.largest_bytes = total;
    }
  }
  return out;
}

void check(const RuleContext& ctx, FindingSink& out) {
  const graph::Graph& g = ctx.graph;
  const config::Recovery& rec = ctx.config.recovery;
  if (rec.restore_bytes_per_second <= 0) return;
  Standby standby = warm_standby(g);
  if (standby != Standby::kNo) return;
  for (NodeId ns_id : g.of_kind(NodeKind::kNamespace)) {
    const Node& ns = g.node(ns_id);
    NamespaceObjectives obj = objectives_for(ctx, ns);
    if (!obj.rto) continue;
    DataSize data = namespace_data(g, ns_id);
    if (!data.known) continue;  // a PVC size we cannot read: no estimate
    double restore_s = static_cast<double>(data.bytes) / rec.restore_bytes_per_second;
    // Whole minutes once above a minute: estimates, not stopwatch readings.
    auto restore = static_cast<schedule::Seconds>(std::ceil(restore_s));
    if (restore > 60) restore = (restore + 59) / 60 * 60;
    schedule::Seconds total = rec.detection + rec.decision + restore + rec.validation;
    if (total <= obj.rto->value) continue;
    std::string msg = "estimated restore time " + format_duration(total) + " = detection " +
                      format_duration(rec.detection) + " + decision " + format_duration(rec.decision) + " + restore " +
                      format_duration(restore) + " (" + schedule::format_bytes(data.bytes) + " at " +
                      rec.restore_throughput_text + ") + validation " + format_duration(rec.validation) +
                      " exceeds namespace '" + ns.name + "' RTO " + format_duration(obj.rto->value) + " (" +
                      obj.rto->source + ")";
    msg += ", and no warm standby (a second AKS cluster in another region behind Traffic Manager or Front Door) "
           "is declared. Shrink or split the data to restore, rehearse to shorten detection and decision (set the "
           "measured values under `recovery:` in .drlint.yaml), or run a warm standby.";
    SourceLoc at = obj.rto->loc.valid() ? obj.rto->loc : ns.loc;
    FindingBuilder f = out.report(kInfo, at, msg, "namespace " + ns.name + " rto");
    if (!obj.rto->loc.valid()) f.related(ns.loc, "namespace '" + ns.name + "'");
    if (data.largest)
      f.related(attr_loc(*data.largest, "request"),
                "largest volume: '" + data.largest->name + "' " + schedule::format_bytes(data.largest_bytes));
    if (rec.loc.valid()) f.related(rec.loc, "recovery assumptions");
  }
}

}  // namespace

Rule make_dr050() { return Rule{&kInfo, &check}; }

}  // namespace drlint::rules
