// One instance of a module (a root module, or a local module called from
// another instance, e.g. module.dr or module.dr.module.storage["x"]): resolves
// its references lazily with cycle detection (variables, locals, resources,
// data sources, child modules' outputs) and emits its resource instances into
// the Model.
//
// Addressing: count/for_each with a known value expand to `name[0]` /
// `name["key"]`; an unknown one yields a single instance `name[*]` whose
// count.index / each.key / each.value are unknown. References to an instance
// of such a resource use the `[*]` address too.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "analyzer/eval/eval_context.h"
#include "analyzer/eval/module_set.h"
#include "analyzer/eval/terraform_model.h"

namespace drlint::eval {

class ModuleInstance : public Context {
 public:
  // `module_path`: "" for a root module, else "module.dr" / "module.dr.module.x[0]".
  // `inputs`: variable values set by the caller (or tfvars / --var for roots).
  ModuleInstance(EvalState& state, const ModuleSet& set, const ModuleDef& def, std::string module_path,
                 std::string root_dir, const ModuleInstance* parent, std::map<std::string, Value> inputs);
  ~ModuleInstance() override;

  Value resolve(const std::string& root, const std::vector<Step>& steps, std::size_t* used, std::string* ref_path,
                const SourceLoc& loc) override;
  const std::string& module_dir() const override { return def_.dir; }
  const std::string& root_dir() const override { return root_dir_; }

  // Appends this instance's resources and module calls, then its children's.
  void emit(Model& model);

  // The value of output `name` ({} of all outputs when name is empty).
  Value output(const std::string& name, const SourceLoc& loc);

  int depth() const { return depth_; }

 private:
  enum class Status { kNew, kBusy, kDone };
  struct Instance {
    std::string address;
    Value key;     // number (count), string (for_each), unknown ([*]) or null (single)
    Value attrs;   // arguments and nested blocks
    Value object;  // attrs plus id/name references, for expressions
  };
  struct Expansion {
    enum class Kind { kSingle, kList, kMap, kUnknown } kind = Kind::kSingle;
    std::vector<std::pair<Value, Value>> keys;  // (key, each.value or count.index)
    std::string reason;                          // kUnknown
  };
  struct ResourceState {
    Status status = Status::kNew;
    Expansion expansion;
    std::vector<Instance> instances;
    Value whole;  // single: object; list/map of objects; unknown
  };
  struct Child {
    std::string address;
    Value key;
    std::unique_ptr<ModuleInstance> instance;  // null: not evaluated (depth, cycle)
    std::string unavailable;                    // why instance is null
  };
  struct CallState {
    Status status = Status::kNew;
    std::string source;
    SourceTarget target;
    const ModuleDef* def = nullptr;
    Expansion expansion;
    std::vector<Child> children;
    std::string unavailable;  // remote, missing, outside root...
  };
  struct Cached {
    Status status = Status::kNew;
    Value value;
  };

  Expansion expand(const hcl::Body& body, const std::string& what);
  Scope instance_scope(const Expansion& ex, const Value& key, const Value& item) const;
  Value eval_body(const hcl::Body& body, const Scope* scope, bool top_level);
  ResourceState& resource(const std::string& key, const hcl::Block& block);
  CallState& call(const std::string& name, const hcl::Block& block);
  Value variable(const std::string& name, const SourceLoc& loc);
  Value local(const std::string& name, const SourceLoc& loc);
  Value resolve_resource(const std::string& key, const std::vector<Step>& steps, std::size_t first,
                         std::size_t* used, std::string* ref_path, const SourceLoc& loc);
  Value resolve_module(const std::vector<Step>& steps, std::size_t* used, const SourceLoc& loc);
  std::string address_of(const hcl::Block& block) const;
  static std::string key_suffix(const Value& key);
  bool has_ancestor(const ModuleDef* def) const;

  EvalState& state_;
  const ModuleSet& set_;
  const ModuleDef& def_;
  std::string module_path_;
  std::string prefix_;  // module_path_ + "." or ""
  std::string root_dir_;
  std::string path_module_, path_root_;
  const ModuleInstance* parent_;
  int depth_;
  std::map<std::string, Value> inputs_;
  std::map<std::string, Cached> variables_, locals_, outputs_;
  std::map<std::string, ResourceState> resources_;
  std::map<std::string, CallState> calls_;
};

}  // namespace drlint::eval
