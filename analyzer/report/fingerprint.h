// Stable identities for findings, so SARIF alerts and baselines survive
// edits elsewhere in a file: a hash of rule, file and what the finding is
// about (its key), never of its line number.
#pragma once

#include <string>
#include <vector>

#include "analyzer/finding/finding.h"

namespace drlint::load {
class SourceTable;
}

namespace drlint::report {

// One fingerprint per finding, same order; unique per (rule, file).
std::vector<std::string> fingerprints(const std::vector<Finding>& findings, const load::SourceTable& sources);

}  // namespace drlint::report
