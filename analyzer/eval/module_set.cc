#include "analyzer/eval/module_set.h"

#include <algorithm>
#include <filesystem>
#include <set>

#include "analyzer/eval/tf_json.h"

namespace drlint::eval {
namespace {

bool ends_with(const std::string& s, const std::string& suf) {
  return s.size() >= suf.size() && s.compare(s.size() - suf.size(), suf.size(), suf) == 0;
}

std::string base_name(const std::string& path) {
  std::size_t slash = path.find_last_of('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

bool is_override_file(const std::string& path) {
  std::string name = base_name(path);
  for (const char* ext : {".tf", ".tf.json"}) {
    std::string e(ext);
    if (name == "override" + e || ends_with(name, "_override" + e)) return true;
  }
  return false;
}

// `over` merged into `base`: its arguments replace base's, its nested blocks
// replace all of base's nested blocks of the same type.
hcl::Block merge_block(const hcl::Block& base, const hcl::Block& over) {
  hcl::Block out = base;
  for (const hcl::Attribute& a : over.body.attributes) {
    bool replaced = false;
    for (hcl::Attribute& o : out.body.attributes)
      if (o.name == a.name) o = a, replaced = true;
    if (!replaced) out.body.attributes.push_back(a);
  }
  for (const hcl::Block& b : over.body.blocks) {
    out.body.blocks.erase(std::remove_if(out.body.blocks.begin(), out.body.blocks.end(),
                                         [&](const hcl::Block& x) { return x.type == b.type; }),
                          out.body.blocks.end());
  }
  for (const hcl::Block& b : over.body.blocks) out.body.blocks.push_back(b);
  return out;
}

}  // namespace

void ModuleSet::apply_override(ModuleDef& m, const hcl::Body& body) {
  auto merge_into = [&](const hcl::Block*& slot, const hcl::Block& over) {
    merged_.push_back(merge_block(*slot, over));
    const hcl::Block* old = slot;
    slot = &merged_.back();
    for (const hcl::Block*& r : m.resources)
      if (r == old) r = slot;
    for (const hcl::Block*& c : m.calls)
      if (c == old) c = slot;
  };
  for (const hcl::Block& b : body.blocks) {
    if (b.type == "locals") {
      for (const hcl::Attribute& a : b.body.attributes) m.locals[a.name] = &a;
      continue;
    }
    std::map<std::string, const hcl::Block*>* index = nullptr;
    std::string key;
    if (b.type == "variable" && b.labels.size() == 1) index = &m.variables, key = b.labels[0];
    else if (b.type == "output" && b.labels.size() == 1) index = &m.outputs, key = b.labels[0];
    else if (b.type == "module" && b.labels.size() == 1) index = &m.call_index, key = b.labels[0];
    else if ((b.type == "resource" || b.type == "data") && b.labels.size() == 2)
      index = &m.resource_index, key = (b.type == "data" ? "data." : "") + b.labels[0] + "." + b.labels[1];
    if (!index) continue;
    auto it = index->find(key);
    if (it != index->end()) merge_into(it->second, b);
  }
}

std::string ModuleSet::dir_of(const std::string& path) {
  std::size_t slash = path.find_last_of('/');
  return slash == std::string::npos ? std::string() : path.substr(0, slash);
}

SourceTarget ModuleSet::resolve_source(const std::string& caller_dir, const std::string& source) {
  SourceTarget t;
  if (!(source == "." || source == ".." || source.rfind("./", 0) == 0 || source.rfind("../", 0) == 0)) return t;
  t.local = true;
  std::filesystem::path p = std::filesystem::path(caller_dir.empty() ? "." : caller_dir) / source;
  std::string s = p.lexically_normal().generic_string();
  while (s.size() > 1 && s.back() == '/') s.pop_back();
  if (s == ".") s.clear();
  // Outside: above the root, or further above it than the caller when the
  // caller itself is (a path scanned from outside the root, reported as
  // "../..": its modules are beside it, not outside).
  auto levels_up = [](const std::string& path) {
    std::size_t n = 0;
    while (path.size() >= n * 3 + 2 && path.compare(n * 3, 2, "..") == 0 &&
           (path.size() == n * 3 + 2 || path[n * 3 + 2] == '/'))
      ++n;
    return n;
  };
  if (levels_up(s) > levels_up(caller_dir)) {
    t.outside = true;
    return t;
  }
  t.dir = s;
  return t;
}

std::string ModuleSet::source_of(const hcl::Block& call) {
  const hcl::Attribute* a = call.body.attribute("source");
  if (!a || a->expr.kind != hcl::ExprKind::kString) return {};
  return a->expr.text;
}

void ModuleSet::index_body(ModuleDef& m, const hcl::Body& body, std::vector<load::ParseError>* diagnostics) {
  auto dup = [&](const hcl::Block& b, const std::string& what) {
    if (diagnostics) diagnostics->push_back(load::ParseError{b.loc, "duplicate " + what + "; the first one is used"});
  };
  for (const hcl::Block& b : body.blocks) {
    if (b.type == "variable" && b.labels.size() == 1) {
      if (!m.variables.emplace(b.labels[0], &b).second) dup(b, "variable \"" + b.labels[0] + "\"");
    } else if (b.type == "locals") {
      for (const hcl::Attribute& a : b.body.attributes) m.locals.emplace(a.name, &a);
    } else if (b.type == "output" && b.labels.size() == 1) {
      if (!m.outputs.emplace(b.labels[0], &b).second) dup(b, "output \"" + b.labels[0] + "\"");
    } else if ((b.type == "resource" || b.type == "data") && b.labels.size() == 2) {
      std::string key = (b.type == "data" ? "data." : "") + b.labels[0] + "." + b.labels[1];
      if (m.resource_index.emplace(key, &b).second) m.resources.push_back(&b);
      else dup(b, b.type + " \"" + b.labels[0] + "\" \"" + b.labels[1] + "\"");
    } else if (b.type == "module" && b.labels.size() == 1) {
      if (m.call_index.emplace(b.labels[0], &b).second) m.calls.push_back(&b);
      else dup(b, "module \"" + b.labels[0] + "\"");
    }
  }
}

ModuleSet::ModuleSet(const std::vector<load::LoadedFile>& files, const load::SourceTable& sources,
                     std::vector<load::ParseError>* diagnostics) {
  // Files in path order so that declarations are indexed deterministically.
  // Only Terraform and tfvars files matter (a platform repository is
  // mostly YAML: sorting every file was most of this constructor).
  std::vector<const load::LoadedFile*> ordered;
  for (const load::LoadedFile& f : files)
    if (f.id != kNoFile && f.id < sources.size() &&
        (f.kind == load::FileKind::kTerraform || f.kind == load::FileKind::kTerraformJson ||
         f.kind == load::FileKind::kTfvars || f.kind == load::FileKind::kTfvarsJson))
      ordered.push_back(&f);
  std::sort(ordered.begin(), ordered.end(), [&](const load::LoadedFile* a, const load::LoadedFile* b) {
    return sources.path(a->id) < sources.path(b->id);
  });
  std::map<std::string, std::vector<const load::LoadedFile*>> tfvars;
  std::vector<std::pair<ModuleDef*, const hcl::Body*>> overrides;
  for (const load::LoadedFile* f : ordered) {
    const std::string& path = sources.path(f->id);
    std::string dir = dir_of(path);
    if (f->kind == load::FileKind::kTfvars || f->kind == load::FileKind::kTfvarsJson) {
      tfvars[dir].push_back(f);
      continue;
    }
    const hcl::Body* body = nullptr;
    if (f->kind == load::FileKind::kTerraform && f->hcl) {
      body = &f->hcl->body;
    } else if (f->kind == load::FileKind::kTerraformJson && !f->yaml.empty()) {
      converted_.push_back(tf_json_to_hcl(f->yaml[0].root, f->id, diagnostics));
      body = &converted_.back().body;
    }
    if (f->kind != load::FileKind::kTerraform && f->kind != load::FileKind::kTerraformJson) continue;
    auto& slot = modules_[dir];
    if (!slot) {
      slot = std::make_unique<ModuleDef>();
      slot->dir = dir;
    }
    if (!body) continue;
    if (is_override_file(path)) overrides.emplace_back(slot.get(), body);
    else index_body(*slot, *body, diagnostics);
  }
  for (auto& [m, body] : overrides) apply_override(*m, *body);
  for (auto& [dir, list] : tfvars) {
    auto it = modules_.find(dir);
    if (it == modules_.end()) continue;
    std::vector<const load::LoadedFile*> autos;
    const load::LoadedFile* tfv = nullptr;
    const load::LoadedFile* tfv_json = nullptr;
    for (const load::LoadedFile* f : list) {
      std::string name = base_name(sources.path(f->id));
      if (name == "terraform.tfvars") tfv = f;
      else if (name == "terraform.tfvars.json") tfv_json = f;
      else if (ends_with(name, ".auto.tfvars") || ends_with(name, ".auto.tfvars.json")) autos.push_back(f);
    }
    std::sort(autos.begin(), autos.end(), [&](const load::LoadedFile* a, const load::LoadedFile* b) {
      return base_name(sources.path(a->id)) < base_name(sources.path(b->id));
    });
    if (tfv) it->second->auto_var_files.push_back(tfv->id);
    if (tfv_json) it->second->auto_var_files.push_back(tfv_json->id);
    for (const load::LoadedFile* f : autos) it->second->auto_var_files.push_back(f->id);
  }
  std::set<std::string> called;
  for (const auto& [dir, m] : modules_) {
    for (const hcl::Block* call : m->calls) {
      SourceTarget t = resolve_source(dir, source_of(*call));
      if (t.local && !t.outside && t.dir != dir) called.insert(t.dir);
    }
  }
  for (const auto& [dir, m] : modules_)
    if (!called.count(dir)) roots_.push_back(dir);
}

const ModuleDef* ModuleSet::find(const std::string& dir) const {
  auto it = modules_.find(dir);
  return it == modules_.end() ? nullptr : it->second.get();
}

}  // namespace drlint::eval
