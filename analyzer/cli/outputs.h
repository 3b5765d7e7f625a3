// Where a scan's reports go: one or more (format, file) pairs from
// `--format FORMAT[:FILE]` and `--output FILE`, and the --fail-on decision.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "analyzer/report/report.h"

namespace drlint::scan {
struct Result;
}

namespace drlint::cli {

struct Output {
  std::string format;  // text | json | sarif | markdown | html
  std::string file;    // "-" = stdout
};

bool parse_outputs(const std::vector<std::string>& formats, const std::vector<std::string>& files,
                   std::vector<Output>* out, std::string* error);
bool write_output(const scan::Result& result, const Output& output, const report::Options& options,
                  std::string* error);

// error|warning|note -> minimum level as int; never -> a level above error.
std::optional<int> parse_fail_on(const std::string& text);
// True when an unsuppressed finding (new, with a baseline) reaches the threshold.
bool fails(const scan::Result& result, int threshold);

}  // namespace drlint::cli
