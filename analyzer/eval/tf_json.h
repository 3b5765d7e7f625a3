// Converts a Terraform JSON configuration file (.tf.json, already loaded as a
// Value with locations) into the same hcl::File shape as a native .tf file,
// following Terraform's JSON syntax: strings are templates ("${var.x}"),
// variable defaults are literal, nested blocks are JSON objects (or arrays of
// objects). Without provider schemas an object-valued argument is taken as a
// nested block, except well-known map arguments (tags, labels, annotations,
// *_tags, *_labels, app_settings, parameters, settings). Every expression's
// location is the JSON value's location.
#pragma once

#include <string>
#include <vector>

#include "analyzer/load/hcl_ast.h"
#include "analyzer/load/parse_error.h"
#include "analyzer/value/value.h"

namespace drlint::eval {

hcl::File tf_json_to_hcl(const Value& root, FileId file, std::vector<load::ParseError>* diagnostics);

}  // namespace drlint::eval
