// Reads and strictly validates .drlint.yaml (shared/spec/policy.md). Every
// problem is a configuration error (the CLI exits 2) of the form
//   FILE:LINE:COL: <what is wrong>; expected <the expected form>
// Unknown keys at any level, wrong types, malformed durations or
// throughputs, unknown rule IDs or levels, a `version` other than 1,
// duplicate keys and duplicate policy names are all rejected.
#pragma once

#include <string>
#include <string_view>

#include "analyzer/config/config.h"
#include "analyzer/util/source_loc.h"

namespace drlint::config {

// Reads the file at `abs_path`; `display_path` (repository-relative, or as the
// user typed it) names it in errors and becomes `out->path`. On failure
// returns false, leaves `*out` untouched and sets `*error` (one line, no
// trailing newline). Locations in `*out` carry FileId kNoFile.
bool load_config(const std::string& abs_path, const std::string& display_path, Config* out, std::string* error);

// Same, from text already read; locations in `*out` carry `file` (pass the
// FileId of the configuration file if it was added to the scan's SourceTable).
bool load_config_text(std::string_view content, const std::string& display_path, FileId file, Config* out,
                      std::string* error);

// The configuration file at the scan root: `<root>/.drlint.yaml`, else
// `<root>/.drlint.yml` (when both exist, .drlint.yaml wins); "" when neither
// is a regular file. Returns the absolute path.
std::string find_config(const std::string& root_abs);

}  // namespace drlint::config
