// Reporters render a scan's findings; they never re-derive them.
#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace drlint::scan {
struct Result;
}
namespace drlint::config {
struct Config;
}
namespace drlint::baseline {
struct AbsentResult;
}

namespace drlint::report {

struct Options {
  bool color = false;           // text: ANSI colours (terminal only, NO_COLOR honoured by the CLI)
  bool show_source = true;      // text: the source line and a caret
  std::string tool_version;     // e.g. "0.1.0"
  std::string help_uri_base;    // rule pages: <base>DR010.md
  // The configuration of the run (declared objectives, recovery assumptions):
  // read by the audit reports (markdown, html) and the JSON report; nullptr =
  // no .drlint.yaml (objectives from annotations only, default assumptions).
  const config::Config* config = nullptr;
  // With --baseline: the baseline's results that this scan no longer
  // produces (baseline/baseline.h); may be empty or nullptr without one. Listed by the JSON, Markdown and HTML
  // reports; not by SARIF, whose consumers (GitHub) would open alerts for them.
  const std::vector<baseline::AbsentResult>* absent = nullptr;
  // Audit reports: the report's date ("" = now, or SOURCE_DATE_EPOCH when set).
  std::string generated_at;
};

// The rule pages' address in the project's documentation.
inline constexpr const char* kDefaultHelpUriBase = "https://github.com/drlint/drlint/blob/main/docs/rules/";

void write_sarif(const scan::Result& scan, const Options& options, std::ostream& out);
void write_text(const scan::Result& scan, const Options& options, std::ostream& out);
void write_json(const scan::Result& scan, const Options& options, std::ostream& out);
// The DR audit report (analyzer/report/audit_model.h): Markdown (also a
// GitHub job summary) and one self-contained HTML file with inline SVG charts.
void write_markdown(const scan::Result& scan, const Options& options, std::ostream& out);
void write_html(const scan::Result& scan, const Options& options, std::ostream& out);
void write_codequality(const scan::Result& scan, const Options& options, std::ostream& out);  // GitLab Code Quality

}  // namespace drlint::report
