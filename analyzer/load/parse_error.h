// A file that could not be loaded: where and why. Becomes a DR900 finding.
#pragma once

#include <string>

#include "analyzer/util/source_loc.h"

namespace drlint::load {

struct ParseError {
  SourceLoc loc;
  std::string message;
};

// Bounds that keep hostile input from exhausting time, memory or stack.
struct LoadLimits {
  std::size_t max_file_bytes = 64u << 20;      // larger files: DR900, not read
  unsigned max_nesting_depth = 512;             // YAML/HCL nesting levels
  std::size_t max_yaml_nodes = 2'000'000;       // after alias expansion
};

}  // namespace drlint::load
