// Collection functions: length, keys/values, lookup, merge, concat, flatten,
// set conversions, coalesce, range, sum... Unknown elements inside a
// collection stay unknown in the result where Terraform would keep them.
#include <algorithm>
#include <cmath>

#include "analyzer/eval/function_table.h"
#include "analyzer/eval/value_ops.h"

namespace drlint::eval {
namespace {

constexpr std::size_t kMaxRange = 10000;

Value unknown_of(const Value& v, const CallSite& s) { return Value::unknown(v.text(), s.loc); }

Value fn_length(Args& a, const CallSite& s) {
  const Value& v = a[0];
  if (v.is_list() || v.is_map()) return Value::number(static_cast<double>(v.size()), s.loc);
  if (v.is_string()) return Value::number(static_cast<double>(utf8_chars(v.text()).size()), s.loc);
  return fn_error(s, std::string("length() of a ") + kind_name(v.kind()));
}
Value fn_keys(Args& a, const CallSite& s) {
  if (!a[0].is_map()) return fn_error(s, "keys() needs a map");
  std::vector<Value> out;
  for (const Value::Entry* e : sorted_entries(a[0])) out.push_back(Value::string(e->first, s.loc));
  return Value::list(std::move(out), s.loc);
}
Value fn_values(Args& a, const CallSite& s) {
  if (!a[0].is_map()) return fn_error(s, "values() needs a map");
  std::vector<Value> out;
  for (const Value::Entry* e : sorted_entries(a[0])) out.push_back(e->second);
  return Value::list(std::move(out), s.loc);
}
Value fn_lookup(Args& a, const CallSite& s) {
  if (!a[0].known()) return unknown_of(a[0], s);
  if (!a[1].known()) return unknown_of(a[1], s);
  if (!a[0].is_map()) return fn_error(s, "lookup() needs a map");
  std::string key;
  if (!to_string(a[1], &key)) return fn_error(s, "lookup() key must be a string");
  if (const Value* v = a[0].get(key)) return *v;
  if (a.size() == 3) return a[2];
  return fn_error(s, "lookup(): no key \"" + key + "\"");
}
Value fn_contains(Args& a, const CallSite& s) {
  if (!a[0].known()) return unknown_of(a[0], s);
  if (!a[1].known()) return unknown_of(a[1], s);
  if (!a[0].is_list()) return fn_error(s, "contains() needs a list");
  const Value* unknown = nullptr;
  for (const Value& item : a[0].items()) {
    if (item.contains_unknown()) {
      unknown = unknown ? unknown : find_unknown(item);
      continue;
    }
    if (item.equals(a[1])) return Value::boolean(true, s.loc);
  }
  if (unknown) return unknown_of(*unknown, s);
  return Value::boolean(false, s.loc);
}
Value fn_index(Args& a, const CallSite& s) {
  if (!a[0].is_list()) return fn_error(s, "index() needs a list");
  for (std::size_t i = 0; i < a[0].items().size(); ++i)
    if (a[0].items()[i].equals(a[1])) return Value::number(static_cast<double>(i), s.loc);
  return fn_error(s, "index(): item not found");
}
Value fn_element(Args& a, const CallSite& s) {
  long long i = 0;
  if (!a[0].is_list()) return fn_error(s, "element() needs a list");
  if (!arg_integer(a, 1, &i) || i < 0) return fn_error(s, "element() index must be a non-negative whole number");
  if (a[0].items().empty()) return fn_error(s, "element() of an empty list");
  return a[0].items()[static_cast<std::size_t>(i) % a[0].items().size()];
}
Value fn_concat(Args& a, const CallSite& s) {
  std::vector<Value> out;
  for (const Value& l : a) {
    if (!l.is_list()) return fn_error(s, "concat() needs lists");
    out.insert(out.end(), l.items().begin(), l.items().end());
  }
  return Value::list(std::move(out), s.loc);
}
Value fn_merge(Args& a, const CallSite& s) {
  std::vector<Value::Entry> out;
  for (const Value& m : a) {
    if (m.is_null()) continue;
    if (!m.is_map()) return fn_error(s, std::string("merge() needs maps, got a ") + kind_name(m.kind()));
    for (const Value::Entry& e : m.entries()) {
      bool replaced = false;
      for (Value::Entry& o : out)
        if (o.first == e.first) o.second = e.second, replaced = true;
      if (!replaced) out.push_back(e);
    }
  }
  return Value::map(std::move(out), s.loc);
}
Value fn_coalesce(Args& a, const CallSite& s) {
  for (const Value& v : a) {
    if (!v.known()) return unknown_of(v, s);
    if (v.is_null() || (v.is_string() && v.text().empty())) continue;
    return v;
  }
  return fn_error(s, "coalesce(): no non-null, non-empty argument");
}
Value fn_coalescelist(Args& a, const CallSite& s) {
  for (const Value& v : a) {
    if (!v.known()) return unknown_of(v, s);
    if (!v.is_list()) return fn_error(s, "coalescelist() needs lists");
    if (!v.items().empty()) return v;
  }
  return fn_error(s, "coalescelist(): all lists are empty");
}
void flatten_into(const Value& v, std::vector<Value>& out, int depth, const Value** unknown) {
  for (const Value& item : v.items()) {
    if (!item.known() && !*unknown) *unknown = &item;
    if (item.is_list() && depth < 64) flatten_into(item, out, depth + 1, unknown);
    else out.push_back(item);
  }
}
Value fn_flatten(Args& a, const CallSite& s) {
  if (!a[0].is_list()) return fn_error(s, "flatten() needs a list");
  std::vector<Value> out;
  const Value* unknown = nullptr;
  flatten_into(a[0], out, 0, &unknown);
  if (unknown) return unknown_of(*unknown, s);  // an unknown list could hold any number of items
  return Value::list(std::move(out), s.loc);
}
Value fn_distinct(Args& a, const CallSite& s) {
  if (!a[0].is_list()) return fn_error(s, "distinct() needs a list");
  std::vector<Value> out;
  for (const Value& v : a[0].items()) {
    bool seen = false;
    for (const Value& o : out) seen = seen || o.equals(v);
    if (!seen) out.push_back(v);
  }
  return Value::list(std::move(out), s.loc);
}
Value fn_compact(Args& a, const CallSite& s) {
  if (!a[0].is_list()) return fn_error(s, "compact() needs a list");
  std::vector<Value> out;
  for (const Value& v : a[0].items()) {
    if (!v.known()) return unknown_of(v, s);
    if (v.is_null() || (v.is_string() && v.text().empty())) continue;
    out.push_back(v);
  }
  return Value::list(std::move(out), s.loc);
}
Value fn_tolist(Args& a, const CallSite& s) {
  if (a[0].is_null()) return a[0];
  if (!a[0].is_list()) return fn_error(s, std::string("cannot convert a ") + kind_name(a[0].kind()) + " to a list");
  Value v = a[0];
  return v;
}
Value fn_toset(Args& a, const CallSite& s) {
  if (a[0].is_null()) return a[0];
  if (!a[0].is_list()) return fn_error(s, std::string("cannot convert a ") + kind_name(a[0].kind()) + " to a set");
  std::vector<Value> out;
  bool all_strings = true;
  for (const Value& v : a[0].items()) {
    if (!v.known()) return unknown_of(v, s);  // membership unknown
    bool seen = false;
    for (const Value& o : out) seen = seen || o.equals(v);
    if (!seen) out.push_back(v);
    all_strings = all_strings && v.is_string();
  }
  if (all_strings)
    std::stable_sort(out.begin(), out.end(), [](const Value& x, const Value& y) { return x.text() < y.text(); });
  return Value::list(std::move(out), a[0].loc());
}
Value fn_tomap(Args& a, const CallSite& s) {
  if (a[0].is_null() || a[0].is_map()) return a[0];
  return fn_error(s, std::string("cannot convert a ") + kind_name(a[0].kind()) + " to a map");
}
Value fn_zipmap(Args& a, const CallSite& s) {
  if (!a[0].is_list() || !a[1].is_list() || a[0].items().size() != a[1].items().size())
    return fn_error(s, "zipmap() needs two lists of the same length");
  std::vector<Value::Entry> out;
  for (std::size_t i = 0; i < a[0].items().size(); ++i) {
    const Value& k = a[0].items()[i];
    if (!k.known()) return unknown_of(k, s);
    std::string key;
    if (!to_string(k, &key)) return fn_error(s, "zipmap() keys must be strings");
    bool replaced = false;
    for (Value::Entry& e : out)
      if (e.first == key) e.second = a[1].items()[i], replaced = true;
    if (!replaced) out.emplace_back(key, a[1].items()[i]);
  }
  return Value::map(std::move(out), s.loc);
}
Value fn_range(Args& a, const CallSite& s) {
  double start = 0, limit = 0, step = 1;
  for (std::size_t i = 0; i < a.size(); ++i) {
    double d = 0;
    if (!arg_number(a, i, &d)) return fn_error(s, "range() needs numbers");
    if (a.size() == 1) limit = d;
    else if (i == 0) start = d;
    else if (i == 1) limit = d;
    else step = d;
  }
  if (a.size() < 3) step = limit >= start ? 1 : -1;
  if (step == 0) return fn_error(s, "range() step must not be zero");
  std::vector<Value> out;
  for (double x = start; step > 0 ? x < limit : x > limit; x += step) {
    if (out.size() >= kMaxRange) return Value::unknown("range() longer than " + std::to_string(kMaxRange) + " items", s.loc);
    out.push_back(Value::number(x, s.loc));
  }
  return Value::list(std::move(out), s.loc);
}
Value fn_sum(Args& a, const CallSite& s) {
  if (!a[0].is_list() || a[0].items().empty()) return fn_error(s, "sum() needs a non-empty list of numbers");
  double t = 0;
  for (const Value& v : a[0].items()) {
    double d = 0;
    if (!to_number(v, &d)) return fn_error(s, "sum() needs numbers");
    t += d;
  }
  return Value::number(t, s.loc);
}
Value fn_one(Args& a, const CallSite& s) {
  if (a[0].is_null()) return a[0];
  if (!a[0].is_list()) return fn_error(s, "one() needs a list");
  if (a[0].items().empty()) return Value::null(s.loc);
  if (a[0].items().size() == 1) return a[0].items()[0];
  return fn_error(s, "one(): the list has more than one element");
}
Value fn_reverse(Args& a, const CallSite& s) {
  if (!a[0].is_list()) return fn_error(s, "reverse() needs a list");
  std::vector<Value> out(a[0].items().rbegin(), a[0].items().rend());
  return Value::list(std::move(out), s.loc);
}
Value fn_slice(Args& a, const CallSite& s) {
  long long b = 0, e = 0;
  if (!a[0].is_list() || !arg_integer(a, 1, &b) || !arg_integer(a, 2, &e)) return fn_error(s, "slice() needs a list and two indexes");
  long long n = static_cast<long long>(a[0].items().size());
  if (b < 0 || e > n || b > e) return fn_error(s, "slice() indexes out of range");
  std::vector<Value> out(a[0].items().begin() + b, a[0].items().begin() + e);
  return Value::list(std::move(out), s.loc);
}
Value fn_sort(Args& a, const CallSite& s) {
  if (!a[0].is_list()) return fn_error(s, "sort() needs a list of strings");
  std::vector<std::pair<std::string, Value>> tmp;
  for (const Value& v : a[0].items()) {
    std::string t;
    if (!to_string(v, &t)) return fn_error(s, "sort() needs a list of strings");
    tmp.emplace_back(t, Value::string(t, v.loc()));
  }
  std::stable_sort(tmp.begin(), tmp.end(), [](const auto& x, const auto& y) { return x.first < y.first; });
  std::vector<Value> out;
  for (auto& p : tmp) out.push_back(std::move(p.second));
  return Value::list(std::move(out), s.loc);
}
Value all_any(Args& a, const CallSite& s, bool all) {
  if (!a[0].is_list()) return fn_error(s, "alltrue()/anytrue() need a list");
  for (const Value& v : a[0].items()) {
    bool b = false;
    if (!to_bool(v, &b)) return fn_error(s, "alltrue()/anytrue() need bools");
    if (all && !b) return Value::boolean(false, s.loc);
    if (!all && b) return Value::boolean(true, s.loc);
  }
  return Value::boolean(all, s.loc);
}
Value fn_alltrue(Args& a, const CallSite& s) { return all_any(a, s, true); }
Value fn_anytrue(Args& a, const CallSite& s) { return all_any(a, s, false); }
Value fn_setunion(Args& a, const CallSite& s) {
  std::vector<Value> out;
  for (const Value& l : a) {
    if (!l.is_list()) return fn_error(s, "setunion() needs sets");
    for (const Value& v : l.items()) {
      bool seen = false;
      for (const Value& o : out) seen = seen || o.equals(v);
      if (!seen) out.push_back(v);
    }
  }
  return Value::list(std::move(out), s.loc);
}
Value fn_setintersection(Args& a, const CallSite& s) {
  if (!a[0].is_list()) return fn_error(s, "setintersection() needs sets");
  std::vector<Value> out;
  for (const Value& v : a[0].items()) {
    bool everywhere = true;
    for (std::size_t i = 1; i < a.size() && everywhere; ++i) {
      if (!a[i].is_list()) return fn_error(s, "setintersection() needs sets");
      bool found = false;
      for (const Value& o : a[i].items()) found = found || o.equals(v);
      everywhere = found;
    }
    bool seen = false;
    for (const Value& o : out) seen = seen || o.equals(v);
    if (everywhere && !seen) out.push_back(v);
  }
  return Value::list(std::move(out), s.loc);
}

const std::vector<FunctionSpec> kCollection = {
    {"length", fn_length, 1, 1, UnknownPolicy::kShallow},
    {"keys", fn_keys, 1, 1, UnknownPolicy::kShallow},
    {"values", fn_values, 1, 1, UnknownPolicy::kShallow},
    {"lookup", fn_lookup, 2, 3, UnknownPolicy::kSelf},
    {"contains", fn_contains, 2, 2, UnknownPolicy::kSelf},
    {"index", fn_index, 2, 2, UnknownPolicy::kDeep},
    {"element", fn_element, 2, 2, UnknownPolicy::kShallow},
    {"concat", fn_concat, 0, -1, UnknownPolicy::kShallow},
    {"merge", fn_merge, 0, -1, UnknownPolicy::kShallow},
    {"coalesce", fn_coalesce, 1, -1, UnknownPolicy::kSelf},
    {"coalescelist", fn_coalescelist, 1, -1, UnknownPolicy::kSelf},
    {"flatten", fn_flatten, 1, 1, UnknownPolicy::kShallow},
    {"distinct", fn_distinct, 1, 1, UnknownPolicy::kDeep},
    {"compact", fn_compact, 1, 1, UnknownPolicy::kShallow},
    {"tolist", fn_tolist, 1, 1, UnknownPolicy::kShallow},
    {"toset", fn_toset, 1, 1, UnknownPolicy::kShallow},
    {"tomap", fn_tomap, 1, 1, UnknownPolicy::kShallow},
    {"zipmap", fn_zipmap, 2, 2, UnknownPolicy::kShallow},
    {"range", fn_range, 1, 3, UnknownPolicy::kShallow},
    {"sum", fn_sum, 1, 1, UnknownPolicy::kDeep},
    {"one", fn_one, 1, 1, UnknownPolicy::kShallow},
    {"reverse", fn_reverse, 1, 1, UnknownPolicy::kShallow},
    {"slice", fn_slice, 3, 3, UnknownPolicy::kShallow},
    {"sort", fn_sort, 1, 1, UnknownPolicy::kDeep},
    {"alltrue", fn_alltrue, 1, 1, UnknownPolicy::kDeep},
    {"anytrue", fn_anytrue, 1, 1, UnknownPolicy::kDeep},
    {"setunion", fn_setunion, 1, -1, UnknownPolicy::kDeep},
    {"setintersection", fn_setintersection, 1, -1, UnknownPolicy::kDeep},
};

}  // namespace

const std::vector<FunctionSpec>& collection_functions() { return kCollection; }

}  // namespace drlint::eval
