#include "analyzer/eval/file_access.h"

#include <filesystem>
#include <fstream>
#include <system_error>
#include <vector>

namespace drlint::eval {
namespace {

namespace fs = std::filesystem;

// `p` (lexically normal) relative to `root`, or nullopt when it leaves root.
bool inside(const fs::path& p, const fs::path& root, std::string* rel) {
  fs::path r = p.lexically_relative(root);
  if (r.empty()) return false;
  std::string s = r.generic_string();
  if (s == ".." || s.rfind("../", 0) == 0) return false;
  if (rel) *rel = s == "." ? std::string() : s;
  return true;
}

}  // namespace

FileContent read_module_file(EvalState& state, const std::string& module_dir, const std::string& root_dir,
                             const std::string& path, bool exists_only) {
  FileContent out;
  if (path.empty() || path.find('\0') != std::string::npos) return out;
  fs::path root(state.root_abs);
  fs::path given(path);
  std::vector<fs::path> candidates;
  if (given.is_absolute()) {
    candidates.push_back(given.lexically_normal());
  } else {
    for (const std::string& base : {module_dir, root_dir, std::string()}) {
      fs::path c = (base.empty() ? root : root / base) / given;
      c = c.lexically_normal();
      bool dup = false;
      for (const fs::path& seen : candidates) dup = dup || seen == c;
      if (!dup) candidates.push_back(c);
    }
  }
  // The path as Terraform would read it must stay inside the scan root.
  if (!inside(candidates[0], root, nullptr)) {
    out.status = FileContent::Status::kRefused;
    return out;
  }
  fs::path canon_root(state.root_canonical.empty() ? state.root_abs : state.root_canonical);
  for (const fs::path& c : candidates) {
    std::string rel;
    if (!inside(c, root, &rel)) continue;
    if (state.paths_read) state.paths_read->push_back(c.string());
    std::error_code ec;
    fs::path canon = fs::weakly_canonical(c, ec);
    if (ec) continue;
    if (!inside(canon, canon_root, nullptr)) {
      out.status = FileContent::Status::kRefused;  // a symlink out of the root
      return out;
    }
    if (!fs::is_regular_file(canon, ec)) continue;
    out.rel_path = rel;
    out.status = FileContent::Status::kOk;
    if (exists_only) return out;
    if (state.sources) {
      FileId id = state.sources->find(rel);
      if (id != kNoFile) {
        out.file = id;
        out.content = state.sources->get(id).content;
        return out;
      }
    }
    std::uintmax_t size = fs::file_size(canon, ec);
    if (ec) {
      out.status = FileContent::Status::kMissing;
      return out;
    }
    if (size > kMaxFileBytes) {
      out.status = FileContent::Status::kTooBig;
      return out;
    }
    std::ifstream in(canon, std::ios::binary);
    if (!in) {
      out.status = FileContent::Status::kMissing;
      return out;
    }
    out.content.resize(static_cast<std::size_t>(size));
    if (size > 0 && !in.read(out.content.data(), static_cast<std::streamsize>(size))) {
      out.content.clear();
      out.status = FileContent::Status::kMissing;
    }
    return out;
  }
  out.status = FileContent::Status::kMissing;
  return out;
}

}  // namespace drlint::eval
