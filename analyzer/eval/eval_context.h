// Internal plumbing shared by the evaluator's parts: the per-run state
// (limits, diagnostics, the scan's files), the lexical scope of iteration
// symbols (for-expressions, each, count, dynamic iterators, template vars), and
// the Context through which an expression resolves module-level references
// (var., local., module., resources, data., path., terraform.).
#pragma once

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include "analyzer/load/loaded_file.h"
#include "analyzer/load/parse_error.h"
#include "analyzer/load/source_table.h"
#include "analyzer/value/value.h"

namespace drlint::eval {

inline constexpr int kMaxEvalDepth = 256;           // nested evaluate() calls, across references
inline constexpr int kMaxModuleDepth = 16;          // module.a.module.b... nesting
inline constexpr std::size_t kMaxInstances = 10000;  // count / for_each expansion of one block
inline constexpr std::size_t kMaxModuleInstances = 2000;  // per root module (roots are evaluated in parallel)
inline constexpr std::size_t kMaxResourceInstances = 200000;  // per root module
inline constexpr std::size_t kMaxValueNodes = 1000000;  // a local/output/module input larger than this is unknown
inline constexpr std::size_t kMaxStringBytes = 16u << 20;  // function results
inline constexpr std::size_t kMaxFileBytes = 8u << 20;    // file(), templatefile()

// Prefix of unknown reasons that stand for an evaluation error (missing
// attribute, bad type...). try() and can() treat these as errors; everything
// else treats them as unknown.
inline constexpr const char* kErrorPrefix = "error: ";

inline Value error_value(const std::string& message, SourceLoc loc) {
  return Value::unknown(kErrorPrefix + message, loc);
}
inline bool is_error(const Value& v) {
  return !v.known() && v.text().compare(0, 7, kErrorPrefix) == 0;
}

// Everything the evaluation of one root module shares (each root has its
// own: roots are evaluated in parallel, and their results merged in order).
struct EvalState {
  const load::SourceTable* sources = nullptr;
  const std::vector<load::LoadedFile>* files = nullptr;
  std::string root_abs;        // scan root, absolute, lexically normal
  std::string root_canonical;  // weakly_canonical(root_abs)
  std::vector<load::ParseError>* diagnostics = nullptr;
  std::vector<std::string>* paths_read = nullptr;  // Model::paths_read
  int depth = 0;               // current evaluation nesting
  std::size_t module_instances = 0;
  std::size_t resource_instances = 0;
  bool depth_reported = false;

  void diagnose(SourceLoc loc, std::string message) {
    if (diagnostics) diagnostics->push_back(load::ParseError{loc, std::move(message)});
  }
};

// Symbols introduced by iteration (for-expression variables, each, count,
// dynamic-block iterators, templatefile() variables). Chained to the parent.
struct Scope {
  const Scope* parent = nullptr;
  std::vector<std::pair<std::string, Value>> symbols;

  const Value* find(const std::string& name) const {
    for (const Scope* s = this; s; s = s->parent)
      for (auto it = s->symbols.rbegin(); it != s->symbols.rend(); ++it)
        if (it->first == name) return &it->second;
    return nullptr;
  }
};

// One traversal step after a reference's root name: `.name` or `[key]`.
struct Step {
  bool attr = true;
  std::string name;  // attr
  Value key;         // index (already evaluated)
  SourceLoc loc;
};

// Resolves the references of one module instance.
class Context {
 public:
  virtual ~Context() = default;
  // Resolves `root` followed by some of `steps` (var.x, local.y, module.m.out,
  // aws_x.y[0], data.t.n, path.module ...). Sets *used to the number of steps
  // consumed. When the result is a resource/data instance (or module), sets
  // *ref_path to its address so that missing attributes become
  // "ref:<address>.<attr>".
  virtual Value resolve(const std::string& root, const std::vector<Step>& steps, std::size_t* used,
                        std::string* ref_path, const SourceLoc& loc) = 0;
  // Repository-relative directories for file(): this module's and its root's.
  virtual const std::string& module_dir() const = 0;
  virtual const std::string& root_dir() const = 0;
};

// A context without module-level references (tfvars, templatefile bodies):
// every reference is unknown.
class DetachedContext : public Context {
 public:
  DetachedContext(std::string module_dir, std::string root_dir)
      : module_dir_(std::move(module_dir)), root_dir_(std::move(root_dir)) {}
  Value resolve(const std::string& root, const std::vector<Step>&, std::size_t* used, std::string*,
                const SourceLoc& loc) override {
    *used = 0;
    return error_value("reference to \"" + root + "\" is not available here", loc);
  }
  const std::string& module_dir() const override { return module_dir_; }
  const std::string& root_dir() const override { return root_dir_; }

 private:
  std::string module_dir_, root_dir_;
};

}  // namespace drlint::eval
