#include "analyzer/config/config_loader.h"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <utility>
#include <vector>

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/mark.h>
#include <yaml-cpp/parser.h>

#include "analyzer/load/yaml_loader.h"
#include "analyzer/util/one_line.h"
#include "analyzer/schedule/duration.h"
#include "analyzer/schedule/quantity.h"
#include "rules/registry.h"

namespace drlint::config {
namespace {

// The configuration as written: unlike load::Value, keeps the position of
// every map key, every duplicate key, and whether a scalar was quoted.
struct Node {
  enum class Kind { kNull, kScalar, kSeq, kMap };
  Kind kind = Kind::kNull;
  bool plain = true;  // scalars: written without quotes
  std::string text;
  SourceLoc loc;
  std::vector<Node> items;
  std::vector<std::pair<Node, Node>> entries;

  bool is_null() const { return kind == Kind::kNull; }
  bool is_scalar() const { return kind == Kind::kScalar; }
  bool is_seq() const { return kind == Kind::kSeq; }
  bool is_map() const { return kind == Kind::kMap; }
};

class TreeBuilder : public YAML::EventHandler {
 public:
  explicit TreeBuilder(FileId file) : file_(file) {}

  std::vector<Node> documents;

  void OnDocumentStart(const YAML::Mark&) override {
    stack_.clear();
    anchors_.clear();
  }
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    Node n;
    n.loc = loc(mark, 0);
    add(std::move(n), anchor);
  }
  void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    auto it = anchors_.find(anchor);
    Node n = it == anchors_.end() ? Node{} : it->second;
    if (it == anchors_.end()) n.loc = loc(mark, 0);
    add(std::move(n), 0);
  }
  void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                const std::string& value) override {
    Node n;
    n.kind = Node::Kind::kScalar;
    n.plain = tag == "?" || tag.empty();
    n.text = value;
    n.loc = loc(mark, value.find('\n') == std::string::npos ? value.size() + (n.plain ? 0 : 2) : 0);
    add(std::move(n), anchor);
  }
  void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value) override {
    Node n;
    n.kind = Node::Kind::kSeq;
    n.loc = loc(mark, 0);
    stack_.push_back({std::move(n), anchor, {}, false});
  }
  void OnSequenceEnd() override { close(); }
  void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value) override {
    Node n;
    n.kind = Node::Kind::kMap;
    n.loc = loc(mark, 0);
    stack_.push_back({std::move(n), anchor, {}, false});
  }
  void OnMapEnd() override { close(); }

 private:
  struct Frame {
    Node node;
    YAML::anchor_t anchor;
    Node key;
    bool have_key;
  };

  SourceLoc loc(const YAML::Mark& mark, std::size_t length) const {
    SourceLoc l;
    l.file = file_;
    l.line = static_cast<std::uint32_t>(std::max(mark.line, 0) + 1);
    l.column = static_cast<std::uint32_t>(std::max(mark.column, 0) + 1);
    l.end_line = l.line;
    l.end_column = l.column + static_cast<std::uint32_t>(length);
    return l;
  }

  void close() {
    Frame f = std::move(stack_.back());
    stack_.pop_back();
    add(std::move(f.node), f.anchor);
  }

  void add(Node n, YAML::anchor_t anchor) {
    if (anchor != 0) anchors_[anchor] = n;
    if (stack_.empty()) {
      documents.push_back(std::move(n));
      return;
    }
    Frame& top = stack_.back();
    if (top.node.is_seq()) {
      top.node.items.push_back(std::move(n));
    } else if (!top.have_key) {
      top.key = std::move(n);
      top.have_key = true;
    } else {
      top.have_key = false;
      top.node.entries.emplace_back(std::move(top.key), std::move(n));
    }
  }

  FileId file_;
  std::vector<Frame> stack_;
  std::map<YAML::anchor_t, Node> anchors_;
};

struct Failure {
  SourceLoc loc;
  std::string message;  // "<what is wrong>; expected <the expected form>"
};

[[noreturn]] void fail(const SourceLoc& loc, const std::string& what, const std::string& expected) {
  throw Failure{loc, what + "; expected " + expected};
}

std::string quote(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out + "\"";
}

bool looks_numeric(const Node& n) {
  if (!n.is_scalar() || !n.plain || n.text.empty()) return false;
  char* end = nullptr;
  std::strtod(n.text.c_str(), &end);
  return end && *end == '\0';
}

// "the string \"x\"", "a list", ... for "<key> is <describe>; expected ..."
std::string describe(const Node& n) {
  switch (n.kind) {
    case Node::Kind::kNull: return "empty";
    case Node::Kind::kSeq: return "a list";
    case Node::Kind::kMap: return "a map";
    case Node::Kind::kScalar:
      if (looks_numeric(n)) return "the number " + n.text;
      if (n.plain && (n.text == "true" || n.text == "false")) return "the boolean " + n.text;
      return "the string " + quote(n.text);
  }
  return "a value";
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      char ca = static_cast<char>(std::tolower(static_cast<unsigned char>(a[i - 1])));
      char cb = static_cast<char>(std::tolower(static_cast<unsigned char>(b[j - 1])));
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca == cb ? 0 : 1)});
    }
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

std::string one_of(const std::vector<std::string_view>& allowed, const char* conjunction = " or ") {
  std::string out;
  for (std::size_t i = 0; i < allowed.size(); ++i) {
    if (i) out += i + 1 == allowed.size() ? conjunction : ", ";
    out += allowed[i];
  }
  return out;
}

std::string suggestion(std::string_view key, const std::vector<std::string_view>& allowed) {
  std::string_view best;
  std::size_t best_d = 3;
  for (std::string_view a : allowed) {
    std::size_t d = edit_distance(key, a);
    if (d < best_d) best_d = d, best = a;
  }
  return best.empty() ? "" : " (did you mean " + quote(best) + "?)";
}

// Checks a map's keys: every key a plain string from `allowed`, each once.
void check_keys(const Node& map, const std::vector<std::string_view>& allowed, const std::string& where) {
  std::map<std::string, std::uint32_t> seen;
  for (const auto& [k, v] : map.entries) {
    if (!k.is_scalar())
      fail(k.loc, "a key " + where + " is " + describe(k), "a plain key, one of " + one_of(allowed));
    if (std::find(allowed.begin(), allowed.end(), k.text) == allowed.end())
      fail(k.loc, "unknown key " + quote(k.text) + " " + where + suggestion(k.text, allowed),
           allowed.size() == 1 ? "only the key " + std::string(allowed[0]) : "one of " + one_of(allowed));
    auto [it, inserted] = seen.emplace(k.text, k.loc.line);
    if (!inserted)
      fail(k.loc, "duplicate key " + quote(k.text) + " " + where + " (first at line " + std::to_string(it->second) + ")",
           "each key at most once");
  }
}

const Node* get(const Node& map, std::string_view key, const Node** key_node = nullptr) {
  for (const auto& [k, v] : map.entries)
    if (k.is_scalar() && k.text == key) {
      if (key_node) *key_node = &k;
      return &v;
    }
  return nullptr;
}

// Where to report a problem with a value: the value itself, or its key when
// the value is empty (an empty value has no position of its own).
const SourceLoc& where_of(const Node& key, const Node& value) { return value.is_null() ? key.loc : value.loc; }

constexpr char kDurationForm[] = "a duration like 15m, 1h30m or 2d (units s, m, h, d)";

schedule::Seconds duration_value(const Node& key, const Node& value, const std::string& name, bool positive) {
  if (!value.is_scalar() || looks_numeric(value))
    fail(where_of(key, value), name + " is " + describe(value) + (looks_numeric(value) ? " without a unit" : ""),
         std::string(kDurationForm));
  std::string err;
  auto s = schedule::parse_duration(value.text, &err);
  if (!s) {
    // parse_duration's message holds "expected ..." already.
    std::string::size_type e = err.find("expected ");
    std::string detail = e == std::string::npos || e == 0 ? "" : ": " + err.substr(0, e >= 2 ? e - 2 : 0);
    std::string expected = e == std::string::npos ? std::string(kDurationForm) : err.substr(e + 9);
    fail(value.loc, "invalid " + name + " " + quote(value.text) + detail, expected);
  }
  if (positive && *s <= 0)
    fail(value.loc, name + " " + quote(value.text) + " is zero", "a duration greater than zero, like 15m");
  return *s;
}

std::string string_value(const Node& key, const Node& value, const std::string& name, const std::string& expected) {
  if (!value.is_scalar()) fail(where_of(key, value), name + " is " + describe(value), expected);
  if (value.text.empty()) fail(value.loc, name + " is an empty string", expected);
  return value.text;
}

class Validator {
 public:
  explicit Validator(Config* out) : out_(out) {}

  void root(const Node& doc) {
    if (doc.is_null()) return;  // an empty file: every default
    static const std::vector<std::string_view> kTop = {"version", "policies", "recovery", "rules", "exclude"};
    if (!doc.is_map()) fail(doc.loc, "the configuration is " + describe(doc), "a map with the keys " + one_of(kTop, " and "));
    check_keys(doc, kTop, "at the top level");
    const Node* vkey = nullptr;
    const Node* v = get(doc, "version", &vkey);
    if (!v) fail(doc.loc, "missing key \"version\"", "version: 1 at the top of the file");
    if (!v->is_scalar() || v->text != "1") {
      Node as_plain = *v;
      as_plain.plain = true;
      if (looks_numeric(as_plain))
        fail(v->loc, "unsupported configuration version " + v->text, "version: 1 (the only version this drlint reads)");
      fail(where_of(*vkey, *v), "version is " + describe(*v), "version: 1");
    }
    out_->version = 1;
    const Node* key = nullptr;
    if (const Node* p = get(doc, "policies", &key)) policies(*key, *p);
    if (const Node* r = get(doc, "recovery", &key)) recovery(*key, *r);
    if (const Node* r = get(doc, "rules", &key)) rules(*key, *r);
    if (const Node* e = get(doc, "exclude", &key)) exclude(*key, *e);
  }

 private:
  void policies(const Node& key, const Node& list) {
    if (list.is_null()) return;
    if (!list.is_seq())
      fail(where_of(key, list), "policies is " + describe(list),
           "a list of policies, each \"- name: ..., namespaces: [...], rpo: 15m, rto: 30m\"");
    static const std::vector<std::string_view> kKeys = {"name", "namespaces", "rpo", "rto"};
    std::map<std::string, std::uint32_t> names;
    for (const Node& item : list.items) {
      if (!item.is_map())
        fail(item.loc, "a policy is " + describe(item), "a map with the keys " + one_of(kKeys, " and "));
      PolicyDecl p;
      p.loc = item.loc;
      const Node* k = nullptr;
      const Node* name = get(item, "name", &k);
      std::string label = name && name->is_scalar() ? " in policy " + quote(name->text) : " in a policy";
      check_keys(item, kKeys, label.substr(1));
      if (!name) fail(item.loc, "a policy has no name", "name: <a name shown in messages and reports>");
      p.name = string_value(*k, *name, "the policy name", "a non-empty string, e.g. name: customer-checkout");
      auto [it, fresh] = names.emplace(p.name, name->loc.line);
      if (!fresh)
        fail(name->loc, "duplicate policy name " + quote(p.name) + " (first declared at line " +
                            std::to_string(it->second) + ")",
             "each policy name once");
      const Node* ns = get(item, "namespaces", &k);
      if (!ns)
        fail(item.loc, "policy " + quote(p.name) + " has no namespaces",
             "namespaces: [\"payments\", \"checkout-*\"] (names or globs)");
      if (!ns->is_seq())
        fail(where_of(*k, *ns), "namespaces of policy " + quote(p.name) + " is " + describe(*ns),
             "a list of namespace names or globs, e.g. namespaces: [\"payments\", \"checkout-*\"]");
      if (ns->items.empty())
        fail(ns->loc, "policy " + quote(p.name) + " lists no namespaces", "at least one namespace name or glob");
      for (const Node& n : ns->items) {
        if (!n.is_scalar() || n.text.empty())
          fail(n.loc, "a namespace of policy " + quote(p.name) + " is " + describe(n),
               "a namespace name or glob such as \"checkout-*\"");
        p.namespaces.push_back(n.text);
      }
      if (const Node* v = get(item, "rpo", &k)) {
        p.rpo = duration_value(*k, *v, "rpo", true);
        p.rpo_loc = v->loc;
      }
      if (const Node* v = get(item, "rto", &k)) {
        p.rto = duration_value(*k, *v, "rto", true);
        p.rto_loc = v->loc;
      }
      if (!p.rpo && !p.rto)
        fail(item.loc, "policy " + quote(p.name) + " declares neither rpo nor rto", "rpo: 15m and/or rto: 30m");
      out_->policies.push_back(std::move(p));
    }
  }

  void recovery(const Node& key, const Node& map) {
    out_->recovery.loc = key.loc;
    if (map.is_null()) return;
    static const std::vector<std::string_view> kKeys = {"detection", "decision", "validation", "restore_throughput"};
    if (!map.is_map())
      fail(where_of(key, map), "recovery is " + describe(map), "a map with the keys " + one_of(kKeys, " and "));
    check_keys(map, kKeys, "in recovery");
    Recovery& r = out_->recovery;
    const Node* k = nullptr;
    if (const Node* v = get(map, "detection", &k)) r.detection = duration_value(*k, *v, "recovery.detection", false);
    if (const Node* v = get(map, "decision", &k)) r.decision = duration_value(*k, *v, "recovery.decision", false);
    if (const Node* v = get(map, "validation", &k)) r.validation = duration_value(*k, *v, "recovery.validation", false);
    if (const Node* v = get(map, "restore_throughput", &k)) {
      constexpr char kForm[] = "a throughput like 11GiB/m, 500MiB/s or 1TiB/h";
      if (!v->is_scalar()) fail(where_of(*k, *v), "recovery.restore_throughput is " + describe(*v), kForm);
      std::string err;
      auto t = schedule::parse_throughput(v->text, &err);
      if (!t) {
        std::string::size_type e = err.find("expected ");
        std::string detail = e == std::string::npos || e == 0 ? "" : ": " + err.substr(0, e >= 2 ? e - 2 : 0);
        fail(v->loc, "invalid recovery.restore_throughput " + quote(v->text) + detail, kForm);
      }
      r.restore_bytes_per_second = *t;
      r.restore_throughput_text = v->text;
    }
  }

  void rules(const Node& key, const Node& map) {
    if (map.is_null()) return;
    if (!map.is_map())
      fail(where_of(key, map), "rules is " + describe(map),
           "a map from rule ID to level, e.g. DR003: { level: warning } or DR060: off (levels error, warning, note, "
           "off)");
    std::map<std::string, std::uint32_t> seen;
    for (const auto& [k, v] : map.entries) {
      if (!k.is_scalar()) fail(k.loc, "a key in rules is " + describe(k), "a rule ID such as DR003");
      if (!rules::find_rule(k.text)) {
        std::string hint;
        std::string upper = k.text;
        for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        if (rules::find_rule(upper)) {
          hint = " (did you mean " + quote(upper) + "?)";
        } else {
          for (const rules::Rule& r : rules::all_rules())
            if (r.info->name == k.text) hint = " (" + k.text + " is the name of " + std::string(r.info->id) + "; use the ID)";
        }
        fail(k.loc, "unknown rule ID " + quote(k.text) + " in rules" + hint,
             "a rule ID listed by `drlint rules`, such as DR010");
      }
      auto [it, fresh] = seen.emplace(k.text, k.loc.line);
      if (!fresh)
        fail(k.loc, "duplicate key " + quote(k.text) + " in rules (first at line " + std::to_string(it->second) + ")",
             "each rule ID at most once");
      const std::string kForm = k.text + ": { level: warning } or " + k.text + ": off (levels error, warning, note, off)";
      RuleOverride o;
      o.id = k.text;
      o.loc = k.loc;
      const Node* level = &v;
      const Node* level_key = &k;
      if (v.is_map()) {
        check_keys(v, {"level"}, "in rules." + k.text);
        level = get(v, "level", &level_key);
        if (!level) fail(v.loc, k.text + " sets no level", kForm);
      }
      if (!level->is_scalar())
        fail(where_of(*level_key, *level), "the level of " + k.text + " is " + describe(*level), kForm);
      if (level->text == "off") {
        o.off = true;
      } else if (auto l = parse_level(level->text)) {
        o.level = *l;
      } else {
        fail(level->loc, "invalid level " + quote(level->text) + " for " + k.text, "error, warning, note or off");
      }
      out_->rules.push_back(std::move(o));
    }
  }

  void exclude(const Node& key, const Node& list) {
    if (list.is_null()) return;
    if (!list.is_seq())
      fail(where_of(key, list), "exclude is " + describe(list),
           "a list of path globs relative to the repository root, e.g. exclude: [\"examples/**\"]");
    for (const Node& n : list.items) {
      std::string g = string_value(n, n, "an exclude pattern", "a path glob such as \"examples/**\"");
      while (g.size() > 2 && g.compare(0, 2, "./") == 0) g.erase(0, 2);
      if (g.front() == '/')
        fail(n.loc, "exclude pattern " + quote(n.text) + " is an absolute path",
             "a glob relative to the repository root, such as \"examples/**\"");
      out_->exclude.push_back(g);
    }
  }

  Config* out_;
};

std::string format_error(const std::string& display_path, const SourceLoc& loc, const std::string& message) {
  // One line, and no control characters from the file (terminal escapes):
  // values quoted by the duration/throughput parsers are not escaped.
  return display_path + ":" + std::to_string(std::max<std::uint32_t>(loc.line, 1)) + ":" +
         std::to_string(std::max<std::uint32_t>(loc.column, 1)) + ": " + escape_control_chars(message);
}

}  // namespace

bool load_config_text(std::string_view content, const std::string& display_path, FileId file, Config* out,
                      std::string* error) {
  // Syntax first, through the scanner's own loader (nesting limits, messages).
  load::YamlResult syntax = load::parse_yaml(file, content);
  if (syntax.error) {
    *error = format_error(display_path, syntax.error->loc, syntax.error->message + "; expected valid YAML");
    return false;
  }
  if (content.size() >= 3 && static_cast<unsigned char>(content[0]) == 0xEF &&
      static_cast<unsigned char>(content[1]) == 0xBB && static_cast<unsigned char>(content[2]) == 0xBF)
    content.remove_prefix(3);
  TreeBuilder builder(file);
  try {
    std::istringstream in{std::string(content)};
    YAML::Parser parser(in);
    while (parser.HandleNextDocument(builder)) {
    }
  } catch (const YAML::Exception& e) {
    SourceLoc l{file, static_cast<std::uint32_t>(std::max(e.mark.line, 0) + 1),
                static_cast<std::uint32_t>(std::max(e.mark.column, 0) + 1), 0, 0};
    *error = format_error(display_path, l, "YAML syntax error: " + e.msg + "; expected valid YAML");
    return false;
  }
  if (builder.documents.size() > 1) {
    *error = format_error(display_path, builder.documents[1].loc,
                          "a second YAML document in the configuration; expected a single document");
    return false;
  }
  Config cfg;
  cfg.path = display_path;
  cfg.file = file;
  try {
    Validator v(&cfg);
    if (!builder.documents.empty()) v.root(builder.documents[0]);
  } catch (const Failure& f) {
    *error = format_error(display_path, f.loc, f.message);
    return false;
  }
  *out = std::move(cfg);
  return true;
}

bool load_config(const std::string& abs_path, const std::string& display_path, Config* out, std::string* error) {
  std::error_code ec;
  if (std::filesystem::is_directory(abs_path, ec)) {
    *error = display_path + ": cannot read the configuration file: it is a directory; expected a YAML file";
    return false;
  }
  std::ifstream f(abs_path, std::ios::binary);
  if (!f) {
    *error = display_path + ": cannot read the configuration file: " + std::strerror(errno) +
             "; expected a readable YAML file";
    return false;
  }
  std::ostringstream s;
  s << f.rdbuf();
  if (f.bad()) {
    *error = display_path + ": cannot read the configuration file; expected a readable YAML file";
    return false;
  }
  return load_config_text(s.str(), display_path, kNoFile, out, error);
}

std::string find_config(const std::string& root_abs) {
  namespace fs = std::filesystem;
  for (const char* name : {".drlint.yaml", ".drlint.yml"}) {
    fs::path p = fs::path(root_abs) / name;
    std::error_code ec;
    if (fs::is_regular_file(p, ec)) return p.string();
  }
  return "";
}

}  // namespace drlint::config
