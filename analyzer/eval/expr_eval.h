// Evaluates one HCL expression (analyzer/load/hcl_ast.h) to a Value, with
// Terraform's semantics: unknowns propagate with the first reason, errors are
// unknowns whose reason starts with "error: " (so try()/can() can see them),
// evaluation depth is bounded. Module-level references go through a Context.
#pragma once

#include <string>

#include "analyzer/eval/eval_context.h"
#include "analyzer/load/hcl_ast.h"

namespace drlint::eval {

class ExprEvaluator {
 public:
  ExprEvaluator(Context& ctx, EvalState& state) : ctx_(ctx), state_(state) {}

  Value eval(const hcl::Expr& e, const Scope* scope);

 private:
  struct Ref {
    Value value;
    std::string path;  // address of a resource/data/module instance ("" otherwise)
  };
  Value eval_inner(const hcl::Expr& e, const Scope* scope);
  Ref eval_ref(const hcl::Expr& e, const Scope* scope);
  Ref eval_traversal(const hcl::Expr& e, const Scope* scope);
  Value eval_template(const hcl::Expr& e, const Scope* scope);
  bool render_parts(const hcl::Expr& tpl, const Scope* scope, std::string* out, Value* unknown);
  Value eval_splat(const hcl::Expr& e, const Scope* scope);
  Value eval_call(const hcl::Expr& e, const Scope* scope);
  Value eval_templatefile(const hcl::Expr& e, std::vector<Value>& args);
  Value eval_conditional(const hcl::Expr& e, const Scope* scope);
  Value eval_binary(const hcl::Expr& e, const Scope* scope);
  Value eval_unary(const hcl::Expr& e, const Scope* scope);
  Value eval_object(const hcl::Expr& e, const Scope* scope);
  Value eval_for(const hcl::Expr& e, const Scope* scope);

  Context& ctx_;
  EvalState& state_;
  const Ref* splat_item_ = nullptr;  // the element inside the innermost splat
};

// Applies one traversal step to a value; `path` tracks a resource address so
// that a missing attribute becomes unknown "ref:<path>.<attr>".
Value apply_step(const Value& base, const Step& step, std::string* path, const SourceLoc& loc);

}  // namespace drlint::eval
