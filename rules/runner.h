// Runs every registered rule over the graph and applies the configuration's
// per-rule overrides (off, level).
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "analyzer/finding/finding.h"
#include "rules/rule_context.h"

namespace drlint::rules {

// Appends the findings to `out` (the scan's, which may hold load findings
// already). Wall seconds per rule ID, in registry order, when `seconds` is
// given.
void run_rules(const RuleContext& context, std::vector<Finding>* out,
               std::vector<std::pair<std::string, double>>* seconds = nullptr);

}  // namespace drlint::rules
