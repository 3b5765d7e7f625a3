#include "analyzer/config/config_loader.h"

#include <catch2/catch.hpp>

#include "test_support.h"

using drlint::Level;
using drlint::config::Config;
using drlint::config::find_config;
using drlint::config::load_config;
using drlint::config::load_config_text;

namespace {

const std::string kDir = std::string(DRLINT_TESTDATA) + "/config";

// The error for `text` read as ".drlint.yaml" ("" if it loads).
std::string error_of(const std::string& text) {
  Config cfg;
  std::string err;
  if (load_config_text(text, ".drlint.yaml", drlint::kNoFile, &cfg, &err)) return "";
  return err;
}

}  // namespace

TEST_CASE("the example configuration of policy.md loads", "[config]") {
  Config cfg;
  std::string err;
  REQUIRE(load_config(kDir + "/policy-example/.drlint.yaml", ".drlint.yaml", &cfg, &err));
  CHECK(err.empty());
  CHECK(cfg.path == ".drlint.yaml");
  REQUIRE(cfg.policies.size() == 2);
  CHECK(cfg.policies[0].name == "customer-checkout");
  CHECK(cfg.policies[0].namespaces == std::vector<std::string>{"payments", "checkout-*"});
  CHECK(*cfg.policies[0].rpo == 15 * 60);
  CHECK(*cfg.policies[0].rto == 30 * 60);
  CHECK(cfg.policies[0].loc.line == 3);
  CHECK(cfg.policies[0].rpo_loc.line == 5);
  CHECK(cfg.policies[0].rpo_loc.column == 10);
  CHECK(cfg.policies[1].name == "internal-reporting");
  CHECK(*cfg.policies[1].rpo == 3600);
  CHECK(*cfg.policies[1].rto == 7200);
  CHECK(cfg.recovery.detection == 300);
  CHECK(cfg.recovery.decision == 600);
  CHECK(cfg.recovery.validation == 900);
  CHECK(cfg.recovery.restore_bytes_per_second == Approx(11.0 * 1024 * 1024 * 1024 / 60.0));
  CHECK(cfg.recovery.restore_throughput_text == "11GiB/m");
  CHECK(cfg.recovery.loc.line == 11);
  REQUIRE(cfg.override_for("DR003"));
  CHECK(cfg.override_for("DR003")->level == Level::kWarning);
  CHECK_FALSE(cfg.override_for("DR003")->off);
  REQUIRE(cfg.override_for("DR060"));
  CHECK(cfg.override_for("DR060")->off);
  CHECK(cfg.exclude == std::vector<std::string>{"examples/**"});
}

TEST_CASE("a configuration using every key and value form loads", "[config]") {
  Config cfg;
  std::string err;
  REQUIRE(load_config(kDir + "/full/.drlint.yaml", "full/.drlint.yaml", &cfg, &err));
  REQUIRE(cfg.policies.size() == 2);
  CHECK(cfg.policies[0].namespaces == std::vector<std::string>{"payments", "checkout-*", "team-?"});
  CHECK(*cfg.policies[0].rpo == 5400);
  CHECK(*cfg.policies[0].rto == 7200);  // quoted "2h"
  CHECK(*cfg.policies[1].rpo == 86400);
  CHECK_FALSE(cfg.policies[1].rto);
  CHECK(cfg.recovery.detection == 90);
  CHECK(cfg.recovery.decision == 0);
  CHECK(cfg.recovery.validation == 3600);
  CHECK(cfg.recovery.restore_bytes_per_second == Approx(500.0 * 1024 * 1024));
  CHECK(cfg.override_for("DR040")->level == Level::kWarning);  // { level: warning }
  CHECK(cfg.override_for("DR042")->off);                        // off
  CHECK(cfg.override_for("DR043")->off);                        // { level: off } in block style
  CHECK(cfg.override_for("DR900")->level == Level::kNote);      // scalar shorthand
  CHECK(cfg.override_for("DR900")->loc.line == 24);
  CHECK_FALSE(cfg.override_for("DR041"));
  CHECK(cfg.exclude == std::vector<std::string>{"examples/**", "vendor/**"});  // "./" dropped
}

TEST_CASE("an empty configuration keeps every default", "[config]") {
  Config cfg;
  std::string err;
  REQUIRE(load_config_text("# nothing configured yet\n", ".drlint.yaml", 3, &cfg, &err));
  CHECK(cfg.policies.empty());
  CHECK(cfg.rules.empty());
  CHECK(cfg.recovery.detection == 300);
  CHECK(cfg.recovery.restore_throughput_text == "11GiB/m");
  REQUIRE(load_config_text("version: 1\npolicies:\nrules:\nexclude:\nrecovery:\n", ".drlint.yaml", 3, &cfg, &err));
  CHECK(cfg.file == 3u);
  CHECK(cfg.recovery.loc.line == 5);
  CHECK(cfg.recovery.loc.file == 3u);
}

TEST_CASE("configuration errors name file, line, column and the expected form", "[config]") {
  struct Case {
    const char* text;
    const char* error;
  };
  const Case cases[] = {
      // top level
      {"version: 1\nfoo: 1\n",
       ".drlint.yaml:2:1: unknown key \"foo\" at the top level; expected one of version, policies, recovery, "
       "rules or exclude"},
      {"version: 1\npolcies: []\n",
       ".drlint.yaml:2:1: unknown key \"polcies\" at the top level (did you mean \"policies\"?); expected one of "
       "version, policies, recovery, rules or exclude"},
      {"policies: []\n", ".drlint.yaml:1:1: missing key \"version\"; expected version: 1 at the top of the file"},
      {"version: 2\n",
       ".drlint.yaml:1:10: unsupported configuration version 2; expected version: 1 (the only version this drlint "
       "reads)"},
      {"version: one\n", ".drlint.yaml:1:10: version is the string \"one\"; expected version: 1"},
      {"version:\n", ".drlint.yaml:1:1: version is empty; expected version: 1"},
      {"- a\n- b\n",
       ".drlint.yaml:1:1: the configuration is a list; expected a map with the keys version, policies, recovery, "
       "rules and exclude"},
      {"version: 1\nversion: 1\n",
       ".drlint.yaml:2:1: duplicate key \"version\" at the top level (first at line 1); expected each key at most "
       "once"},
      {"version: 1\n---\nversion: 1\n",
       ".drlint.yaml:3:1: a second YAML document in the configuration; expected a single document"},
      {"version: 1\npolicies: [\n", ".drlint.yaml:3:1: YAML syntax error: end of sequence flow not found; expected valid YAML"},
      // policies
      {"version: 1\npolicies:\n  - name: a\n    namespaces: [x]\n    rpo: 15x\n",
       ".drlint.yaml:5:10: invalid rpo \"15x\"; expected a duration like 15m, 1h30m or 2d (units are s, m, h and d)"},
      {"version: 1\npolicies:\n  - name: a\n    namespaces: [x]\n    rpo: 15\n",
       ".drlint.yaml:5:10: rpo is the number 15 without a unit; expected a duration like 15m, 1h30m or 2d (units s, "
       "m, h, d)"},
      {"version: 1\npolicies:\n  - name: a\n    namespaces: [x]\n    rto: 30m15h\n",
       ".drlint.yaml:5:10: invalid rto \"30m15h\"; expected a duration like 15m, 1h30m or 2d (units from largest to "
       "smallest, each once)"},
      {"version: 1\npolicies:\n  - name: a\n    namespaces: [x]\n    rpo: 0m\n",
       ".drlint.yaml:5:10: rpo \"0m\" is zero; expected a duration greater than zero, like 15m"},
      {"version: 1\npolicies:\n  - name: a\n    namespaces: [x]\n    rpo:\n",
       ".drlint.yaml:5:5: rpo is empty; expected a duration like 15m, 1h30m or 2d (units s, m, h, d)"},
      {"version: 1\npolicies:\n  - name: a\n    namespaces: [x]\n    rpo: [1m]\n",
       ".drlint.yaml:5:10: rpo is a list; expected a duration like 15m, 1h30m or 2d (units s, m, h, d)"},
      {"version: 1\npolicies:\n  - name: a\n    namespaces: [x]\n    rp0: 1m\n",
       ".drlint.yaml:5:5: unknown key \"rp0\" in policy \"a\" (did you mean \"rpo\"?); expected one of name, "
       "namespaces, rpo or rto"},
      {"version: 1\npolicies:\n  - name: a\n    namespaces: [x]\n",
       ".drlint.yaml:3:5: policy \"a\" declares neither rpo nor rto; expected rpo: 15m and/or rto: 30m"},
      {"version: 1\npolicies:\n  - namespaces: [x]\n    rpo: 1m\n",
       ".drlint.yaml:3:5: a policy has no name; expected name: <a name shown in messages and reports>"},
      {"version: 1\npolicies:\n  - name: a\n    rpo: 1m\n",
       ".drlint.yaml:3:5: policy \"a\" has no namespaces; expected namespaces: [\"payments\", \"checkout-*\"] (names "
       "or globs)"},
      {"version: 1\npolicies:\n  - name: a\n    namespaces: x\n    rpo: 1m\n",
       ".drlint.yaml:4:17: namespaces of policy \"a\" is the string \"x\"; expected a list of namespace names or "
       "globs, e.g. namespaces: [\"payments\", \"checkout-*\"]"},
      {"version: 1\npolicies:\n  - name: a\n    namespaces: []\n    rpo: 1m\n",
       ".drlint.yaml:4:17: policy \"a\" lists no namespaces; expected at least one namespace name or glob"},
      {"version: 1\npolicies:\n  - name: a\n    namespaces: [\"\"]\n    rpo: 1m\n",
       ".drlint.yaml:4:18: a namespace of policy \"a\" is the string \"\"; expected a namespace name or glob such "
       "as \"checkout-*\""},
      {"version: 1\npolicies:\n  - name: a\n    namespaces: [x]\n    rpo: 1m\n  - name: a\n    namespaces: [y]\n"
       "    rpo: 1m\n",
       ".drlint.yaml:6:11: duplicate policy name \"a\" (first declared at line 3); expected each policy name once"},
      {"version: 1\npolicies:\n  name: a\n",
       ".drlint.yaml:3:3: policies is a map; expected a list of policies, each \"- name: ..., namespaces: [...], "
       "rpo: 15m, rto: 30m\""},
      {"version: 1\npolicies:\n  - a\n",
       ".drlint.yaml:3:5: a policy is the string \"a\"; expected a map with the keys name, namespaces, rpo and rto"},
      // recovery
      {"version: 1\nrecovery:\n  detection: 5\n",
       ".drlint.yaml:3:14: recovery.detection is the number 5 without a unit; expected a duration like 15m, 1h30m "
       "or 2d (units s, m, h, d)"},
      {"version: 1\nrecovery:\n  restore_throughput: 11GiB\n",
       ".drlint.yaml:3:23: invalid recovery.restore_throughput \"11GiB\"; expected a throughput like 11GiB/m, "
       "500MiB/s or 1TiB/h"},
      {"version: 1\nrecovery:\n  restore_throughput: 11XB/m\n",
       ".drlint.yaml:3:23: invalid recovery.restore_throughput \"11XB/m\": unknown size unit \"XB\"; expected a "
       "throughput like 11GiB/m, 500MiB/s or 1TiB/h"},
      {"version: 1\nrecovery:\n  restore: 1\n",
       ".drlint.yaml:3:3: unknown key \"restore\" in recovery; expected one of detection, decision, validation or "
       "restore_throughput"},
      {"version: 1\nrecovery: 5m\n",
       ".drlint.yaml:2:11: recovery is the string \"5m\"; expected a map with the keys detection, decision, "
       "validation and restore_throughput"},
      // rules
      {"version: 1\nrules:\n  DR999: off\n",
       ".drlint.yaml:3:3: unknown rule ID \"DR999\" in rules; expected a rule ID listed by `drlint rules`, such as "
       "DR010"},
      {"version: 1\nrules:\n  dr040: off\n",
       ".drlint.yaml:3:3: unknown rule ID \"dr040\" in rules (did you mean \"DR040\"?); expected a rule ID listed by "
       "`drlint rules`, such as DR010"},
      {"version: 1\nrules:\n  backup-cadence-exceeds-rpo: off\n",
       ".drlint.yaml:3:3: unknown rule ID \"backup-cadence-exceeds-rpo\" in rules (backup-cadence-exceeds-rpo is "
       "the name of DR040; use the ID); expected a rule ID listed by `drlint rules`, such as DR010"},
      {"version: 1\nrules:\n  DR040: fatal\n",
       ".drlint.yaml:3:10: invalid level \"fatal\" for DR040; expected error, warning, note or off"},
      {"version: 1\nrules:\n  DR040: { level: fatal }\n",
       ".drlint.yaml:3:19: invalid level \"fatal\" for DR040; expected error, warning, note or off"},
      {"version: 1\nrules:\n  DR040: { lvl: note }\n",
       ".drlint.yaml:3:12: unknown key \"lvl\" in rules.DR040 (did you mean \"level\"?); expected only the key level"},
      {"version: 1\nrules:\n  DR040: {}\n",
       ".drlint.yaml:3:10: DR040 sets no level; expected DR040: { level: warning } or DR040: off (levels error, "
       "warning, note, off)"},
      {"version: 1\nrules:\n  DR040:\n",
       ".drlint.yaml:3:3: the level of DR040 is empty; expected DR040: { level: warning } or DR040: off (levels "
       "error, warning, note, off)"},
      {"version: 1\nrules:\n  DR040: off\n  DR040: note\n",
       ".drlint.yaml:4:3: duplicate key \"DR040\" in rules (first at line 3); expected each rule ID at most once"},
      {"version: 1\nrules:\n  - DR040\n",
       ".drlint.yaml:3:3: rules is a list; expected a map from rule ID to level, e.g. DR003: { level: warning } or "
       "DR060: off (levels error, warning, note, off)"},
      // exclude
      {"version: 1\nexclude: examples/**\n",
       ".drlint.yaml:2:10: exclude is the string \"examples/**\"; expected a list of path globs relative to the "
       "repository root, e.g. exclude: [\"examples/**\"]"},
      {"version: 1\nexclude: [\"/abs/**\"]\n",
       ".drlint.yaml:2:11: exclude pattern \"/abs/**\" is an absolute path; expected a glob relative to the "
       "repository root, such as \"examples/**\""},
      {"version: 1\nexclude: [\"\"]\n",
       ".drlint.yaml:2:11: an exclude pattern is an empty string; expected a path glob such as \"examples/**\""},
      {"version: 1\nexclude: [{a: 1}]\n",
       ".drlint.yaml:2:11: an exclude pattern is a map; expected a path glob such as \"examples/**\""},
  };
  for (const Case& c : cases) {
    INFO(c.text);
    CHECK(error_of(c.text) == c.error);
  }
}

TEST_CASE("quoted scalars are accepted where a string is expected", "[config]") {
  CHECK(error_of("version: \"1\"\nrules:\n  DR040: \"off\"\n  DR042: { level: 'note' }\n") == "");
  CHECK(error_of("version: 1\npolicies:\n- name: \"a b\"\n  namespaces: ['x']\n  rpo: '15m'\n") == "");
}

TEST_CASE("configuration file errors from disk name the display path", "[config]") {
  Config cfg;
  cfg.path = "untouched";
  std::string err;
  CHECK_FALSE(load_config(kDir + "/errors/unknown-rule.yaml", "ci/drlint.yaml", &cfg, &err));
  CHECK(err ==
        "ci/drlint.yaml:4:3: unknown rule ID \"DR999\" in rules; expected a rule ID listed by `drlint rules`, such "
        "as DR010");
  CHECK(cfg.path == "untouched");  // left alone on failure
  CHECK_FALSE(load_config(kDir + "/errors/bad-duration.yaml", "bad-duration.yaml", &cfg, &err));
  CHECK(err ==
        "bad-duration.yaml:5:10: invalid rpo \"15x\"; expected a duration like 15m, 1h30m or 2d (units are s, m, h "
        "and d)");
  CHECK_FALSE(load_config(kDir + "/does-not-exist.yaml", "missing.yaml", &cfg, &err));
  CHECK(err ==
        "missing.yaml: cannot read the configuration file: No such file or directory; expected a readable YAML file");
  CHECK_FALSE(load_config(kDir, "config", &cfg, &err));
  CHECK(err == "config: cannot read the configuration file: it is a directory; expected a YAML file");
}

TEST_CASE("find_config looks for .drlint.yaml, then .drlint.yml", "[config]") {
  CHECK(find_config(kDir + "/policy-example") == kDir + "/policy-example/.drlint.yaml");
  CHECK(find_config(kDir + "/yml-only") == kDir + "/yml-only/.drlint.yml");
  CHECK(find_config(kDir + "/errors") == "");
  drlint::testing::TempRepo repo;
  repo.write(".drlint.yml", "version: 1\n");
  repo.write(".drlint.yaml", "version: 1\n");
  CHECK(find_config(repo.path().string()) == (repo.path() / ".drlint.yaml").string());
}
