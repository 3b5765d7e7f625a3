// `--baseline previous.sarif` (shared/spec/policy.md): findings already
// present in an earlier drlint SARIF report are `unchanged` and do not fail
// the run; the others are `new`; baseline results that no longer occur are
// `absent`. Results are matched by rule ID and
// partialFingerprints.primaryLocationLineHash (report/fingerprint.h: rule,
// file and the finding's key or line content; never the line number), so
// they survive unrelated edits above them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "analyzer/finding/finding.h"

namespace drlint::baseline {

// A result of the baseline that the current scan no longer produces. Kept
// apart from the findings (its file may be gone, so it cannot point into the
// scan's SourceTable); the SARIF writer emits it with baselineState "absent".
struct AbsentResult {
  std::string rule_id;
  std::string level;        // "error", "warning", "note" as in the old report ("warning" if absent there)
  std::string message;      // message.text of the old result
  std::string uri;          // artifactLocation.uri, as written (percent-encoded, repository-relative)
  std::uint32_t line = 0;   // region.startLine (0 if the old result had none)
  std::uint32_t column = 0; // region.startColumn (0 if none)
  std::string fingerprint;  // partialFingerprints.primaryLocationLineHash
};

// One result of the baseline file.
struct Entry {
  AbsentResult result;
  bool suppressed = false;  // the old result carried suppressions
};

struct Baseline {
  std::string path;
  std::vector<Entry> entries;  // results with a ruleId and a fingerprint, minus those already "absent"
};

// Reads a SARIF file (any number of runs). Results without ruleId or without
// partialFingerprints.primaryLocationLineHash cannot be matched and are
// skipped; results with baselineState "absent" are skipped. On failure
// (unreadable, not JSON, not SARIF) returns false and sets `*error` to
// "PATH: <what is wrong>; expected <...>" (the CLI exits 2 with it).
bool load_baseline(const std::string& path, Baseline* out, std::string* error);
bool parse_baseline(const std::string& text, const std::string& path, Baseline* out, std::string* error);

// Sets Finding::baseline on every finding: kUnchanged when the baseline holds
// a result with the same rule ID and fingerprint (each baseline result
// matches at most one finding), else kNew. `fingerprints` is
// report::fingerprints(findings, sources), same order as `findings`. Baseline
// results matched by no finding are appended to `*absent` (if non-null).
void apply_baseline(std::vector<Finding>& findings, const std::vector<std::string>& fingerprints,
                    const Baseline& baseline, std::vector<AbsentResult>* absent);

// load_baseline + apply_baseline.
bool apply_baseline(std::vector<Finding>& findings, const std::vector<std::string>& fingerprints,
                    const std::string& baseline_path, std::vector<AbsentResult>* absent, std::string* error);

// Whether a finding counts toward `--fail-on` (threshold; nullopt = never):
// not suppressed, not unchanged from the baseline, level at or above it.
bool fails_run(const Finding& finding, std::optional<Level> threshold);

}  // namespace drlint::baseline
