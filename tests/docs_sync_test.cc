// The rule pages under docs/rules/ are generated from the registry (and the
// rules' positive fixtures); this fails when a page is stale or missing.
#include <filesystem>

#include <catch2/catch.hpp>

#include "analyzer/cli/catalog.h"
#include "rules/registry.h"
#include "test_support.h"

namespace fs = std::filesystem;

TEST_CASE("docs/rules pages match the registry", "[docs]") {
  fs::path root = fs::path(DRLINT_TESTDATA).parent_path();
  fs::path docs = root / "docs" / "rules";
  std::string examples = (root / "testdata" / "rules").string();
  const std::string regenerate =
      "stale; regenerate with: build/drlint rules --format markdown --output-dir docs/rules --examples testdata/rules";
  for (const auto& rule : drlint::rules::all_rules()) {
    std::string id(rule.info->id);
    fs::path page = docs / (id + ".md");
    INFO(page.string() << " is " << regenerate);
    REQUIRE(fs::exists(page));
    CHECK(drlint::testing::read_file(page) == drlint::cli::rule_page_markdown(id, examples));
  }
  INFO("docs/rules/README.md is " << regenerate);
  CHECK(drlint::testing::read_file(docs / "README.md") == drlint::cli::rules_index_markdown());
  // No page for a rule that no longer exists.
  for (const auto& e : fs::directory_iterator(docs)) {
    std::string name = e.path().filename().string();
    if (name == "README.md") continue;
    std::string id = name.substr(0, name.find('.'));
    INFO(name << " has no rule in the registry");
    CHECK(drlint::rules::find_rule(id) != nullptr);
  }
}
