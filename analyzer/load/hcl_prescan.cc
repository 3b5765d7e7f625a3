#include "analyzer/load/hcl_prescan.h"

#include "analyzer/load/hcl_lexical.h"

namespace drlint::load {
namespace {

// Brackets, strings and heredocs nested deeper than this: give up and let
// the parser (with its own limits) handle the file.
constexpr std::size_t kMaxDepth = 512;

using hcl_lexical::ident_char;
using hcl_lexical::ident_start;

class Lexer {
 public:
  explicit Lexer(std::string_view s) : s_(s) {}

  Prescan run() {
    Prescan out;
    while (true) {
      if (!skip_space_and_comments()) return {};
      if (i_ >= s_.size()) break;
      PrescanBlock b;
      if (!header(b)) return {};
      if (!body(b)) return {};
      out.blocks.push_back(std::move(b));
    }
    out.ok = true;
    return out;
  }

 private:
  enum class Mode { kCode, kQuoted, kHeredoc };
  struct Frame {
    Mode mode;
    char closer = 0;              // kCode: the bracket that closes it
    std::string_view marker;      // kHeredoc: the closing identifier
  };

  bool at(std::size_t k, char c) const { return k < s_.size() && s_[k] == c; }

  // White space, newlines and comments between top-level blocks.
  bool skip_space_and_comments() {
    while (i_ < s_.size()) {
      char c = s_[i_];
      if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
        ++i_;
      } else if (c == '#' || (c == '/' && at(i_ + 1, '/'))) {
        skip_line();
      } else if (c == '/' && at(i_ + 1, '*')) {
        if (!skip_block_comment()) return false;
      } else {
        break;
      }
    }
    return true;
  }

  void skip_line() {
    std::size_t nl = s_.find('\n', i_);
    i_ = nl == std::string_view::npos ? s_.size() : nl;
  }

  bool skip_block_comment() {
    std::size_t end = s_.find("*/", i_ + 2);
    if (end == std::string_view::npos) return false;
    i_ = end + 2;
    return true;
  }

  std::string_view ident() {
    std::size_t start = i_;
    while (i_ < s_.size() && ident_char(s_[i_])) ++i_;
    return s_.substr(start, i_ - start);
  }

  // TYPE LABEL* '{' on the block's first line.
  bool header(PrescanBlock& b) {
    if (!ident_start(s_[i_])) return false;  // a top-level attribute or junk
    b.begin = static_cast<std::uint32_t>(i_);
    b.type = ident();
    while (i_ < s_.size()) {
      char c = s_[i_];
      if (c == ' ' || c == '\t') {
        ++i_;
      } else if (c == '"') {
        std::size_t close = s_.find_first_of("\"\\\n$%", i_ + 1);
        if (close == std::string_view::npos || s_[close] != '"') return false;  // escapes, templates: parse it
        b.labels.push_back(s_.substr(i_ + 1, close - i_ - 1));
        i_ = close + 1;
      } else if (ident_start(c)) {
        b.labels.push_back(ident());
      } else {
        return c == '{';
      }
    }
    return false;
  }

  // From the opening brace to just after its match; records references,
  // and the items of variable and output bodies.
  bool body(PrescanBlock& b) {
    std::vector<Frame> stack;
    stack.push_back(Frame{Mode::kCode, '}', {}});
    ++i_;
    const bool list_items = b.type == "variable" || b.type == "output";
    constexpr std::size_t kNone = std::string_view::npos;
    // Set after a newline of the body itself while only spaces and tabs
    // follow it: an identifier there begins an item.
    std::size_t line_start = kNone;
    PrescanItem item;  // the item begun on its own line, while in_item
    bool in_item = false;
    while (!stack.empty()) {
      if (i_ >= s_.size() || stack.size() > kMaxDepth) return false;
      Frame& top = stack.back();
      char c = s_[i_];
      if (list_items && top.mode == Mode::kCode && stack.size() == 1) {
        if (c == '\n') {
          if (in_item) {
            item.end = static_cast<std::uint32_t>(i_);
            b.items.push_back(item);
            in_item = false;
          }
          line_start = i_ + 1;
        } else if (!in_item && line_start != kNone && ident_start(c)) {
          std::size_t k = i_;
          while (k < s_.size() && ident_char(s_[k])) ++k;
          item = PrescanItem{s_.substr(i_, k - i_), static_cast<std::uint32_t>(i_), 0};
          in_item = true;
        } else if (c != ' ' && c != '\t' && !in_item) {
          line_start = kNone;  // something else begins this line: no item on it
        }
      }
      switch (top.mode) {
        case Mode::kCode:
          if (c == '#' || (c == '/' && at(i_ + 1, '/'))) {
            skip_line();
          } else if (c == '/' && at(i_ + 1, '*')) {
            if (!skip_block_comment()) return false;
          } else if (c == '"') {
            stack.push_back(Frame{Mode::kQuoted, 0, {}});
            ++i_;
          } else if (c == '<' && at(i_ + 1, '<')) {
            if (!heredoc_start(stack)) return false;
          } else if ((c == '$' || c == '%') && at(i_ + 1, '{')) {
            return false;  // a template sequence outside a string: not HCL
          } else if (c == '{' || c == '[' || c == '(') {
            stack.push_back(Frame{Mode::kCode, c == '{' ? '}' : c == '[' ? ']' : ')', {}});
            ++i_;
          } else if (c == '}' || c == ']' || c == ')') {
            if (c != top.closer) return false;
            stack.pop_back();
            ++i_;
          } else if (ident_start(c)) {
            traversal(b);
          } else if (hcl_lexical::digit(c)) {
            while (i_ < s_.size() && (ident_char(s_[i_]) || s_[i_] == '.')) ++i_;
          } else {
            ++i_;
          }
          break;
        case Mode::kQuoted:
          if (c == '\\') {
            i_ += 2;
          } else if (c == '"') {
            stack.pop_back();
            ++i_;
          } else if (c == '\n') {
            return false;
          } else if (!template_char(stack)) {
            ++i_;
          }
          break;
        case Mode::kHeredoc:
          if ((i_ == 0 || s_[i_ - 1] == '\n') && heredoc_end(top.marker)) {
            stack.pop_back();
          } else if (!template_char(stack)) {
            ++i_;
          }
          break;
      }
    }
    b.end = static_cast<std::uint32_t>(i_);
    return true;
  }

  // "${" / "%{" open an interpolation or directive; "$${" / "%%{" are
  // escapes. Returns true when it consumed something.
  bool template_char(std::vector<Frame>& stack) {
    char c = s_[i_];
    if ((c == '$' || c == '%') && at(i_ + 1, c) && at(i_ + 2, '{')) {
      i_ += 3;
      return true;
    }
    if ((c == '$' || c == '%') && at(i_ + 1, '{')) {
      stack.push_back(Frame{Mode::kCode, '}', {}});
      i_ += 2;
      return true;
    }
    return false;
  }

  // "<<EOT" / "<<-EOT" then a newline; anything else after "<<" is not HCL.
  bool heredoc_start(std::vector<Frame>& stack) {
    std::string_view marker;
    std::size_t body = 0;
    if (!hcl_lexical::heredoc_open(s_, i_, &marker, &body)) return false;
    stack.push_back(Frame{Mode::kHeredoc, 0, marker});
    i_ = body;
    return true;
  }

  // At a line start inside a heredoc: the closing marker (indentation
  // allowed) ends it; the scan continues after the marker.
  bool heredoc_end(std::string_view marker) {
    std::size_t after = hcl_lexical::heredoc_close(s_, i_, marker);
    if (after == std::string_view::npos) return false;
    i_ = after;
    return true;
  }

  // IDENT(.IDENT)*: records "a.b", or "data.a.b".
  void traversal(PrescanBlock& b) {
    std::size_t start = i_;
    std::size_t segments = 1;
    std::size_t keep_end = 0;
    ident();
    std::size_t want = s_.compare(start, i_ - start, "data") == 0 && i_ - start == 4 ? 3 : 2;
    while (at(i_, '.') && i_ + 1 < s_.size() && ident_start(s_[i_ + 1])) {
      ++i_;
      ident();
      if (++segments == want) keep_end = i_;
    }
    if (keep_end) b.refs.push_back(s_.substr(start, keep_end - start));
    std::string_view name = s_.substr(start, i_ - start);
    if (segments == 1 && at(i_, '(') && (name.rfind("file", 0) == 0 || name == "templatefile"))
      b.reads_files = true;
  }

  std::string_view s_;
  std::size_t i_ = 0;
};

}  // namespace

Prescan prescan_hcl(std::string_view text) { return Lexer(text).run(); }

std::string reference_key(const PrescanBlock& block) {
  if (block.type == "variable" && block.labels.size() == 1) return "var." + std::string(block.labels[0]);
  if (block.labels.size() < 2) return {};
  if (block.type == "resource") return std::string(block.labels[0]) + "." + std::string(block.labels[1]);
  if (block.type == "data") return "data." + std::string(block.labels[0]) + "." + std::string(block.labels[1]);
  return {};
}

}  // namespace drlint::load
