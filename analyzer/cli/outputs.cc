#include "analyzer/cli/outputs.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iostream>
#include <sstream>

#include "analyzer/scan/scan.h"

namespace drlint::cli {
namespace {
bool known_format(const std::string& f) {
  return f == "text" || f == "json" || f == "sarif" || f == "markdown" || f == "html" || f == "codequality";
}
}  // namespace

bool parse_outputs(const std::vector<std::string>& formats, const std::vector<std::string>& files,
                   std::vector<Output>* out, std::string* error) {
  std::vector<std::string> fs = formats.empty() ? std::vector<std::string>{"text"} : formats;
  std::size_t next_file = 0;
  int to_stdout = 0;
  for (const std::string& spec : fs) {
    Output o;
    std::size_t colon = spec.find(':');
    o.format = spec.substr(0, colon);
    if (colon != std::string::npos) o.file = spec.substr(colon + 1);
    if (!known_format(o.format)) {
      *error = "unknown format '" + o.format + "' (expected text, json, sarif, markdown, html or codequality)";
      return false;
    }
    if (o.file.empty()) o.file = next_file < files.size() ? files[next_file++] : "-";
    if (o.file == "-") ++to_stdout;
    out->push_back(o);
  }
  if (next_file < files.size()) {
    *error = "more --output files than --format options without a file";
    return false;
  }
  if (to_stdout > 1) {
    *error = "only one output can go to standard output; give the others a file (--format sarif:FILE)";
    return false;
  }
  return true;
}

bool write_output(const scan::Result& result, const Output& output, const report::Options& options,
                  std::string* error) {
  // Reports are written straight to their destination (a SARIF report of a
  // large repository is tens of megabytes: no copy of it is kept).
  std::ofstream file;
  if (output.file != "-") {
    file.open(output.file, std::ios::binary | std::ios::trunc);
    if (!file) {
      *error = "cannot write " + output.file + ": " + std::strerror(errno);
      return false;
    }
  }
  std::ostream& out = output.file == "-" ? std::cout : file;
  if (output.format == "sarif") report::write_sarif(result, options, out);
  else if (output.format == "json") report::write_json(result, options, out);
  else if (output.format == "text") report::write_text(result, options, out);
  else if (output.format == "codequality") report::write_codequality(result, options, out);
  else if (output.format == "markdown") report::write_markdown(result, options, out);
  else if (output.format == "html") report::write_html(result, options, out);
  else {
    *error = "format '" + output.format + "' is not available in this build yet";
    return false;
  }
  if (!out.flush()) {
    *error = "cannot write " + (output.file == "-" ? std::string("standard output") : output.file) + ": " +
             std::strerror(errno);
    return false;
  }
  return true;
}

std::optional<int> parse_fail_on(const std::string& text) {
  if (text == "never") return 4;
  if (auto l = parse_level(text)) return static_cast<int>(*l);
  return std::nullopt;
}

bool fails(const scan::Result& result, int threshold) {
  for (const Finding& f : result.findings) {
    if (f.suppression) continue;
    if (f.baseline == Finding::BaselineState::kUnchanged || f.baseline == Finding::BaselineState::kAbsent) continue;
    if (static_cast<int>(f.level) >= threshold) return true;
  }
  return false;
}

}  // namespace drlint::cli
