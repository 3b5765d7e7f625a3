// Conversions and small helpers on Values with Terraform's rules: the
// primitive conversions (number <-> string <-> bool), the string form used in
// templates, map iteration in key order, and collection as list.
#pragma once

#include <string>
#include <vector>

#include "analyzer/value/value.h"

namespace drlint::eval {

// Terraform's tostring(): strings, numbers and bools; false for others.
bool to_string(const Value& v, std::string* out);
// Terraform's tonumber(): numbers and numeric strings.
bool to_number(const Value& v, double* out);
// Terraform's tobool(): bools and "true"/"false".
bool to_bool(const Value& v, bool* out);
// The spelling of a number as Terraform prints it (integers without ".0").
std::string number_text(double n);
// Map entries sorted by key (Terraform iterates maps and objects in key order).
std::vector<const Value::Entry*> sorted_entries(const Value& map);
// The first unknown among `values` (directly, not nested), or nullptr.
const Value* first_unknown(const std::vector<Value>& values);
// The first unknown nested anywhere inside `v`, or nullptr.
const Value* find_unknown(const Value& v);
// True if `v` has more than `limit` nodes (stops counting at the limit).
bool larger_than(const Value& v, std::size_t limit);
// A copy of `v` with every location (nested too) replaced by `loc`.
Value relocate(Value v, const SourceLoc& loc);

}  // namespace drlint::eval
