#include "analyzer/scan/parse_plan.h"

#include <map>
#include <string>
#include <unordered_map>
#include <unordered_set>

#include "analyzer/link/link.h"
#include "analyzer/load/hcl_recognize.h"

namespace drlint::scan {
namespace {

std::string_view dir_of(std::string_view path) {
  std::size_t slash = path.rfind('/');
  return slash == std::string_view::npos ? std::string_view() : path.substr(0, slash);
}

bool always_parsed(const load::PrescanBlock& b) {
  if (b.type != "resource" && b.type != "data") return true;
  return b.labels.size() < 2 || link::reads_resource_type(b.labels[0]);
}

// Decides the blocks of one directory's .tf files.
void plan_directory(const load::SourceTable& sources, const std::vector<FileId>& files,
                    const std::vector<std::optional<load::Prescan>>& prescans, std::vector<ParsePlan>& plans) {
  std::vector<std::vector<bool>> keep(files.size());
  std::unordered_map<std::string, std::vector<std::pair<std::size_t, std::size_t>>> by_key;
  std::vector<std::string_view> todo;
  for (std::size_t f = 0; f < files.size(); ++f) {
    const std::vector<load::PrescanBlock>& blocks = prescans[files[f]]->blocks;
    keep[f].assign(blocks.size(), false);
    for (std::size_t k = 0; k < blocks.size(); ++k) {
      if (always_parsed(blocks[k])) {
        keep[f][k] = true;
        todo.insert(todo.end(), blocks[k].refs.begin(), blocks[k].refs.end());
      } else {
        by_key[load::reference_key(blocks[k])].emplace_back(f, k);
      }
    }
  }
  // Blocks the evaluator reports on: duplicates, and blocks that read files.
  for (const auto& [key, places] : by_key)
    for (auto [f, k] : places)
      if (places.size() > 1 || prescans[files[f]]->blocks[k].reads_files) {
        keep[f][k] = true;
        const load::PrescanBlock& b = prescans[files[f]]->blocks[k];
        todo.insert(todo.end(), b.refs.begin(), b.refs.end());
      }
  std::unordered_set<std::string_view> seen;
  while (!todo.empty()) {
    std::string_view ref = todo.back();
    todo.pop_back();
    if (!seen.insert(ref).second) continue;
    auto it = by_key.find(std::string(ref));
    if (it == by_key.end()) continue;
    for (auto [f, k] : it->second) {
      if (keep[f][k]) continue;
      keep[f][k] = true;
      const load::PrescanBlock& b = prescans[files[f]]->blocks[k];
      todo.insert(todo.end(), b.refs.begin(), b.refs.end());
    }
  }
  for (std::size_t f = 0; f < files.size(); ++f) {
    const std::vector<load::PrescanBlock>& blocks = prescans[files[f]]->blocks;
    // A block left out must be valid HCL: what the recognizer does not
    // accept is parsed, so tree-sitter reports the syntax error (DR900).
    std::string_view text = sources.get(files[f]).content;
    ParsePlan plan;
    plan.blocks = blocks.size();
    for (std::size_t k = 0; k < blocks.size(); ++k)
      if (!keep[f][k] && !load::recognize_hcl_block(text.substr(blocks[k].begin, blocks[k].end - blocks[k].begin))) {
        keep[f][k] = true;
        ++plan.rejected_blocks;
      }
    std::uint32_t from = 0;
    for (std::size_t k = 0; k < blocks.size(); ++k) {
      if (keep[f][k]) continue;
      ++plan.skipped_blocks;
      if (blocks[k].begin > from) plan.ranges.push_back(load::ByteRange{from, blocks[k].begin});
      from = blocks[k].end;
    }
    if (plan.skipped_blocks == 0) {
      plans[files[f]] = std::move(plan);  // whole
      continue;
    }
    plan.whole = false;
    // The rest of the file after the last skipped block.
    auto size = static_cast<std::uint32_t>(sources.get(files[f]).content.size());
    if (size > from) plan.ranges.push_back(load::ByteRange{from, size});
    plans[files[f]] = std::move(plan);
  }
}

}  // namespace

std::vector<ParsePlan> plan_terraform_parse(const load::SourceTable& sources,
                                            const std::vector<std::optional<load::Prescan>>& prescans) {
  std::vector<ParsePlan> plans(sources.size());
  std::map<std::string_view, std::vector<FileId>> dirs;
  std::unordered_set<std::string_view> whole_dirs;
  for (std::size_t i = 0; i < sources.size(); ++i) {
    FileId id = static_cast<FileId>(i);
    const load::SourceFile& f = sources.get(id);
    std::string_view dir = dir_of(f.path);
    if (f.kind == load::FileKind::kTerraformJson) whole_dirs.insert(dir);
    if (f.kind != load::FileKind::kTerraform) continue;
    if (i >= prescans.size() || !prescans[i] || !prescans[i]->ok) whole_dirs.insert(dir);
    dirs[dir].push_back(id);
  }
  for (const auto& [dir, files] : dirs)
    if (!whole_dirs.count(dir)) plan_directory(sources, files, prescans, plans);
  return plans;
}

}  // namespace drlint::scan
