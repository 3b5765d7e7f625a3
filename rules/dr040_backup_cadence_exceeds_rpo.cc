// DR040 backup-cadence-exceeds-rpo: the longest gap between runs of a
// namespace's best covering backup schedule exceeds its declared RPO.
#include <string>
#include <vector>

#include "analyzer/config/config.h"
#include "analyzer/graph/graph.h"
#include "analyzer/schedule/duration.h"
#include "rules/finding_sink.h"
#include "rules/policy_query.h"
#include "rules/registry.h"
#include "rules/rule_context.h"

namespace drlint::rules {
namespace {

constexpr std::string_view kSummary =
    "The longest gap between runs of a namespace's best covering backup schedule exceeds its declared RPO.";

constexpr std::string_view kDescription =
    "A namespace declares a recovery point objective (drlint.io/rpo annotation or a .drlint.yaml policy) and is "
    "covered by at least one scheduled backup, but even the most frequent covering schedule (Velero Schedule "
    "cron, or Azure Backup policy repeating intervals) leaves a longer gap between two consecutive backups. "
    "Data written just after a backup can be lost for longer than the business accepts. The message gives both "
    "durations.";

constexpr std::string_view kHelp = R"md(The RPO is the most data, measured in time, that you accept to lose. With
backups as the only copy, the worst case is a failure just before the next
run: everything since the previous run is gone. That window is the longest
gap between two consecutive runs of the schedule, which for a cron such as
`0 2 * * 1-5` is not the average (24h) but the weekend (72h).

drlint takes the best covering schedule of the namespace (the one with the
shortest longest gap) and compares that gap with the RPO.

**How to fix**: run the schedule at least as often as the RPO requires, or
add a more frequent schedule that covers the namespace. If the RPO cannot be
met by backups (minutes), replicate the data instead (database geo
replication) and document that in the policy.

Before:

```yaml
kind: Schedule
spec:
  schedule: "0 2 * * *"      # up to 24h between backups, RPO 15m
```

After:

```yaml
kind: Schedule
spec:
  schedule: "*/15 * * * *"   # at most 15m between backups
```
)md";

const RuleInfo kInfo{
    "DR040",
    "backup-cadence-exceeds-rpo",
    Level::kError,
    kSummary,
    kDescription,
    kHelp,
    {"backup", "rpo", "schedule", "velero", "azure-backup"},
    "",
};

using graph::Node;
using graph::NodeId;
using graph::NodeKind;
using schedule::format_duration;

std::string cadence_phrase(const Cadence& c) {
  if (c.state == Cadence::State::kNever) return "does not run on a schedule (" + c.reason + ")";
  return "leaves up to " + format_duration(c.gap) + " between backups";
}

void check(const RuleContext& ctx, FindingSink& out) {
  const graph::Graph& g = ctx.graph;
  for (NodeId ns_id : g.of_kind(NodeKind::kNamespace)) {
    const Node& ns = g.node(ns_id);
    NamespaceObjectives obj = objectives_for(ctx, ns);
    if (!obj.rpo) continue;
    EffectiveRpo eff = effective_rpo(g, ns_id);
    if (!eff.covered()) continue;  // DR042
    // An unknown cadence may be the better one: never decide on it.
    if (eff.any_unknown) continue;
    const Cadence* worst_case = nullptr;
    if (eff.best) {
      if (eff.best->gap <= obj.rpo->value) continue;
      worst_case = &*eff.best;
    } else {
      // Covered only by one-off backups or paused / never-firing schedules.
      bool invalid = false;
      for (const Cadence& c : eff.cadences) invalid = invalid || c.state == Cadence::State::kInvalid;
      if (invalid || eff.cadences.empty()) continue;  // a malformed schedule is not a cadence problem
      worst_case = &eff.cadences.front();
    }
    const Node& def = g.node(worst_case->definition);
    std::string what = describe_definition(def);
    if (!worst_case->text.empty()) what += " (" + worst_case->text + ")";
    std::string rpo = format_duration(obj.rpo->value);
    std::string msg = what + " " + cadence_phrase(*worst_case) + "; namespace '" + ns.name + "' declares RPO " +
                      rpo + " (" + obj.rpo->source + ")";
    if (eff.cadences.size() > 1) msg += ", and it is the most frequent of the " + std::to_string(eff.cadences.size()) +
                                        " backups covering it";
    msg += ". Run a backup covering '" + ns.name + "' at least every " + rpo +
           " (a more frequent cron, or an additional schedule), or relax the RPO if the business accepts it.";
    FindingBuilder f = out.report(kInfo, worst_case->loc, msg, "namespace " + ns.name + " rpo");
    f.related(obj.rpo->loc, "RPO " + rpo + " declared here (" + obj.rpo->source + ")");
    for (const Cadence& c : eff.cadences)
      if (c.definition != worst_case->definition)
        f.related(c.loc, describe_definition(g.node(c.definition)) + " also covers '" + ns.name + "'");
  }
}

}  // namespace

Rule make_dr040() { return Rule{&kInfo, &check}; }

}  // namespace drlint::rules
