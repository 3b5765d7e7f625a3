// Public entry point of Terraform evaluation: turns the loaded .tf/.tf.json/
// .tfvars files of a scan into a Model of resource instances with evaluated
// arguments (known values with their source locations, or unknowns with a
// reason). Never throws; problems that are not syntax errors become
// Model::diagnostics.
//
// Decisions (see also the comments in module_instance.h):
//  - A module is the .tf and .tf.json files of one directory. Root modules are
//    the directories not called as a local module by another scanned module.
//  - Variable values: default < terraform.tfvars < terraform.tfvars.json <
//    *.auto.tfvars(.json) (lexical) < --var-file (in order) < --var (in order).
//    A variable without a value is unknown ("variable \"x\" has no value").
//  - --var NAME=VALUE: VALUE is the raw string when the variable is declared
//    `type = string` or when VALUE is not a literal/collection HCL expression;
//    otherwise the parsed HCL value (`--var n=3` is the number 3).
//  - count/for_each that are unknown produce ONE instance addressed
//    `type.name[*]` (module calls: `module.m[*]`) evaluated with count.index /
//    each.key / each.value unknown. Known ones expand to `[0]` / `["key"]`.
//  - Computed attributes that are not arguments (`.id`, and `.name` when the
//    name argument is not known) evaluate to unknown with the reason
//    "ref:<address>.<attr>" so the linker can connect resources by reference.
//    Read through a reference (`x = azurerm_a.b.id`), such a "ref:" unknown is
//    located at the referencing expression, not at the referenced block, so
//    edges sit at the value that makes the link.
//  - `dynamic` blocks expand when their for_each is known; when it is unknown
//    the block's entry in Resource::attrs is an unknown value (never absent, so
//    no rule mistakes "unknown" for "not configured").
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "analyzer/eval/terraform_model.h"
#include "analyzer/load/loaded_file.h"
#include "analyzer/load/source_table.h"

namespace drlint::eval {

struct Inputs {
  // --var NAME=VALUE, in command-line order (later wins).
  std::vector<std::pair<std::string, std::string>> vars;
  // --var-file paths (relative to the current directory or absolute; must be
  // inside the scan root), in command-line order.
  std::vector<std::string> var_files;
  // Root modules evaluated in parallel (0 = all cores). The result does not
  // depend on it.
  unsigned jobs = 1;
};

Model evaluate_terraform(const std::vector<load::LoadedFile>& files, const load::SourceTable& sources,
                         const std::string& root_abs, const Inputs& inputs);

}  // namespace drlint::eval
