// A fast syntax check of one top-level HCL block, without building a tree:
// the blocks the pre-scan skips are checked with it, and any block it does
// not accept is parsed by tree-sitter after all, so that a syntax error is
// still a DR900 at tree-sitter's line (scan/parse_plan.h).
//
// It follows the HCL native syntax (bodies, attributes, nested and one-line
// blocks, expressions with operators, conditionals, calls, splats, for
// expressions, templates and heredocs) and errs on the side of rejecting:
// a rejected valid block only costs a parse.
#pragma once

#include <string_view>

namespace drlint::load {

// `text` is a whole top-level block, from its type to its closing brace.
bool recognize_hcl_block(std::string_view text);

// `text` is one item of a body (an attribute or a nested block) on lines of
// its own: from its name to the end of its last line, without the newline.
bool recognize_hcl_body_item(std::string_view text);

}  // namespace drlint::load
