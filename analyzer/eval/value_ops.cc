#include "analyzer/eval/value_ops.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace drlint::eval {

std::string number_text(double n) {
  if (std::isfinite(n) && std::floor(n) == n && std::fabs(n) < 1e15) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%lld", static_cast<long long>(n));
    return buf;
  }
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.15g", n);
  // Prefer the shortest spelling that round-trips.
  if (std::strtod(buf, nullptr) != n) std::snprintf(buf, sizeof buf, "%.17g", n);
  return buf;
}

bool to_string(const Value& v, std::string* out) {
  switch (v.kind()) {
    case Value::Kind::kString: *out = v.text(); return true;
    case Value::Kind::kNumber: *out = number_text(v.as_number()); return true;
    case Value::Kind::kBool: *out = v.as_bool() ? "true" : "false"; return true;
    default: return false;
  }
}

bool to_number(const Value& v, double* out) {
  if (v.is_number()) {
    *out = v.as_number();
    return true;
  }
  if (!v.is_string()) return false;
  std::string s(v.text());
  if (s.empty() || std::isspace(static_cast<unsigned char>(s[0]))) return false;
  char* end = nullptr;
  double d = std::strtod(s.c_str(), &end);
  if (!end || *end != '\0' || !std::isfinite(d)) return false;
  if (s.find_first_of("xXpP") != std::string::npos) return false;  // no hex floats
  *out = d;
  return true;
}

bool to_bool(const Value& v, bool* out) {
  if (v.is_bool()) {
    *out = v.as_bool();
    return true;
  }
  if (v.is_string() && (v.text() == "true" || v.text() == "false")) {
    *out = v.text() == "true";
    return true;
  }
  return false;
}

std::vector<const Value::Entry*> sorted_entries(const Value& map) {
  std::vector<const Value::Entry*> out;
  out.reserve(map.entries().size());
  for (const Value::Entry& e : map.entries()) out.push_back(&e);
  std::stable_sort(out.begin(), out.end(), [](const Value::Entry* a, const Value::Entry* b) { return a->first < b->first; });
  return out;
}

const Value* first_unknown(const std::vector<Value>& values) {
  for (const Value& v : values)
    if (!v.known()) return &v;
  return nullptr;
}

const Value* find_unknown(const Value& v) {
  std::vector<const Value*> stack{&v};
  while (!stack.empty()) {
    const Value* cur = stack.back();
    stack.pop_back();
    if (!cur->known()) return cur;
    for (auto it = cur->items().rbegin(); it != cur->items().rend(); ++it) stack.push_back(&*it);
    for (auto it = cur->entries().rbegin(); it != cur->entries().rend(); ++it) stack.push_back(&it->second);
  }
  return nullptr;
}

bool larger_than(const Value& v, std::size_t limit) {
  std::size_t n = 0;
  std::vector<const Value*> stack{&v};
  while (!stack.empty()) {
    const Value* cur = stack.back();
    stack.pop_back();
    if (++n > limit) return true;
    for (const Value& i : cur->items()) stack.push_back(&i);
    for (const Value::Entry& e : cur->entries()) stack.push_back(&e.second);
  }
  return false;
}

Value relocate(Value v, const SourceLoc& loc) {
  std::vector<Value*> stack{&v};
  while (!stack.empty()) {
    Value* cur = stack.back();
    stack.pop_back();
    cur->set_loc(loc);
    for (Value& i : cur->mutable_items()) stack.push_back(&i);
    for (Value::Entry& e : cur->mutable_entries()) stack.push_back(&e.second);
  }
  return v;
}

}  // namespace drlint::eval
