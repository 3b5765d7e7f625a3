// The pre-scan (load/hcl_prescan.h) and the parse plan (scan/parse_plan.h):
// the lexer's view of a file, which blocks are parsed, and the proof that
// skipping blocks changes no finding.
#include <algorithm>
#include <filesystem>
#include <iterator>
#include <sstream>

#include <catch2/catch.hpp>

#include "analyzer/load/hcl_ast.h"
#include "analyzer/load/hcl_loader.h"
#include "analyzer/load/hcl_prescan.h"
#include "analyzer/load/hcl_recognize.h"
#include "analyzer/scan/parse_plan.h"
#include "analyzer/scan/analyze.h"
#include "tests/test_support.h"

namespace fs = std::filesystem;
using namespace drlint;

namespace {

std::string refs_of(const load::PrescanBlock& b) {
  std::string out;
  for (std::string_view r : b.refs) out += std::string(out.empty() ? "" : " ") + std::string(r);
  return out;
}

// Every finding of a scan (tests/test_support.h).
std::string findings_of(const fs::path& dir, bool prescan, std::size_t* count = nullptr, unsigned jobs = 0) {
  scan::AnalyzeOptions o;
  o.scan.prescan = prescan;
  o.scan.jobs = jobs;
  scan::Analysis a = drlint::testing::analyze_dir(dir, o);
  if (count) *count = a.result->findings.size();
  return drlint::testing::findings_text(*a.result);
}

// Calls fn(path, text, prescan) for each .tf file of the corpus that the
// pre-scan's lexer follows; false (with a warning) without a corpus.
template <typename Fn>
bool for_each_corpus_prescan(const Fn& fn) {
  fs::path corpus = fs::path(DRLINT_SHARED_DIR) / "corpus";
  if (!fs::exists(corpus)) {
    WARN("shared/corpus not present; skipped");
    return false;
  }
  for (const auto& e : fs::recursive_directory_iterator(corpus)) {
    if (!e.is_regular_file() || e.path().extension() != ".tf") continue;
    std::string text = drlint::testing::read_file(e.path());
    load::Prescan p = load::prescan_hcl(text);
    if (p.ok) fn(e.path(), std::string_view(text), p);
  }
  return true;
}

// What tree-sitter is given of `text` under `plan`: its ranges, joined.
std::string planned_text(const std::string& text, const scan::ParsePlan& plan) {
  if (plan.whole) return text;
  std::string out;
  for (const load::ByteRange& r : plan.ranges) out += text.substr(r.begin, r.end - r.begin);
  return out;
}

// One .tf file alone in its module directory, pre-scanned and planned.
struct PlannedFile {
  load::SourceTable sources;
  FileId id = kNoFile;
  scan::ParsePlan plan;

  PlannedFile(const std::string& path, const std::string& text) {
    load::SourceFile f;
    f.path = path;
    f.kind = load::FileKind::kTerraform;
    f.content = text;
    id = sources.add(std::move(f));
    std::vector<std::optional<load::Prescan>> prescans(sources.size());
    prescans[id] = load::prescan_hcl(sources.get(id).content);
    plan = scan::plan_terraform_parse(sources, prescans)[id];
  }
  const std::string& text() const { return sources.get(id).content; }
};

// A differential check of the recognizer against tree-sitter: what it saw,
// what it accepted, and what it accepted that tree-sitter rejects.
struct RecognizerDifferential {
  std::size_t seen = 0, accepted = 0, false_accepts = 0;

  // `hcl`: what tree-sitter parses when the recognizer accepted the text
  // found in `path` at byte `at`.
  void add(const fs::path& path, std::uint32_t at, bool recognized, std::string_view hcl) {
    ++seen;
    if (!recognized) return;
    ++accepted;
    if (load::parse_hcl(0, hcl).error) {
      ++false_accepts;
      INFO(path.string() << " at byte " << at);
      CHECK_FALSE(load::parse_hcl(0, hcl).error);
    }
  }

  // Never accepts what tree-sitter rejects, and accepts at least 95% (a
  // rejected valid text only costs a parse, but should be rare).
  void verdict(const char* what, std::size_t min_seen) const {
    INFO(accepted << " of " << seen << " " << what << " accepted");
    CHECK(seen > min_seen);
    CHECK(false_accepts == 0);
    CHECK(accepted * 100 >= seen * 95);
  }
};

}  // namespace

TEST_CASE("prescan: top-level blocks, their ranges and references", "[prescan]") {
  std::string text =
      "# header comment\n"
      "resource \"azurerm_virtual_network\" \"vnet\" {\n"
      "  name     = \"vnet-${var.env}\"\n"
      "  location = azurerm_resource_group.main.location  # trailing } comment\n"
      "  tags = { a = \"}\" }\n"
      "}\n"
      "data \"azurerm_client_config\" \"current\" {}\n"
      "locals {\n"
      "  script = <<-EOT\n"
      "    echo ${data.azurerm_client_config.current.tenant_id} }\n"
      "  EOT\n"
      "  ids = [for s in azurerm_subnet.all : s.id]\n"
      "}\n";
  load::Prescan p = load::prescan_hcl(text);
  REQUIRE(p.ok);
  REQUIRE(p.blocks.size() == 3);
  CHECK(p.blocks[0].type == "resource");
  CHECK(load::reference_key(p.blocks[0]) == "azurerm_virtual_network.vnet");
  CHECK(refs_of(p.blocks[0]) == "var.env azurerm_resource_group.main");
  CHECK(text.substr(p.blocks[0].begin, 8) == "resource");
  CHECK(text[p.blocks[0].end - 1] == '}');
  CHECK(load::reference_key(p.blocks[1]) == "data.azurerm_client_config.current");
  CHECK(p.blocks[2].type == "locals");
  CHECK(refs_of(p.blocks[2]) == "data.azurerm_client_config.current azurerm_subnet.all s.id");
  CHECK(p.blocks[2].end == text.size() - 1);
}

TEST_CASE("prescan: anything it cannot follow means parse the whole file", "[prescan]") {
  for (const char* bad : {
           "resource \"a\" \"b\" {\n  x = 1\n",                 // unclosed block
           "resource \"a\" \"b\" {\n  x = \"unterminated\n}\n",  // string over a line end
           "resource \"a\" \"b\" {\n  x = <<EOT\nno end\n}\n",    // heredoc without its marker
           "resource \"a\" \"b\" {\n  x = [1, 2}\n}\n",          // mismatched brackets
           "x = 1\n",                                              // top-level attribute
           "../main.tf\n",                                         // a symlink checked out as text
           "/* never closed\n",
       }) {
    INFO(bad);
    CHECK_FALSE(load::prescan_hcl(bad).ok);
  }
  CHECK(load::prescan_hcl("").ok);
  CHECK(load::prescan_hcl("# only a comment\n").ok);
}

TEST_CASE("prescan: skipped blocks change no finding on the fixtures and the corpus", "[prescan][corpus]") {
  std::vector<fs::path> dirs = {fs::path(DRLINT_TESTDATA) / "rules", fs::path(DRLINT_TESTDATA) / "examples",
                                fs::path(DRLINT_TESTDATA) / "eval"};
  fs::path corpus = fs::path(DRLINT_SHARED_DIR) / "corpus";
  if (fs::exists(corpus)) dirs.push_back(corpus);
  for (const fs::path& dir : dirs) {
    INFO(dir.string());
    std::size_t count = 0;
    std::string with = findings_of(dir, true, &count);
    std::string without = findings_of(dir, false);
    CHECK(count > 0);
    // Only the lines that differ, to keep a failure readable.
    std::vector<std::string> only_with, only_without;
    {
      std::istringstream a(with), b(without);
      std::vector<std::string> la, lb;
      for (std::string l; std::getline(a, l);) la.push_back(l);
      for (std::string l; std::getline(b, l);) lb.push_back(l);
      std::sort(la.begin(), la.end());
      std::sort(lb.begin(), lb.end());
      std::set_difference(la.begin(), la.end(), lb.begin(), lb.end(), std::back_inserter(only_with));
      std::set_difference(lb.begin(), lb.end(), la.begin(), la.end(), std::back_inserter(only_without));
    }
    CHECK(only_with == std::vector<std::string>{});
    CHECK(only_without == std::vector<std::string>{});
    CHECK(with == without);  // and in the same order
  }
}

TEST_CASE("parse plan: blocks the graph reads, what they reference, and what the evaluator reports on", "[prescan]") {
  load::SourceTable sources;
  auto add = [&](const std::string& path, load::FileKind kind, const std::string& text) {
    load::SourceFile f;
    f.path = path;
    f.kind = kind;
    f.content = text;
    return sources.add(std::move(f));
  };
  FileId main = add("infra/main.tf", load::FileKind::kTerraform,
                    "resource \"azurerm_storage_account\" \"velero\" {\n"
                    "  location = azurerm_virtual_network.net.location\n"
                    "  name     = \"${var.prefix}velero\"\n"
                    "}\n"
                    "variable \"prefix\" { default = \"dr\" }\n"
                    "variable \"nsg_rules\" { description = \"only the unused NSG reads it\" }\n"
                    "resource \"azurerm_virtual_network\" \"net\" {\n"
                    "  location = azurerm_resource_group.rg.location\n"
                    "}\n"
                    "resource \"azurerm_network_security_group\" \"unused\" {\n"
                    "  location = \"westeurope\"\n"
                    "  rules    = var.nsg_rules\n"
                    "}\n"
                    "locals { subnet = azurerm_subnet.app.id }\n");
  FileId other = add("infra/network.tf", load::FileKind::kTerraform,
                     "resource \"azurerm_subnet\" \"app\" {}\n"
                     "resource \"azurerm_route_table\" \"rt\" {}\n"
                     "resource \"azurerm_route_table\" \"rt\" {}\n"
                     "resource \"azurerm_public_ip\" \"pip\" { tags = jsondecode(file(\"tags.json\")) }\n"
                     "resource \"azurerm_firewall\" \"fw\" {}\n");
  FileId json_dir = add("legacy/main.tf", load::FileKind::kTerraform, "resource \"azurerm_firewall\" \"fw\" {}\n");
  add("legacy/extra.tf.json", load::FileKind::kTerraformJson, "{}");
  std::vector<std::optional<load::Prescan>> prescans(sources.size());
  for (FileId id : {main, other, json_dir}) prescans[id] = load::prescan_hcl(sources.get(id).content);

  std::vector<scan::ParsePlan> plans = scan::plan_terraform_parse(sources, prescans);
  auto parsed = [&](FileId id) { return planned_text(sources.get(id).content, plans[id]); };
  // The storage account, the network it reads its location from, the locals.
  std::string m = parsed(main);
  CHECK(m.find("azurerm_storage_account") != std::string::npos);
  CHECK(m.find("\"azurerm_virtual_network\" \"net\"") != std::string::npos);
  CHECK(m.find("locals") != std::string::npos);
  CHECK(m.find("unused") == std::string::npos);
  // The variable a kept block reads (in a template), not the one only the
  // skipped NSG reads.
  CHECK(m.find("variable \"prefix\"") != std::string::npos);
  CHECK(m.find("nsg_rules") == std::string::npos);
  CHECK(plans[main].skipped_blocks == 2);
  // The subnet the locals reference, both duplicates, the block calling
  // file(); not the unreferenced firewall.
  std::string o = parsed(other);
  CHECK(o.find("azurerm_subnet") != std::string::npos);
  CHECK(o.find("\"rt\" {}\nresource \"azurerm_route_table\" \"rt\"") != std::string::npos);
  CHECK(o.find("azurerm_public_ip") != std::string::npos);
  CHECK(o.find("azurerm_firewall") == std::string::npos);
  // A directory with .tf.json files is parsed whole.
  CHECK(plans[json_dir].whole);

  // The kept ranges parse, at the lines of the whole file.
  load::HclResult r = load::parse_hcl_ranges(main, sources.get(main).content, plans[main].ranges);
  REQUIRE_FALSE(r.error);
  REQUIRE(r.file.body.blocks.size() == 4);
  CHECK(r.file.body.blocks[1].labels[0] == "prefix");
  CHECK(r.file.body.blocks[2].labels[1] == "net");
  CHECK(r.file.body.blocks[3].type == "locals");
  CHECK(r.file.body.blocks[3].loc.line == 14);
}

TEST_CASE("prescan: the items of variable and output bodies, each on lines of its own", "[prescan]") {
  std::string text =
      "variable \"zones\" {\n"
      "  description = <<-EOT\n"
      "    Zones } for the pool ${var.x}\n"
      "  EOT\n"
      "  type    = list(string) # trailing comment\n"
      "  default = [\n"
      "    \"1\",\n"
      "  ]\n"
      "  validation {\n"
      "    condition     = length(var.zones) > 0\n"
      "    error_message = \"At least one zone.\"\n"
      "  }\n"
      "  sensitive = false }\n"
      "variable \"one_line\" { description = \"x\" }\n"
      "output \"id\" {\n"
      "  value = azurerm_kubernetes_cluster.aks.id\n"
      "  description = \"the id\"\n"
      "}\n"
      "resource \"azurerm_resource_group\" \"rg\" {\n"
      "  name = \"rg\"\n"
      "}\n";
  load::Prescan p = load::prescan_hcl(text);
  REQUIRE(p.ok);
  REQUIRE(p.blocks.size() == 4);
  auto item_text = [&](const load::PrescanItem& i) { return text.substr(i.begin, i.end - i.begin); };
  const auto& zones = p.blocks[0].items;
  // `sensitive` shares its line with the closing brace: not listed.
  REQUIRE(zones.size() == 4);
  CHECK(zones[0].name == "description");
  CHECK(item_text(zones[0]) == "description = <<-EOT\n    Zones } for the pool ${var.x}\n  EOT");
  CHECK(zones[1].name == "type");
  CHECK(item_text(zones[1]) == "type    = list(string) # trailing comment");
  CHECK(zones[2].name == "default");
  CHECK(item_text(zones[2]) == "default = [\n    \"1\",\n  ]");
  CHECK(zones[3].name == "validation");
  CHECK(item_text(zones[3]).rfind("validation {", 0) == 0);
  CHECK(item_text(zones[3]).back() == '}');
  CHECK(p.blocks[1].items.empty());  // a one-line block
  REQUIRE(p.blocks[2].items.size() == 2);
  CHECK(p.blocks[2].items[0].name == "value");
  CHECK(p.blocks[2].items[1].name == "description");
  CHECK(p.blocks[3].items.empty());  // only variable and output bodies are listed
}

TEST_CASE("parse plan: of a variable only its default and type are parsed, of an output its value", "[prescan]") {
  PlannedFile file("modules/aks/variables.tf",
      "variable \"zones\" {\n"                                 // 1
      "  description = <<-EOT\n"                               // 2
      "    Availability zones of the default node pool.\n"     // 3
      "  EOT\n"                                                // 4
      "  type    = list(string)\n"                             // 5
      "  default = [\"1\", \"2\", \"3\"]\n"                      // 6
      "  validation {\n"                                       // 7
      "    condition     = length(var.zones) > 0\n"            // 8
      "    error_message = \"At least one zone.\"\n"           // 9
      "  }\n"                                                  // 10
      "  nullable = false\n"                                   // 11
      "}\n"                                                    // 12
      "output \"zones\" {\n"                                   // 13
      "  description = \"The zones.\"\n"                       // 14
      "  value       = var.zones\n"                            // 15
      "}\n");                                                  // 16
  REQUIRE_FALSE(file.plan.whole);
  CHECK(file.plan.skipped_blocks == 0);
  CHECK(file.plan.skipped_items == 4);
  std::string parsed = planned_text(file.text(), file.plan);
  CHECK(parsed.find("description") == std::string::npos);
  CHECK(parsed.find("validation") == std::string::npos);
  CHECK(parsed.find("nullable") == std::string::npos);
  CHECK(parsed.find("type    = list(string)") != std::string::npos);
  CHECK(parsed.find("default = [") != std::string::npos);
  CHECK(parsed.find("value       = var.zones") != std::string::npos);

  load::HclResult r = load::parse_hcl_ranges(file.id, file.text(), file.plan.ranges);
  REQUIRE_FALSE(r.error);
  REQUIRE(r.file.body.blocks.size() == 2);
  const hcl::Body& var = r.file.body.blocks[0].body;
  REQUIRE(var.attributes.size() == 2);
  CHECK(var.attributes[0].name == "type");
  CHECK(var.attributes[0].loc.line == 5);
  CHECK(var.attributes[1].name == "default");
  CHECK(var.attributes[1].loc.line == 6);
  CHECK(var.blocks.empty());
  const hcl::Body& out = r.file.body.blocks[1].body;
  REQUIRE(out.attributes.size() == 1);
  CHECK(out.attributes[0].name == "value");
  CHECK(out.attributes[0].loc.line == 15);
  CHECK(r.file.body.blocks[1].loc.line == 13);
}

TEST_CASE("parse plan: a syntax error in a description is still parsed and reported at its line", "[prescan]") {
  PlannedFile file("variables.tf",
      "variable \"a\" {\n"
      "  description = \"fine\"\n"
      "  default     = 1\n"
      "}\n"
      "variable \"b\" {\n"
      "  description = \"two\" \"strings\"\n"
      "  default     = 2\n"
      "}\n"
      "output \"sum\" {\n"
      "  value = var.a + var.b\n"
      "}\n");
  const std::string& text = file.text();
  REQUIRE_FALSE(file.plan.whole);
  CHECK(file.plan.skipped_items == 1);  // only the valid description
  load::HclResult planned = load::parse_hcl_ranges(file.id, text, file.plan.ranges);
  load::HclResult whole = load::parse_hcl(file.id, text);
  REQUIRE(whole.error);
  REQUIRE(planned.error);
  CHECK(planned.error->loc.line == 6);
  CHECK(planned.error->loc.line == whole.error->loc.line);
  CHECK(planned.error->message == whole.error->message);
}

TEST_CASE("recognizer: body items", "[prescan]") {
  for (const char* ok : {
           "description = \"x\"",
           "description = \"x\" # comment",
           "description = <<-EOT\n    text ${var.a} }\n  EOT",
           "validation {\n    condition     = length(var.z) > 0\n    error_message = \"no\"\n  }",
           "sensitive = true",
           "nested \"label\" { a = 1 }",
       }) {
    INFO(ok);
    CHECK(load::recognize_hcl_body_item(ok));
  }
  for (const char* bad : {
           "description = ",
           "description = \"x\" \"y\"",
           "description = \"${var.a\"",
           "validation {\n    condition = \n  }",
           "validation {",
           "= 1",
           "a = 1 }",
       }) {
    INFO(bad);
    CHECK_FALSE(load::recognize_hcl_body_item(bad));
  }
}

TEST_CASE("recognizer: valid HCL blocks are accepted", "[prescan]") {
  for (const char* ok : {
           "resource \"a\" \"b\" {}",
           "resource \"a\" \"b\" { name = \"x\" }",
           "locals {\n  a = 1\n  b = -2.5e3 + var.x * (3 - local.y) / 2 % 4\n  c = !var.on && (a || b) ? \"yes\" : \"no\"\n}",
           "resource \"a\" \"b\" {\n  tags = {\n    Name = \"x-${var.env}\"\n    \"k\" : v,\n    (local.k) = [1, 2,]\n  }\n}",
           "resource \"a\" \"b\" {\n  ids   = [for s in azurerm_subnet.all : s.id if s.name != \"\"]\n"
           "  by    = { for k, v in var.m : k => v... }\n  first = aws_instance.x[0].id\n"
           "  all   = aws_instance.x[*].id\n  old   = aws_instance.x.*.id\n  legacy = var.list.0\n}",
           "resource \"a\" \"b\" {\n  script = <<-EOT\n    echo ${var.x} %{ if var.y }yes%{ else }no%{ endif }\n    $${literal}\n  EOT\n}",
           "resource \"a\" \"b\" {\n  v = templatefile(\"${path.module}/t.tpl\", {\n    a = 1\n  })\n  w = provider::terraform::encode_tfvars({})\n}",
           "resource \"a\" \"b\" {\n  # comment\n  // another\n  /* block\n comment */\n  dynamic \"rule\" {\n"
           "    for_each = var.rules\n    content {\n      name = rule.value.name\n    }\n  }\n  lifecycle { ignore_changes = [tags] }\n}",
           "resource \"a\" \"b\" {\n  x = f(\n    a,\n    b...\n  )\n}",
           "resource \"a\" \"b\" {\n  x = \"a \\\"quoted\\\" ${jsonencode({ a = \"}\" })}\"\n}",
       }) {
    INFO(ok);
    CHECK(load::recognize_hcl_block(ok));
  }
}

TEST_CASE("recognizer: syntax errors are rejected", "[prescan]") {
  for (const char* bad : {
           "resource \"a\" \"b\" {\n  x = \n}",
           "resource \"a\" \"b\" {\n  x = 1 2\n}",
           "resource \"a\" \"b\" {\n  x = [1 2]\n}",
           "resource \"a\" \"b\" {\n  x = f(1 2)\n}",
           "resource \"a\" \"b\" {\n  = 1\n}",
           "resource \"a\" \"b\" {\n  x = a ? b\n}",
           "resource \"a\" \"b\" {\n  x = \"${}\"\n}",
           "resource \"a\" \"b\" {\n  x = \"${var.a\"\n}",
           "resource \"a\" \"b\" {\n  x = var.\n}",
           "resource \"a\" \"b\" {\n  x = 1 +\n}",
           "resource \"a\" \"b\" {\n  x = { a = }\n}",
           "resource \"a\" \"b\" {\n  block {\n}",
           "resource \"a\" \"b\" x",
           "resource \"a\" \"b\" {\n  x = [for s in l s]\n}",
       }) {
    INFO(bad);
    CHECK_FALSE(load::recognize_hcl_block(bad));
  }
}

// Differential check against tree-sitter on every top-level block of the
// corpus: a block the recognizer accepts must parse without error.
TEST_CASE("recognizer: never accepts what tree-sitter rejects, on the corpus", "[prescan][corpus]") {
  RecognizerDifferential d;
  bool ran = for_each_corpus_prescan([&](const fs::path& path, std::string_view text, const load::Prescan& p) {
    for (const load::PrescanBlock& b : p.blocks) {
      std::string_view block = text.substr(b.begin, b.end - b.begin);
      d.add(path, b.begin, load::recognize_hcl_block(block), block);
    }
  });
  if (ran) d.verdict("blocks", 10000);
}

// The same for the items of variable and output bodies that the plan leaves
// out: an item the recognizer accepts must parse inside a block.
TEST_CASE("recognizer: never accepts a body item tree-sitter rejects, on the corpus", "[prescan][corpus]") {
  RecognizerDifferential d;
  bool ran = for_each_corpus_prescan([&](const fs::path& path, std::string_view text, const load::Prescan& p) {
    for (const load::PrescanBlock& b : p.blocks)
      for (const load::PrescanItem& i : b.items) {
        std::string_view item = text.substr(i.begin, i.end - i.begin);
        d.add(path, i.begin, load::recognize_hcl_body_item(item), "variable \"x\" {\n" + std::string(item) + "\n}\n");
      }
  });
  if (ran) d.verdict("items", 5000);
}

TEST_CASE("findings do not depend on the number of jobs (loading and Terraform roots run in parallel)", "[corpus]") {
  fs::path corpus = fs::path(DRLINT_SHARED_DIR) / "corpus";
  fs::path dir = fs::exists(corpus) ? corpus : fs::path(DRLINT_TESTDATA) / "rules";
  std::size_t count = 0;
  std::string one = findings_of(dir, true, &count, 1);
  CHECK(count > 0);
  CHECK(one == findings_of(dir, true, nullptr, 3));
}
