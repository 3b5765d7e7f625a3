// String functions: case, trimming, splitting/joining, replace (plain and
// /regex/), format/formatlist, substr and friends.
#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>

#include <re2/re2.h>

#include "analyzer/eval/function_table.h"
#include "analyzer/eval/value_ops.h"

namespace drlint::eval {
namespace {

constexpr long long kMaxWidth = 4096;

Value fn_lower(Args& a, const CallSite& s) {
  std::string str;
  if (!arg_string(a, 0, &str)) return fn_error(s, "lower() needs a string");
  for (char& c : str) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return Value::string(std::move(str), s.loc);
}
Value fn_upper(Args& a, const CallSite& s) {
  std::string str;
  if (!arg_string(a, 0, &str)) return fn_error(s, "upper() needs a string");
  for (char& c : str) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return Value::string(std::move(str), s.loc);
}
Value fn_title(Args& a, const CallSite& s) {
  std::string str;
  if (!arg_string(a, 0, &str)) return fn_error(s, "title() needs a string");
  bool start = true;
  for (char& c : str) {
    unsigned char u = static_cast<unsigned char>(c);
    if (std::isalpha(u) || u >= 0x80) {
      if (start) c = static_cast<char>(std::toupper(u));
      start = false;
    } else {
      start = !std::isdigit(u) && c != '\'';
    }
  }
  return Value::string(std::move(str), s.loc);
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'; }

Value fn_trimspace(Args& a, const CallSite& s) {
  std::string str;
  if (!arg_string(a, 0, &str)) return fn_error(s, "trimspace() needs a string");
  std::size_t b = 0, e = str.size();
  while (b < e && is_space(str[b])) ++b;
  while (e > b && is_space(str[e - 1])) --e;
  return Value::string(str.substr(b, e - b), s.loc);
}
Value fn_trim(Args& a, const CallSite& s) {
  std::string str, cut;
  if (!arg_string(a, 0, &str) || !arg_string(a, 1, &cut)) return fn_error(s, "trim() needs two strings");
  std::size_t b = 0, e = str.size();
  while (b < e && cut.find(str[b]) != std::string::npos) ++b;
  while (e > b && cut.find(str[e - 1]) != std::string::npos) --e;
  return Value::string(str.substr(b, e - b), s.loc);
}
Value fn_trimprefix(Args& a, const CallSite& s) {
  std::string str, p;
  if (!arg_string(a, 0, &str) || !arg_string(a, 1, &p)) return fn_error(s, "trimprefix() needs two strings");
  if (str.compare(0, p.size(), p) == 0) str.erase(0, p.size());
  return Value::string(std::move(str), s.loc);
}
Value fn_trimsuffix(Args& a, const CallSite& s) {
  std::string str, p;
  if (!arg_string(a, 0, &str) || !arg_string(a, 1, &p)) return fn_error(s, "trimsuffix() needs two strings");
  if (str.size() >= p.size() && str.compare(str.size() - p.size(), p.size(), p) == 0) str.erase(str.size() - p.size());
  return Value::string(std::move(str), s.loc);
}
Value fn_chomp(Args& a, const CallSite& s) {
  std::string str;
  if (!arg_string(a, 0, &str)) return fn_error(s, "chomp() needs a string");
  while (!str.empty() && (str.back() == '\n' || str.back() == '\r')) str.pop_back();
  return Value::string(std::move(str), s.loc);
}
Value fn_indent(Args& a, const CallSite& s) {
  long long n = 0;
  std::string str;
  if (!arg_integer(a, 0, &n) || !arg_string(a, 1, &str) || n < 0 || n > kMaxWidth) return fn_error(s, "indent() needs a count and a string");
  std::string pad(static_cast<std::size_t>(n), ' '), out;
  for (char c : str) {
    out += c;
    if (c == '\n') out += pad;
  }
  return Value::string(std::move(out), s.loc);
}
Value fn_startswith(Args& a, const CallSite& s) {
  std::string str, p;
  if (!arg_string(a, 0, &str) || !arg_string(a, 1, &p)) return fn_error(s, "startswith() needs two strings");
  return Value::boolean(str.compare(0, p.size(), p) == 0, s.loc);
}
Value fn_endswith(Args& a, const CallSite& s) {
  std::string str, p;
  if (!arg_string(a, 0, &str) || !arg_string(a, 1, &p)) return fn_error(s, "endswith() needs two strings");
  return Value::boolean(str.size() >= p.size() && str.compare(str.size() - p.size(), p.size(), p) == 0, s.loc);
}
Value fn_strcontains(Args& a, const CallSite& s) {
  std::string str, p;
  if (!arg_string(a, 0, &str) || !arg_string(a, 1, &p)) return fn_error(s, "strcontains() needs two strings");
  return Value::boolean(str.find(p) != std::string::npos, s.loc);
}
Value fn_strrev(Args& a, const CallSite& s) {
  std::string str;
  if (!arg_string(a, 0, &str)) return fn_error(s, "strrev() needs a string");
  std::vector<std::string> cs = utf8_chars(str);
  std::string out;
  for (auto it = cs.rbegin(); it != cs.rend(); ++it) out += *it;
  return Value::string(std::move(out), s.loc);
}
Value fn_substr(Args& a, const CallSite& s) {
  std::string str;
  long long off = 0, len = 0;
  if (!arg_string(a, 0, &str) || !arg_integer(a, 1, &off) || !arg_integer(a, 2, &len))
    return fn_error(s, "substr() needs a string, an offset and a length");
  std::vector<std::string> cs = utf8_chars(str);
  long long n = static_cast<long long>(cs.size());
  if (off < 0) off += n;
  if (off < 0 || off > n) return fn_error(s, "substr() offset out of range");
  long long end = len < 0 ? n : std::min(n, off + len);
  std::string out;
  for (long long i = off; i < end; ++i) out += cs[static_cast<std::size_t>(i)];
  return Value::string(std::move(out), s.loc);
}
Value fn_split(Args& a, const CallSite& s) {
  std::string sep, str;
  if (!arg_string(a, 0, &sep) || !arg_string(a, 1, &str)) return fn_error(s, "split() needs two strings");
  std::vector<Value> out;
  if (str.empty()) return Value::list({}, s.loc);
  if (sep.empty()) {
    for (std::string& c : utf8_chars(str)) out.push_back(Value::string(std::move(c), s.loc));
    return Value::list(std::move(out), s.loc);
  }
  std::size_t pos = 0;
  for (;;) {
    std::size_t at = str.find(sep, pos);
    if (at == std::string::npos) {
      out.push_back(Value::string(str.substr(pos), s.loc));
      break;
    }
    out.push_back(Value::string(str.substr(pos, at - pos), s.loc));
    pos = at + sep.size();
  }
  return Value::list(std::move(out), s.loc);
}
Value fn_join(Args& a, const CallSite& s) {
  std::string sep;
  if (!arg_string(a, 0, &sep)) return fn_error(s, "join() needs a separator string");
  std::string out;
  bool first = true;
  for (std::size_t i = 1; i < a.size(); ++i) {
    if (!a[i].is_list()) return fn_error(s, "join() needs lists of strings");
    for (const Value& item : a[i].items()) {
      if (!item.known()) return Value::unknown(item.text(), s.loc);
      std::string t;
      if (!to_string(item, &t)) return fn_error(s, "join() needs lists of strings");
      if (!first) out += sep;
      out += t;
      first = false;
      if (out.size() > kMaxStringBytes) return Value::unknown("join() result too large", s.loc);
    }
  }
  return Value::string(std::move(out), s.loc);
}

// Go regexp replacement "$1"/"${name}" -> RE2 "\1".
std::string re2_rewrite(const std::string& repl) {
  std::string out;
  for (std::size_t i = 0; i < repl.size(); ++i) {
    char c = repl[i];
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '$' && i + 1 < repl.size() && repl[i + 1] == '$') {
      out += '$';
      ++i;
    } else if (c == '$' && i + 1 < repl.size() && std::isdigit(static_cast<unsigned char>(repl[i + 1]))) {
      out += '\\';
      out += repl[++i];
    } else if (c == '$' && i + 2 < repl.size() && repl[i + 1] == '{' &&
               std::isdigit(static_cast<unsigned char>(repl[i + 2]))) {
      std::size_t close = repl.find('}', i);
      if (close == std::string::npos) return out + repl.substr(i);
      out += '\\';
      out += repl.substr(i + 2, close - i - 2);
      i = close;
    } else {
      out += c;
    }
  }
  return out;
}

Value fn_replace(Args& a, const CallSite& s) {
  std::string str, sub, rep;
  if (!arg_string(a, 0, &str) || !arg_string(a, 1, &sub) || !arg_string(a, 2, &rep))
    return fn_error(s, "replace() needs three strings");
  if (sub.size() >= 2 && sub.front() == '/' && sub.back() == '/') {
    RE2::Options opts;
    opts.set_log_errors(false);
    RE2 re(sub.substr(1, sub.size() - 2), opts);
    if (!re.ok()) return fn_error(s, "replace(): invalid regular expression " + sub);
    RE2::GlobalReplace(&str, re, re2_rewrite(rep));
    return Value::string(std::move(str), s.loc);
  }
  if (sub.empty()) return Value::string(std::move(str), s.loc);
  std::string out;
  std::size_t pos = 0;
  for (;;) {
    std::size_t at = str.find(sub, pos);
    if (at == std::string::npos) break;
    out.append(str, pos, at - pos);
    out += rep;
    pos = at + sub.size();
    if (out.size() > kMaxStringBytes) return Value::unknown("replace() result too large", s.loc);
  }
  out.append(str, pos, std::string::npos);
  return Value::string(std::move(out), s.loc);
}

Value regex_common(Args& a, const CallSite& s, bool all) {
  std::string pat, str;
  if (!arg_string(a, 0, &pat) || !arg_string(a, 1, &str)) return fn_error(s, "regex() needs two strings");
  RE2::Options opts;
  opts.set_log_errors(false);
  RE2 re(pat, opts);
  if (!re.ok()) return fn_error(s, "invalid regular expression " + pat);
  int groups = re.NumberOfCapturingGroups();
  std::vector<re2::StringPiece> m(static_cast<std::size_t>(groups) + 1);
  re2::StringPiece input(str);
  std::size_t pos = 0;
  std::vector<Value> matches;
  while (pos <= str.size()) {
    if (!re.Match(input, pos, str.size(), RE2::UNANCHORED, m.data(), groups + 1)) break;
    Value one;
    if (groups == 0) {
      one = Value::string(std::string(m[0]), s.loc);
    } else {
      bool named = !re.NamedCapturingGroups().empty();
      if (named) {
        std::vector<Value::Entry> e;
        for (const auto& ng : re.NamedCapturingGroups())
          e.emplace_back(ng.first, Value::string(std::string(m[static_cast<std::size_t>(ng.second)]), s.loc));
        one = Value::map(std::move(e), s.loc);
      } else {
        std::vector<Value> g;
        for (int i = 1; i <= groups; ++i) g.push_back(Value::string(std::string(m[static_cast<std::size_t>(i)]), s.loc));
        one = Value::list(std::move(g), s.loc);
      }
    }
    matches.push_back(std::move(one));
    if (!all) break;
    std::size_t end = static_cast<std::size_t>(m[0].data() - str.data()) + m[0].size();
    pos = end == pos ? pos + 1 : end;
    if (matches.size() > 100000) break;
  }
  if (!all) {
    if (matches.empty()) return fn_error(s, "regex(): no match");
    return matches[0];
  }
  return Value::list(std::move(matches), s.loc);
}
Value fn_regex(Args& a, const CallSite& s) { return regex_common(a, s, false); }
Value fn_regexall(Args& a, const CallSite& s) { return regex_common(a, s, true); }

// ---- format ----

std::string go_quote(const std::string& s) { return json_encode(Value::string(s)); }

std::string pad(std::string body, long long width, bool left, bool zero) {
  long long n = static_cast<long long>(utf8_chars(body).size());
  if (width <= n) return body;
  std::size_t fill = static_cast<std::size_t>(width - n);
  if (left) return body + std::string(fill, ' ');
  if (zero) {
    std::size_t sign = !body.empty() && (body[0] == '-' || body[0] == '+') ? 1 : 0;
    return body.substr(0, sign) + std::string(fill, '0') + body.substr(sign);
  }
  return std::string(fill, ' ') + body;
}

// One Terraform format() call; false + *err on a bad verb or argument.
bool format_one(const std::string& fmt, const std::vector<Value>& args, std::string* out, std::string* err) {
  std::size_t next = 0;
  for (std::size_t i = 0; i < fmt.size(); ++i) {
    char c = fmt[i];
    if (c != '%') {
      *out += c;
      continue;
    }
    if (++i >= fmt.size()) return *err = "format string ends with %", false;
    if (fmt[i] == '%') {
      *out += '%';
      continue;
    }
    bool left = false, plus = false, zero = false, sharp = false, space = false;
    for (; i < fmt.size(); ++i) {
      char f = fmt[i];
      if (f == '-') left = true;
      else if (f == '+') plus = true;
      else if (f == '0') zero = true;
      else if (f == '#') sharp = true;
      else if (f == ' ') space = true;
      else break;
    }
    if (i < fmt.size() && fmt[i] == '[') {
      std::size_t close = fmt.find(']', i);
      if (close == std::string::npos) return *err = "bad argument index", false;
      long long idx = std::atoll(fmt.substr(i + 1, close - i - 1).c_str());
      if (idx < 1) return *err = "bad argument index", false;
      next = static_cast<std::size_t>(idx - 1);
      i = close + 1;
    }
    long long width = -1, prec = -1;
    if (i < fmt.size() && std::isdigit(static_cast<unsigned char>(fmt[i]))) {
      width = 0;
      while (i < fmt.size() && std::isdigit(static_cast<unsigned char>(fmt[i]))) width = std::min(width * 10 + (fmt[i++] - '0'), kMaxWidth);
    }
    if (i < fmt.size() && fmt[i] == '.') {
      ++i;
      prec = 0;
      while (i < fmt.size() && std::isdigit(static_cast<unsigned char>(fmt[i]))) prec = std::min(prec * 10 + (fmt[i++] - '0'), kMaxWidth);
    }
    if (i >= fmt.size()) return *err = "format string ends inside a verb", false;
    char verb = fmt[i];
    if (next >= args.size()) return *err = "not enough arguments for format string", false;
    const Value& v = args[next++];
    std::string body;
    switch (verb) {
      case 'v':
        if (sharp || v.is_list() || v.is_map()) body = json_encode(v);
        else if (v.is_null()) body = "null";
        else to_string(v, &body);
        break;
      case 's':
        if (!to_string(v, &body)) return *err = "%s needs a string, got " + v.to_display(), false;
        if (prec >= 0) {
          std::vector<std::string> cs = utf8_chars(body);
          if (static_cast<long long>(cs.size()) > prec) {
            body.clear();
            for (long long k = 0; k < prec; ++k) body += cs[static_cast<std::size_t>(k)];
          }
        }
        break;
      case 'q': {
        std::string t;
        if (!to_string(v, &t)) return *err = "%q needs a string", false;
        body = go_quote(t);
        break;
      }
      case 't': {
        bool b = false;
        if (!to_bool(v, &b)) return *err = "%t needs a bool", false;
        body = b ? "true" : "false";
        break;
      }
      case 'd': case 'b': case 'o': case 'x': case 'X': {
        std::string t;
        double d = 0;
        if ((verb == 'x' || verb == 'X') && v.is_string() && !to_number(v, &d)) {
          static const char* kHex = "0123456789abcdef";
          for (unsigned char ch : v.text()) {
            char h1 = kHex[ch >> 4], h2 = kHex[ch & 15];
            body += verb == 'X' ? static_cast<char>(std::toupper(h1)) : h1;
            body += verb == 'X' ? static_cast<char>(std::toupper(h2)) : h2;
          }
          break;
        }
        if (!to_number(v, &d) || std::floor(d) != d || std::fabs(d) > 9e18)
          return *err = std::string("%") + verb + " needs a whole number, got " + v.to_display(), false;
        long long n = static_cast<long long>(d);
        unsigned long long m = n < 0 ? static_cast<unsigned long long>(-(n + 1)) + 1 : static_cast<unsigned long long>(n);
        int base = verb == 'd' ? 10 : verb == 'b' ? 2 : verb == 'o' ? 8 : 16;
        const char* digits = verb == 'X' ? "0123456789ABCDEF" : "0123456789abcdef";
        if (m == 0) t = "0";
        while (m) t.insert(t.begin(), digits[m % static_cast<unsigned>(base)]), m /= static_cast<unsigned>(base);
        body = (n < 0 ? "-" : plus ? "+" : space ? " " : "") + t;
        break;
      }
      case 'f': case 'F': case 'e': case 'E': case 'g': case 'G': {
        double d = 0;
        if (!to_number(v, &d)) return *err = std::string("%") + verb + " needs a number", false;
        std::string spec = std::string("%") + (plus ? "+" : "") + (space ? " " : "") + (prec >= 0 ? "." + std::to_string(prec) : "") + verb;
        char buf[512];
        std::snprintf(buf, sizeof buf, spec.c_str(), d);
        body = buf;
        break;
      }
      default:
        return *err = std::string("unsupported format verb %") + verb, false;
    }
    *out += pad(std::move(body), width, left, zero && !left && verb != 's' && verb != 'q' && verb != 'v');
    if (out->size() > kMaxStringBytes) return *err = "format() result too large", false;
  }
  return true;
}

Value fn_format(Args& a, const CallSite& s) {
  std::string fmt, out, err;
  if (!arg_string(a, 0, &fmt)) return fn_error(s, "format() needs a format string");
  std::vector<Value> rest(a.begin() + 1, a.end());
  if (!format_one(fmt, rest, &out, &err)) return fn_error(s, "format(): " + err);
  return Value::string(std::move(out), s.loc);
}

Value fn_formatlist(Args& a, const CallSite& s) {
  std::string fmt;
  if (!arg_string(a, 0, &fmt)) return fn_error(s, "formatlist() needs a format string");
  std::size_t n = 0;
  bool any_list = false;
  for (std::size_t i = 1; i < a.size(); ++i) {
    if (!a[i].is_list()) continue;
    if (any_list && a[i].items().size() != n) return fn_error(s, "formatlist() lists have different lengths");
    n = a[i].items().size();
    any_list = true;
  }
  if (!any_list) n = 1;
  std::vector<Value> out;
  for (std::size_t k = 0; k < n; ++k) {
    std::vector<Value> row;
    for (std::size_t i = 1; i < a.size(); ++i) row.push_back(a[i].is_list() ? a[i].items()[k] : a[i]);
    if (const Value* u = find_unknown(Value::list(row))) {
      out.push_back(Value::unknown(u->text(), s.loc));
      continue;
    }
    std::string line, err;
    if (!format_one(fmt, row, &line, &err)) return fn_error(s, "formatlist(): " + err);
    out.push_back(Value::string(std::move(line), s.loc));
  }
  return Value::list(std::move(out), s.loc);
}

const std::vector<FunctionSpec> kString = {
    {"lower", fn_lower, 1, 1, UnknownPolicy::kShallow},
    {"upper", fn_upper, 1, 1, UnknownPolicy::kShallow},
    {"title", fn_title, 1, 1, UnknownPolicy::kShallow},
    {"trimspace", fn_trimspace, 1, 1, UnknownPolicy::kShallow},
    {"trim", fn_trim, 2, 2, UnknownPolicy::kShallow},
    {"trimprefix", fn_trimprefix, 2, 2, UnknownPolicy::kShallow},
    {"trimsuffix", fn_trimsuffix, 2, 2, UnknownPolicy::kShallow},
    {"chomp", fn_chomp, 1, 1, UnknownPolicy::kShallow},
    {"indent", fn_indent, 2, 2, UnknownPolicy::kShallow},
    {"startswith", fn_startswith, 2, 2, UnknownPolicy::kShallow},
    {"endswith", fn_endswith, 2, 2, UnknownPolicy::kShallow},
    {"strcontains", fn_strcontains, 2, 2, UnknownPolicy::kShallow},
    {"strrev", fn_strrev, 1, 1, UnknownPolicy::kShallow},
    {"substr", fn_substr, 3, 3, UnknownPolicy::kShallow},
    {"split", fn_split, 2, 2, UnknownPolicy::kShallow},
    {"join", fn_join, 2, -1, UnknownPolicy::kShallow},
    {"replace", fn_replace, 3, 3, UnknownPolicy::kShallow},
    {"regex", fn_regex, 2, 2, UnknownPolicy::kShallow},
    {"regexall", fn_regexall, 2, 2, UnknownPolicy::kShallow},
    {"format", fn_format, 1, -1, UnknownPolicy::kDeep},
    {"formatlist", fn_formatlist, 1, -1, UnknownPolicy::kShallow},
};

}  // namespace

const std::vector<FunctionSpec>& string_functions() { return kString; }

}  // namespace drlint::eval
