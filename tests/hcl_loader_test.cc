#include "analyzer/load/hcl_loader.h"

#include <catch2/catch.hpp>

using drlint::hcl::ExprKind;
using drlint::load::parse_hcl;

TEST_CASE("HCL blocks and attributes carry exact positions", "[hcl]") {
  const char* text =
      "# storage for Velero\n"
      "resource \"azurerm_storage_account\" \"velero\" {\n"
      "  name                     = \"stvelero${var.env}\"\n"
      "  account_replication_type = \"LRS\"\n"
      "\n"
      "  blob_properties {\n"
      "    delete_retention_policy {\n"
      "      days = 7\n"
      "    }\n"
      "  }\n"
      "}\n";
  auto r = parse_hcl(3, text);
  REQUIRE_FALSE(r.error);
  REQUIRE(r.file.body.blocks.size() == 1);
  const auto& b = r.file.body.blocks[0];
  CHECK(b.type == "resource");
  CHECK(b.labels == std::vector<std::string>{"azurerm_storage_account", "velero"});
  CHECK(b.loc.line == 2);
  CHECK(b.loc.end_line == 11);
  const auto* repl = b.body.attribute("account_replication_type");
  REQUIRE(repl);
  CHECK(repl->loc.line == 4);
  CHECK(repl->loc.column == 3);
  CHECK(repl->expr.kind == ExprKind::kString);
  CHECK(repl->expr.text == "LRS");
  CHECK(repl->expr.loc.column == 30);
  CHECK(repl->expr.loc.file == 3u);
  const auto* name = b.body.attribute("name");
  REQUIRE(name);
  REQUIRE(name->expr.kind == ExprKind::kTemplate);
  REQUIRE(name->expr.children.size() == 2);
  CHECK(name->expr.children[0].text == "stvelero");
  CHECK(name->expr.children[1].kind == ExprKind::kGetAttr);
  CHECK(name->expr.children[1].text == "env");
  const auto& days = b.body.blocks.at(0).body.blocks.at(0).body.attributes.at(0);
  CHECK(days.name == "days");
  CHECK(days.loc.line == 8);
  CHECK(days.expr.kind == ExprKind::kNumber);
}

TEST_CASE("HCL expressions keep their structure", "[hcl]") {
  const char* text =
      "x = var.enabled ? azurerm_resource_group.rg[0].location : \"westeurope\"\n"
      "y = [for k, v in local.m : upper(v) if k != \"a\"]\n"
      "z = { a = 1, \"b\" = 2 + 3 * 4 }\n"
      "w = local.list[*].name\n"
      "h = <<-EOT\n"
      "    line one\n"
      "      line two\n"
      "    EOT\n"
      "n = -1\n"
      "p = (1 + 2) * 3\n";
  auto r = parse_hcl(0, text);
  REQUIRE_FALSE(r.error);
  const auto& a = r.file.body.attributes;
  REQUIRE(a.size() == 7);
  CHECK(a[0].expr.kind == ExprKind::kConditional);
  CHECK(a[0].expr.children[1].kind == ExprKind::kGetAttr);
  CHECK(a[0].expr.children[1].children[0].kind == ExprKind::kIndex);
  CHECK(a[1].expr.kind == ExprKind::kFor);
  CHECK(a[1].expr.text == "k");
  CHECK(a[1].expr.text2 == "v");
  CHECK(a[1].expr.children.size() == 3);  // collection, value, condition
  CHECK(a[2].expr.kind == ExprKind::kObject);
  CHECK(a[2].expr.children[0].kind == ExprKind::kString);  // bare key is a name
  CHECK(a[2].expr.children[3].kind == ExprKind::kBinary);
  CHECK(a[2].expr.children[3].text == "+");
  CHECK(a[2].expr.children[3].children[1].text == "*");
  CHECK(a[3].expr.kind == ExprKind::kSplat);
  CHECK(a[4].expr.kind == ExprKind::kString);
  CHECK(a[4].expr.text == "line one\n  line two\n");
  CHECK(a[5].expr.kind == ExprKind::kUnary);
  CHECK(a[6].expr.kind == ExprKind::kBinary);
  CHECK(a[6].expr.children[0].kind == ExprKind::kParens);
}

TEST_CASE("an HCL syntax error is reported at the failing line", "[hcl]") {
  const char* text =
      "resource \"a\" \"b\" {\n"
      "  name = \"x\"\n"
      "  tags = {\n"
      "    a = = 1\n"
      "  }\n"
      "}\n";
  auto r = parse_hcl(0, text);
  REQUIRE(r.error);
  CHECK(r.error->loc.line == 4);
  CHECK(r.error->message.find("syntax error") == 0);
}

TEST_CASE("an unclosed HCL block is an error, not a crash", "[hcl][hostile]") {
  auto r = parse_hcl(0, "resource \"a\" \"b\" {\n  name = \"x\"\n");
  REQUIRE(r.error);
  auto r2 = parse_hcl(0, "x = <<EOT\nno end\n");
  REQUIRE(r2.error);
}

TEST_CASE("deeply nested HCL is refused within the depth limit", "[hcl][hostile]") {
  std::string text = "x = " + std::string(20000, '[') + std::string(20000, ']') + "\n";
  auto r = parse_hcl(0, text);
  REQUIRE(r.error);
}

TEST_CASE("template literals keep the white space around interpolations", "[hcl]") {
  auto r = parse_hcl(0, "a = \"x ${b} y\"\nc = \"  lead\"\nd = \"p ${~ q ~} r\"\ne = \"%{ if f }yes %{ else } no%{ endif }\"\n");
  REQUIRE_FALSE(r.error);
  const auto& a = r.file.body.attributes;
  REQUIRE(a[0].expr.children.size() == 3);
  CHECK(a[0].expr.children[0].text == "x ");
  CHECK(a[0].expr.children[2].text == " y");
  CHECK(a[1].expr.kind == ExprKind::kString);
  CHECK(a[1].expr.text == "  lead");
  REQUIRE(a[2].expr.children.size() == 3);
  CHECK(a[2].expr.children[0].text == "p");
  CHECK(a[2].expr.children[2].text == "r");
  REQUIRE(a[3].expr.children.size() == 1);
  const auto& dir = a[3].expr.children[0];
  CHECK(dir.kind == ExprKind::kTemplateIf);
  REQUIRE(dir.children.size() == 3);
  CHECK(dir.children[1].children.at(0).text == "yes ");
  CHECK(dir.children[2].children.at(0).text == " no");
}
