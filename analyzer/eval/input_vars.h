// The input variables of a root module: terraform.tfvars, *.auto.tfvars,
// --var-file and --var, applied in Terraform's order (later wins).
#pragma once

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "analyzer/eval/eval_context.h"
#include "analyzer/eval/module_set.h"
#include "analyzer/eval/terraform.h"

namespace drlint::eval {

using VarAssignments = std::vector<std::pair<std::string, Value>>;

// The assignments of a loaded .tfvars / .tfvars.json file.
VarAssignments read_var_file(const load::LoadedFile& file, EvalState& state, const std::string& dir);

// The --var-file files, in order. A file outside the scan root or unreadable
// is skipped with a diagnostic.
std::vector<VarAssignments> load_cli_var_files(const std::vector<std::string>& paths, EvalState& state);

// Parses one --var value for a variable declared in `decl` (nullptr: undeclared).
Value parse_cli_var(const std::string& raw, const hcl::Block* decl, EvalState& state);

std::map<std::string, Value> root_inputs(const ModuleDef& root, EvalState& state,
                                         const std::vector<VarAssignments>& cli_var_files, const Inputs& inputs);

}  // namespace drlint::eval
