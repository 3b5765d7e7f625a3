// `drlint rules` and `drlint explain`: the catalog, printed from the registry.
#pragma once

#include <ostream>
#include <string>

namespace drlint::cli {

int print_rules(const std::string& format, const std::string& output_dir, std::ostream& out, std::ostream& err);
int explain_rule(const std::string& id, std::ostream& out, std::ostream& err);
// The documentation page of one rule (docs/rules/<ID>.md).
std::string rule_page_markdown(const std::string& id);

}  // namespace drlint::cli
