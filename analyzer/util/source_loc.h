// Where a thing came from: a file of the scan plus a 1-based line/column
// range. Columns count bytes; reporters convert them for their audience
// (SARIF wants UTF-16 code units).
#pragma once

#include <cstdint>

namespace drlint {

// Index into the scan's SourceTable (analyzer/load/source_table.h).
using FileId = std::uint32_t;
inline constexpr FileId kNoFile = 0xffffffffu;

struct SourceLoc {
  FileId file = kNoFile;
  std::uint32_t line = 0;        // 1-based; 0 means "no location"
  std::uint32_t column = 0;      // 1-based byte column
  std::uint32_t end_line = 0;    // inclusive line of the last character
  std::uint32_t end_column = 0;  // 1-based byte column after the last character

  bool valid() const { return file != kNoFile && line > 0; }
};

}  // namespace drlint
