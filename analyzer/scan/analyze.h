// The whole analysis of one `drlint scan`: configuration -> scan (discover,
// load, evaluate, link) -> rules -> suppressions -> baseline. The CLI and the
// end-to-end tests call this; reporters then render Analysis::result.
#pragma once

#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "analyzer/baseline/baseline.h"
#include "analyzer/config/config.h"
#include "analyzer/scan/scan.h"

namespace drlint::scan {

struct AnalyzeOptions {
  Options scan;
  std::string config_path;    // --config; "" = .drlint.yaml (or .yml) at the scan root
  std::string baseline_path;  // --baseline; "" = none
  // Free the YAML and HCL trees and the evaluated Terraform once the graph
  // is built (Analysis::result keeps sources, graph and findings).
  bool release_trees = true;
  // --cache-dir: reuse the stored result of an identical earlier run
  // (analyzer/cache/result_cache.h); "" = no cache.
  std::string cache_dir;
  // Whether the reports need the graph (those with audit data: JSON,
  // Markdown, HTML): without, a result reused from the cache comes without
  // it, which is faster.
  bool need_graph = true;
};

// The thread that frees the syntax trees and the evaluated Terraform while
// the rules, suppressions and reports run (with more than one job). It only
// frees what nothing else reads; it is joined when its Analysis is
// destroyed, or by join() (the CLI, which never destroys its Analysis,
// joins before it exits).
class ReleaseThread {
 public:
  ReleaseThread() = default;
  explicit ReleaseThread(std::thread t) : thread_(std::move(t)) {}
  ReleaseThread(ReleaseThread&&) = default;
  ReleaseThread& operator=(ReleaseThread&& other) {
    join();
    thread_ = std::move(other.thread_);
    return *this;
  }
  ~ReleaseThread() { join(); }
  void join() {
    if (thread_.joinable()) thread_.join();
  }

 private:
  std::thread thread_;
};

struct Analysis {
  std::unique_ptr<Result> result;  // findings: loader, rules, suppression notes; sorted
  config::Config config;
  std::vector<baseline::AbsentResult> absent;  // baseline results no longer found
  std::string error;  // configuration or baseline error (exit status 2); result is null then
  // With a cache directory: "hit", "miss (why)", and a warning when the
  // result could not be stored.
  std::string cache_status;
  std::string cache_warning;
  ReleaseThread release;  // declared last: joined before the members above go
};

Analysis analyze(const AnalyzeOptions& options);

// The scan root `analyze` uses: --root, else the git work tree of the first
// path, else the current directory (absolute, no trailing slash).
std::string resolve_root(const discover::Options& options);

}  // namespace drlint::scan
