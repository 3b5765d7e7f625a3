// Loads a YAML file (any number of documents) into Values with source
// locations. A syntax error ends the file at that document: the documents
// before it are kept, the error is reported (DR900) at its line and column.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "analyzer/load/parse_error.h"
#include "analyzer/value/value.h"

namespace drlint::load {

struct YamlDocument {
  Value root;  // null for an empty document
};

struct YamlResult {
  std::vector<YamlDocument> documents;
  std::optional<ParseError> error;
};

YamlResult parse_yaml(FileId id, std::string_view content, const LoadLimits& limits = {});

// True for Helm chart templates (a "{{" outside comments), which are not YAML
// until rendered and must not be parsed as such.
bool looks_like_helm_template(std::string_view content);

}  // namespace drlint::load
