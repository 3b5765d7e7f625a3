// Reads the files named by file(), templatefile() and fileexists(): resolves
// the path against the module directory (then the root module directory, then
// the scan root, since path.module is repository-relative), refuses anything
// that leaves the scan root (symlinks included), and prefers the scanned copy
// in the SourceTable so that locations point into an already-loaded file.
#pragma once

#include <string>

#include "analyzer/eval/eval_context.h"

namespace drlint::eval {

struct FileContent {
  enum class Status { kOk, kMissing, kRefused, kTooBig };
  Status status = Status::kMissing;
  std::string content;
  FileId file = kNoFile;  // set when the file is in the SourceTable
  std::string rel_path;   // repository-relative path when found
};

FileContent read_module_file(EvalState& state, const std::string& module_dir, const std::string& root_dir,
                             const std::string& path, bool exists_only);

}  // namespace drlint::eval
