// `scan --cache-dir`: the result of a scan, kept on disk and reused when
// nothing it was computed from has changed.
//
// A scan's result (findings after suppressions, the graph, the pre-scan
// counts) is a function of: the drlint binary, the options and
// configuration of the run (the key, computed by the caller), the discovered
// files (paths, kinds and content hashes, in order), and the files that
// Terraform's file()/fileexists()/templatefile() looked at outside them.
// load_result() re-checks all of that against a stored result; any
// difference, or an unreadable, truncated or corrupt cache file, is a miss
// and the scan runs in full. Entries are written whole to a temporary file
// and renamed, so concurrent scans sharing a directory never read half an
// entry; the directory keeps the 16 most recently used entries. The design and its measurements: docs/performance.md.
#pragma once

#include <string>
#include <vector>

#include "analyzer/scan/scan.h"
#include "analyzer/util/hash.h"

namespace drlint::cache {

// The running program's identity: the linker's GNU build ID when present,
// else a hash of the executable. Any rebuild changes it.
Hash128 program_id();

// Everything besides the scanned files that a result depends on: the
// program, the version, the root, the scan options, and the content of the
// --var-file files and of the configuration file (`config_path`, "" = none).
Hash128 run_key(const scan::Options& options, const std::string& root, const std::string& config_path);

// On a hit, sets result.findings, result.graph and the pre-scan counts of
// result.stats, and returns true. `result` comes from scan::read_sources()
// with hash_contents. On a miss returns false and says why in *why
// ("no entry", "3 files changed", "corrupt entry", ...). Without
// `with_graph` the graph stays empty (only reports with audit data read it:
// JSON, Markdown, HTML).
bool load_result(const std::string& dir, const Hash128& key, scan::Result& result, bool with_graph,
                 std::string* why);

// Stores `result` (after rules and suppressions, before any baseline) under
// `key`. `paths_read` is eval::Model::paths_read. False with *err when the
// directory cannot be written; the scan's own result is unaffected.
bool store_result(const std::string& dir, const Hash128& key, const scan::Result& result,
                  const std::vector<std::string>& paths_read, std::string* err);

// The stored result itself (after the key and the inputs it was computed
// from): the pre-scan counts and the findings, then the graph. An entry
// keeps the two in sections of their own (the graph is read only when a
// report needs it); write_payload/read_payload put them one after the
// other, for tests and the fuzz target. The readers take any bytes and
// either fail or give findings and a graph whose locations name files
// below `files`.
struct Payload {
  std::size_t terraform_blocks = 0, skipped_blocks = 0, rejected_blocks = 0;
  std::vector<Finding> findings;
  graph::Graph graph;
};
class Writer;
class Reader;
void write_payload(Writer& w, const scan::Result& result);
bool read_payload(Reader& r, std::size_t files, Payload* out);
void write_findings(Writer& w, const scan::Result& result);
bool read_findings(Reader& r, std::size_t files, Payload* out);

}  // namespace drlint::cache
