// Parses text that is an HCL template or expression outside of a .tf file:
// templatefile() bodies, the "${...}" strings of .tf.json, --var values.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "analyzer/load/hcl_ast.h"

namespace drlint::eval {

// `text` as a template (literal text with ${} interpolations and %{}
// directives, no backslash escapes). Every location in the result is `loc`
// (the place the text was written). nullopt + *error on a syntax error.
std::optional<hcl::Expr> parse_template(std::string_view text, const SourceLoc& loc, std::string* error);

// `text` as one HCL expression; locations as for parse_template.
std::optional<hcl::Expr> parse_expression(std::string_view text, const SourceLoc& loc, std::string* error);

// True if the expression is made only of literals, tuples and objects.
bool is_literal_expr(const hcl::Expr& e);

}  // namespace drlint::eval
