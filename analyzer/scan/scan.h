// The whole pipeline for one run: discover -> load -> (evaluate -> link ->
// rules) -> findings. Reporters take the ScanResult; they never re-derive.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "analyzer/discover/discover.h"
#include "analyzer/eval/terraform.h"
#include "analyzer/eval/terraform_model.h"
#include "analyzer/finding/finding.h"
#include "analyzer/graph/graph.h"
#include "analyzer/link/link.h"
#include "analyzer/load/hcl_loader.h"
#include "analyzer/load/loaded_file.h"
#include "analyzer/load/parse_error.h"
#include "analyzer/load/source_table.h"
#include "analyzer/load/yaml_loader.h"
#include "analyzer/suppress/suppressions.h"
#include "analyzer/util/hash.h"

namespace drlint::scan {

struct Options {
  discover::Options discovery;
  load::LoadLimits limits;
  unsigned jobs = 0;  // 0 = all cores
  eval::Inputs terraform_inputs;  // --var, --var-file
  link::PolicyInputs policy;      // objectives from the configuration file
  bool build_graph = true;        // evaluate Terraform and link the graph
  // Parse only the Terraform blocks an evaluation or a rule can need
  // (scan/parse_plan.h); false parses every block of every file.
  bool prescan = true;
  // Hash every file's content while reading it (Result::content_hashes),
  // for the result cache (analyzer/cache/result_cache.h).
  bool hash_contents = false;
  // Kubernetes YAML is loaded while linking, at most about this many bytes
  // of source ahead of the file being linked, and each file's documents are
  // freed once linked (scan.cc). Tests set 1 (one file at a time).
  std::size_t yaml_window_bytes = 1u << 20;
  // false: load every YAML file first and link them all at once (what
  // streaming must equal; tests/streaming_test.cc compares the two).
  bool stream_yaml = true;
};

using LoadedFile = load::LoadedFile;

// Wall time of one pipeline stage ("discover", "load", "evaluate", "link",
// "rules", ...), in the order the stages ran; shown by `scan --timings`.
struct PhaseTime {
  std::string phase;
  double seconds = 0;
};

struct Stats {
  std::size_t files = 0;
  std::size_t bytes = 0;
  double seconds = 0;
  std::vector<PhaseTime> phases;
  std::vector<std::pair<std::string, double>> rule_seconds;  // per rule ID
  // Pre-scan of .tf files: top-level blocks, how many were not parsed, and
  // how many were not needed but parsed because the recognizer rejected them.
  std::size_t terraform_blocks = 0, skipped_blocks = 0, rejected_blocks = 0, skipped_items = 0;
};

// Measures from construction; lap() appends the time since the last lap.
class PhaseClock {
 public:
  explicit PhaseClock(Stats& stats);
  void lap(const char* phase);

 private:
  Stats& stats_;
  double last_;
};

struct Result {
  std::string root;  // absolute path that every reported path is relative to
  load::SourceTable sources;
  std::vector<LoadedFile> files;  // same order as sources (index == FileId)
  eval::Model terraform;          // evaluated Terraform
  graph::Graph graph;             // the unified DR graph (finalized)
  std::vector<Finding> findings;  // sorted
  std::vector<discover::Skipped> skipped;
  std::vector<std::string> errors;  // fatal input errors (exit status 2)
  std::vector<Hash128> content_hashes;  // per FileId, with Options::hash_contents
  // The suppression directives of every file, read while linking (YAML
  // documents are freed as soon as they are linked); unset without a graph.
  std::optional<std::vector<suppress::Directive>> directives;
  std::shared_ptr<void> link_leftovers;  // the linker's indexes: freed with the syntax trees
  Stats stats;
  double started = 0;  // steady clock, seconds: when the scan began
};

// discover -> read -> load -> evaluate -> link: the findings of loading and
// evaluation (DR900, DR903) and the graph, ready for the rules.
std::unique_ptr<Result> run(const Options& options);
// The same in two steps: discovery and one read of every file (sources,
// their sizes and, with hash_contents, hashes) ...
std::unique_ptr<Result> read_sources(const Options& options);
// ... then everything after reading.
void load_and_link(const Options& options, Result& result);

// Loads one file's content (already in `file.content`) by kind.
LoadedFile load_file(const load::SourceFile& file, const load::LoadLimits& limits);
// The same for a .tf file of which only `ranges` are parsed.
LoadedFile load_terraform_ranges(const load::SourceFile& file, const std::vector<load::ByteRange>& ranges,
                                 const load::LoadLimits& limits);

// Line/column (1-based) of a byte offset.
SourceLoc loc_of_offset(FileId id, std::string_view text, std::size_t offset);

}  // namespace drlint::scan
