// The files of one scan: repository-relative path, kind, content.
// FileIds index this table; it outlives every stage that holds a SourceLoc.
#pragma once

#include <atomic>
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
  std::string content;   // whole file, read once; "" once released (release_content)
  bool reopenable = false;  // read at the table's root + "/" + path (set_root)
};

// Thread-safe for add(); lookups are safe once loading has finished and for
// files already added (a deque never moves its elements). Line lookups build
// a file's line index on first use, safely from several threads at once.
class SourceTable {
 public:
  SourceTable() = default;
  SourceTable(const SourceTable&) = delete;  // FileIds are only valid here
  SourceTable& operator=(const SourceTable&) = delete;

  FileId add(SourceFile file);
  const SourceFile& get(FileId id) const { return files_[id]; }
  // Sets a file's content. Safe on distinct files from several threads, and
  // not while another thread looks up lines of the same file.
  void set_content(FileId id, std::string content);
  std::size_t size() const { return files_.size(); }
  const std::string& path(FileId id) const;
  // The text of a 1-based line without its line terminator ("" if absent).
  std::string_view line_text(FileId id, std::uint32_t line) const;
  // Number of lines; a final newline does not start another (empty file: 1).
  std::uint32_t line_count(FileId id) const;
  // Finds a file by repository-relative path; kNoFile if not present.
  FileId find(std::string_view path) const;

  // Releasing content. A scan holds every file's text from the read to the
  // report only for the lines that findings quote, and most files have
  // none: a file whose loaded documents are all linked gives its content
  // back (`content` becomes ""), and its lines are read again from disk
  // when asked for. Only files read at root + "/" + path (`reopenable`) are
  // released. A line read again is kept for the rest of the scan; a file
  // that changed since the scan read it (its size or hash differ) has no
  // line text. Call release_content() before any thread looks up lines of
  // the file; lookups afterwards are safe from several threads.
  void set_root(std::string root) { root_ = std::move(root); }
  void release_content(FileId id);
  bool released(FileId id) const { return id < released_.size() && released_[id].lines != 0; }

 private:
  using LineStarts = std::vector<std::uint32_t>;  // byte offset of each line
  // A file's line index, built on the first line lookup into the file: the
  // reports, rules and suppressions of a large scan ask for few of its files,
  // and an index for every file would cost 4 bytes a line for the whole scan.
  const LineStarts& line_starts(FileId id) const;
  std::string_view released_line(FileId id, std::uint32_t line) const;

  // What is kept of a released file: enough to tell whether the file read
  // again is the one scanned, and its line count (lines == 0: not released).
  struct Released {
    std::uint64_t hash = 0;
    std::uint32_t size = 0;
    std::uint32_t lines = 0;  // line_count()
  };

  std::deque<SourceFile> files_;
  std::unordered_map<std::string_view, FileId> by_path_;  // views of files_[i].path
  mutable std::mutex mutex_;  // add(), and building a line index
  // Per file, its line index once built (null before): read without the
  // lock, set under it. The indexes live in built_lines_.
  mutable std::deque<std::atomic<const LineStarts*>> lines_;
  mutable std::deque<LineStarts> built_lines_;

  std::string root_;
  std::deque<Released> released_;  // per file
  // Under mutex_: the released files last read again, and the lines asked
  // of released files, by (file << 32 | line); a node map never moves its
  // strings, so views of them stay valid.
  struct Reread {
    FileId id = kNoFile;
    std::string content;
    LineStarts starts;
  };
  static constexpr std::size_t kRereadFiles = 8;
  mutable std::deque<Reread> reread_;
  mutable std::unordered_map<std::uint64_t, std::string> reread_lines_;
};

FileKind classify_path(std::string_view path);

}  // namespace drlint::load
