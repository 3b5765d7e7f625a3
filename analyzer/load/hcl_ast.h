// The syntax of an HCL file (Terraform, tfvars), converted from tree-sitter's
// concrete tree into plain structs so later stages never see a TSNode.
// Expressions keep their shape; evaluation (analyzer/eval) gives them values.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "analyzer/util/source_loc.h"

namespace drlint::hcl {

enum class ExprKind : std::uint8_t {
  kNull,
  kBool,         // text: "true" / "false"
  kNumber,       // text: the literal's spelling
  kString,       // text: decoded content (also literal template parts)
  kTemplate,     // children: parts (kString literals and expressions)
  kVariable,     // text: root name (var, local, module, azurerm_x, each, ...)
  kGetAttr,      // children[0]: object; text: attribute name
  kIndex,        // children[0]: collection; children[1]: key
  kSplat,        // children[0]: source; children[1]: per-item expression over kSplatItem
  kSplatItem,    // the current element inside a splat
  kCall,         // text: function name; children: arguments; expand_final
  kConditional,  // children: condition, true result, false result
  kBinary,       // text: operator; children: lhs, rhs
  kUnary,        // text: operator; children: operand
  kTuple,        // children: items
  kObject,       // children: key0, value0, key1, value1, ...
  kFor,          // see ForParts below
  kTemplateIf,   // children: condition, then-template, [else-template]
  kTemplateFor,  // text: key var, text2: value var; children: collection, body
  kParens,       // children[0]: the expression in parentheses
};

struct Expr {
  ExprKind kind = ExprKind::kNull;
  bool expand_final = false;  // kCall: f(args...); kFor: grouping mode (...)
  bool object_for = false;    // kFor: {for ...} instead of [for ...]
  std::string text;
  std::string text2;
  std::vector<Expr> children;
  SourceLoc loc;
};

// kFor layout: text = key variable ("" when only one variable), text2 = value
// variable; children = {collection, key_result (object_for only), value_result,
// condition (optional: present when children.size() is 3 for tuples, 4 for objects)}.

struct Attribute {
  std::string name;
  Expr expr;
  SourceLoc loc;       // the whole "name = expr"
  SourceLoc name_loc;
};

struct Block;

struct Body {
  std::vector<Attribute> attributes;
  std::vector<Block> blocks;
  const Attribute* attribute(std::string_view name) const;
};

struct Block {
  std::string type;
  std::vector<std::string> labels;
  Body body;
  SourceLoc loc;  // from the type to the closing brace
};

struct File {
  FileId file = kNoFile;
  Body body;
};

}  // namespace drlint::hcl
