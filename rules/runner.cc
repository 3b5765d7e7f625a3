#include "rules/runner.h"

#include <chrono>

#include "analyzer/config/config.h"
#include "rules/finding_sink.h"
#include "rules/registry.h"

namespace drlint::rules {

std::vector<Finding> run_rules(const RuleContext& context, std::vector<std::pair<std::string, double>>* seconds) {
  std::vector<Finding> out;
  for (const Rule& rule : all_rules()) {
    if (!rule.check) continue;
    const config::RuleOverride* o = context.config.override_for(rule.info->id);
    if (o && o->off) continue;
    FindingSink sink;
    auto started = std::chrono::steady_clock::now();
    rule.check(context, sink);
    if (seconds)
      seconds->emplace_back(rule.info->id,
                            std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
    for (Finding& f : sink.take()) {
      // A configured level replaces the default; findings a rule lowered on
      // purpose (unknown values -> note) stay notes.
      if (o && o->level && f.level == rule.info->level) f.level = *o->level;
      out.push_back(std::move(f));
    }
  }
  return out;
}

}  // namespace drlint::rules
