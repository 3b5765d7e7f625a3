// Every rule drlint knows, in ID order. The list is explicit (no static
// initializers): add a rule by declaring its make function here and listing
// it in registry.cc.
#pragma once

#include <string_view>
#include <vector>

#include "rules/rule.h"

namespace drlint::rules {

Rule make_dr001();
Rule make_dr002();
Rule make_dr003();
Rule make_dr004();
Rule make_dr005();
Rule make_dr006();
Rule make_dr010();
Rule make_dr011();
Rule make_dr012();
Rule make_dr020();
Rule make_dr021();
Rule make_dr022();
Rule make_dr030();
Rule make_dr031();
Rule make_dr040();
Rule make_dr041();
Rule make_dr042();
Rule make_dr043();
Rule make_dr044();
Rule make_dr045();
Rule make_dr046();
Rule make_dr050();
Rule make_dr060();
Rule make_dr061();
Rule make_dr900();
Rule make_dr901();
Rule make_dr902();
Rule make_dr903();

const std::vector<Rule>& all_rules();
const RuleInfo* find_rule(std::string_view id);

}  // namespace drlint::rules
