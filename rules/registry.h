// Every rule drlint knows, in ID order. The list is explicit (no static
// initializers): add a rule by declaring its make function here and listing
// it in registry.cc.
#pragma once

#include <string_view>
#include <vector>

#include "rules/rule.h"

namespace drlint::rules {

Rule make_dr900();

const std::vector<Rule>& all_rules();
const RuleInfo* find_rule(std::string_view id);

}  // namespace drlint::rules
