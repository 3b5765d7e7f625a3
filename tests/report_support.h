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
#include "analyzer/report/report.h"
#include "analyzer/scan/analyze.h"
#include "analyzer/scan/scan.h"
#include "test_support.h"

namespace drlint::testing {

struct Scanned {
  std::unique_ptr<scan::Result> scan;
  config::Config config;
  std::string config_error;
};

// The whole analysis of `dir` (the scan root) as `drlint scan` runs it:
// its .drlint.yaml, scan, rules, suppressions (scan::analyze).
inline Scanned scan_with_rules(const std::filesystem::path& dir) {
  namespace fs = std::filesystem;
  Scanned s;
  scan::AnalyzeOptions options;
  std::string root = fs::absolute(dir).lexically_normal().string();
  if (!root.empty() && root.back() == '/') root.pop_back();
  options.scan.discovery.paths = {root};
  options.scan.discovery.root = root;
  options.scan.jobs = 1;
  scan::Analysis a = scan::analyze(options);
  s.config_error = a.error;
  s.config = std::move(a.config);
  s.scan = std::move(a.result);
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
