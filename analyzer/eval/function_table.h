// Internal: the table of built-in functions, split by family across
// functions_*.cc, and helpers shared by their implementations.
#pragma once

#include <string>
#include <vector>

#include "analyzer/eval/eval_context.h"
#include "analyzer/eval/functions.h"

namespace drlint::eval {

using Args = std::vector<Value>;
using FunctionImpl = Value (*)(Args& args, const CallSite& site);

// How a function treats unknown arguments before it is called.
enum class UnknownPolicy {
  kSelf,     // the implementation decides
  kShallow,  // an unknown argument makes the result unknown
  kDeep,     // an unknown anywhere inside an argument makes the result unknown
};

struct FunctionSpec {
  const char* name;
  FunctionImpl impl;
  int min_args;
  int max_args;  // -1: variadic
  UnknownPolicy policy;
};

const std::vector<FunctionSpec>& string_functions();
const std::vector<FunctionSpec>& collection_functions();
const std::vector<FunctionSpec>& encoding_functions();
const std::vector<FunctionSpec>& misc_functions();

inline Value fn_error(const CallSite& s, const std::string& msg) { return error_value(msg, s.loc); }
// The string argument i (numbers and bools converted), or false.
bool arg_string(const Args& a, std::size_t i, std::string* out);
bool arg_number(const Args& a, std::size_t i, double* out);
bool arg_integer(const Args& a, std::size_t i, long long* out);

// JSON text of a known value (keys sorted, Go's HTML-safe escapes).
std::string json_encode(const Value& v);
// Splits UTF-8 text into code points (each as its bytes).
std::vector<std::string> utf8_chars(std::string_view s);

}  // namespace drlint::eval
