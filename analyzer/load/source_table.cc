#include "analyzer/load/source_table.h"

#include <algorithm>
#include <cstring>

#include "analyzer/util/hash.h"
#include "analyzer/util/read_file.h"

namespace drlint::load {

namespace {
bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}
const std::string kEmpty;

std::vector<std::uint32_t> index_lines(const std::string& content) {
  std::vector<std::uint32_t> starts;
  starts.reserve(1 + static_cast<std::size_t>(std::count(content.begin(), content.end(), '\n')));
  starts.push_back(0);
  const char* begin = content.data();
  const char* end = begin + content.size();
  for (const char* p = begin; (p = static_cast<const char*>(std::memchr(p, '\n', end - p))) != nullptr;)
    starts.push_back(static_cast<std::uint32_t>(++p - begin));
  return starts;
}

// The text of a 1-based line of `content` indexed by `starts`, without its
// line terminator ("" if absent).
std::string_view line_of(const std::string& content, const std::vector<std::uint32_t>& starts, std::uint32_t line) {
  if (line == 0 || line > starts.size()) return {};
  std::size_t begin = std::min<std::size_t>(starts[line - 1], content.size());
  std::size_t end = line < starts.size() ? starts[line] - 1 : content.size();  // the '\n', or the end
  std::string_view out = std::string_view(content).substr(begin, std::max(end, begin) - begin);
  if (!out.empty() && out.back() == '\r') out.remove_suffix(1);
  return out;
}

std::uint32_t count_lines(const std::string& content, std::size_t starts) {
  if (content.empty()) return 1;
  auto n = static_cast<std::uint32_t>(starts);
  return content.back() == '\n' ? n - 1 : n;
}

std::uint64_t content_hash(std::string_view content) { return hash_bytes(content).lo; }

}  // namespace

FileId SourceTable::add(SourceFile file) {
  std::lock_guard<std::mutex> lock(mutex_);
  FileId id = static_cast<FileId>(files_.size());
  file.id = id;
  files_.push_back(std::move(file));
  lines_.emplace_back(nullptr);
  released_.emplace_back();
  by_path_.emplace(files_.back().path, id);  // the first of a path wins, as the scan did
  return id;
}

const std::string& SourceTable::path(FileId id) const {
  if (id == kNoFile || id >= files_.size()) return kEmpty;
  return files_[id].path;
}

void SourceTable::set_content(FileId id, std::string content) {
  files_[id].content = std::move(content);
  // The next lookup indexes the new content. (An index of the old one stays
  // in built_lines_: a scan sets content before it looks up any line.)
  lines_[id].store(nullptr, std::memory_order_release);
}

const SourceTable::LineStarts& SourceTable::line_starts(FileId id) const {
  if (const LineStarts* built = lines_[id].load(std::memory_order_acquire)) return *built;
  std::lock_guard<std::mutex> lock(mutex_);
  const LineStarts* built = lines_[id].load(std::memory_order_relaxed);
  if (!built) {  // not built by another thread meanwhile
    built = &built_lines_.emplace_back(index_lines(files_[id].content));
    lines_[id].store(built, std::memory_order_release);
  }
  return *built;
}

std::string_view SourceTable::line_text(FileId id, std::uint32_t line) const {
  if (id == kNoFile || id >= files_.size() || line == 0) return {};
  if (released(id)) return released_line(id, line);
  return line_of(files_[id].content, line_starts(id), line);
}

std::uint32_t SourceTable::line_count(FileId id) const {
  if (id == kNoFile || id >= files_.size()) return 1;
  if (released(id)) return released_[id].lines;
  if (files_[id].content.empty()) return 1;
  return count_lines(files_[id].content, line_starts(id).size());
}

void SourceTable::release_content(FileId id) {
  if (id == kNoFile || id >= files_.size() || released(id)) return;
  SourceFile& f = files_[id];
  if (!f.reopenable || root_.empty() || f.content.empty() || f.content.size() > UINT32_MAX) return;
  Released& r = released_[id];
  r.hash = content_hash(f.content);
  r.size = static_cast<std::uint32_t>(f.content.size());
  r.lines = count_lines(f.content, 1 + static_cast<std::size_t>(std::count(f.content.begin(), f.content.end(), '\n')));
  std::string().swap(f.content);
}

std::string_view SourceTable::released_line(FileId id, std::uint32_t line) const {
  const Released& r = released_[id];
  if (line > r.lines) return {};
  std::lock_guard<std::mutex> lock(mutex_);
  const std::uint64_t key = (static_cast<std::uint64_t>(id) << 32) | line;
  if (auto it = reread_lines_.find(key); it != reread_lines_.end()) return it->second;
  auto cached = std::find_if(reread_.begin(), reread_.end(), [&](const Reread& f) { return f.id == id; });
  if (cached == reread_.end()) {
    // Findings come in file order, each with a few related locations in
    // other files: the last few files read stay, so each is read about once.
    if (reread_.size() == kRereadFiles) reread_.pop_front();
    Reread& f = reread_.emplace_back();
    f.id = id;
    std::string err;
    if (!read_file(root_ + "/" + files_[id].path, r.size, &f.content, &err) || f.content.size() != r.size ||
        content_hash(f.content) != r.hash)
      f.content.clear();  // unreadable, or changed since the scan read it
    f.starts = index_lines(f.content);
    cached = reread_.end() - 1;
  }
  return reread_lines_.emplace(key, std::string(line_of(cached->content, cached->starts, line))).first->second;
}

FileId SourceTable::find(std::string_view path) const {
  auto it = by_path_.find(path);
  return it == by_path_.end() ? kNoFile : it->second;
}

FileKind classify_path(std::string_view path) {
  if (ends_with(path, ".tf")) return FileKind::kTerraform;
  if (ends_with(path, ".tf.json")) return FileKind::kTerraformJson;
  if (ends_with(path, ".tfvars")) return FileKind::kTfvars;
  if (ends_with(path, ".tfvars.json")) return FileKind::kTfvarsJson;
  if (ends_with(path, ".yaml") || ends_with(path, ".yml")) return FileKind::kYaml;
  return FileKind::kOther;
}

}  // namespace drlint::load
