// The files of one scan: repository-relative path, kind, content.
// FileIds index this table; it outlives every stage that holds a SourceLoc.
#pragma once

#include <deque>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "analyzer/util/source_loc.h"

namespace drlint::load {

enum class FileKind { kTerraform, kTerraformJson, kTfvars, kTfvarsJson, kYaml, kOther };

struct SourceFile {
  FileId id = kNoFile;
  std::string path;      // repository-relative, '/'-separated
  FileKind kind = FileKind::kOther;
  std::string content;   // whole file, read once
  std::vector<std::uint32_t> line_starts;  // byte offset of each line (SourceTable keeps it)
};

// Thread-safe for add(); lookups are safe once loading has finished and for
// files already added (a deque never moves its elements).
class SourceTable {
 public:
  SourceTable() = default;
  SourceTable(const SourceTable&) = delete;  // FileIds are only valid here
  SourceTable& operator=(const SourceTable&) = delete;

  FileId add(SourceFile file);
  const SourceFile& get(FileId id) const { return files_[id]; }
  // Sets a file's content (and its line index). Safe on distinct files from
  // several threads.
  void set_content(FileId id, std::string content);
  std::size_t size() const { return files_.size(); }
  const std::string& path(FileId id) const;
  // The text of a 1-based line without its line terminator ("" if absent).
  std::string_view line_text(FileId id, std::uint32_t line) const;
  // Number of lines; a final newline does not start another (empty file: 1).
  std::uint32_t line_count(FileId id) const;
  // Finds a file by repository-relative path; kNoFile if not present.
  FileId find(std::string_view path) const;

 private:
  std::deque<SourceFile> files_;
  std::unordered_map<std::string_view, FileId> by_path_;  // views of files_[i].path
  mutable std::mutex mutex_;
};

FileKind classify_path(std::string_view path);

}  // namespace drlint::load
