#include "rules/registry.h"

namespace drlint::rules {

const std::vector<Rule>& all_rules() {
  static const std::vector<Rule> rules = {
      make_dr001(),
      make_dr002(),
      make_dr003(),
      make_dr004(),
      make_dr005(),
      make_dr006(),
      make_dr010(),
      make_dr011(),
      make_dr012(),
      make_dr020(),
      make_dr021(),
      make_dr022(),
      make_dr030(),
      make_dr031(),
      make_dr040(),
      make_dr041(),
      make_dr042(),
      make_dr043(),
      make_dr044(),
      make_dr045(),
      make_dr046(),
      make_dr050(),
      make_dr060(),
      make_dr061(),
      make_dr900(),
      make_dr901(),
      make_dr902(),
      make_dr903(),
  };
  return rules;
}

const RuleInfo* find_rule(std::string_view id) {
  for (const Rule& r : all_rules())
    if (r.info->id == id) return r.info;
  return nullptr;
}

}  // namespace drlint::rules
