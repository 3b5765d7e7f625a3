#include "analyzer/scan/parse_plan.h"

#include <map>
#include <string>
#include <unordered_map>
#include <unordered_set>

#include "analyzer/eval/module_set.h"
#include "analyzer/link/link.h"
#include "analyzer/load/hcl_recognize.h"

namespace drlint::scan {
namespace {

// What evaluation reads of a variable or output block's body
// (eval/module_instance.cc): a variable's default and type, an output's
// value. Their descriptions, validation blocks, sensitive and nullable
// flags, preconditions, ... are left out of the parse.
bool item_read(const load::PrescanBlock& b, std::string_view name) {
  if (b.type == "variable") return name == "default" || name == "type";
  if (b.type == "output") return name == "value";
  return true;
}

bool always_parsed(const load::PrescanBlock& b) {
  // A variable is only evaluated where `var.NAME` is read: parsed when a
  // kept block references it.
  if (b.type == "variable") return b.labels.size() != 1;
  if (b.type != "resource" && b.type != "data") return true;
  return b.labels.size() < 2 || link::reads_resource_type(b.labels[0]);
}

// Decides the blocks of one directory's .tf files.
void plan_directory(const load::SourceTable& sources, const std::vector<FileId>& files,
                    const std::vector<std::optional<load::Prescan>>& prescans, std::vector<ParsePlan>& plans) {
  std::vector<std::vector<bool>> keep(files.size());
  std::unordered_map<std::string, std::vector<std::pair<std::size_t, std::size_t>>> by_key;
  std::vector<std::string_view> todo;  // references of kept blocks, to resolve
  auto keep_block = [&](std::size_t f, std::size_t k) {
    if (keep[f][k]) return;
    keep[f][k] = true;
    const load::PrescanBlock& b = prescans[files[f]]->blocks[k];
    todo.insert(todo.end(), b.refs.begin(), b.refs.end());
  };
  for (std::size_t f = 0; f < files.size(); ++f) {
    const std::vector<load::PrescanBlock>& blocks = prescans[files[f]]->blocks;
    keep[f].assign(blocks.size(), false);
    for (std::size_t k = 0; k < blocks.size(); ++k) {
      if (always_parsed(blocks[k])) keep_block(f, k);
      else by_key[load::reference_key(blocks[k])].emplace_back(f, k);
    }
  }
  // Blocks the evaluator reports on: duplicates, and blocks that read files.
  for (const auto& [key, places] : by_key)
    for (auto [f, k] : places)
      if (places.size() > 1 || prescans[files[f]]->blocks[k].reads_files) keep_block(f, k);
  std::unordered_set<std::string_view> seen;
  while (!todo.empty()) {
    std::string_view ref = todo.back();
    todo.pop_back();
    if (!seen.insert(ref).second) continue;
    auto it = by_key.find(std::string(ref));
    if (it == by_key.end()) continue;
    for (auto [f, k] : it->second) keep_block(f, k);
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
    // What is not parsed: the blocks not kept, and the items of kept
    // variable and output bodies that evaluation does not read (each
    // checked like a skipped block), in file order.
    std::vector<load::ByteRange> holes;
    for (std::size_t k = 0; k < blocks.size(); ++k) {
      if (!keep[f][k]) {
        ++plan.skipped_blocks;
        holes.push_back(load::ByteRange{blocks[k].begin, blocks[k].end});
        continue;
      }
      for (const load::PrescanItem& item : blocks[k].items) {
        if (item_read(blocks[k], item.name)) continue;
        if (!load::recognize_hcl_body_item(text.substr(item.begin, item.end - item.begin))) continue;
        ++plan.skipped_items;
        holes.push_back(load::ByteRange{item.begin, item.end});
      }
    }
    if (holes.empty()) {
      plans[files[f]] = std::move(plan);  // whole
      continue;
    }
    plan.whole = false;
    std::uint32_t from = 0;
    for (const load::ByteRange& h : holes) {
      if (h.begin > from) plan.ranges.push_back(load::ByteRange{from, h.begin});
      from = h.end;
    }
    // The rest of the file after the last hole.
    auto size = static_cast<std::uint32_t>(text.size());
    if (size > from) plan.ranges.push_back(load::ByteRange{from, size});
    plans[files[f]] = std::move(plan);
  }
}

}  // namespace

std::vector<ParsePlan> plan_terraform_parse(const load::SourceTable& sources,
                                            const std::vector<std::optional<load::Prescan>>& prescans) {
  std::vector<ParsePlan> plans(sources.size());
  std::map<std::string, std::vector<FileId>> dirs;
  std::unordered_set<std::string> whole_dirs;
  for (std::size_t i = 0; i < sources.size(); ++i) {
    FileId id = static_cast<FileId>(i);
    const load::SourceFile& f = sources.get(id);
    // Grouped as the evaluator groups files into modules.
    std::string dir = eval::ModuleSet::dir_of(f.path);
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
