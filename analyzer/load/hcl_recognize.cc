#include "analyzer/load/hcl_recognize.h"

#include <cstring>
#include <string>

#include "analyzer/load/hcl_lexical.h"

namespace drlint::load {
namespace {

constexpr int kMaxDepth = 200;

using hcl_lexical::digit;
using hcl_lexical::ident_char;
using hcl_lexical::ident_start;

class Recognizer {
 public:
  explicit Recognizer(std::string_view s) : s_(s) {}

  bool top_block() {
    if (!block()) return false;
    skip(false);
    return i_ == s_.size();
  }

  // NAME = EXPRESSION, or a nested block, then only spaces and comments.
  bool body_item() {
    if (!ident() || !item_rest()) return false;
    skip(false);
    return i_ == s_.size();
  }

 private:
  // RAII recursion guard.
  struct Deeper {
    explicit Deeper(int& d) : d_(d) { ++d_; }
    ~Deeper() { --d_; }
    int& d_;
  };

  char peek(std::size_t k = 0) const { return i_ + k < s_.size() ? s_[i_ + k] : '\0'; }
  bool eof() const { return i_ >= s_.size(); }
  bool lit(const char* t) {
    std::size_t n = std::strlen(t);
    if (s_.compare(i_, n, t) != 0) return false;
    i_ += n;
    return true;
  }

  // Spaces, tabs and comments; newlines too when `newlines`. A line
  // comment stops before its newline.
  void skip(bool newlines) {
    while (!eof()) {
      char c = s_[i_];
      if (c == ' ' || c == '\t' || c == '\r' || (newlines && c == '\n')) {
        ++i_;
      } else if (c == '#' || (c == '/' && peek(1) == '/')) {
        while (!eof() && s_[i_] != '\n') ++i_;
      } else if (c == '/' && peek(1) == '*') {
        std::size_t end = s_.find("*/", i_ + 2);
        if (end == std::string_view::npos) {
          i_ = s_.size() + 1;  // past the end: every caller fails
          return;
        }
        i_ = end + 2;
      } else {
        return;
      }
    }
  }

  bool ident() {
    if (!ident_start(peek())) return false;
    while (true) {
      while (ident_char(peek())) ++i_;
      // provider::name::function
      if (peek() == ':' && peek(1) == ':' && ident_start(peek(2))) {
        i_ += 2;
        continue;
      }
      return true;
    }
  }

  bool keyword(const char* word) {
    std::size_t n = std::strlen(word);
    if (s_.compare(i_, n, word) != 0 || ident_char(i_ + n < s_.size() ? s_[i_ + n] : '\0')) return false;
    i_ += n;
    return true;
  }

  // TYPE LABEL* { BODY } ; the type is at i_.
  bool block() {
    Deeper d(depth_);
    if (depth_ > kMaxDepth || !ident()) return false;
    return block_rest();
  }

  bool block_rest() {
    while (true) {
      skip(false);
      char c = peek();
      if (c == '"') {
        if (!plain_string()) return false;
      } else if (ident_start(c)) {
        ident();
      } else if (c == '{') {
        ++i_;
        break;
      } else {
        return false;
      }
    }
    skip(false);
    if (peek() == '\n') return body();
    if (peek() == '}') {  // one-line block
      ++i_;
      return true;
    }
    if (!ident()) return false;
    skip(false);
    if (peek() != '=' || peek(1) == '=' || peek(1) == '>') return false;
    ++i_;
    if (!expression(false)) return false;
    skip(false);
    return lit("}");
  }

  // At a backslash in a quoted string: the escapes tree-sitter's scanner
  // (and HCL) accept, \" \\ \n \r \t \uXXXX \UXXXXXXXX; steps over one.
  bool escape() {
    const char c = peek(1);
    if (c == '"' || c == '\\' || c == 'n' || c == 'r' || c == 't') {
      i_ += 2;
      return true;
    }
    const int hex = c == 'u' ? 4 : c == 'U' ? 8 : 0;
    if (hex == 0) return false;
    for (int k = 0; k < hex; ++k) {
      const char h = peek(2 + k);
      if (!digit(h) && !(h >= 'a' && h <= 'f') && !(h >= 'A' && h <= 'F')) return false;
    }
    i_ += 2 + hex;
    return true;
  }

  // A label: a quoted string without templates.
  bool plain_string() {
    ++i_;
    while (!eof()) {
      char c = s_[i_];
      if (c == '\n') return false;
      if (c == '\\') {
        if (!escape()) return false;
        continue;
      }
      if ((c == '$' || c == '%') && peek(1) == '{') return false;
      ++i_;
      if (c == '"') return true;
    }
    return false;
  }

  // Attributes and blocks up to the closing brace (consumed).
  bool body() {
    while (true) {
      skip(true);
      if (eof()) return false;
      if (peek() == '}') {
        ++i_;
        return true;
      }
      if (!ident_start(peek())) return false;
      Deeper d(depth_);
      if (depth_ > kMaxDepth) return false;
      ident();
      if (!item_rest()) return false;
      // An item ends at a newline or the closing brace.
      skip(false);
      if (peek() != '\n' && peek() != '}') return false;
    }
  }

  // After an item's name: = EXPRESSION, or the rest of a nested block.
  bool item_rest() {
    skip(false);
    if (peek() == '=' && peek(1) != '=' && peek(1) != '>') {
      ++i_;
      return expression(false);
    }
    return block_rest();
  }

  // Expression; `nl`: inside brackets, where newlines are white space.
  bool expression(bool nl) {
    Deeper d(depth_);
    if (depth_ > kMaxDepth) return false;
    if (!binary(nl)) return false;
    skip(nl);
    if (peek() == '?') {
      ++i_;
      skip(true);
      if (!expression(nl)) return false;
      skip(true);
      if (!lit(":")) return false;
      skip(true);
      return expression(nl);
    }
    return true;
  }

  bool binary_operator() {
    for (const char* op : {"||", "&&", "==", "!=", "<=", ">="}) {
      if (lit(op)) return true;
    }
    char c = peek();
    if (c == '<' && peek(1) == '<') return false;  // a heredoc is not an operand here
    if (c == '<' || c == '>' || c == '+' || c == '-' || c == '*' || c == '/' || c == '%') {
      if (c == '/' && (peek(1) == '/' || peek(1) == '*')) return false;  // a comment
      ++i_;
      return true;
    }
    return false;
  }

  bool binary(bool nl) {
    if (!unary(nl)) return false;
    while (true) {
      std::size_t save = i_;
      skip(nl);
      if (!binary_operator()) {
        i_ = save;
        return true;
      }
      skip(true);
      if (!unary(nl)) return false;
    }
  }

  bool unary(bool nl) {
    skip(false);
    while (peek() == '-' || peek() == '!') {
      ++i_;
      skip(false);
    }
    return postfix(nl);
  }

  bool postfix(bool nl) {
    if (!primary()) return false;
    while (true) {
      std::size_t save = i_;
      skip(false);
      char c = peek();
      if (c == '[') {
        ++i_;
        skip(true);
        if (peek() == '*') {
          ++i_;
        } else if (!expression(true)) {
          return false;
        }
        skip(true);
        if (!lit("]")) return false;
      } else if (c == '.' && peek(1) != '.') {  // not an ellipsis
        ++i_;
        if (peek() == '*') {
          ++i_;
        } else if (digit(peek())) {
          while (digit(peek())) ++i_;
        } else if (!ident()) {
          return false;
        }
      } else {
        i_ = save;
        (void)nl;
        return true;
      }
    }
  }

  // tree-sitter-hcl's numeric_lit: [0-9]+(\.[0-9]+([eE][-+]?[0-9]+)?)? (an
  // exponent only after a fraction: "1e3" is a syntax error there).
  bool number() {
    while (digit(peek())) ++i_;
    bool fraction = false;
    if (peek() == '.' && digit(peek(1))) {
      ++i_;
      while (digit(peek())) ++i_;
      fraction = true;
    }
    if (fraction && (peek() == 'e' || peek() == 'E')) {
      ++i_;
      if (peek() == '+' || peek() == '-') ++i_;
      if (!digit(peek())) return false;
      while (digit(peek())) ++i_;
    }
    return !ident_start(peek());
  }

  bool primary() {
    char c = peek();
    if (digit(c)) return number();
    if (ident_start(c)) {
      ident();
      if (peek() == '(') return call_arguments();
      return true;
    }
    if (c == '"') {
      ++i_;
      return template_text(false, "");
    }
    if (c == '<' && peek(1) == '<') return heredoc();
    if (c == '(') {
      ++i_;
      skip(true);
      if (!expression(true)) return false;
      skip(true);
      return lit(")");
    }
    if (c == '[') return tuple();
    if (c == '{') return object();
    return false;
  }

  // EXPR ("," EXPR)* [","] up to `closer`; call arguments may end in "...".
  bool list_until(char closer, bool ellipsis) {
    while (true) {
      if (!expression(true)) return false;
      skip(true);
      if (ellipsis && lit("...")) skip(true);
      bool comma = lit(",");
      skip(true);
      if (peek() == closer) {
        ++i_;
        return true;
      }
      if (!comma) return false;
    }
  }

  bool call_arguments() {
    ++i_;
    skip(true);
    if (lit(")")) return true;
    return list_until(')', true);
  }

  bool tuple() {
    ++i_;
    skip(true);
    if (lit("]")) return true;
    if (keyword("for")) return for_rest(']');
    return list_until(']', false);
  }

  bool object() {
    ++i_;
    skip(true);
    if (lit("}")) return true;
    if (keyword("for")) return for_rest('}');
    while (true) {
      if (!expression(true)) return false;  // key: name, string or (expression)
      skip(false);
      if (peek() == '=' && peek(1) != '=' && peek(1) != '>') {
        ++i_;
      } else if (!lit(":")) {
        return false;
      }
      skip(true);
      if (!expression(true)) return false;
      skip(false);
      lit(",");
      skip(true);
      if (lit("}")) return true;
    }
  }

  // IDENT [, IDENT] in EXPR: the head of a for expression or directive.
  bool for_head() {
    skip(true);
    if (!ident()) return false;
    skip(true);
    if (lit(",")) {
      skip(true);
      if (!ident()) return false;
      skip(true);
    }
    if (!keyword("in")) return false;
    skip(true);
    return expression(true);
  }

  // After "for": HEAD : EXPR [if EXPR] ] or HEAD : EXPR => EXPR [...] [if EXPR] }
  bool for_rest(char closer) {
    if (!for_head()) return false;
    skip(true);
    if (!lit(":")) return false;
    skip(true);
    if (!expression(true)) return false;
    skip(true);
    if (closer == '}') {  // an object needs "key => value"
      if (!lit("=>")) return false;
      skip(true);
      if (!expression(true)) return false;
      skip(true);
      if (lit("...")) skip(true);
    }
    if (keyword("if")) {
      skip(true);
      if (!expression(true)) return false;
      skip(true);
    }
    if (peek() != closer) return false;
    ++i_;
    return true;
  }

  // "${ expr }" with strip markers; i_ is after "${".
  bool interpolation() {
    if (peek() == '~') ++i_;
    skip(true);
    if (!expression(true)) return false;
    skip(true);
    if (peek() == '~') ++i_;
    return lit("}");
  }

  // "%{ if expr }", "%{ for a, b in expr }", "%{ else }", "%{ endif }", ...
  // `open`: the directives open in this template, innermost last ('i' if,
  // 'e' if past its else, 'f' for); they must nest as tree-sitter's
  // template_if / template_for do.
  bool directive(std::string& open) {
    if (peek() == '~') ++i_;
    skip(true);
    if (keyword("if")) {
      skip(true);
      if (!expression(true)) return false;
      open += 'i';
    } else if (keyword("for")) {
      if (!for_head()) return false;
      open += 'f';
    } else if (keyword("else")) {
      if (open.empty() || open.back() != 'i') return false;
      open.back() = 'e';
    } else if (keyword("endif")) {
      if (open.empty() || open.back() == 'f') return false;
      open.pop_back();
    } else if (keyword("endfor")) {
      if (open.empty() || open.back() != 'f') return false;
      open.pop_back();
    } else {
      return false;
    }
    skip(true);
    if (peek() == '~') ++i_;
    return lit("}");
  }

  // Template text up to the closing quote (quoted) or the marker line
  // (heredoc); i_ is at the first character.
  bool template_text(bool heredoc, std::string_view marker) {
    Deeper d(depth_);
    if (depth_ > kMaxDepth) return false;
    bool line_start = heredoc;
    std::string open;  // directives not closed yet
    while (!eof()) {
      if (line_start) {
        std::size_t after = hcl_lexical::heredoc_close(s_, i_, marker);
        if (after != std::string_view::npos) {
          i_ = after;
          return open.empty();
        }
        line_start = false;
      }
      char c = s_[i_];
      if (c == '\n') {
        if (!heredoc) return false;
        ++i_;
        line_start = true;
      } else if (c == '\\' && !heredoc) {
        if (!escape()) return false;
      } else if (c == '"' && !heredoc) {
        ++i_;
        return open.empty();
      } else if ((c == '$' || c == '%') && peek(1) == c && peek(2) == '{') {
        i_ += 3;
      } else if (c == '$' && peek(1) == '{') {
        i_ += 2;
        if (!interpolation()) return false;
      } else if (c == '%' && peek(1) == '{') {
        i_ += 2;
        if (!directive(open)) return false;
      } else {
        ++i_;
      }
    }
    return false;
  }

  bool heredoc() {
    std::string_view marker;
    std::size_t body = 0;
    if (!hcl_lexical::heredoc_open(s_, i_, &marker, &body)) return false;
    i_ = body;
    return template_text(true, marker);
  }

  std::string_view s_;
  std::size_t i_ = 0;
  int depth_ = 0;
};

}  // namespace

bool recognize_hcl_block(std::string_view text) { return Recognizer(text).top_block(); }

bool recognize_hcl_body_item(std::string_view text) { return Recognizer(text).body_item(); }

}  // namespace drlint::load
