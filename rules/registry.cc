#include "rules/registry.h"

namespace drlint::rules {

const std::vector<Rule>& all_rules() {
  static const std::vector<Rule> rules = {
      make_dr900(),
  };
  return rules;
}

const RuleInfo* find_rule(std::string_view id) {
  for (const Rule& r : all_rules())
    if (r.info->id == id) return r.info;
  return nullptr;
}

}  // namespace drlint::rules
