// DR041 retention-shorter-than-interval: a schedule's retention (ttl) is
// shorter than the longest gap between its runs.
#include <string>
#include <vector>

#include "analyzer/graph/graph.h"
#include "analyzer/schedule/duration.h"
#include "rules/finding_sink.h"
#include "rules/policy_query.h"
#include "rules/registry.h"
#include "rules/rule_context.h"

namespace drlint::rules {
namespace {

constexpr std::string_view kSummary =
    "A backup schedule's retention is shorter than the longest gap between its runs, so at times no backup "
    "exists.";

constexpr std::string_view kDescription =
    "A Velero schedule's ttl, or an Azure Backup for AKS policy's retention, is shorter than the longest gap "
    "between two consecutive runs of the schedule. Each backup expires before the next one is taken, so for "
    "part of every cycle there is no backup at all to restore from.";

constexpr std::string_view kHelp = R"md(A backup that has expired cannot be restored. When the retention (Velero
`ttl`, Azure Backup retention duration) is shorter than the time to the next
run, there is a window in every cycle where the previous backup has been
garbage-collected and the next one does not exist yet. A disaster in that
window leaves nothing to restore. Weekly or weekday-only schedules with a
short `ttl` are the usual cause: `0 3 * * 1-5` with `ttl: 48h` has nothing
from Sunday 03:00 to Monday 03:00.

**How to fix**: keep every backup at least as long as the longest gap
between runs, better several times as long so that a failed run or a
corrupted backup still leaves an older one.

Before:

```yaml
spec:
  schedule: "0 3 * * 0"      # weekly
  template:
    ttl: 72h0m0s
```

After:

```yaml
spec:
  schedule: "0 3 * * 0"
  template:
    ttl: 720h0m0s            # 30 days: four weekly backups
```
)md";

const RuleInfo kInfo{
    "DR041",
    "retention-shorter-than-interval",
    Level::kError,
    kSummary,
    kDescription,
    kHelp,
    {"backup", "retention", "schedule", "velero", "azure-backup"},
    "",
};

using graph::Node;
using graph::NodeId;
using schedule::format_duration;

void check(const RuleContext& ctx, FindingSink& out) {
  const graph::Graph& g = ctx.graph;
  for (NodeId id : backup_definitions(g)) {
    const Node& d = g.node(id);
    if (is_disabled(d)) continue;
    Cadence c = cadence_of(g, id);
    if (c.state != Cadence::State::kKnown) continue;  // unknown, one-off or malformed: nothing to compare
    Retention r = retention_of(g, id);
    if (!r.known || r.value >= c.gap) continue;
    std::string what = describe_definition(d);
    std::string gap = format_duration(c.gap);
    std::string kept = r.defaulted ? r.text : format_duration(r.value);
    std::string field = d.kind == graph::NodeKind::kBackupInstance ? "retention duration" : "ttl";
    std::string msg = what + " keeps each backup for " + kept;
    if (!r.defaulted && r.text != kept) msg += " (" + field + " " + r.text + ")";
    msg += " but runs up to " + gap + " apart (" + c.text + "), so for up to " + format_duration(c.gap - r.value) +
           " of every cycle no backup exists. Set the " + field + " to at least " + gap +
           " (several times the interval is safer) or run the backup more often.";
    // The line to edit: the ttl/retention when written, else the schedule.
    SourceLoc at = r.defaulted ? c.loc : r.loc;
    FindingBuilder f = out.report(kInfo, at, msg, what + " retention");
    if (r.defaulted) f.related(d.loc, what + " sets no ttl");
    else f.related(c.loc, "schedule runs up to " + gap + " apart");
  }
}

}  // namespace

Rule make_dr041() { return Rule{&kInfo, &check}; }

}  // namespace drlint::rules
