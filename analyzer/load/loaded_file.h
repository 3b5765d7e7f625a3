// One scanned file after loading: its syntax, ready for evaluation.
#pragma once

#include <optional>
#include <vector>

#include "analyzer/load/hcl_ast.h"
#include "analyzer/load/parse_error.h"
#include "analyzer/load/source_table.h"
#include "analyzer/load/yaml_loader.h"

namespace drlint::load {

struct LoadedFile {
  FileId id = kNoFile;
  FileKind kind = FileKind::kOther;
  std::vector<YamlDocument> yaml;  // YAML documents; JSON files (.tf.json, .tfvars.json) as one document
  std::optional<hcl::File> hcl;    // .tf and .tfvars
  bool helm_template = false;      // a chart template ("{{" under templates/): not parsed
  std::optional<ParseError> error; // set: reported as DR900; yaml may hold the documents before the error
};

}  // namespace drlint::load
