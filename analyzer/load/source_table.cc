#include "analyzer/load/source_table.h"

namespace drlint::load {

namespace {
bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}
const std::string kEmpty;
}  // namespace

FileId SourceTable::add(SourceFile file) {
  std::lock_guard<std::mutex> lock(mutex_);
  FileId id = static_cast<FileId>(files_.size());
  file.id = id;
  files_.push_back(std::move(file));
  by_path_.emplace(files_.back().path, id);  // the first of a path wins, as the scan did
  return id;
}

const std::string& SourceTable::path(FileId id) const {
  if (id == kNoFile || id >= files_.size()) return kEmpty;
  return files_[id].path;
}

std::string_view SourceTable::line_text(FileId id, std::uint32_t line) const {
  if (id == kNoFile || id >= files_.size() || line == 0) return {};
  std::string_view text = files_[id].content;
  std::size_t pos = 0;
  for (std::uint32_t n = 1; n < line; ++n) {
    std::size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) return {};
    pos = nl + 1;
  }
  std::size_t end = text.find('\n', pos);
  std::string_view out = text.substr(pos, end == std::string_view::npos ? std::string_view::npos : end - pos);
  if (!out.empty() && out.back() == '\r') out.remove_suffix(1);
  return out;
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
