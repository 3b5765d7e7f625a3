#include "analyzer/load/hcl_loader.h"

#include <algorithm>
#include <cstring>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <tree_sitter/api.h>

#include "analyzer/load/hcl_lexical.h"
#include "analyzer/load/parse_arena.h"

extern "C" const TSLanguage* tree_sitter_hcl(void);

namespace drlint::hcl {
const Attribute* Body::attribute(std::string_view name) const {
  for (const Attribute& a : attributes)
    if (a.name == name) return &a;
  return nullptr;
}
}  // namespace drlint::hcl

namespace drlint::load {
namespace {

using hcl::Expr;
using hcl::ExprKind;

// A parser for one parse, made in the thread's parse arena (parse_arena.h):
// in the arena, making one costs a few bump allocations, and deleting it
// only destroys the grammar's external scanner (which allocates with plain
// malloc). The tree is never deleted node by node: closing the arena scope
// gives its memory back.
struct ParserDeleter {
  void operator()(TSParser* p) const { ts_parser_delete(p); }
};
// A tree whose nodes are all in the arena needs no walk to free them; one
// that outgrew the arena's budget holds malloc'ed nodes too.
struct TreeDeleter {
  void operator()(TSTree* t) const {
    if (parse_arena_stats().fallback_allocs > 0) ts_tree_delete(t);
  }
};
std::unique_ptr<TSParser, ParserDeleter> new_parser() {
  std::unique_ptr<TSParser, ParserDeleter> p(ts_parser_new());
  ts_parser_set_language(p.get(), tree_sitter_hcl());
  return p;
}

// The named children of a node in one pass: ts_node_named_child(n, i)
// walks from the first child on every call, quadratic over long bodies,
// tuples and objects.
std::vector<TSNode> named_children(TSNode node) {
  std::vector<TSNode> out;
  TSTreeCursor cursor = ts_tree_cursor_new(node);
  if (ts_tree_cursor_goto_first_child(&cursor)) {
    do {
      TSNode c = ts_tree_cursor_current_node(&cursor);
      if (ts_node_is_named(c)) out.push_back(c);
    } while (ts_tree_cursor_goto_next_sibling(&cursor));
  }
  ts_tree_cursor_delete(&cursor);
  return out;
}

class Converter {
 public:
  Converter(FileId file, std::string_view src, unsigned max_depth)
      : file_(file), src_(src), max_depth_(max_depth) {}

  bool failed() const { return !error_.message.empty(); }
  ParseError take_error() { return std::move(error_); }

  SourceLoc loc(TSNode n) const {
    TSPoint s = ts_node_start_point(n), e = ts_node_end_point(n);
    SourceLoc l;
    l.file = file_;
    l.line = s.row + 1;
    l.column = s.column + 1;
    l.end_line = e.row + 1;
    l.end_column = e.column + 1;
    return l;
  }

  std::string text(TSNode n) const {
    uint32_t b = ts_node_start_byte(n), e = ts_node_end_byte(n);
    if (b > src_.size() || e > src_.size() || e < b) return {};
    return std::string(src_.substr(b, e - b));
  }

  void fail(TSNode n, std::string message) {
    if (failed()) return;
    error_.loc = loc(n);
    error_.message = std::move(message);
  }

  void convert_body(TSNode body, hcl::Body& out, unsigned depth) {
    if (depth > max_depth_) return fail(body, "blocks nested deeper than the limit");
    for (TSNode c : named_children(body)) {
      if (failed()) break;
      const char* t = ts_node_type(c);
      if (std::strcmp(t, "attribute") == 0) {
        out.attributes.push_back(convert_attribute(c, depth));
      } else if (std::strcmp(t, "block") == 0) {
        out.blocks.push_back(convert_block(c, depth));
      }
    }
  }

  // config_file may hold an object instead of a body (rare: `{ ... }` files).
  void convert_root(TSNode root, hcl::Body& out) {
    for (TSNode c : named_children(root)) {
      if (std::strcmp(ts_node_type(c), "body") == 0) convert_body(c, out, 0);
    }
  }

 private:
  hcl::Attribute convert_attribute(TSNode node, unsigned depth) {
    hcl::Attribute a;
    a.loc = loc(node);
    for (TSNode c : named_children(node)) {
      const char* t = ts_node_type(c);
      if (std::strcmp(t, "identifier") == 0 && a.name.empty()) {
        a.name = text(c);
        a.name_loc = loc(c);
      } else if (std::strcmp(t, "expression") == 0) {
        a.expr = convert_expression(c, depth + 1);
      }
    }
    return a;
  }

  hcl::Block convert_block(TSNode node, unsigned depth) {
    hcl::Block b;
    b.loc = loc(node);
    uint32_t n = ts_node_named_child_count(node);
    bool have_type = false;
    for (uint32_t i = 0; i < n; ++i) {
      TSNode c = ts_node_named_child(node, i);
      const char* t = ts_node_type(c);
      if (std::strcmp(t, "identifier") == 0) {
        if (!have_type) {
          b.type = text(c);
          have_type = true;
        } else {
          b.labels.push_back(text(c));
        }
      } else if (std::strcmp(t, "string_lit") == 0) {
        b.labels.push_back(string_lit_content(c));
      } else if (std::strcmp(t, "body") == 0) {
        convert_body(c, b.body, depth + 1);
      }
    }
    return b;
  }

  std::string string_lit_content(TSNode node) {
    TSNode start{}, end{};
    if (!template_markers(node, &start, &end)) return {};
    return decode_literal(slice(ts_node_end_byte(start), ts_node_start_byte(end)), false);
  }

  std::string slice(uint32_t from, uint32_t to) const {
    if (from >= to || to > src_.size()) return {};
    return std::string(src_.substr(from, to - from));
  }

  // The opening and closing markers of a quoted template or heredoc.
  static bool template_markers(TSNode node, TSNode* start, TSNode* end) {
    uint32_t n = ts_node_child_count(node);
    bool have_start = false, have_end = false;
    for (uint32_t i = 0; i < n; ++i) {
      TSNode c = ts_node_child(node, i);
      const char* t = ts_node_type(c);
      if (std::strcmp(t, "quoted_template_start") == 0 || (std::strcmp(t, "heredoc_identifier") == 0 && !have_start)) {
        *start = c;
        have_start = true;
      } else if (std::strcmp(t, "quoted_template_end") == 0 || std::strcmp(t, "heredoc_identifier") == 0) {
        *end = c;
        have_end = true;
      }
    }
    return have_start && have_end;
  }

  // Strip markers: "${~ x}" trims white space before, "${x ~}" after.
  static void strip_flags(TSNode part, bool* left, bool* right) {
    *left = *right = false;
    uint32_t n = ts_node_child_count(part);
    for (uint32_t i = 0; i < n; ++i) {
      if (std::strcmp(ts_node_type(ts_node_child(part, i)), "strip_marker") != 0) continue;
      if (i <= 1) *left = true;
      else *right = true;
    }
  }

  // Adds the literal source text between two template parts. tree-sitter
  // leaves white space around interpolations out of template_literal nodes
  // (it is an "extra"), so literals are taken from the bytes in between.
  void add_gap(Expr& tpl, uint32_t from, TSPoint from_pt, uint32_t to, bool heredoc, bool trim_left,
               bool trim_right) {
    std::string raw = slice(from, to);
    if (trim_left) raw.erase(0, raw.find_first_not_of(" \t\r\n") == std::string::npos ? raw.size()
                                                                                         : raw.find_first_not_of(" \t\r\n"));
    if (trim_right) {
      std::size_t last = raw.find_last_not_of(" \t\r\n");
      raw.erase(last == std::string::npos ? 0 : last + 1);
    }
    if (raw.empty()) return;
    Expr lit;
    lit.kind = ExprKind::kString;
    lit.text = decode_literal(raw, heredoc);
    lit.loc.file = file_;
    lit.loc.line = from_pt.row + 1;
    lit.loc.column = from_pt.column + 1;
    lit.loc.end_line = lit.loc.line;
    lit.loc.end_column = lit.loc.column + static_cast<uint32_t>(raw.size());
    tpl.children.push_back(std::move(lit));
  }

  // HCL quoted-string escapes; heredocs have none but keep $${ / %%{.
  static std::string decode_literal(const std::string& raw, bool heredoc) {
    std::string out;
    out.reserve(raw.size());
    for (std::size_t i = 0; i < raw.size(); ++i) {
      char c = raw[i];
      if (!heredoc && c == '\\' && i + 1 < raw.size()) {
        char e = raw[++i];
        switch (e) {
          case 'n': out += '\n'; break;
          case 'r': out += '\r'; break;
          case 't': out += '\t'; break;
          case '"': out += '"'; break;
          case '\\': out += '\\'; break;
          case 'u':
          case 'U': {
            std::size_t len = e == 'u' ? 4 : 8;
            unsigned long cp = 0;
            std::size_t j = 0;
            for (; j < len && i + 1 + j < raw.size() && std::isxdigit(static_cast<unsigned char>(raw[i + 1 + j])); ++j)
              cp = cp * 16 + static_cast<unsigned long>(std::stoi(std::string(1, raw[i + 1 + j]), nullptr, 16));
            i += j;
            append_utf8(out, cp);
            break;
          }
          default: out += '\\'; out += e; break;
        }
      } else if ((c == '$' || c == '%') && i + 2 < raw.size() && raw[i + 1] == c && raw[i + 2] == '{') {
        out += c;
        out += '{';
        i += 2;
      } else {
        out += c;
      }
    }
    return out;
  }

  static void append_utf8(std::string& out, unsigned long cp) {
    if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;
    if (cp < 0x80) {
      out += static_cast<char>(cp);
    } else if (cp < 0x800) {
      out += static_cast<char>(0xC0 | (cp >> 6));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
      out += static_cast<char>(0xE0 | (cp >> 12));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
      out += static_cast<char>(0xF0 | (cp >> 18));
      out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    }
  }

  Expr make(ExprKind kind, TSNode n) {
    Expr e;
    e.kind = kind;
    e.loc = loc(n);
    return e;
  }

  // `expression` and the flattened term sequences inside operations.
  Expr convert_expression(TSNode node, unsigned depth) {
    if (depth > max_depth_) {
      fail(node, "expression nested deeper than the limit");
      return make(ExprKind::kNull, node);
    }
    std::vector<TSNode> kids;
    uint32_t n = ts_node_child_count(node);
    for (uint32_t i = 0; i < n; ++i) {
      TSNode c = ts_node_child(node, i);
      if (std::strcmp(ts_node_type(c), "comment") == 0) continue;
      kids.push_back(c);
    }
    // A single conditional child, or "(" expression ")".
    if (kids.size() == 1 && std::strcmp(ts_node_type(kids[0]), "conditional") == 0)
      return convert_conditional(kids[0], depth);
    return convert_terms(node, kids, 0, kids.size(), depth);
  }

  // Folds a primary term followed by postfix traversals (index, get_attr, splat).
  Expr convert_terms(TSNode parent, const std::vector<TSNode>& kids, std::size_t begin, std::size_t end,
                     unsigned depth) {
    if (begin >= end) {
      fail(parent, "empty expression");
      return make(ExprKind::kNull, parent);
    }
    std::size_t i = begin;
    Expr cur;
    const char* t0 = ts_node_type(kids[i]);
    if (std::strcmp(t0, "(") == 0) {
      // "(" expression ")"
      std::size_t close = i + 1;
      while (close < end && std::strcmp(ts_node_type(kids[close]), ")") != 0) ++close;
      cur = make(ExprKind::kParens, kids[i]);
      if (i + 1 < close) cur.children.push_back(convert_expression(kids[i + 1], depth + 1));
      if (close < end) cur.loc.end_line = loc(kids[close]).end_line, cur.loc.end_column = loc(kids[close]).end_column;
      i = close + 1;
    } else {
      cur = convert_primary(kids[i], depth);
      ++i;
    }
    for (; i < end && !failed(); ++i) {
      TSNode k = kids[i];
      const char* t = ts_node_type(k);
      if (std::strcmp(t, "get_attr") == 0 || std::strcmp(t, "index") == 0) {
        cur = apply_traversal(std::move(cur), k, depth);
      } else if (std::strcmp(t, "splat") == 0) {
        cur = convert_splat(std::move(cur), k, depth);
      }
    }
    return cur;
  }

  Expr apply_traversal(Expr base, TSNode k, unsigned depth) {
    SourceLoc start = base.loc;
    const char* t = ts_node_type(k);
    Expr out;
    if (std::strcmp(t, "get_attr") == 0) {
      out.kind = ExprKind::kGetAttr;
      TSNode id = ts_node_named_child(k, 0);
      out.text = ts_node_is_null(id) ? std::string() : text(id);
    } else {  // index: new_index [expr] or legacy_index .N
      out.kind = ExprKind::kIndex;
      TSNode inner = ts_node_named_child(k, 0);
      Expr key;
      if (!ts_node_is_null(inner) && std::strcmp(ts_node_type(inner), "new_index") == 0) {
        TSNode e = ts_node_named_child(inner, 0);
        if (!ts_node_is_null(e)) key = convert_expression(e, depth + 1);
      } else if (!ts_node_is_null(inner)) {
        std::string raw = text(inner);
        key = make(ExprKind::kNumber, inner);
        key.text = raw.size() > 1 ? raw.substr(1) : "0";
      }
      out.children.push_back(std::move(base));
      out.children.push_back(std::move(key));
      out.loc = start;
      SourceLoc e = loc(k);
      out.loc.end_line = e.end_line;
      out.loc.end_column = e.end_column;
      return out;
    }
    out.children.push_back(std::move(base));
    out.loc = start;
    SourceLoc e = loc(k);
    out.loc.end_line = e.end_line;
    out.loc.end_column = e.end_column;
    return out;
  }

  Expr convert_splat(Expr base, TSNode splat, unsigned depth) {
    Expr out = make(ExprKind::kSplat, splat);
    out.loc = base.loc;
    TSNode kind = ts_node_named_child(splat, 0);  // attr_splat / full_splat
    Expr each = make(ExprKind::kSplatItem, splat);
    if (!ts_node_is_null(kind)) {
      uint32_t n = ts_node_named_child_count(kind);
      for (uint32_t i = 0; i < n; ++i) each = apply_traversal(std::move(each), ts_node_named_child(kind, i), depth);
    }
    out.children.push_back(std::move(base));
    out.children.push_back(std::move(each));
    return out;
  }

  Expr convert_conditional(TSNode node, unsigned depth) {
    Expr out = make(ExprKind::kConditional, node);
    for (TSNode c : named_children(node)) {
      if (std::strcmp(ts_node_type(c), "expression") == 0) out.children.push_back(convert_expression(c, depth + 1));
    }
    if (out.children.size() != 3) fail(node, "malformed conditional expression");
    return out;
  }

  Expr convert_primary(TSNode node, unsigned depth) {
    if (depth > max_depth_) {
      fail(node, "expression nested deeper than the limit");
      return make(ExprKind::kNull, node);
    }
    const char* t = ts_node_type(node);
    if (std::strcmp(t, "literal_value") == 0) {
      TSNode c = ts_node_named_child(node, 0);
      if (ts_node_is_null(c)) return make(ExprKind::kNull, node);
      const char* ct = ts_node_type(c);
      if (std::strcmp(ct, "numeric_lit") == 0) {
        Expr e = make(ExprKind::kNumber, node);
        e.text = text(c);
        return e;
      }
      if (std::strcmp(ct, "bool_lit") == 0) {
        Expr e = make(ExprKind::kBool, node);
        e.text = text(c);
        return e;
      }
      if (std::strcmp(ct, "string_lit") == 0) {
        Expr e = make(ExprKind::kString, node);
        e.text = string_lit_content(c);
        return e;
      }
      return make(ExprKind::kNull, node);
    }
    if (std::strcmp(t, "template_expr") == 0) {
      TSNode c = ts_node_named_child(node, 0);
      if (ts_node_is_null(c)) return make(ExprKind::kString, node);
      bool heredoc = std::strcmp(ts_node_type(c), "heredoc_template") == 0;
      Expr e = convert_template_parts(c, heredoc, depth);
      e.loc = loc(node);
      return e;
    }
    if (std::strcmp(t, "collection_value") == 0) {
      TSNode c = ts_node_named_child(node, 0);
      if (ts_node_is_null(c)) return make(ExprKind::kTuple, node);
      return std::strcmp(ts_node_type(c), "tuple") == 0 ? convert_tuple(c, depth) : convert_object(c, depth);
    }
    if (std::strcmp(t, "variable_expr") == 0) {
      Expr e = make(ExprKind::kVariable, node);
      e.text = text(node);
      return e;
    }
    if (std::strcmp(t, "function_call") == 0) return convert_call(node, depth);
    if (std::strcmp(t, "for_expr") == 0) return convert_for(ts_node_named_child(node, 0), depth);
    if (std::strcmp(t, "operation") == 0) return convert_operation(ts_node_named_child(node, 0), depth);
    if (std::strcmp(t, "expression") == 0) return convert_expression(node, depth + 1);
    if (std::strcmp(t, "conditional") == 0) return convert_conditional(node, depth);
    fail(node, std::string("unexpected ") + t + " in expression");
    return make(ExprKind::kNull, node);
  }

  Expr convert_tuple(TSNode node, unsigned depth) {
    Expr out = make(ExprKind::kTuple, node);
    for (TSNode c : named_children(node)) {
      if (std::strcmp(ts_node_type(c), "expression") == 0) out.children.push_back(convert_expression(c, depth + 1));
    }
    return out;
  }

  Expr convert_object(TSNode node, unsigned depth) {
    Expr out = make(ExprKind::kObject, node);
    for (TSNode c : named_children(node)) {
      if (std::strcmp(ts_node_type(c), "object_elem") != 0) continue;
      TSNode k = ts_node_child_by_field_name(c, "key", 3);
      TSNode v = ts_node_child_by_field_name(c, "val", 3);
      if (ts_node_is_null(k) || ts_node_is_null(v)) continue;
      Expr key = convert_expression(k, depth + 1);
      // A bare identifier key is a literal name, not a variable reference.
      if (key.kind == ExprKind::kVariable) key.kind = ExprKind::kString;
      out.children.push_back(std::move(key));
      out.children.push_back(convert_expression(v, depth + 1));
    }
    return out;
  }

  Expr convert_call(TSNode node, unsigned depth) {
    Expr out = make(ExprKind::kCall, node);
    for (TSNode c : named_children(node)) {
      const char* t = ts_node_type(c);
      if (std::strcmp(t, "identifier") == 0 && out.text.empty()) {
        out.text = text(c);
      } else if (std::strcmp(t, "function_arguments") == 0) {
        for (TSNode a : named_children(c)) {
          const char* at = ts_node_type(a);
          if (std::strcmp(at, "expression") == 0) out.children.push_back(convert_expression(a, depth + 1));
          else if (std::strcmp(at, "ellipsis") == 0) out.expand_final = true;
        }
      }
    }
    // provider::ns::fn style names are identifiers with "::" inside: keep as is.
    return out;
  }

  Expr convert_for(TSNode node, unsigned depth) {
    Expr out;
    if (ts_node_is_null(node)) return out;
    out = make(ExprKind::kFor, node);
    out.object_for = std::strcmp(ts_node_type(node), "for_object_expr") == 0;
    std::vector<Expr> results;
    Expr collection, cond;
    bool has_cond = false;
    for (TSNode c : named_children(node)) {
      const char* t = ts_node_type(c);
      if (std::strcmp(t, "for_intro") == 0) {
        std::vector<std::string> ids;
        for (TSNode x : named_children(c)) {
          const char* xt = ts_node_type(x);
          if (std::strcmp(xt, "identifier") == 0) ids.push_back(text(x));
          else if (std::strcmp(xt, "expression") == 0) collection = convert_expression(x, depth + 1);
        }
        if (ids.size() == 1) out.text2 = ids[0];
        else if (ids.size() >= 2) out.text = ids[0], out.text2 = ids[1];
      } else if (std::strcmp(t, "expression") == 0) {
        results.push_back(convert_expression(c, depth + 1));
      } else if (std::strcmp(t, "ellipsis") == 0) {
        out.expand_final = true;
      } else if (std::strcmp(t, "for_cond") == 0) {
        TSNode e = ts_node_named_child(c, 0);
        if (!ts_node_is_null(e)) {
          cond = convert_expression(e, depth + 1);
          has_cond = true;
        }
      }
    }
    out.children.push_back(std::move(collection));
    for (Expr& r : results) out.children.push_back(std::move(r));
    if (has_cond) out.children.push_back(std::move(cond));
    return out;
  }

  Expr convert_operation(TSNode node, unsigned depth) {
    if (ts_node_is_null(node)) return Expr{};
    bool unary = std::strcmp(ts_node_type(node), "unary_operation") == 0;
    std::vector<TSNode> kids;
    uint32_t n = ts_node_child_count(node);
    for (uint32_t i = 0; i < n; ++i) {
      TSNode c = ts_node_child(node, i);
      if (std::strcmp(ts_node_type(c), "comment") == 0) continue;
      kids.push_back(c);
    }
    if (unary) {
      Expr out = make(ExprKind::kUnary, node);
      if (kids.empty()) return out;
      out.text = text(kids[0]);
      out.children.push_back(convert_terms(node, kids, 1, kids.size(), depth + 1));
      return out;
    }
    // Find the operator: the first anonymous child after the left term.
    std::size_t op = 1;
    while (op < kids.size() && (ts_node_is_named(kids[op]) || std::strcmp(ts_node_type(kids[op]), "(") == 0 ||
                                std::strcmp(ts_node_type(kids[op]), ")") == 0))
      ++op;
    Expr out = make(ExprKind::kBinary, node);
    if (op >= kids.size()) {
      fail(node, "malformed binary operation");
      return out;
    }
    out.text = text(kids[op]);
    out.children.push_back(convert_terms(node, kids, 0, op, depth + 1));
    out.children.push_back(convert_terms(node, kids, op + 1, kids.size(), depth + 1));
    return out;
  }

  // quoted_template / heredoc_template.
  Expr convert_template_parts(TSNode node, bool heredoc, unsigned depth) {
    Expr out = make(ExprKind::kTemplate, node);
    bool strip_indent = false;
    TSNode start{}, end{};
    if (!template_markers(node, &start, &end)) {
      out.kind = ExprKind::kString;
      return out;
    }
    uint32_t n = ts_node_child_count(node);
    for (uint32_t i = 0; i < n; ++i) {
      TSNode c = ts_node_child(node, i);
      if (std::strcmp(ts_node_type(c), "heredoc_start") == 0) strip_indent = text(c) == "<<-";
    }
    collect_parts(node, ts_node_end_byte(start), ts_node_end_point(start), ts_node_start_byte(end), heredoc, depth,
                  out);
    if (heredoc) finish_heredoc(out, strip_indent);
    // A template of one literal is a plain string.
    if (out.children.size() == 1 && out.children[0].kind == ExprKind::kString) {
      Expr s = std::move(out.children[0]);
      s.loc = out.loc;
      return s;
    }
    if (out.children.empty()) out.kind = ExprKind::kString;
    return out;
  }

  // The parts of a template body between two byte offsets: literal gaps,
  // interpolations and directives, in order.
  void collect_parts(TSNode parent, uint32_t from, TSPoint from_pt, uint32_t to, bool heredoc, unsigned depth,
                     Expr& out) {
    bool trim_next = false;
    for (TSNode c : named_children(parent)) {
      if (failed()) break;
      if (ts_node_start_byte(c) < from || ts_node_end_byte(c) > to) continue;
      const char* t = ts_node_type(c);
      bool interp = std::strcmp(t, "template_interpolation") == 0;
      bool directive = std::strcmp(t, "template_directive") == 0 || std::strcmp(t, "template_if") == 0 ||
                       std::strcmp(t, "template_for") == 0;
      if (!interp && !directive) continue;
      bool left = false, right = false;
      if (interp) strip_flags(c, &left, &right);
      add_gap(out, from, from_pt, ts_node_start_byte(c), heredoc, trim_next, left);
      if (interp) {
        TSNode e = first_named_of_type(c, "expression");
        if (!ts_node_is_null(e)) out.children.push_back(convert_expression(e, depth + 1));
      } else {
        TSNode d = std::strcmp(t, "template_directive") == 0 ? ts_node_named_child(c, 0) : c;
        out.children.push_back(convert_directive(d, heredoc, depth + 1));
      }
      trim_next = right;
      from = ts_node_end_byte(c);
      from_pt = ts_node_end_point(c);
    }
    add_gap(out, from, from_pt, to, heredoc, trim_next, false);
  }

  // The heredoc literal starts after "<<EOF" on the same line: drop the first
  // newline; for "<<-" remove the common leading whitespace of all lines.
  void finish_heredoc(Expr& tpl, bool strip_indent) {
    if (!tpl.children.empty() && tpl.children.front().kind == ExprKind::kString) {
      std::string& s = tpl.children.front().text;
      if (!s.empty() && s[0] == '\n') s.erase(0, 1);
      else if (s.size() > 1 && s[0] == '\r' && s[1] == '\n') s.erase(0, 2);
    }
    if (!tpl.children.empty() && tpl.children.back().kind == ExprKind::kString) {
      // The closing identifier's indentation is part of the literal: trim it.
      std::string& s = tpl.children.back().text;
      std::size_t nl = s.find_last_of('\n');
      if (nl != std::string::npos && s.find_first_not_of(" \t", nl + 1) == std::string::npos) s.erase(nl + 1);
    }
    if (!strip_indent) return;
    std::size_t common = std::string::npos;
    bool at_line_start = true;
    for (const Expr& part : tpl.children) {
      if (part.kind != ExprKind::kString) {
        at_line_start = false;
        continue;
      }
      const std::string& s = part.text;
      for (std::size_t i = 0; i < s.size(); ++i) {
        if (at_line_start) {
          std::size_t j = i;
          while (j < s.size() && (s[j] == ' ' || s[j] == '\t')) ++j;
          if (j < s.size() && s[j] != '\n') common = std::min(common, j - i);
          at_line_start = false;
          i = j == i ? i : j - 1;
          continue;
        }
        if (s[i] == '\n') at_line_start = true;
      }
    }
    if (common == 0 || common == std::string::npos) return;
    at_line_start = true;
    for (Expr& part : tpl.children) {
      if (part.kind != ExprKind::kString) {
        at_line_start = false;
        continue;
      }
      std::string out;
      const std::string& s = part.text;
      for (std::size_t i = 0; i < s.size(); ++i) {
        if (at_line_start) {
          std::size_t skip = 0;
          while (skip < common && i < s.size() && (s[i] == ' ' || s[i] == '\t')) ++i, ++skip;
          at_line_start = false;
          if (i >= s.size()) break;
        }
        out += s[i];
        if (s[i] == '\n') at_line_start = true;
      }
      part.text = std::move(out);
    }
  }

  Expr convert_directive(TSNode node, bool heredoc, unsigned depth) {
    if (ts_node_is_null(node)) return Expr{};
    if (depth > max_depth_) {
      fail(node, "template directives nested deeper than the limit");
      return Expr{};
    }
    bool is_for = std::strcmp(ts_node_type(node), "template_for") == 0;
    Expr out = make(is_for ? ExprKind::kTemplateFor : ExprKind::kTemplateIf, node);
    // Bodies lie between the intro/else/end markers.
    std::vector<TSNode> markers;
    for (TSNode c : named_children(node)) {
      const char* t = ts_node_type(c);
      if (std::strcmp(t, "template_if_intro") == 0 || std::strcmp(t, "template_for_start") == 0) {
        std::vector<std::string> ids;
        for (TSNode x : named_children(c)) {
          const char* xt = ts_node_type(x);
          if (std::strcmp(xt, "expression") == 0) out.children.push_back(convert_expression(x, depth + 1));
          else if (std::strcmp(xt, "identifier") == 0) ids.push_back(text(x));
        }
        if (ids.size() == 1) out.text2 = ids[0];
        else if (ids.size() >= 2) out.text = ids[0], out.text2 = ids[1];
        markers.push_back(c);
      } else if (std::strcmp(t, "template_else_intro") == 0 || std::strcmp(t, "template_if_end") == 0 ||
                 std::strcmp(t, "template_for_end") == 0) {
        markers.push_back(c);
      }
    }
    for (std::size_t k = 0; k + 1 < markers.size(); ++k) {
      Expr body = make(ExprKind::kTemplate, markers[k]);
      collect_parts(node, ts_node_end_byte(markers[k]), ts_node_end_point(markers[k]),
                    ts_node_start_byte(markers[k + 1]), heredoc, depth, body);
      out.children.push_back(std::move(body));
    }
    return out;
  }

  static TSNode first_named_of_type(TSNode node, const char* type) {
    for (TSNode c : named_children(node)) {
      if (std::strcmp(ts_node_type(c), type) == 0) return c;
    }
    return TSNode{};
  }

  FileId file_;
  std::string_view src_;
  unsigned max_depth_;
  ParseError error_;
};

// Finds the first ERROR or MISSING node in document order (iteratively).
bool find_syntax_error(TSNode root, TSNode* where, bool* missing) {
  if (!ts_node_has_error(root)) return false;
  TSTreeCursor cursor = ts_tree_cursor_new(root);
  bool found = false;
  for (;;) {
    TSNode n = ts_tree_cursor_current_node(&cursor);
    if (ts_node_is_error(n) || ts_node_is_missing(n)) {
      *where = n;
      *missing = ts_node_is_missing(n);
      found = true;
      break;
    }
    if (ts_node_has_error(n) && ts_tree_cursor_goto_first_child(&cursor)) continue;
    bool moved = false;
    while (!moved) {
      if (ts_tree_cursor_goto_next_sibling(&cursor)) {
        moved = true;
      } else if (!ts_tree_cursor_goto_parent(&cursor)) {
        break;
      }
    }
    if (!moved) break;
  }
  ts_tree_cursor_delete(&cursor);
  if (!found) {
    *where = root;
    *missing = false;
    return true;
  }
  // An ERROR node often spans from the last good token to the end of the
  // block; a MISSING node inside it marks where the parser expected more,
  // which is where the user has to look.
  if (!*missing && ts_node_child_count(*where) > 0) {
    TSTreeCursor inner = ts_tree_cursor_new(*where);
    for (bool more = ts_tree_cursor_goto_first_child(&inner); more;) {
      TSNode n = ts_tree_cursor_current_node(&inner);
      if (ts_node_is_missing(n)) {
        TSPoint p = ts_node_start_point(n);
        if (p.row > ts_node_start_point(*where).row) {
          *where = n;
          *missing = true;
        }
        break;
      }
      if (ts_tree_cursor_goto_first_child(&inner)) continue;
      while (!(more = ts_tree_cursor_goto_next_sibling(&inner)))
        if (!ts_tree_cursor_goto_parent(&inner)) break;
    }
    ts_tree_cursor_delete(&inner);
  }
  return true;
}

std::string describe_error(TSNode n, bool missing, std::string_view src) {
  if (missing) return std::string("syntax error: missing '") + ts_node_type(n) + "'";
  uint32_t b = ts_node_start_byte(n), e = ts_node_end_byte(n);
  std::string snippet;
  if (b < src.size()) {
    std::string_view s = src.substr(b, std::min<uint32_t>(e - b, 24));
    std::size_t nl = s.find('\n');
    if (nl != std::string_view::npos) s = s.substr(0, nl);
    for (char c : s) snippet += (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) ? '?' : c;
  }
  if (b >= src.size()) return "syntax error: unexpected end of file (unclosed block, bracket or string?)";
  if (snippet.empty()) return "syntax error: unexpected input";
  return "syntax error: unexpected '" + snippet + "'";
}

}  // namespace

namespace {

using hcl_lexical::digit;

// A letter, digit or underscore (an identifier's characters but '-').
bool word_char(char c) { return hcl_lexical::ident_start(c) || digit(c); }

// HCL's numeric literals may have an exponent without a fraction (`1e3`,
// `-2E+5`); the grammar (tree-sitter-hcl 1.2.0) takes an exponent only
// after a fraction and reports a syntax error. This is the text with each
// such literal spelled as digits of the same length (`1e3` -> `100`), or
// nothing when there is none. Every byte offset stays the same and the
// converter reads literals from the original text, so the copy's tree,
// converted against the file, is the file's tree. (Inside strings and
// comments the copy may differ too: neither is read from it.)
std::optional<std::string> exponents_as_digits(std::string_view s) {
  std::optional<std::string> out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (!digit(s[i])) continue;
    // The start of a token: not inside a word, a fraction or an
    // identifier like `zone-1e3`.
    if (i > 0 && (word_char(s[i - 1]) || s[i - 1] == '.')) continue;
    if (i > 1 && s[i - 1] == '-' && word_char(s[i - 2])) continue;
    std::size_t k = i;
    while (k < s.size() && digit(s[k])) ++k;
    std::size_t mantissa_end = k;
    if (k >= s.size() || (s[k] != 'e' && s[k] != 'E')) {
      i = mantissa_end;
      continue;
    }
    ++k;
    if (k < s.size() && (s[k] == '+' || s[k] == '-')) ++k;
    std::size_t exponent = k;
    while (k < s.size() && digit(s[k])) ++k;
    if (k == exponent || (k < s.size() && (word_char(s[k]) || s[k] == '.'))) {
      i = mantissa_end;
      continue;
    }
    if (!out) out.emplace(s);
    (*out)[i] = '1';
    for (std::size_t j = i + 1; j < k; ++j) (*out)[j] = '0';
    i = k;
  }
  return out;
}

// Parses `content`, limited to `ranges` when given.
HclResult parse_with(FileId id, std::string_view content, const std::vector<TSRange>* ranges,
                     const LoadLimits& limits) {
  HclResult result;
  result.file.file = id;
  if (content.size() > 0xffffffffu) {
    result.error = ParseError{SourceLoc{id, 1, 1, 1, 1}, "file too large to parse"};
    return result;
  }
  // Declared first, closed last: everything tree-sitter allocates below
  // (parser, tree, cursors) is gone when the scope gives the arena back.
  ParseArenaScope arena;
  auto parser = new_parser();
  if (ranges && !ts_parser_set_included_ranges(parser.get(), ranges->data(), static_cast<uint32_t>(ranges->size())))
    ranges = nullptr;  // rejected (not sorted): parse the whole file
  std::unique_ptr<TSTree, TreeDeleter> tree(
      ts_parser_parse_string(parser.get(), nullptr, content.data(), static_cast<uint32_t>(content.size())));
  if (!tree) {
    result.error = ParseError{SourceLoc{id, 1, 1, 1, 1}, "parser gave up on this file"};
    return result;
  }
  TSNode root = ts_tree_root_node(tree.get());
  TSNode bad;
  bool missing = false;
  bool has_error = find_syntax_error(root, &bad, &missing);
  std::unique_ptr<TSTree, TreeDeleter> respelled_tree;
  if (has_error) {
    // Valid HCL the grammar rejects: exponents without a fraction. The
    // copy's tree is used whether or not it has an error: its first error
    // is a real one (the original's may be where the grammar tripped on
    // `1e3`, lines before it).
    if (std::optional<std::string> respelled = exponents_as_digits(content)) {
      respelled_tree.reset(ts_parser_parse_string(parser.get(), nullptr, respelled->data(),
                                                  static_cast<uint32_t>(respelled->size())));
      if (respelled_tree) {
        root = ts_tree_root_node(respelled_tree.get());
        has_error = find_syntax_error(root, &bad, &missing);
      }
    }
  }
  if (has_error) {
    Converter c(id, content, limits.max_nesting_depth);
    ParseError err;
    err.loc = c.loc(bad);
    err.message = describe_error(bad, missing, content);
    result.error = std::move(err);
    return result;
  }
  Converter conv(id, content, limits.max_nesting_depth);
  conv.convert_root(root, result.file.body);
  if (conv.failed()) result.error = conv.take_error();
  return result;
}

}  // namespace

HclResult parse_hcl(FileId id, std::string_view content, const LoadLimits& limits) {
  return parse_with(id, content, nullptr, limits);
}

HclResult parse_hcl_ranges(FileId id, std::string_view content, const std::vector<ByteRange>& ranges,
                           const LoadLimits& limits) {
  if (ranges.empty()) {
    HclResult empty;
    empty.file.file = id;
    return empty;
  }
  // Row/column of each range end, in one pass over the text.
  std::vector<TSRange> ts;
  ts.reserve(ranges.size());
  std::uint32_t row = 0, line_start = 0, pos = 0;
  auto point_at = [&](std::uint32_t offset) {
    offset = std::min<std::uint32_t>(offset, static_cast<std::uint32_t>(content.size()));
    for (; pos < offset; ++pos)
      if (content[pos] == '\n') {
        ++row;
        line_start = pos + 1;
      }
    return TSPoint{row, offset - line_start};
  };
  for (const ByteRange& r : ranges) {
    TSRange t;
    t.start_byte = r.begin;
    t.start_point = point_at(r.begin);
    t.end_byte = r.end;
    t.end_point = point_at(r.end);
    ts.push_back(t);
  }
  return parse_with(id, content, &ts, limits);
}

}  // namespace drlint::load
