#include "analyzer/load/yaml_loader.h"

#include <cmath>
#include <cstdlib>
#include <map>
#include <sstream>
#include <string>

#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/mark.h>
#include <yaml-cpp/parser.h>

#include "analyzer/util/one_line.h"

namespace drlint::load {
namespace {

// YAML 1.2 core schema for plain scalars (what Kubernetes' parser accepts,
// minus the YAML 1.1 yes/no/on/off booleans, which we keep as strings).
Value plain_scalar(const std::string& s, SourceLoc loc) {
  if (s.empty() || s == "~" || s == "null" || s == "Null" || s == "NULL") return Value::null(loc);
  if (s == "true" || s == "True" || s == "TRUE") return Value::boolean(true, loc);
  if (s == "false" || s == "False" || s == "FALSE") return Value::boolean(false, loc);
  char c = s[0];
  if ((c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.') {
    const char* begin = s.c_str();
    char* end = nullptr;
    double d;
    if (s.size() > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'o')) {
      d = static_cast<double>(std::strtoll(begin + 2, &end, s[1] == 'x' ? 16 : 8));
    } else {
      d = std::strtod(begin, &end);
    }
    bool inf_or_nan = s.find_first_of("iInN") != std::string::npos && s != ".inf" && s != "-.inf" &&
                      s != ".nan" && s != ".Inf" && s != "-.Inf" && s != ".NaN";
    if (end && *end == '\0' && !inf_or_nan && std::isfinite(d)) return Value::number(d, s, loc);
  }
  return Value::string(s, loc);
}

std::size_t count_nodes(const Value& v) {
  std::size_t n = 0;
  std::vector<const Value*> stack{&v};
  while (!stack.empty()) {
    const Value* cur = stack.back();
    stack.pop_back();
    ++n;
    for (const Value& i : cur->items()) stack.push_back(&i);
    for (const Value::Entry& e : cur->entries()) stack.push_back(&e.second);
  }
  return n;
}

struct BudgetExceeded {
  SourceLoc loc;
};

// yaml-cpp 0.7 never gets past a stray ',' outside [] and {} where a
// document may start (a file "," or "\"a\","): it starts an empty document at
// the same place forever.
struct Stalled {
  SourceLoc loc;
  int pos;  // stream offset
};

// Builds Values from parser events with an explicit stack.
class Builder : public YAML::EventHandler {
 public:
  Builder(FileId file, std::size_t max_nodes) : file_(file), max_nodes_(max_nodes) {}

  bool has_document() const { return done_; }
  Value take_document() {
    done_ = false;
    return std::move(root_);
  }

  void OnDocumentStart(const YAML::Mark& mark) override {
    if (started_ && mark.pos == last_start_) throw Stalled{loc(mark, 0), mark.pos};
    started_ = true;
    last_start_ = mark.pos;
    stack_.clear();
    root_ = Value::null();
    done_ = false;
    anchors_.clear();
  }
  void OnDocumentEnd() override { done_ = true; }

  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override { add(Value::null(loc(mark, 0)), anchor); }

  void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    auto it = anchors_.find(anchor);
    if (it == anchors_.end()) {
      add(Value::null(loc(mark, 0)), 0);
      return;
    }
    charge(it->second.second, mark);
    add(it->second.first, 0);
  }

  void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                const std::string& value) override {
    SourceLoc l = loc(mark, value.find('\n') == std::string::npos ? value.size() : 0);
    // "?" = plain scalar (type resolved by content); "!" = quoted/block, always a string.
    bool plain = tag == "?" || tag.empty();
    bool str_tag = tag == "tag:yaml.org,2002:str" || tag == "!!str";
    add(plain && !str_tag ? plain_scalar(value, l) : Value::string(value, l), anchor);
  }

  void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value) override {
    charge(1, mark);
    stack_.push_back(Frame{Value::list({}, loc(mark, 0)), anchor, {}, false});
  }
  void OnSequenceEnd() override { close(); }

  void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value) override {
    charge(1, mark);
    stack_.push_back(Frame{Value::map({}, loc(mark, 0)), anchor, {}, false});
  }
  void OnMapEnd() override { close(); }

 private:
  struct Frame {
    Value value;
    YAML::anchor_t anchor;
    Value pending_key;  // maps: the key waiting for its value
    bool have_key;
  };

  SourceLoc loc(const YAML::Mark& mark, std::size_t length) const {
    SourceLoc l;
    l.file = file_;
    l.line = static_cast<std::uint32_t>(mark.line + 1);
    l.column = static_cast<std::uint32_t>(mark.column + 1);
    l.end_line = l.line;
    l.end_column = l.column + static_cast<std::uint32_t>(length);
    return l;
  }

  void charge(std::size_t n, const YAML::Mark& mark) {
    nodes_ += n;
    if (nodes_ > max_nodes_) throw BudgetExceeded{loc(mark, 0)};
  }

  void close() {
    Frame f = std::move(stack_.back());
    stack_.pop_back();
    f.value.shrink_to_fit();  // the trees live until the scan ends
    add(std::move(f.value), f.anchor);
  }

  void add(Value v, YAML::anchor_t anchor) {
    ++nodes_;
    if (anchor != 0) {
      std::size_t n = count_nodes(v);
      anchors_[anchor] = {v, n};
    }
    if (stack_.empty()) {
      root_ = std::move(v);
      return;
    }
    Frame& top = stack_.back();
    if (top.value.is_list()) {
      top.value.mutable_items().push_back(std::move(v));
      return;
    }
    if (!top.have_key) {
      top.pending_key = std::move(v);
      top.have_key = true;
      return;
    }
    top.have_key = false;
    std::string key = top.pending_key.is_scalar() ? std::string(top.pending_key.text()) : top.pending_key.to_display();
    if (key == "<<" && top.pending_key.is_scalar()) {
      merge_into(top.value, v);
      return;
    }
    // Duplicate keys: the last one wins, as in Kubernetes' decoder.
    top.value.set(std::move(key), std::move(v));
  }

  // YAML merge keys: "<<: *defaults" or "<<: [*a, *b]"; explicit keys win.
  static void merge_into(Value& target, const Value& source) {
    auto merge_one = [&target](const Value& m) {
      if (!m.is_map()) return;
      for (const Value::Entry& e : m.entries())
        if (!target.get(e.first)) target.mutable_entries().push_back(e);
    };
    if (source.is_list()) {
      for (const Value& m : source.items()) merge_one(m);
    } else {
      merge_one(source);
    }
  }

  FileId file_;
  std::size_t max_nodes_;
  std::size_t nodes_ = 0;
  std::vector<Frame> stack_;
  Value root_;
  bool done_ = false;
  bool started_ = false;
  int last_start_ = 0;  // stream position of the last document start
  std::map<YAML::anchor_t, std::pair<Value, std::size_t>> anchors_;
};

// yaml-cpp recurses once per nesting level; refuse what would blow the stack.
// Counts flow brackets and block indentation levels as a cheap upper bound.
bool nesting_too_deep(std::string_view text, unsigned limit, std::uint32_t* line_out) {
  unsigned flow = 0;
  std::uint32_t line = 1;
  bool in_comment = false;
  char quote = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '\n') {
      ++line;
      in_comment = false;
      // Sequence dashes chained on one line ("- - - -") each open a level.
      std::size_t j = i + 1;
      unsigned dashes = 0, indent = 0;
      while (j < text.size() && text[j] == ' ') ++j, ++indent;
      while (j + 1 < text.size() && text[j] == '-' && text[j + 1] == ' ') {
        ++dashes;
        j += 2;
        while (j < text.size() && text[j] == ' ') ++j;
      }
      if (dashes > limit || indent / 2 > limit * 4) {
        *line_out = line;
        return true;
      }
      continue;
    }
    if (in_comment) continue;
    if (quote) {
      if (c == quote) quote = 0;
      continue;
    }
    if (c == '#' && (i == 0 || text[i - 1] == ' ' || text[i - 1] == '\t')) {
      in_comment = true;
    } else if ((c == '"' || c == '\'') && flow > 0) {
      quote = c;
    } else if (c == '[' || c == '{') {
      if (++flow > limit) {
        *line_out = line;
        return true;
      }
    } else if ((c == ']' || c == '}') && flow > 0) {
      --flow;
    }
  }
  return false;
}

// Keeps yaml-cpp's message ("illegal map value") and drops its own position.
// Control characters it quotes from the input ("unknown escape character: "
// and a raw newline) are escaped: a message is one line.
std::string clean_message(const YAML::Exception& e) {
  std::string m = e.msg.empty() ? std::string(e.what()) : e.msg;
  if (m.empty()) m = "invalid YAML";
  return "YAML syntax error: " + escape_control_chars(m);
}

}  // namespace

bool looks_like_helm_template(std::string_view content) {
  std::size_t pos = 0;
  while ((pos = content.find("{{", pos)) != std::string_view::npos) {
    std::size_t line_start = content.rfind('\n', pos);
    line_start = line_start == std::string_view::npos ? 0 : line_start + 1;
    std::string_view before = content.substr(line_start, pos - line_start);
    std::size_t first = before.find_first_not_of(" \t");
    if (first == std::string_view::npos || before[first] != '#') return true;
    pos += 2;
  }
  return false;
}

YamlResult parse_yaml(FileId id, std::string_view content, const LoadLimits& limits) {
  YamlResult result;
  std::uint32_t deep_line = 0;
  if (nesting_too_deep(content, limits.max_nesting_depth, &deep_line)) {
    result.error = ParseError{SourceLoc{id, deep_line, 1, deep_line, 1},
                              "YAML nested deeper than " + std::to_string(limits.max_nesting_depth) +
                                  " levels; not parsed"};
    return result;
  }
  // Strip a UTF-8 byte order mark (columns on line 1 then count from after it).
  if (content.size() >= 3 && static_cast<unsigned char>(content[0]) == 0xEF &&
      static_cast<unsigned char>(content[1]) == 0xBB && static_cast<unsigned char>(content[2]) == 0xBF)
    content.remove_prefix(3);
  std::istringstream in{std::string(content)};
  Builder builder(id, limits.max_yaml_nodes);
  try {
    YAML::Parser parser(in);
    while (parser.HandleNextDocument(builder)) {
      if (builder.has_document()) result.documents.push_back(YamlDocument{builder.take_document()});
    }
  } catch (const YAML::Exception& e) {
    SourceLoc l{id, static_cast<std::uint32_t>(e.mark.line + 1), static_cast<std::uint32_t>(e.mark.column + 1), 0, 0};
    if (e.mark.is_null() || e.mark.line < 0) l.line = 1, l.column = 1;
    l.end_line = l.line;
    l.end_column = l.column;
    result.error = ParseError{l, clean_message(e)};
  } catch (const Stalled& st) {
    // The empty document yaml-cpp made of the stray character is not one.
    if (!result.documents.empty()) {
      const Value& last = result.documents.back().root;
      if (last.is_null() && last.loc().line == st.loc.line && last.loc().column == st.loc.column)
        result.documents.pop_back();
    }
    char c = st.pos >= 0 && static_cast<std::size_t>(st.pos) < content.size() ? content[st.pos] : '\0';
    result.error = ParseError{st.loc, c > ' ' && c < 127 ? "YAML syntax error: unexpected '" + std::string(1, c) + "'"
                                                         : std::string("YAML syntax error: the parser cannot go on")};
  } catch (const BudgetExceeded& b) {
    result.error = ParseError{b.loc, "YAML expands to more than " + std::to_string(limits.max_yaml_nodes) +
                                         " nodes (alias bomb?); not loaded"};
  } catch (const std::exception& e) {
    result.error = ParseError{SourceLoc{id, 1, 1, 1, 1}, std::string("YAML could not be read: ") + e.what()};
  }
  return result;
}

}  // namespace drlint::load
