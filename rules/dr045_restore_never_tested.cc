// DR045 restore-never-tested: no automated restore drill runs at least
// monthly for a backup definition.
#include <optional>
#include <string>
#include <vector>

#include "analyzer/graph/graph.h"
#include "analyzer/schedule/cron.h"
#include "analyzer/schedule/duration.h"
#include "rules/finding_sink.h"
#include "rules/policy_query.h"
#include "rules/registry.h"
#include "rules/rule_context.h"

namespace drlint::rules {
namespace {

constexpr std::string_view kSummary =
    "No automated restore drill runs at least monthly for a backup definition.";

constexpr std::string_view kDescription =
    "For a backup definition, no CI workflow (GitHub Actions, GitLab CI, Azure Pipelines) or Kubernetes "
    "CronJob in the scanned inputs runs a restore (velero restore create, az dataprotection backup-instance "
    "restore, a Velero Restore object) on a schedule at least monthly. Reported at the backup definition. A "
    "backup never restored is a backup that will fail.";

constexpr std::string_view kHelp = R"md(Backups fail in ways that only a restore reveals: a missing CRD, a volume
snapshot that cannot leave its zone, an expired credential, a restore that
takes four hours instead of thirty minutes. The only evidence that a backup
works is a restore that ran recently, and the only way to keep that
evidence fresh is to automate it.

drlint looks for a scheduled job (a CI workflow with a cron trigger, or a
Kubernetes CronJob) that runs `velero restore create`, `az dataprotection
backup-instance restore` or applies a Velero `Restore`, at least every 31
days.

**How to fix**: add a scheduled restore drill into a scratch namespace or
cluster, and check the result.

Before: no drill.

After:

```yaml
# .github/workflows/restore-drill.yml
on:
  schedule:
    - cron: "0 4 1 * *"     # monthly
jobs:
  drill:
    runs-on: ubuntu-latest
    steps:
      - run: velero restore create --from-schedule daily --namespace-mappings payments:payments-drill --wait
```
)md";

const RuleInfo kInfo{
    "DR045",
    "restore-never-tested",
    Level::kWarning,
    kSummary,
    kDescription,
    kHelp,
    {"restore", "drill", "operations", "velero", "azure-backup"},
    "",
};

using graph::Node;
using graph::NodeId;
using graph::NodeKind;

inline constexpr schedule::Seconds kMonthly = 31 * schedule::kDay;

enum class DrillCadence { kMonthly, kTooRare, kUnscheduled, kUnknown };

struct DrillInfo {
  DrillCadence cadence = DrillCadence::kUnscheduled;
  std::string detail;  // "runs up to 92d apart", "manual trigger only"
};

DrillInfo drill_cadence(const Node& drill) {
  DrillInfo out;
  const Value* crons = drill.attrs.get("schedules");
  const Value* first = drill.attrs.get("schedule");
  std::vector<const Value*> items;
  if (crons && crons->is_list())
    for (const Value& v : crons->items()) items.push_back(&v);
  if (items.empty() && first && !first->is_null() && !(first->is_string() && first->text().empty()))
    items.push_back(first);
  if (items.empty()) {
    out.detail = "it has no schedule (manual trigger only)";
    return out;
  }
  const Value* suspend = drill.attrs.get("suspend");
  bool ok = false;
  if (suspend && suspend->known() && !suspend->is_null() && suspend->truthy(&ok) && ok) {
    out.detail = "the CronJob is suspended";
    return out;
  }
  if (suspend && !suspend->known()) {
    out.cadence = DrillCadence::kUnknown;
    return out;
  }
  std::optional<schedule::Seconds> best;
  for (const Value* v : items) {
    if (!v->known() || !v->is_string()) {
      out.cadence = DrillCadence::kUnknown;
      return out;
    }
    std::optional<schedule::CronSchedule> c = schedule::parse_cron(v->text());
    if (!c) {
      out.cadence = DrillCadence::kUnknown;  // malformed cron: not this rule's call
      return out;
    }
    std::optional<schedule::Seconds> gap = schedule::longest_gap(*c);
    if (gap && (!best || *gap < *best)) best = gap;
  }
  if (!best) {
    out.detail = "its schedule never fires";
    return out;
  }
  if (*best <= kMonthly) {
    out.cadence = DrillCadence::kMonthly;
    return out;
  }
  out.cadence = DrillCadence::kTooRare;
  out.detail = "it runs up to " + schedule::format_duration(*best) + " apart";
  return out;
}

// Which tool a drill's commands restore with: "velero", "azure" or "" (both).
std::string drill_tool(const Node& drill) {
  const Value* cmds = drill.attrs.get("commands");
  bool velero = false, azure = false;
  if (cmds)
    for (const Value& c : cmds->items()) {
      std::string_view t = c.text();
      if (t.find("dataprotection") != std::string::npos) azure = true;
      else velero = true;
    }
  if (velero && !azure) return "velero";
  if (azure && !velero) return "azure";
  return "";
}

bool drill_applies(const graph::Graph& g, const Node& drill, const Node& def) {
  graph::EdgeRange restores = g.out(drill.id, graph::EdgeKind::kRestores);
  if (!restores.empty()) {
    for (const graph::Edge* e : restores)
      if (e->to == def.id) return true;
    return false;
  }
  std::string tool = drill_tool(drill);
  bool azure_def = def.kind == NodeKind::kBackupInstance;
  return tool.empty() || (tool == "azure") == azure_def;
}

std::string drill_name(const Node& drill) {
  std::string ci = attr_text(drill, "ci");
  if (ci == "cronjob") return "CronJob '" + drill.name + "'";
  if (ci == "restore_object") return "Restore '" + drill.name + "'";
  return "workflow '" + drill.name + "'";
}

void check(const RuleContext& ctx, FindingSink& out) {
  const graph::Graph& g = ctx.graph;
  for (NodeId id : backup_definitions(g)) {
    const Node& d = g.node(id);
    if (d.kind == NodeKind::kVeleroBackup || is_disabled(d)) continue;  // one-off backups are not a backup plan
    bool tested = false, unknown = false;
    const Node* near_miss = nullptr;
    std::string near_detail;
    for (NodeId drill_id : g.of_kind(NodeKind::kRestoreDrill)) {
      const Node& drill = g.node(drill_id);
      if (!drill_applies(g, drill, d)) continue;
      DrillInfo info = drill_cadence(drill);
      if (info.cadence == DrillCadence::kMonthly) tested = true;
      else if (info.cadence == DrillCadence::kUnknown) unknown = true;
      else if (!near_miss) {
        near_miss = &drill;
        near_detail = info.detail;
      }
    }
    if (tested || unknown) continue;
    std::string what = describe_definition(d);
    std::string msg = "no automated restore drill found for " + what + ": looked for " +
                      (d.kind == NodeKind::kBackupInstance ? "`az dataprotection backup-instance restore`"
                                                           : "`velero restore create` or a Velero Restore object") +
                      " in scheduled CI workflows (.github/workflows, .gitlab-ci.yml, azure-pipelines*.yml) and "
                      "Kubernetes CronJobs running at least every 31 days";
    if (near_miss) msg += "; " + drill_name(*near_miss) + " restores but " + near_detail;
    else msg += "; none found";
    msg += ". Add a scheduled job (at least monthly) that restores from " + what +
           " into a scratch namespace and checks the result.";
    FindingBuilder f = out.report(kInfo, d.loc, msg, what + " drill");
    if (near_miss) f.related(near_miss->loc, drill_name(*near_miss) + " runs a restore");
  }
}

}  // namespace

Rule make_dr045() { return Rule{&kInfo, &check}; }

}  // namespace drlint::rules
