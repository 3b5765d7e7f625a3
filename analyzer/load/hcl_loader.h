// Parses HCL native syntax (Terraform .tf, .tfvars) with tree-sitter into
// hcl::File. Syntax errors are reported at the first ERROR or MISSING node.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "analyzer/load/hcl_ast.h"
#include "analyzer/load/parse_error.h"

namespace drlint::load {

struct HclResult {
  hcl::File file;
  std::optional<ParseError> error;  // set: the file is unusable
};

HclResult parse_hcl(FileId id, std::string_view content, const LoadLimits& limits = {});

// Byte range [begin, end) of a file.
struct ByteRange {
  std::uint32_t begin = 0;
  std::uint32_t end = 0;
};

// Parses only `ranges` of `content` (sorted, disjoint; what the pre-scan
// kept), as if the rest were not there; locations are those of the whole
// file. No ranges: an empty file, without parsing.
HclResult parse_hcl_ranges(FileId id, std::string_view content, const std::vector<ByteRange>& ranges,
                           const LoadLimits& limits = {});

}  // namespace drlint::load
