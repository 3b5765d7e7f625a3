// `drlint rules` and `drlint explain`: the catalog, printed from the registry.
#pragma once

#include <ostream>
#include <string>

namespace drlint::cli {

// examples_dir: testdata/rules; when set, each page quotes the rule's first
// positive fixture as its Example (so a page cannot show code that does not fire).
int print_rules(const std::string& format, const std::string& output_dir, const std::string& examples_dir,
                std::ostream& out, std::ostream& err);
int explain_rule(const std::string& id, std::ostream& out, std::ostream& err);
// The documentation page of one rule (docs/rules/<ID>.md).
std::string rule_page_markdown(const std::string& id, const std::string& examples_dir = "");
// The index page (docs/rules/README.md).
std::string rules_index_markdown();

}  // namespace drlint::cli
