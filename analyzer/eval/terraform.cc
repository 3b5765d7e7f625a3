#include "analyzer/eval/terraform.h"

#include <exception>
#include <filesystem>
#include <system_error>

#include "analyzer/eval/eval_context.h"
#include "analyzer/eval/input_vars.h"
#include "analyzer/eval/module_instance.h"
#include "analyzer/eval/module_set.h"

namespace drlint::eval {

Model evaluate_terraform(const std::vector<load::LoadedFile>& files, const load::SourceTable& sources,
                         const std::string& root_abs, const Inputs& inputs) {
  Model model;
  try {
    EvalState state;
    state.sources = &sources;
    state.files = &files;
    std::filesystem::path root = std::filesystem::path(root_abs).lexically_normal();
    std::string r = root.string();
    while (r.size() > 1 && r.back() == '/') r.pop_back();
    state.root_abs = r;
    std::error_code ec;
    std::filesystem::path canon = std::filesystem::weakly_canonical(root, ec);
    state.root_canonical = ec ? r : canon.string();
    while (state.root_canonical.size() > 1 && state.root_canonical.back() == '/') state.root_canonical.pop_back();
    state.diagnostics = &model.diagnostics;

    ModuleSet set(files, sources, &model.diagnostics);
    std::vector<VarAssignments> cli_files = load_cli_var_files(inputs.var_files, state);
    for (const std::string& dir : set.roots()) {
      const ModuleDef* def = set.find(dir);
      if (!def) continue;
      ModuleInstance instance(state, set, *def, "", dir, nullptr, root_inputs(*def, state, cli_files, inputs));
      instance.emit(model);
    }
  } catch (const std::exception& e) {
    model.diagnostics.push_back(load::ParseError{SourceLoc{}, std::string("Terraform evaluation stopped: ") + e.what()});
  } catch (...) {
    model.diagnostics.push_back(load::ParseError{SourceLoc{}, "Terraform evaluation stopped: unexpected error"});
  }
  return model;
}

}  // namespace drlint::eval
