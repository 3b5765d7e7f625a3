#include "analyzer/eval/terraform.h"

#include <exception>
#include <filesystem>
#include <system_error>

#include "analyzer/eval/eval_context.h"
#include "analyzer/eval/input_vars.h"
#include "analyzer/eval/module_instance.h"
#include "analyzer/eval/module_set.h"
#include "analyzer/util/parallel.h"

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
    state.paths_read = &model.paths_read;

    ModuleSet set(files, sources, &model.diagnostics);
    std::vector<VarAssignments> cli_files = load_cli_var_files(inputs.var_files, state);
    // Roots are independent: each gets its own state and model part, and
    // the parts are appended in root order, so the result does not depend
    // on the number of threads.
    const std::vector<std::string> roots = set.roots();
    std::vector<Model> parts(roots.size());
    std::vector<std::string> failures(roots.size());
    parallel_for(inputs.jobs, roots.size(), [&](std::size_t i) {
      const ModuleDef* def = set.find(roots[i]);
      if (!def) return;
      EvalState root_state;
      root_state.sources = state.sources;
      root_state.files = state.files;
      root_state.root_abs = state.root_abs;
      root_state.root_canonical = state.root_canonical;
      root_state.diagnostics = &parts[i].diagnostics;
      root_state.paths_read = &parts[i].paths_read;
      try {
        ModuleInstance instance(root_state, set, *def, "", roots[i], nullptr,
                                root_inputs(*def, root_state, cli_files, inputs));
        instance.emit(parts[i]);
      } catch (const std::exception& e) {
        failures[i] = e.what();
      } catch (...) {
        failures[i] = "unexpected error";
      }
    });
    for (std::size_t i = 0; i < parts.size(); ++i) {
      Model& p = parts[i];
      for (Resource& r : p.resources) model.resources.push_back(std::move(r));
      for (ModuleCall& m : p.modules) model.modules.push_back(std::move(m));
      for (load::ParseError& d : p.diagnostics) model.diagnostics.push_back(std::move(d));
      for (std::string& path : p.paths_read) model.paths_read.push_back(std::move(path));
      if (!failures[i].empty())
        model.diagnostics.push_back(
            load::ParseError{SourceLoc{}, "Terraform evaluation of " + roots[i] + " stopped: " + failures[i]});
    }
  } catch (const std::exception& e) {
    model.diagnostics.push_back(load::ParseError{SourceLoc{}, std::string("Terraform evaluation stopped: ") + e.what()});
  } catch (...) {
    model.diagnostics.push_back(load::ParseError{SourceLoc{}, "Terraform evaluation stopped: unexpected error"});
  }
  return model;
}

}  // namespace drlint::eval
