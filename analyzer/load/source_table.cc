#include "analyzer/load/source_table.h"

#include <algorithm>
#include <cstring>

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

}  // namespace

FileId SourceTable::add(SourceFile file) {
  std::lock_guard<std::mutex> lock(mutex_);
  FileId id = static_cast<FileId>(files_.size());
  file.id = id;
  files_.push_back(std::move(file));
  lines_.emplace_back(nullptr);
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
  const SourceFile& f = files_[id];
  const LineStarts& starts = line_starts(id);
  if (line > starts.size()) return {};
  std::size_t begin = starts[line - 1];
  std::size_t end = line < starts.size() ? starts[line] - 1 : f.content.size();  // the '\n', or the end
  std::string_view out = std::string_view(f.content).substr(begin, end - begin);
  if (!out.empty() && out.back() == '\r') out.remove_suffix(1);
  return out;
}

std::uint32_t SourceTable::line_count(FileId id) const {
  if (id == kNoFile || id >= files_.size() || files_[id].content.empty()) return 1;
  auto n = static_cast<std::uint32_t>(line_starts(id).size());
  return files_[id].content.back() == '\n' ? n - 1 : n;
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
