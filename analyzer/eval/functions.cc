#include "analyzer/eval/functions.h"

#include <cmath>
#include <cstdlib>
#include <map>

#include "analyzer/eval/file_access.h"
#include "analyzer/eval/function_table.h"
#include "analyzer/eval/value_ops.h"

namespace drlint::eval {

bool arg_string(const Args& a, std::size_t i, std::string* out) { return i < a.size() && to_string(a[i], out); }

bool arg_number(const Args& a, std::size_t i, double* out) { return i < a.size() && to_number(a[i], out); }

bool arg_integer(const Args& a, std::size_t i, long long* out) {
  double d = 0;
  if (!arg_number(a, i, &d) || std::floor(d) != d || std::fabs(d) > 9e15) return false;
  *out = static_cast<long long>(d);
  return true;
}

std::vector<std::string> utf8_chars(std::string_view s) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    std::size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 1;
    if (i + n > s.size()) n = s.size() - i;
    out.emplace_back(s.substr(i, n));
    i += n;
  }
  return out;
}

Value template_string(const Value& v, const SourceLoc& loc) {
  if (!v.known()) return v;
  std::string s;
  if (to_string(v, &s)) return Value::string(std::move(s), loc);
  if (v.is_null()) return error_value("null value in a template", loc);
  return error_value(std::string("cannot use a ") + kind_name(v.kind()) + " in a template", loc);
}

namespace {

// ---- numbers ----

Value fn_abs(Args& a, const CallSite& s) {
  double d = 0;
  if (!arg_number(a, 0, &d)) return fn_error(s, "abs() needs a number");
  return Value::number(std::fabs(d), s.loc);
}
Value fn_ceil(Args& a, const CallSite& s) {
  double d = 0;
  if (!arg_number(a, 0, &d)) return fn_error(s, "ceil() needs a number");
  return Value::number(std::ceil(d), s.loc);
}
Value fn_floor(Args& a, const CallSite& s) {
  double d = 0;
  if (!arg_number(a, 0, &d)) return fn_error(s, "floor() needs a number");
  return Value::number(std::floor(d), s.loc);
}
Value fn_signum(Args& a, const CallSite& s) {
  double d = 0;
  if (!arg_number(a, 0, &d)) return fn_error(s, "signum() needs a number");
  return Value::number(d > 0 ? 1 : d < 0 ? -1 : 0, s.loc);
}
Value fn_pow(Args& a, const CallSite& s) {
  double x = 0, y = 0;
  if (!arg_number(a, 0, &x) || !arg_number(a, 1, &y)) return fn_error(s, "pow() needs numbers");
  double r = std::pow(x, y);
  if (!std::isfinite(r)) return fn_error(s, "pow() result out of range");
  return Value::number(r, s.loc);
}
Value min_max(Args& a, const CallSite& s, bool is_max) {
  if (a.empty()) return fn_error(s, "min()/max() need at least one number");
  double best = 0;
  for (std::size_t i = 0; i < a.size(); ++i) {
    double d = 0;
    if (!arg_number(a, i, &d)) return fn_error(s, "min()/max() need numbers");
    if (i == 0 || (is_max ? d > best : d < best)) best = d;
  }
  return Value::number(best, s.loc);
}
Value fn_min(Args& a, const CallSite& s) { return min_max(a, s, false); }
Value fn_max(Args& a, const CallSite& s) { return min_max(a, s, true); }
Value fn_parseint(Args& a, const CallSite& s) {
  std::string str;
  long long base = 10;
  if (!arg_string(a, 0, &str) || !arg_integer(a, 1, &base) || base < 2 || base > 62)
    return fn_error(s, "parseint() needs a string and a base from 2 to 62");
  char* end = nullptr;
  long long v = std::strtoll(str.c_str(), &end, static_cast<int>(base > 36 ? 36 : base));
  if (str.empty() || !end || *end != '\0') return fn_error(s, "parseint(): \"" + str + "\" is not a number in base " + std::to_string(base));
  return Value::number(static_cast<double>(v), s.loc);
}

// ---- conversions ----

Value fn_tostring(Args& a, const CallSite& s) {
  if (a[0].is_null()) return a[0];
  std::string out;
  if (!to_string(a[0], &out)) return fn_error(s, std::string("cannot convert a ") + kind_name(a[0].kind()) + " to a string");
  return Value::string(std::move(out), a[0].loc());
}
Value fn_tonumber(Args& a, const CallSite& s) {
  if (a[0].is_null()) return a[0];
  double d = 0;
  if (!to_number(a[0], &d)) return fn_error(s, "cannot convert " + a[0].to_display() + " to a number");
  return Value::number(d, a[0].loc());
}
Value fn_tobool(Args& a, const CallSite& s) {
  if (a[0].is_null()) return a[0];
  bool b = false;
  if (!to_bool(a[0], &b)) return fn_error(s, "cannot convert " + a[0].to_display() + " to a bool");
  return Value::boolean(b, a[0].loc());
}
Value fn_identity(Args& a, const CallSite&) { return a[0]; }

// ---- files and paths ----

Value read_file_fn(Args& a, const CallSite& s, const char* fn, bool exists_only) {
  std::string path;
  if (!arg_string(a, 0, &path)) return fn_error(s, std::string(fn) + "() needs a path string");
  if (!s.state || !s.ctx) return Value::unknown(std::string(fn) + "() is not available here", s.loc);
  FileContent fc = read_module_file(*s.state, s.ctx->module_dir(), s.ctx->root_dir(), path, exists_only);
  std::string call = std::string(fn) + "(\"" + path + "\")";
  switch (fc.status) {
    case FileContent::Status::kRefused:
      s.state->diagnose(s.loc, call + " reads outside the scan root; not read");
      return Value::unknown(call + " reads outside the scan root", s.loc);
    case FileContent::Status::kTooBig:
      return Value::unknown(call + ": file larger than " + std::to_string(kMaxFileBytes) + " bytes; not read", s.loc);
    case FileContent::Status::kMissing:
      if (exists_only) return Value::boolean(false, s.loc);
      return fn_error(s, call + ": no such file in the scan root");
    case FileContent::Status::kOk: break;
  }
  if (exists_only) return Value::boolean(true, s.loc);
  SourceLoc loc = fc.file != kNoFile ? SourceLoc{fc.file, 1, 1, 1, 1} : s.loc;
  return Value::string(std::move(fc.content), loc);
}
Value fn_file(Args& a, const CallSite& s) { return read_file_fn(a, s, "file", false); }
Value fn_fileexists(Args& a, const CallSite& s) { return read_file_fn(a, s, "fileexists", true); }
Value fn_basename(Args& a, const CallSite& s) {
  std::string p;
  if (!arg_string(a, 0, &p)) return fn_error(s, "basename() needs a string");
  while (p.size() > 1 && p.back() == '/') p.pop_back();
  std::size_t slash = p.find_last_of('/');
  return Value::string(slash == std::string::npos || p == "/" ? p : p.substr(slash + 1), s.loc);
}
Value fn_dirname(Args& a, const CallSite& s) {
  std::string p;
  if (!arg_string(a, 0, &p)) return fn_error(s, "dirname() needs a string");
  while (p.size() > 1 && p.back() == '/') p.pop_back();
  std::size_t slash = p.find_last_of('/');
  if (slash == std::string::npos) return Value::string(".", s.loc);
  if (slash == 0) return Value::string("/", s.loc);
  return Value::string(p.substr(0, slash), s.loc);
}
Value fn_pathexpand(Args& a, const CallSite&) { return a[0]; }

// ---- values known only at apply time ----

Value fn_apply_time(Args&, const CallSite& s) { return Value::unknown("the value is only known at apply time", s.loc); }

const std::vector<FunctionSpec> kMisc = {
    {"abs", fn_abs, 1, 1, UnknownPolicy::kShallow},
    {"ceil", fn_ceil, 1, 1, UnknownPolicy::kShallow},
    {"floor", fn_floor, 1, 1, UnknownPolicy::kShallow},
    {"signum", fn_signum, 1, 1, UnknownPolicy::kShallow},
    {"pow", fn_pow, 2, 2, UnknownPolicy::kShallow},
    {"min", fn_min, 1, -1, UnknownPolicy::kShallow},
    {"max", fn_max, 1, -1, UnknownPolicy::kShallow},
    {"parseint", fn_parseint, 2, 2, UnknownPolicy::kShallow},
    {"tostring", fn_tostring, 1, 1, UnknownPolicy::kShallow},
    {"tonumber", fn_tonumber, 1, 1, UnknownPolicy::kShallow},
    {"tobool", fn_tobool, 1, 1, UnknownPolicy::kShallow},
    {"sensitive", fn_identity, 1, 1, UnknownPolicy::kSelf},
    {"nonsensitive", fn_identity, 1, 1, UnknownPolicy::kSelf},
    {"type", fn_apply_time, 1, 1, UnknownPolicy::kSelf},
    {"file", fn_file, 1, 1, UnknownPolicy::kShallow},
    {"fileexists", fn_fileexists, 1, 1, UnknownPolicy::kShallow},
    {"basename", fn_basename, 1, 1, UnknownPolicy::kShallow},
    {"dirname", fn_dirname, 1, 1, UnknownPolicy::kShallow},
    {"pathexpand", fn_pathexpand, 1, 1, UnknownPolicy::kShallow},
    {"timestamp", fn_apply_time, 0, 0, UnknownPolicy::kSelf},
    {"plantimestamp", fn_apply_time, 0, 0, UnknownPolicy::kSelf},
    {"uuid", fn_apply_time, 0, 0, UnknownPolicy::kSelf},
    {"bcrypt", fn_apply_time, 1, 2, UnknownPolicy::kSelf},
};

const std::map<std::string, const FunctionSpec*>& registry() {
  static const std::map<std::string, const FunctionSpec*> table = [] {
    std::map<std::string, const FunctionSpec*> t;
    for (const auto* family : {&string_functions(), &collection_functions(), &encoding_functions(), &misc_functions()})
      for (const FunctionSpec& f : *family) t[f.name] = &f;
    return t;
  }();
  return table;
}

}  // namespace

const std::vector<FunctionSpec>& misc_functions() { return kMisc; }

Value call_function(const std::string& name, std::vector<Value> args, const CallSite& site) {
  std::string fname = name;
  if (fname.rfind("core::", 0) == 0) fname = fname.substr(6);
  auto it = registry().find(fname);
  if (it == registry().end()) return Value::unknown("function " + name + " is not evaluated", site.loc);
  const FunctionSpec& f = *it->second;
  int n = static_cast<int>(args.size());
  if (n < f.min_args || (f.max_args >= 0 && n > f.max_args))
    return error_value(name + "() called with " + std::to_string(n) + " argument(s)", site.loc);
  if (f.policy != UnknownPolicy::kSelf) {
    for (const Value& a : args) {
      const Value* u = f.policy == UnknownPolicy::kDeep ? find_unknown(a) : (a.known() ? nullptr : &a);
      if (u) return Value::unknown(u->text(), site.loc);
    }
  }
  Value out = f.impl(args, site);
  if (out.is_string() && out.text().size() > kMaxStringBytes)
    return Value::unknown(name + "() result larger than the limit", site.loc);
  return out;
}

}  // namespace drlint::eval
