#include "analyzer/eval/input_vars.h"

#include <filesystem>
#include <fstream>
#include <system_error>

#include "analyzer/eval/expr_eval.h"
#include "analyzer/eval/template_parse.h"
#include "analyzer/load/hcl_loader.h"
#include "analyzer/load/yaml_loader.h"

namespace drlint::eval {
namespace {

namespace fs = std::filesystem;

const load::LoadedFile* loaded(const EvalState& state, FileId id) {
  if (!state.files) return nullptr;
  const std::vector<load::LoadedFile>& files = *state.files;
  if (id < files.size() && files[id].id == id) return &files[id];
  for (const load::LoadedFile& f : files)
    if (f.id == id) return &f;
  return nullptr;
}

VarAssignments from_hcl(const hcl::File& file, EvalState& state, const std::string& dir) {
  VarAssignments out;
  DetachedContext ctx(dir, dir);
  ExprEvaluator ev(ctx, state);
  for (const hcl::Attribute& a : file.body.attributes) {
    Value v = ev.eval(a.expr, nullptr);
    if (!v.loc().valid()) v.set_loc(a.loc);
    out.emplace_back(a.name, std::move(v));
  }
  return out;
}

VarAssignments from_json(const Value& root) {
  VarAssignments out;
  if (!root.is_map()) return out;
  for (const Value::Entry& e : root.entries()) out.emplace_back(e.first.str(), e.second);
  return out;
}

}  // namespace

VarAssignments read_var_file(const load::LoadedFile& file, EvalState& state, const std::string& dir) {
  if (file.hcl) return from_hcl(*file.hcl, state, dir);
  if (!file.yaml.empty()) return from_json(file.yaml[0].root);
  return {};
}

std::vector<VarAssignments> load_cli_var_files(const std::vector<std::string>& paths, EvalState& state) {
  std::vector<VarAssignments> out;
  fs::path root(state.root_abs);
  fs::path canon_root(state.root_canonical.empty() ? state.root_abs : state.root_canonical);
  for (const std::string& p : paths) {
    std::error_code ec;
    fs::path given(p);
    fs::path abs = given.is_absolute() ? given : fs::current_path(ec) / given;
    abs = abs.lexically_normal();
    fs::path canon = fs::weakly_canonical(abs, ec);
    fs::path rel = canon.lexically_relative(canon_root);
    std::string rel_s = rel.generic_string();
    SourceLoc none;
    if (ec || rel.empty() || rel_s == ".." || rel_s.rfind("../", 0) == 0) {
      state.diagnose(none, "--var-file " + p + " is outside the scan root; not read");
      out.emplace_back();
      continue;
    }
    // Prefer the scanned copy (its locations are reported).
    FileId id = state.sources ? state.sources->find(rel_s) : kNoFile;
    if (id == kNoFile) {
      fs::path lrel = abs.lexically_relative(root);
      if (!lrel.empty() && state.sources) id = state.sources->find(lrel.generic_string());
    }
    if (const load::LoadedFile* f = id != kNoFile ? loaded(state, id) : nullptr) {
      if (f->error) state.diagnose(f->error->loc, "--var-file " + p + " has errors; values before the error are used");
      out.push_back(read_var_file(*f, state, rel.parent_path().generic_string()));
      continue;
    }
    std::ifstream in(canon, std::ios::binary);
    std::uintmax_t size = fs::file_size(canon, ec);
    if (!in || ec) {
      state.diagnose(none, "--var-file " + p + " cannot be read");
      out.emplace_back();
      continue;
    }
    if (size > kMaxFileBytes) {
      state.diagnose(none, "--var-file " + p + " is larger than " + std::to_string(kMaxFileBytes) + " bytes; not read");
      out.emplace_back();
      continue;
    }
    std::string content(static_cast<std::size_t>(size), '\0');
    if (size > 0) in.read(content.data(), static_cast<std::streamsize>(size));
    std::string dir = rel.parent_path().generic_string();
    if (p.size() >= 5 && p.compare(p.size() - 5, 5, ".json") == 0) {
      load::YamlResult y = load::parse_yaml(kNoFile, content);
      if (y.error || y.documents.empty()) {
        state.diagnose(none, "--var-file " + p + ": " + (y.error ? y.error->message : std::string("empty")));
        out.emplace_back();
        continue;
      }
      out.push_back(from_json(y.documents[0].root));
    } else {
      load::HclResult h = load::parse_hcl(kNoFile, content);
      if (h.error) {
        state.diagnose(none, "--var-file " + p + " line " + std::to_string(h.error->loc.line) + ": " + h.error->message);
        out.emplace_back();
        continue;
      }
      out.push_back(from_hcl(h.file, state, dir));
    }
  }
  return out;
}

Value parse_cli_var(const std::string& raw, const hcl::Block* decl, EvalState& state) {
  if (decl) {
    const hcl::Attribute* t = decl->body.attribute("type");
    if (t && (t->expr.kind == hcl::ExprKind::kVariable || t->expr.kind == hcl::ExprKind::kString) &&
        t->expr.text == "string")
      return Value::string(raw);
  }
  std::string err;
  std::optional<hcl::Expr> e = parse_expression(raw, SourceLoc{}, &err);
  if (e && is_literal_expr(*e)) {
    DetachedContext ctx("", "");
    ExprEvaluator ev(ctx, state);
    Value v = ev.eval(*e, nullptr);
    if (v.known()) return v;
  }
  return Value::string(raw);
}

std::map<std::string, Value> root_inputs(const ModuleDef& root, EvalState& state,
                                         const std::vector<VarAssignments>& cli_var_files, const Inputs& inputs) {
  std::map<std::string, Value> out;
  auto apply = [&](const VarAssignments& a) {
    for (const auto& [name, v] : a)
      if (root.variables.count(name)) out[name] = v;
  };
  for (FileId id : root.auto_var_files)
    if (const load::LoadedFile* f = loaded(state, id)) apply(read_var_file(*f, state, root.dir));
  for (const VarAssignments& a : cli_var_files) apply(a);
  for (const auto& [name, raw] : inputs.vars) {
    auto decl = root.variables.find(name);
    if (decl == root.variables.end()) continue;
    out[name] = parse_cli_var(raw, decl->second, state);
  }
  return out;
}

}  // namespace drlint::eval
