// Terraform's built-in functions over evaluated arguments. try(), can() and
// templatefile() need unevaluated arguments or the evaluator and live in
// expr_eval.cc. An unknown argument makes the result unknown (except where
// Terraform's function looks only at known parts, e.g. coalesce's first known
// non-null); an unimplemented function is unknown with reason
// "function X is not evaluated".
#pragma once

#include <string>
#include <vector>

#include "analyzer/eval/eval_context.h"

namespace drlint::eval {

struct CallSite {
  SourceLoc loc;             // the call expression
  EvalState* state = nullptr;
  const Context* ctx = nullptr;  // module_dir()/root_dir() for file functions
};

Value call_function(const std::string& name, std::vector<Value> args, const CallSite& site);

// The string form of a value inside a template ("${x}"): strings, numbers and
// bools; an error value for null and collections.
Value template_string(const Value& v, const SourceLoc& loc);

}  // namespace drlint::eval
