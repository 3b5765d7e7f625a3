// File discovery: which files of the scanned paths drlint reads.
// Scans *.tf, *.tf.json, *.tfvars, *.tfvars.json, *.yaml, *.yml; skips .git/,
// .terraform/, node_modules/ and the `exclude` globs. Symbolic links are
// followed only when they resolve inside the scan root.
#pragma once

#include <string>
#include <vector>

#include "analyzer/load/source_table.h"

namespace drlint::discover {

struct Options {
  std::vector<std::string> paths;    // files or directories; default "."
  std::string root;                  // "" = git work tree of the first path, else cwd
  std::vector<std::string> exclude;  // globs on repository-relative paths
};

struct Candidate {
  std::string abs_path;
  std::string rel_path;  // repository-relative, '/'-separated
  load::FileKind kind;
};

struct Skipped {
  std::string path;
  std::string reason;  // "symlink outside the scan root", "unreadable"...
};

struct Result {
  std::string root;  // absolute
  std::vector<Candidate> files;  // sorted by rel_path, unique
  std::vector<Skipped> skipped;
  std::vector<std::string> errors;  // a scanned path that does not exist
};

Result discover(const Options& options);

// The top of the git work tree holding `path`, or "" when there is none.
std::string find_git_root(const std::string& path);

}  // namespace drlint::discover
