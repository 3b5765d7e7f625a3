// Helpers for tests: temporary repositories, running the drlint binary.
#pragma once

#include <filesystem>
#include <map>
#include <string>

#include "analyzer/scan/analyze.h"

namespace drlint::testing {

// A temporary directory removed at destruction; files given relative paths.
class TempRepo {
 public:
  TempRepo();
  ~TempRepo();
  TempRepo(const TempRepo&) = delete;
  TempRepo& operator=(const TempRepo&) = delete;
  const std::filesystem::path& path() const { return root_; }
  void write(const std::string& rel, const std::string& content);

 private:
  std::filesystem::path root_;
};

struct RunResult {
  int exit_code = -1;
  std::string out;  // stdout
  std::string err;  // stderr
};

// Runs the drlint binary with `args` (shell-quoted by the caller) in `cwd`.
RunResult run_drlint(const std::string& args, const std::filesystem::path& cwd);
// Runs any shell command; returns exit code and stdout+stderr.
RunResult run_command(const std::string& command);
std::string read_file(const std::filesystem::path& p);

// Every finding of a scan, one line each (rule, level, range, message, key),
// with its related locations and suppression: for comparing two scans.
std::string findings_text(const scan::Result& r);
// The scan's graph as `drlint graph --format json` prints it.
std::string graph_json(const scan::Result& r);
// scan::analyze of `dir`, with `dir` as the root, and the rest of `options`
// as given; fails the test when there is no result.
scan::Analysis analyze_dir(const std::filesystem::path& dir, scan::AnalyzeOptions options = {});
std::string shell_quote(const std::string& s);

}  // namespace drlint::testing
