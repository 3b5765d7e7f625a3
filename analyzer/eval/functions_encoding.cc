// Encoding functions: jsonencode/jsondecode, yamlencode/yamldecode,
// base64encode/base64decode, urlencode. yamldecode(file("x.yaml")) of a
// scanned file keeps that file's own line numbers.
#include <cmath>
#include <cctype>
#include <cstdio>
#include <cstring>

#include <nlohmann/json.hpp>

#include "analyzer/eval/function_table.h"
#include "analyzer/eval/value_ops.h"
#include "analyzer/load/yaml_loader.h"

namespace drlint::eval {

namespace {

void json_string(std::string_view s, std::string& out) {
  out += '"';
  for (unsigned char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      case '<': out += "\\u003c"; break;
      case '>': out += "\\u003e"; break;
      case '&': out += "\\u0026"; break;
      default:
        if (c < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          out += buf;
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  out += '"';
}

void json_append(const Value& v, std::string& out, int depth) {
  if (depth > 512) {
    out += "null";
    return;
  }
  switch (v.kind()) {
    case Value::Kind::kUnknown:
    case Value::Kind::kNull: out += "null"; return;
    case Value::Kind::kBool: out += v.as_bool() ? "true" : "false"; return;
    case Value::Kind::kNumber: out += number_text(v.as_number()); return;
    case Value::Kind::kString: json_string(v.text(), out); return;
    case Value::Kind::kList: {
      out += '[';
      for (std::size_t i = 0; i < v.items().size(); ++i) {
        if (i) out += ',';
        json_append(v.items()[i], out, depth + 1);
      }
      out += ']';
      return;
    }
    case Value::Kind::kMap: {
      out += '{';
      bool first = true;
      for (const Value::Entry* e : sorted_entries(v)) {
        if (!first) out += ',';
        first = false;
        json_string(e->first, out);
        out += ':';
        json_append(e->second, out, depth + 1);
      }
      out += '}';
      return;
    }
  }
}

Value from_json(const nlohmann::json& j, const SourceLoc& loc, int depth) {
  if (depth > 512) return Value::unknown("JSON nested too deeply", loc);
  switch (j.type()) {
    case nlohmann::json::value_t::null: return Value::null(loc);
    case nlohmann::json::value_t::boolean: return Value::boolean(j.get<bool>(), loc);
    case nlohmann::json::value_t::number_integer:
    case nlohmann::json::value_t::number_unsigned:
    case nlohmann::json::value_t::number_float: return Value::number(j.get<double>(), loc);
    case nlohmann::json::value_t::string: return Value::string(j.get<std::string>(), loc);
    case nlohmann::json::value_t::array: {
      std::vector<Value> items;
      for (const auto& x : j) items.push_back(from_json(x, loc, depth + 1));
      return Value::list(std::move(items), loc);
    }
    case nlohmann::json::value_t::object: {
      std::vector<Value::Entry> entries;
      for (auto it = j.begin(); it != j.end(); ++it) entries.emplace_back(it.key(), from_json(it.value(), loc, depth + 1));
      return Value::map(std::move(entries), loc);
    }
    default: return Value::null(loc);
  }
}

Value fn_jsonencode(Args& a, const CallSite& s) {
  std::string out;
  json_append(a[0], out, 0);
  return Value::string(std::move(out), s.loc);
}

Value fn_jsondecode(Args& a, const CallSite& s) {
  std::string text;
  if (!arg_string(a, 0, &text)) return fn_error(s, "jsondecode() needs a string");
  nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
  if (j.is_discarded()) return fn_error(s, "jsondecode(): invalid JSON");
  return from_json(j, s.loc, 0);
}

// Terraform's yamlencode style: block style, keys sorted, strings quoted.
void yaml_append(const Value& v, std::string& out, int indent, int depth) {
  std::string pad(static_cast<std::size_t>(indent), ' ');
  auto scalar = [&](const Value& x) {
    std::string t;
    if (x.is_string()) json_string(x.text(), t);
    else if (x.is_null() || !x.known()) t = "null";
    else if (x.is_bool()) t = x.as_bool() ? "true" : "false";
    else if (x.is_number()) t = number_text(x.as_number());
    else if (x.is_list()) t = "[]";
    else t = "{}";
    return t;
  };
  auto is_block = [](const Value& x) { return (x.is_list() || x.is_map()) && x.size() > 0; };
  if (depth > 256) {
    out += pad + "null\n";
    return;
  }
  if (v.is_map() && v.size() > 0) {
    for (const Value::Entry* e : sorted_entries(v)) {
      std::string key;
      json_string(e->first, key);
      if (is_block(e->second)) {
        out += pad + key + ":\n";
        yaml_append(e->second, out, e->second.is_map() ? indent + 2 : indent, depth + 1);
      } else {
        out += pad + key + ": " + scalar(e->second) + "\n";
      }
    }
  } else if (v.is_list() && v.size() > 0) {
    for (const Value& item : v.items()) {
      if (is_block(item)) {
        std::string nested;
        yaml_append(item, nested, indent + 2, depth + 1);
        // "- " replaces the first line's indentation.
        out += pad + "- " + nested.substr(static_cast<std::size_t>(indent) + 2);
      } else {
        out += pad + "- " + scalar(item) + "\n";
      }
    }
  } else {
    out += pad + scalar(v) + "\n";
  }
}

Value fn_yamlencode(Args& a, const CallSite& s) {
  std::string out;
  yaml_append(a[0], out, 0, 0);
  return Value::string(std::move(out), s.loc);
}

Value fn_yamldecode(Args& a, const CallSite& s) {
  std::string text;
  if (!arg_string(a, 0, &text)) return fn_error(s, "yamldecode() needs a string");
  // The unchanged content of a scanned file (file("values.yaml")): parse it as
  // that file so every value keeps its own line.
  FileId id = kNoFile;
  const SourceLoc& l = a[0].loc();
  if (s.state && s.state->sources && l.file != kNoFile && l.file < s.state->sources->size() && l.line == 1 &&
      s.state->sources->get(l.file).content == text)
    id = l.file;
  load::YamlResult r = load::parse_yaml(id, text);
  if (r.error) return fn_error(s, "yamldecode(): " + r.error->message);
  if (r.documents.size() > 1) return fn_error(s, "yamldecode(): more than one YAML document");
  Value out = r.documents.empty() ? Value::null(s.loc) : r.documents[0].root;
  if (id == kNoFile) out = relocate(std::move(out), s.loc);
  return out;
}

const char* kB64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

Value fn_base64encode(Args& a, const CallSite& s) {
  std::string in, out;
  if (!arg_string(a, 0, &in)) return fn_error(s, "base64encode() needs a string");
  std::size_t i = 0;
  for (; i + 2 < in.size(); i += 3) {
    unsigned n = (static_cast<unsigned char>(in[i]) << 16) | (static_cast<unsigned char>(in[i + 1]) << 8) |
                 static_cast<unsigned char>(in[i + 2]);
    out += kB64[(n >> 18) & 63], out += kB64[(n >> 12) & 63], out += kB64[(n >> 6) & 63], out += kB64[n & 63];
  }
  if (i + 1 == in.size()) {
    unsigned n = static_cast<unsigned char>(in[i]) << 16;
    out += kB64[(n >> 18) & 63], out += kB64[(n >> 12) & 63], out += "==";
  } else if (i + 2 == in.size()) {
    unsigned n = (static_cast<unsigned char>(in[i]) << 16) | (static_cast<unsigned char>(in[i + 1]) << 8);
    out += kB64[(n >> 18) & 63], out += kB64[(n >> 12) & 63], out += kB64[(n >> 6) & 63], out += '=';
  }
  return Value::string(std::move(out), s.loc);
}

Value fn_base64decode(Args& a, const CallSite& s) {
  std::string in, out;
  if (!arg_string(a, 0, &in)) return fn_error(s, "base64decode() needs a string");
  unsigned buf = 0;
  int bits = 0;
  std::size_t pads = 0;
  for (char c : in) {
    if (c == '=') {
      ++pads;
      continue;
    }
    const char* p = std::strchr(kB64, c);
    if (!p || c == '\0' || pads) return fn_error(s, "base64decode(): invalid base64");
    buf = (buf << 6) | static_cast<unsigned>(p - kB64);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((buf >> bits) & 0xFF);
    }
  }
  if ((in.size() % 4) != 0) return fn_error(s, "base64decode(): invalid base64 length");
  return Value::string(std::move(out), s.loc);
}

Value fn_urlencode(Args& a, const CallSite& s) {
  std::string in, out;
  if (!arg_string(a, 0, &in)) return fn_error(s, "urlencode() needs a string");
  for (unsigned char c : in) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else if (c == ' ') {
      out += '+';
    } else {
      char buf[4];
      std::snprintf(buf, sizeof buf, "%%%02X", c);
      out += buf;
    }
  }
  return Value::string(std::move(out), s.loc);
}

const std::vector<FunctionSpec> kEncoding = {
    {"jsonencode", fn_jsonencode, 1, 1, UnknownPolicy::kDeep},
    {"jsondecode", fn_jsondecode, 1, 1, UnknownPolicy::kShallow},
    {"yamlencode", fn_yamlencode, 1, 1, UnknownPolicy::kDeep},
    {"yamldecode", fn_yamldecode, 1, 1, UnknownPolicy::kShallow},
    {"base64encode", fn_base64encode, 1, 1, UnknownPolicy::kShallow},
    {"base64decode", fn_base64decode, 1, 1, UnknownPolicy::kShallow},
    {"urlencode", fn_urlencode, 1, 1, UnknownPolicy::kShallow},
};

}  // namespace

std::string json_encode(const Value& v) {
  std::string out;
  json_append(v, out, 0);
  return out;
}

const std::vector<FunctionSpec>& encoding_functions() { return kEncoding; }

}  // namespace drlint::eval
