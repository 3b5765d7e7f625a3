#include "analyzer/eval/template_parse.h"

#include <vector>

#include "analyzer/load/hcl_loader.h"

namespace drlint::eval {
namespace {

using hcl::Expr;
using hcl::ExprKind;

void set_locs(Expr& e, const SourceLoc& loc) {
  std::vector<Expr*> stack{&e};
  while (!stack.empty()) {
    Expr* cur = stack.back();
    stack.pop_back();
    cur->loc = loc;
    for (Expr& c : cur->children) stack.push_back(&c);
  }
}

std::optional<Expr> parse_snippet(const std::string& snippet, const SourceLoc& loc, std::string* error) {
  load::HclResult r = load::parse_hcl(loc.file, snippet);
  if (r.error) {
    *error = r.error->message;
    return std::nullopt;
  }
  const hcl::Attribute* a = r.file.body.attribute("x");
  if (!a || r.file.body.attributes.size() != 1 || !r.file.body.blocks.empty()) {
    *error = "not a single expression";
    return std::nullopt;
  }
  Expr e = a->expr;
  set_locs(e, loc);
  return e;
}

}  // namespace

namespace {

// A piece of template text: literal, ${expr} or %{directive}.
struct Token {
  enum Kind { kLiteral, kInterp, kDirective } kind = kLiteral;
  std::string text;  // literal text, expression text or directive text (trimmed)
  bool strip_left = false, strip_right = false;
};

// The index of the '}' closing the sequence whose body starts at `i`, or npos.
std::size_t find_close(std::string_view t, std::size_t i) {
  int depth = 0;
  for (; i < t.size(); ++i) {
    char c = t[i];
    if (c == '"') {
      for (++i; i < t.size() && t[i] != '"'; ++i)
        if (t[i] == '\\') ++i;
      continue;
    }
    if (c == '{' || c == '[' || c == '(') ++depth;
    else if (c == ']' || c == ')') --depth;
    else if (c == '}') {
      if (depth == 0) return i;
      --depth;
    }
  }
  return std::string_view::npos;
}

bool tokenize(std::string_view t, std::vector<Token>& out, std::string* error) {
  Token lit;
  auto flush = [&] {
    if (!lit.text.empty()) out.push_back(std::move(lit));
    lit = Token{};
  };
  for (std::size_t i = 0; i < t.size();) {
    if ((t[i] == '$' || t[i] == '%') && t.compare(i + 1, 2, std::string(1, t[i]) + "{") == 0) {
      lit.text += t[i];
      lit.text += '{';
      i += 3;
      continue;
    }
    if ((t[i] == '$' || t[i] == '%') && i + 1 < t.size() && t[i + 1] == '{') {
      std::size_t body = i + 2;
      std::size_t close = find_close(t, body);
      if (close == std::string_view::npos) return *error = "unclosed " + std::string(t.substr(i, 2)) + " sequence", false;
      Token tok;
      tok.kind = t[i] == '$' ? Token::kInterp : Token::kDirective;
      std::size_t b = body, e = close;
      if (b < e && t[b] == '~') tok.strip_left = true, ++b;
      if (e > b && t[e - 1] == '~') tok.strip_right = true, --e;
      std::string inner(t.substr(b, e - b));
      std::size_t f = inner.find_first_not_of(" \t\r\n"), l = inner.find_last_not_of(" \t\r\n");
      tok.text = f == std::string::npos ? std::string() : inner.substr(f, l - f + 1);
      flush();
      out.push_back(std::move(tok));
      i = close + 1;
      continue;
    }
    lit.text += t[i++];
  }
  flush();
  // Strip markers remove the whitespace next to them.
  for (std::size_t k = 0; k < out.size(); ++k) {
    if (out[k].kind == Token::kLiteral) continue;
    if (out[k].strip_left && k > 0 && out[k - 1].kind == Token::kLiteral) {
      std::string& s = out[k - 1].text;
      s.erase(s.find_last_not_of(" \t\r\n") + 1);
    }
    if (out[k].strip_right && k + 1 < out.size() && out[k + 1].kind == Token::kLiteral) {
      std::string& s = out[k + 1].text;
      s.erase(0, std::min(s.size(), s.find_first_not_of(" \t\r\n")));
    }
  }
  return true;
}

std::string first_word(const std::string& s, std::string* rest) {
  std::size_t sp = s.find_first_of(" \t\r\n");
  if (sp == std::string::npos) {
    rest->clear();
    return s;
  }
  std::size_t r = s.find_first_not_of(" \t\r\n", sp);
  *rest = r == std::string::npos ? std::string() : s.substr(r);
  return s.substr(0, sp);
}

class TemplateBuilder {
 public:
  TemplateBuilder(std::vector<Token> tokens, const SourceLoc& loc) : tokens_(std::move(tokens)), loc_(loc) {}

  std::optional<Expr> build(std::string* error) {
    std::string end;
    Expr e = sequence(&end, 0);
    if (!error_.empty()) return *error = error_, std::nullopt;
    if (!end.empty()) return *error = "unexpected %{" + end + "}", std::nullopt;
    return e;
  }

 private:
  Expr make(ExprKind k) {
    Expr e;
    e.kind = k;
    e.loc = loc_;
    return e;
  }

  // Parts up to a closing directive (else/endif/endfor), whose keyword goes to *end.
  Expr sequence(std::string* end, int depth) {
    Expr seq = make(ExprKind::kTemplate);
    if (depth > 64) {
      error_ = "template directives nested too deeply";
      return seq;
    }
    while (pos_ < tokens_.size() && error_.empty()) {
      Token& t = tokens_[pos_++];
      if (t.kind == Token::kLiteral) {
        Expr s = make(ExprKind::kString);
        s.text = t.text;
        seq.children.push_back(std::move(s));
      } else if (t.kind == Token::kInterp) {
        std::string err;
        std::optional<Expr> e = parse_expression(t.text, loc_, &err);
        if (!e) error_ = "in ${" + t.text + "}: " + err;
        else seq.children.push_back(std::move(*e));
      } else {
        std::string rest;
        std::string kw = first_word(t.text, &rest);
        if (kw == "else" || kw == "endif" || kw == "endfor") {
          *end = kw;
          return seq;
        }
        if (kw == "if") {
          Expr node = make(ExprKind::kTemplateIf);
          std::string err;
          std::optional<Expr> cond = parse_expression(rest, loc_, &err);
          if (!cond) {
            error_ = "in %{if " + rest + "}: " + err;
            return seq;
          }
          node.children.push_back(std::move(*cond));
          std::string e;
          node.children.push_back(sequence(&e, depth + 1));
          if (e == "else") node.children.push_back(sequence(&e, depth + 1));
          if (e != "endif" && error_.empty()) error_ = "%{if} without %{endif}";
          seq.children.push_back(std::move(node));
        } else if (kw == "for") {
          Expr node = make(ExprKind::kTemplateFor);
          std::size_t in = rest.find(" in ");
          if (in == std::string::npos) {
            error_ = "malformed %{for " + rest + "}";
            return seq;
          }
          std::string vars = rest.substr(0, in), coll = rest.substr(in + 4);
          std::size_t comma = vars.find(',');
          auto trim = [](std::string s) {
            std::size_t f = s.find_first_not_of(" \t"), l = s.find_last_not_of(" \t");
            return f == std::string::npos ? std::string() : s.substr(f, l - f + 1);
          };
          if (comma == std::string::npos) {
            node.text2 = trim(vars);
          } else {
            node.text = trim(vars.substr(0, comma));
            node.text2 = trim(vars.substr(comma + 1));
          }
          std::string err;
          std::optional<Expr> c = parse_expression(coll, loc_, &err);
          if (!c) {
            error_ = "in %{for}: " + err;
            return seq;
          }
          node.children.push_back(std::move(*c));
          std::string e;
          node.children.push_back(sequence(&e, depth + 1));
          if (e != "endfor" && error_.empty()) error_ = "%{for} without %{endfor}";
          seq.children.push_back(std::move(node));
        } else {
          error_ = "unknown template directive %{" + t.text + "}";
        }
      }
    }
    return seq;
  }

  std::vector<Token> tokens_;
  std::size_t pos_ = 0;
  SourceLoc loc_;
  std::string error_;
};

}  // namespace

std::optional<Expr> parse_template(std::string_view text, const SourceLoc& loc, std::string* error) {
  std::vector<Token> tokens;
  if (!tokenize(text, tokens, error)) return std::nullopt;
  TemplateBuilder b(std::move(tokens), loc);
  std::optional<Expr> e = b.build(error);
  if (!e) return e;
  if (e->children.empty()) {
    e->kind = ExprKind::kString;
    e->text.clear();
  } else if (e->children.size() == 1 && e->children[0].kind == ExprKind::kString) {
    Expr s = std::move(e->children[0]);
    e = std::move(s);
  }
  return e;
}

std::optional<Expr> parse_expression(std::string_view text, const SourceLoc& loc, std::string* error) {
  std::string snippet = "x = ";
  snippet.append(text.data(), text.size());
  snippet += "\n";
  return parse_snippet(snippet, loc, error);
}

bool is_literal_expr(const Expr& e) {
  switch (e.kind) {
    case ExprKind::kNull:
    case ExprKind::kBool:
    case ExprKind::kNumber:
    case ExprKind::kString: return true;
    case ExprKind::kUnary:
      return e.text == "-" && e.children.size() == 1 && e.children[0].kind == ExprKind::kNumber;
    case ExprKind::kParens:
    case ExprKind::kTuple:
    case ExprKind::kObject:
      for (const Expr& c : e.children)
        if (!is_literal_expr(c)) return false;
      return true;
    default: return false;
  }
}

}  // namespace drlint::eval
