// Parses HCL native syntax (Terraform .tf, .tfvars) with tree-sitter into
// hcl::File. Syntax errors are reported at the first ERROR or MISSING node.
#pragma once

#include <optional>
#include <string_view>

#include "analyzer/load/hcl_ast.h"
#include "analyzer/load/parse_error.h"

namespace drlint::load {

struct HclResult {
  hcl::File file;
  std::optional<ParseError> error;  // set: the file is unusable
};

HclResult parse_hcl(FileId id, std::string_view content, const LoadLimits& limits = {});

}  // namespace drlint::load
