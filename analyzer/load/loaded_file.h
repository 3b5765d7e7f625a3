// One scanned file after loading: its syntax, ready for evaluation.
#pragma once

#include <memory>
#include <optional>
#include <vector>

#include "analyzer/load/hcl_ast.h"
#include "analyzer/load/parse_error.h"
#include "analyzer/load/source_table.h"
#include "analyzer/load/yaml_loader.h"

namespace drlint::load {

// One per scanned file for the whole scan, and most files of a large scan are
// YAML without errors: the syntax tree and the error sit behind pointers,
// which keeps the record small (56 bytes, not 168 with both inline).
struct LoadedFile {
  FileId id = kNoFile;
  FileKind kind = FileKind::kOther;
  std::vector<YamlDocument> yaml;    // YAML documents; JSON files (.tf.json, .tfvars.json) as one document
  std::unique_ptr<hcl::File> hcl;    // .tf and .tfvars
  bool helm_template = false;        // a chart template ("{{" under templates/): not parsed
  std::unique_ptr<ParseError> error; // set: reported as DR900; yaml may hold the documents before the error

  // Sets (or, with nullopt, clears) the error.
  void set_error(std::optional<ParseError> e) {
    error = e ? std::make_unique<ParseError>(std::move(*e)) : nullptr;
  }
};

}  // namespace drlint::load
