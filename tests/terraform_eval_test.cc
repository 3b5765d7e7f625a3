// Terraform evaluation (analyzer/eval): modules, variables, expansion,
// references and locations, over the fixtures in testdata/eval/.
#include "analyzer/eval/terraform.h"
#include "analyzer/eval/module_set.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "analyzer/eval/value_ops.h"
#include "analyzer/scan/scan.h"
#include "test_support.h"

namespace fs = std::filesystem;
using drlint::Value;
using drlint::eval::Inputs;
using drlint::eval::Model;
using drlint::eval::Resource;

namespace {

struct Loaded {
  std::string root;
  drlint::load::SourceTable sources;
  std::vector<drlint::load::LoadedFile> files;
};

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Loads every scannable file under `root` the way scan::run does.
std::unique_ptr<Loaded> load_dir(const fs::path& root) {
  auto out = std::make_unique<Loaded>();
  out->root = fs::absolute(root).lexically_normal().string();
  std::vector<std::string> rels;
  for (const auto& e : fs::recursive_directory_iterator(root)) {
    if (!e.is_regular_file()) continue;
    std::string rel = fs::relative(e.path(), root).generic_string();
    if (drlint::load::classify_path(rel) == drlint::load::FileKind::kOther) continue;
    if (rel.find(".terraform/") != std::string::npos || rel.find(".git/") != std::string::npos) continue;
    rels.push_back(rel);
  }
  std::sort(rels.begin(), rels.end());
  for (const std::string& rel : rels) {
    drlint::load::SourceFile f;
    f.path = rel;
    f.kind = drlint::load::classify_path(rel);
    f.content = slurp(root / rel);
    out->sources.add(std::move(f));
  }
  for (std::size_t i = 0; i < out->sources.size(); ++i)
    out->files.push_back(drlint::scan::load_file(out->sources.get(static_cast<drlint::FileId>(i)), {}));
  return out;
}

fs::path fixture(const std::string& name) { return fs::path(DRLINT_TESTDATA) / "eval" / name; }

Model evaluate(const Loaded& l, const Inputs& in = {}) {
  return drlint::eval::evaluate_terraform(l.files, l.sources, l.root, in);
}

const Resource* find(const Model& m, const std::string& address) {
  for (const Resource& r : m.resources)
    if (r.address == address) return &r;
  return nullptr;
}

const Value& attr(const Resource* r, const std::string& path) {
  static const Value kMissing = Value::unknown("MISSING");
  REQUIRE(r != nullptr);
  const Value* v = r->attrs.at_path(path);
  return v ? *v : kMissing;
}

std::string where(const Loaded& l, const drlint::SourceLoc& loc) {
  return l.sources.path(loc.file) + ":" + std::to_string(loc.line);
}

bool has_diagnostic(const Model& m, const std::string& needle) {
  for (const auto& d : m.diagnostics)
    if (d.message.find(needle) != std::string::npos) return true;
  return false;
}

}  // namespace

TEST_CASE("eval: a module two levels deep gets its inputs and addresses", "[eval]") {
  auto l = load_dir(fixture("modules"));
  Model m = evaluate(*l);
  const Resource* sa = find(m, "module.dr.module.storage.azurerm_storage_account.velero");
  REQUIRE(sa != nullptr);
  CHECK(sa->module_path == "module.dr.module.storage");
  CHECK(sa->root_dir == "");
  CHECK(sa->mode == "resource");
  CHECK(sa->type == "azurerm_storage_account");
  CHECK(where(*l, sa->loc) == "modules/storage/main.tf:5");

  // The location came from the root variable's default, through two modules:
  // its loc is where the literal is written.
  const Value& loc = attr(sa, "location");
  REQUIRE(loc.is_string());
  CHECK(loc.text() == "westeurope");
  CHECK(where(*l, loc.loc()) == "main.tf:3");

  // terraform.tfvars overrides the default; the child's own default is unused.
  const Value& repl = attr(sa, "account_replication_type");
  CHECK(repl.text() == "GRS");
  CHECK(where(*l, repl.loc()) == "terraform.tfvars:2");

  // Locals referencing locals, through a template.
  CHECK(attr(sa, "resource_group_name").text() == "rg-dr-prod");
  CHECK(where(*l, attr(sa, "resource_group_name").loc()) == "main.tf:21");

  // A literal inside the module: the module's file and line.
  CHECK(where(*l, attr(sa, "name").loc()) == "modules/storage/main.tf:6");

  // Nested blocks are lists of maps.
  const Value& bp = attr(sa, "blob_properties");
  REQUIRE(bp.is_list());
  REQUIRE(bp.items().size() == 1);
  const Value* days = bp.items()[0].get("delete_retention_policy");
  REQUIRE(days != nullptr);
  REQUIRE(days->is_list());
  CHECK(days->items()[0].get("days")->as_number() == 7);
  CHECK(where(*l, days->items()[0].get("days")->loc()) == "modules/storage/main.tf:13");

  // References: .id is a symbolic unknown, .name the known argument.
  const Resource* c = find(m, "module.dr.module.storage.azurerm_storage_container.velero");
  REQUIRE(c != nullptr);
  CHECK_FALSE(attr(c, "storage_account_id").known());
  CHECK(attr(c, "storage_account_id").text() == "ref:module.dr.module.storage.azurerm_storage_account.velero.id");
  CHECK(attr(c, "storage_account_name").text() == "velerobackups");
  CHECK(where(*l, attr(c, "storage_account_name").loc()) == "modules/storage/main.tf:6");

  // Module outputs flow up; a remote module's outputs are unknown.
  const Resource* ra = find(m, "azurerm_role_assignment.velero");
  REQUIRE(ra != nullptr);
  CHECK(attr(ra, "scope").text() == "ref:module.dr.module.storage.azurerm_storage_account.velero.id");
  CHECK_FALSE(attr(ra, "principal_id").known());
  CHECK(attr(ra, "principal_id").text().find("remote source") != std::string::npos);

  // The modules are not roots; module calls are recorded.
  CHECK(m.resources.size() == 4);
  std::vector<std::string> calls;
  for (const auto& mc : m.modules) calls.push_back(mc.address + (mc.local ? " local " + mc.dir : " remote"));
  CHECK(calls == std::vector<std::string>{"module.dr local modules/dr", "module.dr.module.storage local modules/storage",
                                          "module.aks remote"});
  CHECK(m.diagnostics.empty());
}

TEST_CASE("eval: variable precedence (default, tfvars, auto.tfvars, --var-file, --var)", "[eval]") {
  auto l = load_dir(fixture("vars"));
  SECTION("tfvars and auto.tfvars in lexical order") {
    Model m = evaluate(*l);
    const Resource* r = find(m, "azurerm_resource_group.x");
    REQUIRE(r != nullptr);
    CHECK(attr(r, "tags.a").text() == "tfvars-a");
    CHECK(where(*l, attr(r, "tags.a").loc()) == "terraform.tfvars:1");
    CHECK(attr(r, "tags.b").text() == "auto-b-b");
    CHECK(where(*l, attr(r, "tags.b").loc()) == "b.auto.tfvars.json:2");
    CHECK(attr(r, "tags.c").text() == "auto-b-c");
    CHECK(attr(r, "tags.n").as_number() == 1);
    // A variable without a value stays unknown, and so does a template using it.
    CHECK_FALSE(attr(r, "location").known());
    CHECK(attr(r, "location").text() == "variable \"unset\" has no value");
    CHECK(where(*l, attr(r, "location").loc()) == "main.tf:22");
    CHECK_FALSE(attr(r, "name").known());
    CHECK(attr(r, "name").text() == "variable \"unset\" has no value");
  }
  SECTION("--var-file then --var") {
    Inputs in;
    in.var_files.push_back((fixture("vars") / "extra.tfvars").string());
    Model m = evaluate(*l, in);
    const Resource* r = find(m, "azurerm_resource_group.x");
    CHECK(attr(r, "tags.c").text() == "varfile-c");
    CHECK(where(*l, attr(r, "tags.c").loc()) == "extra.tfvars:1");
    in.vars = {{"c", "cli-c"}, {"n", "3"}, {"s", "42"}, {"unset", "eastus"}, {"a", "[1, 2]"}};
    m = evaluate(*l, in);
    r = find(m, "azurerm_resource_group.x");
    CHECK(attr(r, "tags.c").text() == "cli-c");
    CHECK(attr(r, "tags.n").is_number());
    CHECK(attr(r, "tags.n").as_number() == 3);
    CHECK(attr(r, "tags.s").is_string());  // type = string: the raw text
    CHECK(attr(r, "tags.s").text() == "42");
    CHECK(attr(r, "tags.a").is_list());
    CHECK(attr(r, "location").text() == "eastus");
    CHECK(attr(r, "name").text() == "rg-eastus");
  }
  SECTION("a --var-file outside the scan root is refused") {
    drlint::testing::TempRepo outside;
    outside.write("x.tfvars", "c = \"evil\"\n");
    Inputs in;
    in.var_files.push_back((outside.path() / "x.tfvars").string());
    Model m = evaluate(*l, in);
    CHECK(attr(find(m, "azurerm_resource_group.x"), "tags.c").text() == "auto-b-c");
    CHECK(has_diagnostic(m, "outside the scan root"));
  }
}

TEST_CASE("eval: count, for_each, conditionals, for-expressions, dynamic blocks", "[eval]") {
  auto l = load_dir(fixture("expr"));
  Model m = evaluate(*l);

  const Resource* p = find(m, "azurerm_storage_account.sa[\"primary\"]");
  const Resource* s = find(m, "azurerm_storage_account.sa[\"secondary\"]");
  REQUIRE(p != nullptr);
  REQUIRE(s != nullptr);
  CHECK(attr(p, "name").text() == "saprimary");
  CHECK(attr(s, "location").text() == "northeurope");
  CHECK(where(*l, attr(s, "location").loc()) == "main.tf:14");
  CHECK(attr(p, "account_replication_type").text() == "GRS");

  REQUIRE(find(m, "azurerm_managed_disk.d[0]") != nullptr);
  const Resource* d1 = find(m, "azurerm_managed_disk.d[1]");
  REQUIRE(d1 != nullptr);
  CHECK(attr(d1, "name").text() == "disk-1");
  CHECK(attr(d1, "zone").text() == "2");
  CHECK(find(m, "azurerm_managed_disk.d[2]") == nullptr);

  // Unknown count: one instance [*] with count.index unknown.
  const Resource* aks = find(m, "azurerm_kubernetes_cluster.aks[*]");
  REQUIRE(aks != nullptr);
  CHECK(attr(aks, "location").text() == "westeurope");
  CHECK_FALSE(attr(aks, "name").known());

  const Resource* t = find(m, "x_test.t");
  REQUIRE(t != nullptr);
  CHECK(attr(t, "upper_names").to_display() == "[\"PRIMARY\", \"SECONDARY\"]");
  CHECK(attr(t, "by_location").to_display() == "{westeurope: \"primary\", northeurope: \"secondary\"}");
  CHECK(attr(t, "grouped").to_display() == "{Standard: [\"primary\", \"secondary\"]}");
  CHECK(attr(t, "filtered").to_display() == "[\"zone-1\", \"zone-3\"]");
  CHECK_FALSE(attr(t, "maybe").known());
  CHECK(attr(t, "maybe").text() == "variable \"unknown_flag\" has no value");
  CHECK(attr(t, "same").text() == "x");
  CHECK(attr(t, "disk_ids").to_display() == "[(unknown), (unknown)]");
  CHECK(attr(t, "disk_ids").items()[1].text() == "ref:azurerm_managed_disk.d[1].id");
  CHECK(attr(t, "sa_location").text() == "westeurope");
  CHECK(where(*l, attr(t, "sa_location").loc()) == "main.tf:13");
  CHECK(attr(t, "shared_location").text() == "ref:data.azurerm_resource_group.shared.location");
  CHECK(attr(t, "shared_name").text() == "shared-rg");
  CHECK(attr(t, "aks_id").text() == "ref:azurerm_kubernetes_cluster.aks[*].id");
  CHECK(find(m, "data.azurerm_resource_group.shared") != nullptr);
  CHECK(find(m, "data.azurerm_resource_group.shared")->mode == "data");

  // file() of a scanned YAML file: loc at line 1 of that file; yamldecode of
  // it keeps the file's own lines.
  const Value& values = attr(t, "values");
  REQUIRE(values.is_list());
  CHECK(values.items()[0].text().find("schedules:") != std::string::npos);
  CHECK(where(*l, values.items()[0].loc()) == "values.yaml:1");
  CHECK(attr(t, "schedule").text() == "0 2 * * *");
  CHECK(where(*l, attr(t, "schedule").loc()) == "values.yaml:6");
  CHECK(attr(t, "has_values").as_bool());

  // file() outside the scan root: refused with a diagnostic.
  CHECK_FALSE(attr(t, "outside").known());
  CHECK(has_diagnostic(m, "file(\"../../outside.txt\") reads outside the scan root; not read"));

  const Value& cfg = attr(t, "config");
  REQUIRE(cfg.is_string());
  CHECK(cfg.text().find("name: velero\n") == 0);
  CHECK(cfg.text().find("item: a") != std::string::npos);
  CHECK(cfg.text().find("item: b") != std::string::npos);

  const Value& rules = attr(t, "rule");
  REQUIRE(rules.is_list());
  CHECK(rules.to_display() == "[{zone: \"1\"}, {zone: \"2\"}, {zone: \"3\"}]");
  CHECK_FALSE(attr(t, "unknown_rule").known());
}

TEST_CASE("eval: a .tf.json module", "[eval]") {
  auto l = load_dir(fixture("tfjson"));
  Model m = evaluate(*l);
  const Resource* sa = find(m, "azurerm_storage_account.velero");
  REQUIRE(sa != nullptr);
  CHECK(where(*l, sa->loc) == "main.tf.json:11");
  CHECK(attr(sa, "name").text() == "velero-prod");
  CHECK(attr(sa, "location").text() == "westeurope");
  CHECK(where(*l, attr(sa, "location").loc()) == "main.tf.json:3");
  CHECK(attr(sa, "account_replication_type").text() == "GRS");
  CHECK(where(*l, attr(sa, "account_replication_type").loc()) == "main.tf.json:14");
  CHECK(attr(sa, "tags.env").text() == "prod");
  const Value& bp = attr(sa, "blob_properties");
  REQUIRE(bp.is_list());
  CHECK(bp.to_display() == "[{delete_retention_policy: [{days: 7}]}]");
}

TEST_CASE("eval: cycles, self-calling modules and deep nesting end as unknowns", "[eval]") {
  drlint::testing::TempRepo repo;
  // 400 locals, each one more than the next: deeper than the evaluation limit.
  std::string chain;
  for (int i = 0; i < 400; ++i) chain += "  l" + std::to_string(i) + " = local.l" + std::to_string(i + 1) + " + 1\n";
  chain += "  l400 = 0\n";
  // Doubling a list 40 times would need 2^40 elements: stopped at the size limit.
  chain += "  d0 = [\"x\"]\n";
  for (int i = 1; i <= 40; ++i)
    chain += "  d" + std::to_string(i) + " = concat(local.d" + std::to_string(i - 1) + ", local.d" + std::to_string(i - 1) + ")\n";
  repo.write("main.tf",
             "locals {\n  a = local.b\n  b = local.a\n  deep = local.l0\n  shallow = local.l390\n" + chain +
                 "}\n"
                 "module \"self\" {\n  source = \"./m\"\n}\n"
                 "resource \"t\" \"x\" {\n  a = local.a\n  big = local.d40\n  deep = local.deep\n  shallow = local.shallow\n  missing = var.nope\n"
                 "  e = try(local.nomap.x, \"fallback\")\n  c = can(var.nope)\n}\n");
  repo.write("m/main.tf", "module \"again\" {\n  source = \"../m\"\n}\nresource \"t\" \"y\" {}\n");
  auto l = load_dir(repo.path());
  auto start = std::chrono::steady_clock::now();
  Model m = evaluate(*l);
  CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(5));
  const Resource* x = find(m, "t.x");
  REQUIRE(x != nullptr);
  CHECK_FALSE(attr(x, "a").known());
  CHECK(attr(x, "a").text().find("cycle") != std::string::npos);
  CHECK(attr(x, "e").text() == "fallback");
  CHECK_FALSE(attr(x, "deep").known());
  CHECK(has_diagnostic(m, "nested deeper than"));
  CHECK(attr(x, "c").as_bool() == false);
  CHECK(attr(x, "shallow").as_number() == 10);
  CHECK(attr(x, "big").text().find("larger than") != std::string::npos);
  CHECK(find(m, "module.self.t.y") != nullptr);
  CHECK(find(m, "module.self.module.again.t.y") == nullptr);
  CHECK(has_diagnostic(m, "calls itself"));
}

TEST_CASE("eval: module count and for_each instances", "[eval]") {
  drlint::testing::TempRepo repo;
  repo.write("main.tf",
             "module \"sa\" {\n  source = \"./sa\"\n  for_each = toset([\"a\", \"b\"])\n  name = each.key\n}\n"
             "module \"n\" {\n  source = \"./sa\"\n  count = 2\n  name = \"n${count.index}\"\n}\n"
             "resource \"t\" \"ids\" {\n  a = module.sa[\"a\"].name\n  all = [for k, v in module.sa : v.name]\n"
             "  n1 = module.n[1].name\n}\n");
  repo.write("sa/main.tf",
             "variable \"name\" {}\nresource \"azurerm_storage_account\" \"s\" {\n  name = var.name\n}\n"
             "output \"name\" {\n  value = azurerm_storage_account.s.name\n}\n");
  auto l = load_dir(repo.path());
  Model m = evaluate(*l);
  CHECK(find(m, "module.sa[\"a\"].azurerm_storage_account.s") != nullptr);
  CHECK(find(m, "module.sa[\"b\"].azurerm_storage_account.s") != nullptr);
  CHECK(find(m, "module.n[1].azurerm_storage_account.s") != nullptr);
  const Resource* ids = find(m, "t.ids");
  CHECK(attr(ids, "a").text() == "a");
  CHECK(attr(ids, "all").to_display() == "[\"a\", \"b\"]");
  CHECK(attr(ids, "n1").text() == "n1");
}

// Whitespace next to interpolations in native HCL templates depends on the
// HCL loader keeping it (tree-sitter puts it in "extras"); tracked there.
TEST_CASE("eval: whitespace around interpolations in .tf templates", "[eval][!mayfail]") {
  auto l = load_dir(fixture("expr"));
  Model m = evaluate(*l);
  const Resource* t = find(m, "x_test.t");
  REQUIRE(t != nullptr);
  CHECK(attr(t, "heredoc").text() == "hello GRS\n");
}

// Not run by default: evaluates every Terraform root under the shared corpus.
TEST_CASE("eval: corpus smoke test", "[.corpus]") {
  fs::path corpus = fs::path(DRLINT_SHARED_DIR) / "corpus";
  if (!fs::exists(corpus)) return;
  std::size_t resources = 0, attrs = 0, unknown = 0, diags = 0, modules = 0;
  double secs = 0;
  std::map<std::string, int> reasons;
  std::map<std::string, int> diag_kinds;
  for (const auto& repo : fs::directory_iterator(corpus)) {
    if (!repo.is_directory()) continue;
    auto l = load_dir(repo.path());
    auto start = std::chrono::steady_clock::now();
    Model m = evaluate(*l);
    secs += std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    resources += m.resources.size();
    for (const auto& d : m.diagnostics) ++diag_kinds[d.message.substr(0, 70)];
    modules += m.modules.size();
    diags += m.diagnostics.size();
    for (const Resource& r : m.resources) {
      for (const auto& e : r.attrs.entries()) {
        ++attrs;
        if (e.second.contains_unknown()) {
          ++unknown;
          std::string why(drlint::eval::find_unknown(e.second)->text());
          if (why.rfind("ref:", 0) == 0) why = "ref:...";
          ++reasons[why.substr(0, 70)];
        }
      }
    }
  }
  std::vector<std::pair<int, std::string>> top;
  for (const auto& [r, n] : reasons) top.emplace_back(n, r);
  std::sort(top.rbegin(), top.rend());
  for (std::size_t i = 0; i < top.size() && i < 25; ++i) WARN(top[i].first << "  " << top[i].second);
  for (const auto& [d, n] : diag_kinds) WARN("diag " << n << "  " << d);
  WARN("corpus: " << resources << " resource instances, " << modules << " module calls, " << attrs
                  << " top-level attributes, " << unknown << " containing unknowns ("
                  << (attrs ? 100.0 * static_cast<double>(unknown) / static_cast<double>(attrs) : 0.0) << "%), "
                  << diags << " diagnostics, " << secs << " s evaluating");
}

TEST_CASE("eval: override files, optional() defaults and resources passed by value", "[eval]") {
  drlint::testing::TempRepo repo;
  repo.write("main.tf",
             "variable \"pools\" {\n  type = map(object({\n    zones = optional(list(string), [\"1\"])\n"
             "    sku   = optional(string)\n  }))\n  default = { a = {} }\n}\n"
             "resource \"azurerm_user_assigned_identity\" \"mi\" {\n  for_each = var.pools\n  name = \"mi-${each.key}\"\n"
             "  zones = each.value.zones\n  sku = each.value.sku\n  location = \"westeurope\"\n}\n"
             "resource \"azurerm_role_assignment\" \"ra\" {\n  for_each = azurerm_user_assigned_identity.mi\n"
             "  principal_id = each.value.principal_id\n}\n");
  repo.write("main_override.tf",
             "resource \"azurerm_user_assigned_identity\" \"mi\" {\n  location = \"northeurope\"\n}\n");
  auto l = load_dir(repo.path());
  Model m = evaluate(*l);
  const Resource* mi = find(m, "azurerm_user_assigned_identity.mi[\"a\"]");
  REQUIRE(mi != nullptr);
  CHECK(attr(mi, "location").text() == "northeurope");
  CHECK(where(*l, attr(mi, "location").loc()) == "main_override.tf:2");
  CHECK(attr(mi, "zones").to_display() == "[\"1\"]");
  CHECK(attr(mi, "sku").is_null());
  const Resource* ra = find(m, "azurerm_role_assignment.ra[\"a\"]");
  REQUIRE(ra != nullptr);
  CHECK(attr(ra, "principal_id").text() == "ref:azurerm_user_assigned_identity.mi[\"a\"].principal_id");
}

TEST_CASE("eval: exponents without a fraction (1e3) are numbers, not syntax errors", "[eval][hcl]") {
  drlint::testing::TempRepo repo;
  repo.write("main.tf",
             "resource \"azurerm_storage_account\" \"sa\" {\n"
             "  name     = \"st1e3\"\n"
             "  location = \"westeurope\"\n"
             "  tags = {\n"
             "    big      = 1e3\n"
             "    small    = -2E-2\n"
             "    sum      = 1e3 + 1\n"
             "    frac     = 1.5e+1\n"
             "    guid     = \"e1fe6dd8-89e7-88639da4683d\"  # 89e7 in a string stays text\n"
             "    zone-1e3 = \"an identifier\"\n"
             "  }\n"
             "}\n");
  auto l = load_dir(repo.path());
  REQUIRE(l->files.size() == 1);
  CHECK_FALSE(l->files[0].error);
  Model m = evaluate(*l);
  const Resource* sa = find(m, "azurerm_storage_account.sa");
  REQUIRE(sa != nullptr);
  CHECK(attr(sa, "name").text() == "st1e3");
  double big = 0, small = 0, sum = 0, frac = 0;
  REQUIRE(drlint::eval::to_number(attr(sa, "tags.big"), &big));
  REQUIRE(drlint::eval::to_number(attr(sa, "tags.small"), &small));
  REQUIRE(drlint::eval::to_number(attr(sa, "tags.sum"), &sum));
  REQUIRE(drlint::eval::to_number(attr(sa, "tags.frac"), &frac));
  CHECK(big == 1000);
  CHECK(small == -0.02);
  CHECK(sum == 1001);
  CHECK(frac == 15);
  CHECK(attr(sa, "tags.guid").text() == "e1fe6dd8-89e7-88639da4683d");
  CHECK(attr(sa, "tags.zone-1e3").text() == "an identifier");
  CHECK(where(*l, attr(sa, "tags.small").loc()) == "main.tf:6");

  // A real syntax error beside them is reported as it is without them.
  repo.write("main.tf", "locals {\n  a = 1\n}\nresource \"x\" \"y\" {\n  b = 1e3\n  c = \"x\" \"y\"\n}\n");
  auto bad = load_dir(repo.path());
  REQUIRE(bad->files[0].error);
  repo.write("main.tf", "locals {\n  a = 1\n}\nresource \"x\" \"y\" {\n  b = 100\n  c = \"x\" \"y\"\n}\n");
  auto plain = load_dir(repo.path());
  REQUIRE(plain->files[0].error);
  CHECK(bad->files[0].error->loc.line == plain->files[0].error->loc.line);
  CHECK(bad->files[0].error->loc.column == plain->files[0].error->loc.column);
  CHECK(bad->files[0].error->message == plain->files[0].error->message);
  CHECK(bad->files[0].error->loc.line == 6);
}

TEST_CASE("module sources: outside the root, unless the caller is scanned from outside it too", "[eval]") {
  using drlint::eval::ModuleSet;
  // A caller inside the root: any climb above it is outside.
  auto in = ModuleSet::resolve_source("envs/prod", "../../modules/aks");
  CHECK(in.local);
  CHECK_FALSE(in.outside);
  CHECK(in.dir == "modules/aks");
  CHECK(ModuleSet::resolve_source("envs/prod", "../../../shared/aks").outside);
  CHECK(ModuleSet::resolve_source("", "..").outside);
  // `drlint scan ../platform` from another directory: paths are reported as
  // "../platform/...", and the modules beside the caller are not outside.
  auto beside = ModuleSet::resolve_source("../platform/envs/prod", "../../modules/aks");
  CHECK_FALSE(beside.outside);
  CHECK(beside.dir == "../platform/modules/aks");
  CHECK(ModuleSet::resolve_source("../platform/envs/prod", "../../../../etc").outside);
  CHECK(ModuleSet::resolve_source("..", "..").outside);
  CHECK_FALSE(ModuleSet::resolve_source("../..", ".").outside);
  CHECK_FALSE(ModuleSet::resolve_source("envs/prod", "git::https://example.invalid/m.git").local);
}
