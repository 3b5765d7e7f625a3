// Runs every registered rule over the graph and applies the configuration's
// per-rule overrides (off, level).
#pragma once

#include <vector>

#include "analyzer/finding/finding.h"
#include "rules/rule_context.h"

namespace drlint::rules {

std::vector<Finding> run_rules(const RuleContext& context);

}  // namespace drlint::rules
