// A cheap lexical pass over a Terraform file before tree-sitter parses it:
// the top-level blocks (type, labels, byte range) and the references each
// block makes (`azurerm_x.y`, `data.azurerm_x.y`). The scan uses it to
// parse only the blocks that an evaluation or a rule can need
// (docs/performance.md, "Pre-scan"); everything else in the file is only
// checked lexically.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace drlint::load {

// One item of a block's body (an attribute or a nested block), from its
// name to the end of its last line (a trailing comment included, the
// newline not).
struct PrescanItem {
  std::string_view name;
  std::uint32_t begin = 0;
  std::uint32_t end = 0;
};

struct PrescanBlock {
  std::string_view type;                 // "resource", "data", "variable", "locals", ...
  std::vector<std::string_view> labels;  // without quotes
  std::uint32_t begin = 0;               // byte offset of the block type
  std::uint32_t end = 0;                 // byte offset just after the closing brace
  // Traversal prefixes in the block: "T.N" (two segments), or
  // "data.T.N" (three); the block's own header is not a reference.
  std::vector<std::string_view> refs;
  // Calls file(), templatefile(), fileexists(), ...: evaluating it reads
  // files (and reports reads outside the scan root).
  bool reads_files = false;
  // variable and output blocks: the items of the body that start a line of
  // their own and end at a newline (those that share a line with the
  // braces or another item are not listed). The parse plan leaves out what
  // the evaluator never reads.
  std::vector<PrescanItem> items;
};

struct Prescan {
  // False when the text is not a plain sequence of blocks with balanced
  // brackets, closed strings, heredocs and comments: parse it all.
  bool ok = false;
  std::vector<PrescanBlock> blocks;
};

Prescan prescan_hcl(std::string_view text);

// The reference key of a block: "T.N" for resource "T" "N", "data.T.N"
// for data "T" "N", "var.N" for variable "N", "" for other blocks.
std::string reference_key(const PrescanBlock& block);

}  // namespace drlint::load
