// Helpers for the reporter tests (tests/report_*_test.cc): the whole
// pipeline on a directory through the C++ API (configuration, scan, rules,
// findings merged into the scan result as the CLI does), and the SARIF
// validator.
#pragma once

#include <algorithm>
#include <filesystem>
#include <memory>
#include <sstream>
#include <string>

#include <catch2/catch.hpp>

#include "analyzer/config/config.h"
#include "analyzer/config/config_loader.h"
#include "analyzer/report/report.h"
#include "analyzer/scan/scan.h"
#include "rules/rule_context.h"
#include "rules/runner.h"
#include "test_support.h"

namespace drlint::testing {

struct Scanned {
  std::unique_ptr<scan::Result> scan;
  config::Config config;
  std::string config_error;
};

// discover -> load -> evaluate -> link -> rules on `dir` (the scan root),
// with its .drlint.yaml when present.
inline Scanned scan_with_rules(const std::filesystem::path& dir) {
  namespace fs = std::filesystem;
  Scanned s;
  scan::Options options;
  std::string root = fs::absolute(dir).lexically_normal().string();
  if (!root.empty() && root.back() == '/') root.pop_back();
  options.discovery.paths = {root};
  options.discovery.root = root;
  options.jobs = 1;
  std::string config_path = config::find_config(root);
  if (!config_path.empty()) {
    if (!config::load_config(config_path, fs::relative(config_path, root).generic_string(), &s.config,
                             &s.config_error))
      return s;
    options.discovery.exclude = s.config.exclude;
    for (const config::PolicyDecl& p : s.config.policies) {
      link::ConfigPolicy cp;
      cp.name = p.name;
      cp.namespaces = p.namespaces;
      cp.rpo = p.rpo ? Value::string(std::to_string(*p.rpo) + "s", p.rpo_loc) : Value::null(p.loc);
      cp.rto = p.rto ? Value::string(std::to_string(*p.rto) + "s", p.rto_loc) : Value::null(p.loc);
      cp.loc = p.loc;
      options.policy.policies.push_back(std::move(cp));
    }
  }
  s.scan = scan::run(options);
  rules::RuleContext ctx{s.scan->graph, s.config, s.scan->sources};
  for (Finding& f : rules::run_rules(ctx)) s.scan->findings.push_back(std::move(f));
  std::stable_sort(s.scan->findings.begin(), s.scan->findings.end(), finding_less);
  return s;
}

inline report::Options report_options(const Scanned& s) {
  report::Options o;
  o.tool_version = "0.1.0";
  o.config = &s.config;
  o.generated_at = "2025-01-31 09:00 UTC";
  return o;
}

inline const char* validator_path() { return DRLINT_SHARED_DIR "/tools/validate-sarif"; }

// validate-sarif --strict (with --repo-root when given): exit 0 and "sarif ok".
inline void require_valid_sarif_strict(const std::filesystem::path& sarif, const std::filesystem::path& repo_root) {
  REQUIRE(std::filesystem::exists(validator_path()));
  std::string cmd = shell_quote(validator_path()) + " " + shell_quote(sarif.string()) + " --strict";
  if (!repo_root.empty()) cmd += " --repo-root " + shell_quote(repo_root.string());
  RunResult v = run_command(cmd);
  INFO(v.out);
  REQUIRE(v.exit_code == 0);
  CHECK(v.out.find("sarif ok") != std::string::npos);
}

template <typename Writer>
std::string render(Writer writer, const scan::Result& scan, const report::Options& options) {
  std::ostringstream out;
  writer(scan, options, out);
  return out.str();
}

}  // namespace drlint::testing
