// Which parts of each Terraform file the scan parses. A module directory's
// resource and data blocks are parsed when the graph reads their type
// (link::reads_resource_type), when a parsed block of the same directory
// references them (transitively), or when the evaluator would report on
// them (a duplicate address, a file() call); its variable blocks when a
// parsed block reads them (`var.NAME`) or they are declared twice; every
// other block (locals, output, module, terraform, provider, moved, ...)
// always. Of a parsed variable only its default and type, of an output
// only its value (when they stand on lines of their own). The rest is
// checked by the pre-scan's lexer and the recognizer only
// (docs/performance.md, "Pre-scan").
#pragma once

#include <cstddef>
#include <optional>
#include <vector>

#include "analyzer/load/hcl_loader.h"
#include "analyzer/load/hcl_prescan.h"
#include "analyzer/load/source_table.h"

namespace drlint::scan {

struct ParsePlan {
  bool whole = true;                    // parse the whole file
  std::vector<load::ByteRange> ranges;  // else only these
  std::size_t blocks = 0;           // top-level blocks in the file
  std::size_t skipped_blocks = 0;   // of which not parsed
  std::size_t rejected_blocks = 0;  // not needed, but parsed: the recognizer did not accept them
  std::size_t skipped_items = 0;    // items of parsed variable/output bodies not parsed (descriptions, ...)
};

// `prescans` is indexed by FileId: set for the .tf files that were
// pre-scanned. A directory with a .tf.json file or a .tf file the lexer
// could not follow is parsed whole.
std::vector<ParsePlan> plan_terraform_parse(const load::SourceTable& sources,
                                            const std::vector<std::optional<load::Prescan>>& prescans);

}  // namespace drlint::scan
