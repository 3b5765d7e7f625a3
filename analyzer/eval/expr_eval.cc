#include "analyzer/eval/expr_eval.h"

#include <algorithm>
#include <cmath>
#include <map>

#include "analyzer/eval/file_access.h"
#include "analyzer/eval/functions.h"
#include "analyzer/eval/template_parse.h"
#include "analyzer/eval/value_ops.h"

namespace drlint::eval {
namespace {

using hcl::Expr;
using hcl::ExprKind;

struct DepthGuard {
  explicit DepthGuard(EvalState& s) : state(s) { ++state.depth; }
  ~DepthGuard() { --state.depth; }
  EvalState& state;
};

std::string quote_key(const std::string& k) {
  std::string out = "[\"";
  for (char c : k) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"]";
}

}  // namespace

Value apply_step(const Value& base, const Step& step, std::string* path, const SourceLoc& loc) {
  if (!base.known()) return base;
  if (step.attr) {
    if (base.is_map()) {
      if (const Value* v = base.get(step.name)) {
        if (!path->empty()) *path += "." + step.name;
        return *v;
      }
      if (!path->empty()) {
        std::string reason = "ref:" + *path + "." + step.name;
        path->clear();
        return Value::unknown(reason, loc);
      }
      // A resource instance passed by value (for_each = azurerm_x.y, a
      // variable holding it): its synthetic id "ref:<address>.id" names it.
      const Value* id = base.get("id");
      std::string_view r = id ? id->text() : std::string_view();
      if (id && !id->known() && r.compare(0, 4, "ref:") == 0 && r.size() > 7 && r.compare(r.size() - 3, 3, ".id") == 0)
        return Value::unknown(std::string(r.substr(0, r.size() - 3)) + "." + step.name, loc);
      return error_value("no attribute \"" + step.name + "\" in this object", loc);
    }
    if (base.is_null()) return error_value("attribute \"" + step.name + "\" of a null value", loc);
    return error_value(std::string("attribute \"") + step.name + "\" of a " + kind_name(base.kind()), loc);
  }
  const Value& key = step.key;
  if (!key.known()) return key;
  if (base.is_list()) {
    double d = 0;
    if (!to_number(key, &d) || d < 0 || std::floor(d) != d)
      return error_value("invalid list index " + key.to_display(), loc);
    std::size_t i = static_cast<std::size_t>(d);
    if (i >= base.items().size())
      return error_value("index " + number_text(d) + " out of range (length " +
                             std::to_string(base.items().size()) + ")",
                         loc);
    if (!path->empty()) *path += "[" + number_text(d) + "]";
    return base.items()[i];
  }
  if (base.is_map()) {
    std::string k;
    if (!to_string(key, &k)) return error_value("invalid map key " + key.to_display(), loc);
    if (const Value* v = base.get(k)) {
      if (!path->empty()) *path += quote_key(k);
      return *v;
    }
    if (!path->empty()) {
      std::string reason = "ref:" + *path + quote_key(k);
      path->clear();
      return Value::unknown(reason, loc);
    }
    return error_value("no element \"" + k + "\" in this map", loc);
  }
  if (base.is_null()) return error_value("index into a null value", loc);
  return error_value(std::string("index into a ") + kind_name(base.kind()), loc);
}

Value ExprEvaluator::eval(const Expr& e, const Scope* scope) {
  if (state_.depth >= kMaxEvalDepth) {
    if (!state_.depth_reported) {
      state_.depth_reported = true;
      state_.diagnose(e.loc, "expression evaluation nested deeper than " + std::to_string(kMaxEvalDepth) +
                                 " levels; the value is unknown");
    }
    return Value::unknown("expression nested too deeply", e.loc);
  }
  DepthGuard guard(state_);
  return eval_inner(e, scope);
}

Value ExprEvaluator::eval_inner(const Expr& e, const Scope* scope) {
  switch (e.kind) {
    case ExprKind::kNull: return Value::null(e.loc);
    case ExprKind::kBool: return Value::boolean(e.text == "true", e.loc);
    case ExprKind::kNumber: {
      char* end = nullptr;
      double d = std::strtod(e.text.c_str(), &end);
      if (!std::isfinite(d)) return error_value("number out of range: " + e.text, e.loc);
      return Value::number(d, e.loc);
    }
    case ExprKind::kString: return Value::string(e.text, e.loc);
    case ExprKind::kTemplate:
    case ExprKind::kTemplateIf:
    case ExprKind::kTemplateFor: return eval_template(e, scope);
    case ExprKind::kVariable:
    case ExprKind::kGetAttr:
    case ExprKind::kIndex:
    case ExprKind::kSplatItem: return eval_traversal(e, scope).value;
    case ExprKind::kSplat: return eval_splat(e, scope);
    case ExprKind::kCall: return eval_call(e, scope);
    case ExprKind::kConditional: return eval_conditional(e, scope);
    case ExprKind::kBinary: return eval_binary(e, scope);
    case ExprKind::kUnary: return eval_unary(e, scope);
    case ExprKind::kTuple: {
      std::vector<Value> items;
      items.reserve(e.children.size());
      for (const Expr& c : e.children) items.push_back(eval(c, scope));
      return Value::list(std::move(items), e.loc);
    }
    case ExprKind::kObject: return eval_object(e, scope);
    case ExprKind::kFor: return eval_for(e, scope);
    case ExprKind::kParens:
      if (e.children.empty()) return Value::null(e.loc);
      return eval(e.children[0], scope);
  }
  return Value::unknown("unsupported expression", e.loc);
}

ExprEvaluator::Ref ExprEvaluator::eval_ref(const Expr& e, const Scope* scope) {
  if (e.kind == ExprKind::kVariable || e.kind == ExprKind::kGetAttr || e.kind == ExprKind::kIndex ||
      e.kind == ExprKind::kSplatItem) {
    if (state_.depth >= kMaxEvalDepth) return Ref{Value::unknown("expression nested too deeply", e.loc), {}};
    DepthGuard guard(state_);
    return eval_traversal(e, scope);
  }
  if (e.kind == ExprKind::kParens && !e.children.empty()) return eval_ref(e.children[0], scope);
  return Ref{eval(e, scope), {}};
}

ExprEvaluator::Ref ExprEvaluator::eval_traversal(const Expr& e, const Scope* scope) {
  // Flatten root.a[b].c into the root and its steps.
  std::vector<const Expr*> chain;
  const Expr* root = &e;
  while ((root->kind == ExprKind::kGetAttr || root->kind == ExprKind::kIndex) && !root->children.empty()) {
    chain.push_back(root);
    root = &root->children[0];
  }
  std::reverse(chain.begin(), chain.end());
  std::vector<Step> steps;
  steps.reserve(chain.size());
  for (const Expr* c : chain) {
    Step s;
    s.loc = c->loc;
    if (c->kind == ExprKind::kGetAttr) {
      s.attr = true;
      s.name = c->text;
    } else {
      s.attr = false;
      s.key = c->children.size() > 1 ? eval(c->children[1], scope) : Value::null(c->loc);
    }
    steps.push_back(std::move(s));
  }

  Ref out;
  std::size_t used = 0;
  if (root->kind == ExprKind::kVariable) {
    if (const Value* sym = scope ? scope->find(root->text) : nullptr) {
      out.value = *sym;
    } else {
      out.value = ctx_.resolve(root->text, steps, &used, &out.path, e.loc);
    }
  } else if (root->kind == ExprKind::kSplatItem) {
    if (splat_item_) out = *splat_item_;
    else out.value = error_value("splat item outside a splat", e.loc);
  } else {
    out = eval_ref(*root, scope);
  }
  // The traversal names a resource / data instance (resolve or the splat
  // source set its address).
  const bool via_resource = !out.path.empty();
  for (std::size_t i = used; i < steps.size(); ++i) {
    if (!out.value.known()) break;
    out.value = apply_step(out.value, steps[i], &out.path, steps[i].loc);
  }
  if (!out.value.known()) {
    // A "ref:<address>.<attr>" unknown read from another resource (its
    // synthetic id / name, or an attribute that is itself a reference) sits
    // at this expression, not at the referenced block: the linker makes its
    // edges at the value that makes the link.
    if (via_resource && out.value.text().compare(0, 4, "ref:") == 0) out.value.set_loc(e.loc);
    else if (!out.value.loc().valid()) out.value.set_loc(e.loc);
  }
  return out;
}

Value ExprEvaluator::eval_splat(const Expr& e, const Scope* scope) {
  if (e.children.size() < 2) return error_value("malformed splat", e.loc);
  Ref src = eval_ref(e.children[0], scope);
  if (!src.value.known()) return src.value;
  if (src.value.is_null()) return Value::list({}, e.loc);
  std::vector<Ref> items;
  if (src.value.is_list()) {
    for (std::size_t i = 0; i < src.value.items().size(); ++i)
      items.push_back(Ref{src.value.items()[i], src.path.empty() ? "" : src.path + "[" + std::to_string(i) + "]"});
  } else {
    items.push_back(src);
  }
  std::vector<Value> out;
  out.reserve(items.size());
  const Ref* saved = splat_item_;
  for (const Ref& item : items) {
    splat_item_ = &item;
    out.push_back(eval(e.children[1], scope));
  }
  splat_item_ = saved;
  return Value::list(std::move(out), e.loc);
}

bool ExprEvaluator::render_parts(const Expr& tpl, const Scope* scope, std::string* out, Value* unknown) {
  for (const Expr& part : tpl.children) {
    if (out->size() > kMaxStringBytes) {
      *unknown = Value::unknown("template result too large", tpl.loc);
      return false;
    }
    if (part.kind == ExprKind::kString) {
      *out += part.text;
    } else if (part.kind == ExprKind::kTemplate) {
      if (!render_parts(part, scope, out, unknown)) return false;
    } else if (part.kind == ExprKind::kTemplateIf) {
      if (part.children.empty()) continue;
      Value c = eval(part.children[0], scope);
      if (!c.known()) {
        *unknown = c;
        return false;
      }
      bool b = false;
      if (!to_bool(c, &b)) {
        *unknown = error_value("template if condition is not a bool", part.loc);
        return false;
      }
      std::size_t branch = b ? 1 : 2;
      if (branch < part.children.size() && !render_parts(part.children[branch], scope, out, unknown)) return false;
    } else if (part.kind == ExprKind::kTemplateFor) {
      if (part.children.size() < 2) continue;
      Value coll = eval(part.children[0], scope);
      if (!coll.known()) {
        *unknown = coll;
        return false;
      }
      Scope inner;
      inner.parent = scope;
      auto run = [&](Value k, const Value& v) {
        inner.symbols.clear();
        if (!part.text.empty()) inner.symbols.emplace_back(part.text, std::move(k));
        inner.symbols.emplace_back(part.text2, v);
        return render_parts(part.children[1], &inner, out, unknown);
      };
      if (coll.is_list()) {
        for (std::size_t i = 0; i < coll.items().size(); ++i)
          if (!run(Value::number(static_cast<double>(i), part.loc), coll.items()[i])) return false;
      } else if (coll.is_map()) {
        for (const Value::Entry* en : sorted_entries(coll))
          if (!run(Value::string(en->first, part.loc), en->second)) return false;
      } else {
        *unknown = error_value("template for over a " + std::string(kind_name(coll.kind())), part.loc);
        return false;
      }
    } else {
      Value v = template_string(eval(part, scope), part.loc);
      if (!v.known()) {
        *unknown = v;
        return false;
      }
      *out += v.text();
    }
  }
  return true;
}

Value ExprEvaluator::eval_template(const Expr& e, const Scope* scope) {
  if (e.kind == ExprKind::kTemplate && e.children.size() == 1 && e.children[0].kind != ExprKind::kString &&
      e.children[0].kind != ExprKind::kTemplateIf && e.children[0].kind != ExprKind::kTemplateFor) {
    return eval(e.children[0], scope);  // "${x}" is x, unconverted
  }
  std::string out;
  Value unknown;
  Expr wrapper;
  const Expr* tpl = &e;
  if (e.kind != ExprKind::kTemplate) {
    wrapper.kind = ExprKind::kTemplate;
    wrapper.loc = e.loc;
    wrapper.children.push_back(e);
    tpl = &wrapper;
  }
  if (!render_parts(*tpl, scope, &out, &unknown)) {
    unknown.set_loc(e.loc);
    return unknown;
  }
  return Value::string(std::move(out), e.loc);
}

Value ExprEvaluator::eval_conditional(const Expr& e, const Scope* scope) {
  if (e.children.size() != 3) return error_value("malformed conditional", e.loc);
  Value c = eval(e.children[0], scope);
  if (!c.known()) {
    Value a = eval(e.children[1], scope);
    Value b = eval(e.children[2], scope);
    if (a.known() && b.known() && !a.contains_unknown() && a.equals(b)) return a;
    return c;
  }
  bool b = false;
  if (!to_bool(c, &b)) return error_value("condition is not a bool: " + c.to_display(), e.children[0].loc);
  return eval(e.children[b ? 1 : 2], scope);
}

Value ExprEvaluator::eval_binary(const Expr& e, const Scope* scope) {
  if (e.children.size() != 2) return error_value("malformed operation", e.loc);
  const std::string& op = e.text;
  if (op == "&&" || op == "||") {
    Value l = eval(e.children[0], scope);
    bool lb = false;
    if (l.known()) {
      if (!to_bool(l, &lb)) return error_value("operand of " + op + " is not a bool", e.loc);
      if (op == "&&" && !lb) return Value::boolean(false, e.loc);
      if (op == "||" && lb) return Value::boolean(true, e.loc);
    }
    Value r = eval(e.children[1], scope);
    bool rb = false;
    if (r.known()) {
      if (!to_bool(r, &rb)) return error_value("operand of " + op + " is not a bool", e.loc);
      if (op == "&&" && !rb) return Value::boolean(false, e.loc);
      if (op == "||" && rb) return Value::boolean(true, e.loc);
    }
    if (!l.known()) return Value::unknown(l.text(), e.loc);
    if (!r.known()) return Value::unknown(r.text(), e.loc);
    return Value::boolean(op == "&&" ? (lb && rb) : (lb || rb), e.loc);
  }
  Value l = eval(e.children[0], scope);
  Value r = eval(e.children[1], scope);
  if (!l.known()) return Value::unknown(l.text(), e.loc);
  if (!r.known()) return Value::unknown(r.text(), e.loc);
  if (op == "==" || op == "!=") {
    if (l.contains_unknown() || r.contains_unknown()) return Value::unknown(find_unknown(l.contains_unknown() ? l : r)->text(), e.loc);
    bool eq = l.equals(r);
    return Value::boolean(op == "==" ? eq : !eq, e.loc);
  }
  double a = 0, b = 0;
  if (!to_number(l, &a) || !to_number(r, &b))
    return error_value("operands of " + op + " must be numbers: " + l.to_display() + ", " + r.to_display(), e.loc);
  if (op == "+") return Value::number(a + b, e.loc);
  if (op == "-") return Value::number(a - b, e.loc);
  if (op == "*") return Value::number(a * b, e.loc);
  if (op == "/") {
    if (b == 0) return error_value("division by zero", e.loc);
    return Value::number(a / b, e.loc);
  }
  if (op == "%") {
    if (b == 0) return error_value("modulo by zero", e.loc);
    return Value::number(std::fmod(a, b), e.loc);
  }
  if (op == "<") return Value::boolean(a < b, e.loc);
  if (op == ">") return Value::boolean(a > b, e.loc);
  if (op == "<=") return Value::boolean(a <= b, e.loc);
  if (op == ">=") return Value::boolean(a >= b, e.loc);
  return error_value("unknown operator " + op, e.loc);
}

Value ExprEvaluator::eval_unary(const Expr& e, const Scope* scope) {
  if (e.children.empty()) return error_value("malformed operation", e.loc);
  Value v = eval(e.children[0], scope);
  if (!v.known()) return Value::unknown(v.text(), e.loc);
  if (e.text == "!") {
    bool b = false;
    if (!to_bool(v, &b)) return error_value("operand of ! is not a bool", e.loc);
    return Value::boolean(!b, e.loc);
  }
  double d = 0;
  if (!to_number(v, &d)) return error_value("operand of - is not a number", e.loc);
  return Value::number(-d, e.loc);
}

Value ExprEvaluator::eval_object(const Expr& e, const Scope* scope) {
  std::vector<Value::Entry> entries;
  entries.reserve(e.children.size() / 2);
  for (std::size_t i = 0; i + 1 < e.children.size(); i += 2) {
    const Expr& k = e.children[i];
    std::string key;
    if (k.kind == ExprKind::kString) {
      key = k.text;
    } else {
      Value kv = eval(k, scope);
      if (!kv.known()) return Value::unknown(kv.text(), e.loc);
      if (!to_string(kv, &key)) return error_value("object key is not a string: " + kv.to_display(), k.loc);
    }
    Value v = eval(e.children[i + 1], scope);
    bool replaced = false;
    for (Value::Entry& en : entries)
      if (en.first == key) en.second = v, replaced = true;
    if (!replaced) entries.emplace_back(std::move(key), std::move(v));
  }
  return Value::map(std::move(entries), e.loc);
}

Value ExprEvaluator::eval_for(const Expr& e, const Scope* scope) {
  std::size_t need = e.object_for ? 3 : 2;
  if (e.children.size() < need) return error_value("malformed for expression", e.loc);
  Value coll = eval(e.children[0], scope);
  if (!coll.known()) return Value::unknown(coll.text(), e.loc);
  const Expr* key_expr = e.object_for ? &e.children[1] : nullptr;
  const Expr& val_expr = e.children[e.object_for ? 2 : 1];
  const Expr* cond = e.children.size() > need ? &e.children[need] : nullptr;

  std::vector<std::pair<Value, Value>> elems;  // (key, value)
  if (coll.is_list()) {
    for (std::size_t i = 0; i < coll.items().size(); ++i)
      elems.emplace_back(Value::number(static_cast<double>(i), e.loc), coll.items()[i]);
  } else if (coll.is_map()) {
    for (const Value::Entry* en : sorted_entries(coll)) elems.emplace_back(Value::string(en->first, e.loc), en->second);
  } else if (coll.is_null()) {
    return error_value("for expression over null", e.loc);
  } else {
    return error_value(std::string("for expression over a ") + kind_name(coll.kind()), e.loc);
  }

  std::vector<Value> list_out;
  std::vector<Value::Entry> map_out;
  Scope inner;
  inner.parent = scope;
  for (auto& kv : elems) {
    inner.symbols.clear();
    if (!e.text.empty()) inner.symbols.emplace_back(e.text, kv.first);
    inner.symbols.emplace_back(e.text2, kv.second);
    if (cond) {
      Value c = eval(*cond, &inner);
      if (!c.known()) return Value::unknown(c.text(), e.loc);
      bool b = false;
      if (!to_bool(c, &b)) return error_value("for condition is not a bool", cond->loc);
      if (!b) continue;
    }
    Value v = eval(val_expr, &inner);
    if (!e.object_for) {
      list_out.push_back(std::move(v));
      continue;
    }
    Value k = eval(*key_expr, &inner);
    if (!k.known()) return Value::unknown(k.text(), e.loc);
    std::string key;
    if (!to_string(k, &key)) return error_value("for expression key is not a string", key_expr->loc);
    Value* existing = nullptr;
    for (Value::Entry& en : map_out)
      if (en.first == key) existing = &en.second;
    if (e.expand_final) {
      if (existing) existing->mutable_items().push_back(std::move(v));
      else map_out.emplace_back(key, Value::list({std::move(v)}, e.loc));
    } else {
      if (existing) return error_value("duplicate key \"" + key + "\" in for expression (use ... to group)", e.loc);
      map_out.emplace_back(key, std::move(v));
    }
  }
  if (e.object_for) return Value::map(std::move(map_out), e.loc);
  return Value::list(std::move(list_out), e.loc);
}

Value ExprEvaluator::eval_call(const Expr& e, const Scope* scope) {
  const std::string& name = e.text;
  if (name == "try") {
    Value last = error_value("try() has no arguments", e.loc);
    for (const Expr& a : e.children) {
      Value v = eval(a, scope);
      if (!is_error(v)) return v;
      last = v;
    }
    return error_value("no argument of try() could be evaluated (" + std::string(last.text()) + ")", e.loc);
  }
  if (name == "can") {
    if (e.children.size() != 1) return error_value("can() takes one argument", e.loc);
    Value v = eval(e.children[0], scope);
    if (is_error(v)) return Value::boolean(false, e.loc);
    if (!v.known()) return Value::unknown(v.text(), e.loc);
    return Value::boolean(true, e.loc);
  }
  std::vector<Value> args;
  args.reserve(e.children.size());
  for (const Expr& a : e.children) args.push_back(eval(a, scope));
  if (e.expand_final && !args.empty()) {
    Value last = std::move(args.back());
    args.pop_back();
    if (!last.known()) return Value::unknown(last.text(), e.loc);
    if (!last.is_list()) return error_value("cannot expand a " + std::string(kind_name(last.kind())) + " into arguments", e.loc);
    for (const Value& v : last.items()) args.push_back(v);
  }
  if (name == "templatefile") return eval_templatefile(e, args);
  CallSite site;
  site.loc = e.loc;
  site.state = &state_;
  site.ctx = &ctx_;
  return call_function(name, std::move(args), site);
}

Value ExprEvaluator::eval_templatefile(const Expr& e, std::vector<Value>& args) {
  if (args.size() != 2) return error_value("templatefile() takes two arguments", e.loc);
  if (!args[0].known()) return Value::unknown(args[0].text(), e.loc);
  std::string path;
  if (!to_string(args[0], &path)) return error_value("templatefile() path is not a string", e.loc);
  FileContent fc = read_module_file(state_, ctx_.module_dir(), ctx_.root_dir(), path, false);
  if (fc.status == FileContent::Status::kRefused) {
    state_.diagnose(e.loc, "templatefile(\"" + path + "\") reads outside the scan root; not read");
    return Value::unknown("templatefile(\"" + path + "\") reads outside the scan root", e.loc);
  }
  if (fc.status == FileContent::Status::kTooBig) return Value::unknown("templatefile(\"" + path + "\") is too large", e.loc);
  if (fc.status != FileContent::Status::kOk) return error_value("templatefile(\"" + path + "\"): no such file", e.loc);
  if (!args[1].known()) return Value::unknown(args[1].text(), e.loc);
  if (!args[1].is_map()) return error_value("templatefile() vars must be an object", e.loc);
  SourceLoc tloc = e.loc;
  if (fc.file != kNoFile) tloc = SourceLoc{fc.file, 1, 1, 1, 1};
  std::string err;
  std::optional<Expr> tpl = parse_template(fc.content, tloc, &err);
  if (!tpl) return error_value("templatefile(\"" + path + "\"): " + err, e.loc);
  Scope vars;
  for (const Value::Entry& en : args[1].entries()) vars.symbols.emplace_back(en.first, en.second);
  DetachedContext detached(ctx_.module_dir(), ctx_.root_dir());
  ExprEvaluator sub(detached, state_);
  Value v = sub.eval(*tpl, &vars);
  if (v.is_string()) v.set_loc(e.loc);
  return v;
}

}  // namespace drlint::eval
