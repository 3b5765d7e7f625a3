#include "analyzer/eval/tf_json.h"

#include "analyzer/eval/template_parse.h"

namespace drlint::eval {
namespace {

using hcl::Expr;
using hcl::ExprKind;

constexpr int kMaxDepth = 128;

class JsonConverter {
 public:
  JsonConverter(FileId file, std::vector<load::ParseError>* diags) : file_(file), diags_(diags) {}

  Expr expr(const Value& v, bool templates, int depth) {
    Expr e;
    e.loc = v.loc();
    if (e.loc.file == kNoFile) e.loc.file = file_;
    if (depth > kMaxDepth) return e;
    switch (v.kind()) {
      case Value::Kind::kUnknown:
      case Value::Kind::kNull: e.kind = ExprKind::kNull; return e;
      case Value::Kind::kBool: e.kind = ExprKind::kBool; e.text = v.as_bool() ? "true" : "false"; return e;
      case Value::Kind::kNumber: e.kind = ExprKind::kNumber; e.text = v.text(); return e;
      case Value::Kind::kString: {
        if (!templates) {
          e.kind = ExprKind::kString;
          e.text = v.text();
          return e;
        }
        std::string err;
        std::optional<Expr> t = parse_template(v.text(), e.loc, &err);
        if (t) return *t;
        if (diags_) diags_->push_back(load::ParseError{e.loc, "invalid template in JSON string: " + err});
        e.kind = ExprKind::kString;
        e.text = v.text();
        return e;
      }
      case Value::Kind::kList:
        e.kind = ExprKind::kTuple;
        for (const Value& item : v.items()) e.children.push_back(expr(item, templates, depth + 1));
        return e;
      case Value::Kind::kMap:
        e.kind = ExprKind::kObject;
        for (const Value::Entry& en : v.entries()) {
          Expr k;
          k.kind = ExprKind::kString;
          k.text = en.first;
          k.loc = e.loc;
          e.children.push_back(std::move(k));
          e.children.push_back(expr(en.second, templates, depth + 1));
        }
        return e;
    }
    return e;
  }

  hcl::Attribute attribute(std::string_view name, const Value& v, bool templates) {
    hcl::Attribute a;
    a.name = name;
    a.expr = expr(v, templates, 0);
    a.loc = a.expr.loc;
    a.name_loc = a.loc;
    return a;
  }

  static bool is_map_argument(std::string_view k) {
    auto ends = [&](const char* s) {
      std::string suf(s);
      return k.size() >= suf.size() && k.compare(k.size() - suf.size(), suf.size(), suf) == 0;
    };
    return ends("tags") || ends("labels") || ends("annotations") || k == "app_settings" || k == "parameters" ||
           k == "settings" || k == "variables" || k == "environment";
  }

  static bool all_objects(const Value& v) {
    if (!v.is_list() || v.items().empty()) return false;
    for (const Value& i : v.items())
      if (!i.is_map()) return false;
    return true;
  }

  SourceLoc loc_of(const Value& v) const {
    SourceLoc l = v.loc();
    if (l.file == kNoFile) l.file = file_;
    return l;
  }

  // The body of a resource, data source, module call or nested block.
  void body(const Value& obj, hcl::Body& out, int depth) {
    if (!obj.is_map() || depth > kMaxDepth) return;
    for (const Value::Entry& en : obj.entries()) {
      std::string_view k = en.first;
      const Value& v = en.second;
      if (k == "//" || k == "lifecycle" || k == "provisioner" || k == "connection") continue;
      if (k == "dynamic" && v.is_map()) {
        for (const Value::Entry& d : v.entries()) {
          for (const Value* spec : objects(d.second)) {
            hcl::Block b;
            b.type = "dynamic";
            b.labels.push_back(d.first.str());
            b.loc = loc_of(*spec);
            for (const Value::Entry& f : spec->entries()) {
              if (f.first == "content") {
                for (const Value* c : objects(f.second)) {
                  hcl::Block content;
                  content.type = "content";
                  content.loc = loc_of(*c);
                  body(*c, content.body, depth + 1);
                  b.body.blocks.push_back(std::move(content));
                }
              } else if (f.first == "iterator") {
                b.body.attributes.push_back(attribute(f.first, f.second, false));
              } else {
                b.body.attributes.push_back(attribute(f.first, f.second, true));
              }
            }
            out.blocks.push_back(std::move(b));
          }
        }
        continue;
      }
      bool block = !is_map_argument(k) && k != "count" && k != "for_each" && k != "depends_on" &&
                   (v.is_map() || all_objects(v));
      if (!block) {
        out.attributes.push_back(attribute(k, v, true));
        continue;
      }
      for (const Value* o : objects(v)) {
        hcl::Block b;
        b.type = k;
        b.loc = loc_of(*o);
        body(*o, b.body, depth + 1);
        out.blocks.push_back(std::move(b));
      }
    }
  }

  // A JSON object or an array of objects (Terraform accepts both).
  static std::vector<const Value*> objects(const Value& v) {
    std::vector<const Value*> out;
    if (v.is_map()) out.push_back(&v);
    else if (v.is_list())
      for (const Value& i : v.items())
        if (i.is_map()) out.push_back(&i);
    return out;
  }

  // "resource": {"type": {"name": {...}}}
  void two_labels(std::string_view type, const Value& v, hcl::Body& out) {
    for (const Value* types : objects(v))
      for (const Value::Entry& t : types->entries())
        for (const Value* names : objects(t.second))
          for (const Value::Entry& n : names->entries())
            for (const Value* b : objects(n.second)) {
              hcl::Block block;
              block.type = type;
              block.labels = {t.first.str(), n.first.str()};
              block.loc = loc_of(*b);
              body(*b, block.body, 1);
              out.blocks.push_back(std::move(block));
            }
  }

  // "variable"/"module"/"output": {"name": {...}}
  void one_label(std::string_view type, const Value& v, hcl::Body& out) {
    for (const Value* names : objects(v))
      for (const Value::Entry& n : names->entries())
        for (const Value* b : objects(n.second)) {
          hcl::Block block;
          block.type = type;
          block.labels = {n.first.str()};
          block.loc = loc_of(*b);
          for (const Value::Entry& f : b->entries()) {
            if (f.first == "//") continue;
            bool literal = (type == "variable" && (f.first == "default" || f.first == "type")) ||
                           (type == "module" && (f.first == "source" || f.first == "version"));
            if (type == "variable" && f.first == "validation") continue;
            block.body.attributes.push_back(attribute(f.first, f.second, !literal));
          }
          out.blocks.push_back(std::move(block));
        }
  }

 private:
  FileId file_;
  std::vector<load::ParseError>* diags_;
};

}  // namespace

hcl::File tf_json_to_hcl(const Value& root, FileId file, std::vector<load::ParseError>* diagnostics) {
  hcl::File out;
  out.file = file;
  if (!root.is_map()) return out;
  JsonConverter c(file, diagnostics);
  for (const Value::Entry& en : root.entries()) {
    std::string_view k = en.first;
    if (k == "resource" || k == "data") {
      c.two_labels(k, en.second, out.body);
    } else if (k == "variable" || k == "module" || k == "output") {
      c.one_label(k, en.second, out.body);
    } else if (k == "locals") {
      for (const Value* obj : JsonConverter::objects(en.second)) {
        hcl::Block b;
        b.type = "locals";
        b.loc = obj->loc();
        for (const Value::Entry& l : obj->entries())
          if (l.first != "//") b.body.attributes.push_back(c.attribute(l.first, l.second, true));
        out.body.blocks.push_back(std::move(b));
      }
    }
  }
  return out;
}

}  // namespace drlint::eval
