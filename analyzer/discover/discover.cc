#include "analyzer/discover/discover.h"

#include <algorithm>
#include <filesystem>
#include <set>
#include <system_error>

#include "analyzer/util/glob.h"

namespace drlint::discover {
namespace fs = std::filesystem;

namespace {

bool skipped_dir(const std::string& name) {
  return name == ".git" || name == ".terraform" || name == "node_modules";
}

bool under(const fs::path& child, const fs::path& parent) {
  auto c = child.begin(), p = parent.begin();
  for (; p != parent.end(); ++p, ++c) {
    if (p->empty()) continue;
    if (c == child.end() || *c != *p) return false;
  }
  return true;
}

std::string relative_to(const fs::path& p, const fs::path& root) {
  fs::path rel = p.lexically_relative(root);
  std::string s = rel.generic_string();
  if (s.empty() || s == ".") s = p.filename().generic_string();
  return s;
}

// "examples/**" also excludes the directory "examples" itself.
std::vector<std::string> with_dir_forms(const std::vector<std::string>& globs) {
  std::vector<std::string> out = globs;
  for (const std::string& g : globs)
    if (g.size() > 3 && g.compare(g.size() - 3, 3, "/**") == 0) out.push_back(g.substr(0, g.size() - 3));
  return out;
}

class Walker {
 public:
  Walker(const Options& o, Result& r, fs::path root)
      : exclude_(with_dir_forms(o.exclude)), out_(r), root_(std::move(root)) {}

  void add_path(const fs::path& p) {
    std::error_code ec;
    fs::file_status st = fs::symlink_status(p, ec);
    if (ec || !fs::exists(st)) {
      out_.errors.push_back(p.string() + ": no such file or directory");
      return;
    }
    fs::path abs = fs::absolute(p, ec).lexically_normal();
    if (fs::is_directory(fs::status(p, ec))) walk_dir(abs);
    else consider_file(abs, /*explicit_file=*/true);
  }

 private:
  // Real directories first; symbolic links to directories afterwards, each
  // followed only if it stays inside the root and leads somewhere not yet
  // walked (so loops and aliases never scan a file twice, whatever order
  // the file system lists entries in).
  // A directory to walk, with its real path when already known ("" = find
  // it): a real subdirectory of a directory whose real path is known needs
  // no syscall (weakly_canonical costs a readlink per path component).
  struct Dir {
    fs::path path, real;
  };

  void walk_dir(const fs::path& dir) {
    std::error_code ec;
    std::vector<Dir> stack{{dir, {}}};
    std::vector<fs::path> links;
    for (;;) {
      while (!stack.empty()) {
        Dir cur = std::move(stack.back());
        stack.pop_back();
        if (cur.real.empty()) {
          fs::path real = fs::weakly_canonical(cur.path, ec);
          cur.real = ec ? cur.path : real;
        }
        if (!visited_.insert(cur.real.string()).second) continue;
        list_dir(cur, stack, links);
      }
      if (links.empty()) break;
      std::sort(links.begin(), links.end());
      std::vector<fs::path> pending;
      pending.swap(links);
      for (const fs::path& p : pending) {
        std::string rel = relative_to(p, root_);
        std::error_code e2;
        fs::path target = fs::weakly_canonical(p, e2);
        if (e2 || !under(target, real_root())) {
          out_.skipped.push_back({rel, "symbolic link to a directory outside the scan root"});
          continue;
        }
        if (visited_.count(target.string())) continue;  // loop, or an alias of a walked directory
        stack.push_back({p, target});
      }
    }
  }

  void list_dir(const Dir& cur, std::vector<Dir>& stack, std::vector<fs::path>& links) {
    std::error_code ec;
    fs::directory_iterator it(cur.path, fs::directory_options::skip_permission_denied, ec), end;
    if (ec) {
      out_.skipped.push_back({relative_to(cur.path, root_), "directory unreadable: " + ec.message()});
      return;
    }
    for (; it != end; it.increment(ec)) {
      if (ec) break;
      const fs::path& p = it->path();
      std::string name = p.filename().string();
      std::error_code e2;
      bool is_link = it->is_symlink(e2);
      if (it->is_directory(e2)) {
        if (skipped_dir(name)) continue;
        if (exclude_.matches(relative_to(p, root_))) continue;
        if (is_link) links.push_back(p);
        else stack.push_back({p, cur.real / name});
      } else {
        // A plain file per the directory entry's type: no stat() needed.
        consider_file(p, false, !is_link && it->is_regular_file(e2));
      }
    }
  }

  const fs::path& real_root() {
    if (real_root_.empty()) {
      std::error_code ec;
      real_root_ = fs::weakly_canonical(root_, ec);
      if (ec) real_root_ = root_;
    }
    return real_root_;
  }

  void consider_file(const fs::path& p, bool explicit_file, bool known_regular = false) {
    std::string rel = relative_to(p, root_);
    load::FileKind kind = load::classify_path(p.filename().string());
    if (kind == load::FileKind::kOther && !explicit_file) return;
    if (kind == load::FileKind::kOther) {
      out_.skipped.push_back({rel, "not a Terraform or YAML file"});
      return;
    }
    if (exclude_.matches(rel)) return;
    if (known_regular) {
      if (seen_.insert(rel).second) out_.files.push_back({p.string(), rel, kind});
      return;
    }
    std::error_code ec;
    if (fs::is_symlink(fs::symlink_status(p, ec))) {
      fs::path target = fs::weakly_canonical(p, ec);
      if (ec || !fs::exists(target, ec)) {
        out_.skipped.push_back({rel, "broken symbolic link"});
        return;
      }
      if (!under(target, real_root())) {
        out_.skipped.push_back({rel, "symbolic link to a file outside the scan root"});
        return;
      }
    }
    if (!fs::is_regular_file(fs::status(p, ec))) return;
    if (seen_.insert(rel).second) out_.files.push_back({p.string(), rel, kind});
  }

  GlobSet exclude_;
  Result& out_;
  fs::path root_;
  fs::path real_root_;
  std::set<std::string> visited_;
  std::set<std::string> seen_;
};

}  // namespace

std::string find_git_root(const std::string& path) {
  std::error_code ec;
  fs::path p = fs::absolute(path, ec).lexically_normal();
  if (!fs::is_directory(p, ec)) p = p.parent_path();
  for (fs::path cur = p; !cur.empty(); cur = cur.parent_path()) {
    if (fs::exists(cur / ".git", ec)) return cur.string();
    if (cur == cur.root_path()) break;
  }
  return {};
}

Result discover(const Options& options) {
  Result result;
  std::vector<std::string> paths = options.paths.empty() ? std::vector<std::string>{"."} : options.paths;
  std::error_code ec;
  fs::path root;
  if (!options.root.empty()) root = fs::absolute(options.root, ec).lexically_normal();
  else if (std::string g = find_git_root(paths.front()); !g.empty()) root = g;
  else root = fs::current_path(ec);
  std::string rs = root.string();
  while (rs.size() > 1 && rs.back() == '/') rs.pop_back();
  result.root = rs;
  Walker walker(options, result, fs::path(rs));
  for (const std::string& p : paths) walker.add_path(p);
  std::sort(result.files.begin(), result.files.end(),
            [](const Candidate& a, const Candidate& b) { return a.rel_path < b.rel_path; });
  return result;
}

}  // namespace drlint::discover
