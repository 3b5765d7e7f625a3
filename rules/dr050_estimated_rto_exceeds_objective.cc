// DR050 estimated-rto-exceeds-objective: the estimated restore-based
// recovery time of a namespace exceeds its declared RTO and no warm
// standby is declared.
#include <string>

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

void check(const RuleContext& ctx, FindingSink& out) {
  const graph::Graph& g = ctx.graph;
  const config::Recovery& rec = ctx.config.recovery;
  if (rec.restore_bytes_per_second <= 0) return;
  if (warm_standby(g) != Tri::kNo) return;
  for (NodeId ns_id : g.of_kind(NodeKind::kNamespace)) {
    const Node& ns = g.node(ns_id);
    NamespaceObjectives obj = objectives_for(ctx, ns);
    if (!obj.rto) continue;
    RtoEstimate est = estimate_rto(g, rec, ns_id);
    if (!est.known) continue;  // a PVC size we cannot read: no estimate
    if (est.total <= obj.rto->value) continue;
    std::string msg = "estimated restore time " + format_duration(est.total) + " = detection " +
                      format_duration(est.detection) + " + decision " + format_duration(est.decision) + " + restore " +
                      format_duration(est.restore) + " (" + schedule::format_bytes(est.bytes) + " at " +
                      rec.restore_throughput_text + ") + validation " + format_duration(est.validation) +
                      " exceeds namespace '" + ns.name + "' RTO " + format_duration(obj.rto->value) + " (" +
                      obj.rto->source + ")";
    msg += ", and no warm standby (a second AKS cluster in another region behind Traffic Manager or Front Door) "
           "is declared. Shrink or split the data to restore, rehearse to shorten detection and decision (set the "
           "measured values under `recovery:` in .drlint.yaml), or run a warm standby.";
    SourceLoc at = obj.rto->loc.valid() ? obj.rto->loc : ns.loc;
    FindingBuilder f = out.report(kInfo, at, msg, "namespace " + ns.name + " rto");
    if (!obj.rto->loc.valid()) f.related(ns.loc, "namespace '" + ns.name + "'");
    if (est.largest)
      f.related(attr_loc(*est.largest, "request"),
                "largest volume: '" + est.largest->name + "' " + schedule::format_bytes(est.largest_bytes));
    if (rec.loc.valid()) f.related(rec.loc, "recovery assumptions");
  }
}

}  // namespace

Rule make_dr050() { return Rule{&kInfo, &check}; }

}  // namespace drlint::rules
