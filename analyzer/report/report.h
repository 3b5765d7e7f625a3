// Reporters render a scan's findings; they never re-derive them.
#pragma once

#include <ostream>
#include <string>

namespace drlint::scan {
struct Result;
}

namespace drlint::report {

struct Options {
  bool color = false;           // text: ANSI colours (terminal only, NO_COLOR honoured by the CLI)
  bool show_source = true;      // text: the source line and a caret
  std::string tool_version;     // e.g. "0.1.0"
  std::string help_uri_base;    // rule pages: <base>DR010.md
};

// The rule pages' address in the project's documentation.
inline constexpr const char* kDefaultHelpUriBase = "https://github.com/drlint/drlint/blob/main/docs/rules/";

void write_sarif(const scan::Result& scan, const Options& options, std::ostream& out);
void write_text(const scan::Result& scan, const Options& options, std::ostream& out);
void write_json(const scan::Result& scan, const Options& options, std::ostream& out);

}  // namespace drlint::report
