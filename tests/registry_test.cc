// The rule registry against the product spec (shared/spec/rules.md): IDs,
// names and default levels are a public contract; every rule has complete
// metadata and fixtures.
#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>

#include <catch2/catch.hpp>

#include "rules/registry.h"

namespace fs = std::filesystem;
using drlint::Level;
using drlint::rules::all_rules;
using drlint::rules::Rule;

namespace {

struct SpecRule {
  std::string name;
  std::string level;
};

std::string trim(const std::string& s) {
  std::size_t b = s.find_first_not_of(" \t");
  std::size_t e = s.find_last_not_of(" \t\r");
  return b == std::string::npos ? "" : s.substr(b, e - b + 1);
}

// The "| ID | name | level | fires when |" table of rules.md.
std::map<std::string, SpecRule> spec_table() {
  std::ifstream in(std::string(DRLINT_SHARED_DIR) + "/spec/rules.md");
  REQUIRE(in);
  std::map<std::string, SpecRule> out;
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("| DR", 0) != 0) continue;
    std::vector<std::string> cells;
    std::stringstream ss(line.substr(1));
    std::string cell;
    while (std::getline(ss, cell, '|')) cells.push_back(trim(cell));
    REQUIRE(cells.size() >= 3);
    INFO(line);
    CHECK(out.count(cells[0]) == 0);
    out[cells[0]] = SpecRule{cells[1], cells[2]};
  }
  return out;
}

int fixture_cases(const std::string& id, const char* kind) {
  fs::path dir = fs::path(DRLINT_TESTDATA) / "rules" / id / kind;
  if (!fs::is_directory(dir)) return 0;
  int n = 0;
  for (const fs::directory_entry& e : fs::directory_iterator(dir))
    if (e.is_directory()) ++n;
  return n;
}

bool is_tool_rule(std::string_view id) { return id.substr(0, 3) == "DR9"; }  // DR9xx: the tool itself

}  // namespace

TEST_CASE("registry: rule IDs are unique and sorted", "[rules][registry]") {
  const std::vector<Rule>& rules = all_rules();
  REQUIRE(!rules.empty());
  for (std::size_t i = 1; i < rules.size(); ++i) {
    INFO(rules[i - 1].info->id << " then " << rules[i].info->id);
    CHECK(rules[i - 1].info->id < rules[i].info->id);
  }
  std::set<std::string_view> names;
  for (const Rule& r : rules) {
    INFO(r.info->id);
    CHECK(names.insert(r.info->name).second);
    CHECK(drlint::rules::find_rule(r.info->id) == r.info);
  }
}

TEST_CASE("registry: every spec rule is registered with its name and default level", "[rules][registry]") {
  std::map<std::string, SpecRule> spec = spec_table();
  REQUIRE(spec.size() >= 20);
  for (const Rule& r : all_rules()) {
    std::string id(r.info->id);
    INFO(id);
    if (is_tool_rule(id)) continue;
    auto it = spec.find(id);
    REQUIRE(it != spec.end());  // a registered rule the spec does not list
    CHECK(std::string(r.info->name) == it->second.name);
    CHECK(std::string(drlint::level_name(r.info->level)) == it->second.level);
  }
  for (const auto& [id, s] : spec) {
    INFO(id << " " << s.name);
    CHECK(drlint::rules::find_rule(id) != nullptr);
  }
}

TEST_CASE("registry: every rule has complete metadata", "[rules][registry]") {
  for (const Rule& r : all_rules()) {
    const drlint::rules::RuleInfo& i = *r.info;
    INFO(i.id);
    CHECK(!i.summary.empty());
    CHECK(i.summary.back() == '.');
    CHECK(!i.description.empty());
    CHECK(i.description.size() <= 1024);
    CHECK(i.help_markdown.find("How to fix") != std::string_view::npos);
    CHECK(!i.tags.empty());
    CHECK(i.tags.size() <= 10);
    std::set<std::string_view> tags(i.tags.begin(), i.tags.end());
    CHECK(tags.size() == i.tags.size());
    bool security = tags.count("security") > 0;
    if (security) {
      REQUIRE(!i.security_severity.empty());
      double sev = std::strtod(std::string(i.security_severity).c_str(), nullptr);
      CHECK(sev > 0.0);
      CHECK(sev <= 10.0);
    } else {
      CHECK(i.security_severity.empty());
    }
    if (!is_tool_rule(i.id)) {
      // Rule checks show a before/after example in fenced code.
      CHECK(i.help_markdown.find("```") != std::string_view::npos);
    }
  }
  for (const char* id : {"DR004", "DR061"}) {
    const drlint::rules::RuleInfo* i = drlint::rules::find_rule(id);
    REQUIRE(i != nullptr);
    INFO(id);
    CHECK(std::find(i->tags.begin(), i->tags.end(), "security") != i->tags.end());
    CHECK(!i->security_severity.empty());
  }
}

TEST_CASE("registry: every rule with a check has positive and negative fixtures", "[rules][registry]") {
  for (const Rule& r : all_rules()) {
    if (!r.check) continue;
    std::string id(r.info->id);
    INFO(id << ": testdata/rules/" << id << "/{positive,negative}/<case>/");
    CHECK(fixture_cases(id, "positive") >= 2);
    CHECK(fixture_cases(id, "negative") >= 2);
  }
}
