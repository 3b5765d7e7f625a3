// Compiler-style text for terminals and CI logs:
//   path:line:col: level: message [DR010 zone-locked-volume]
//      12 |   storageClassName: managed-csi
//         |                     ^
//     note: related: path:line:col: what the other side is
// then a summary line.
#include <array>
#include <map>

#include "analyzer/load/source_table.h"
#include "analyzer/report/report.h"
#include "analyzer/report/text_util.h"
#include "analyzer/scan/scan.h"
#include "rules/registry.h"

namespace drlint::report {
namespace {

struct Palette {
  const char* bold = "";
  const char* red = "";
  const char* yellow = "";
  const char* cyan = "";
  const char* green = "";
  const char* dim = "";
  const char* reset = "";
};

Palette palette(bool color) {
  Palette p;
  if (!color) return p;
  p.bold = "\x1b[1m";
  p.red = "\x1b[1;31m";
  p.yellow = "\x1b[1;33m";
  p.cyan = "\x1b[1;36m";
  p.green = "\x1b[1;32m";
  p.dim = "\x1b[2m";
  p.reset = "\x1b[0m";
  return p;
}

const char* level_color(Level l, const Palette& p) {
  switch (l) {
    case Level::kError: return p.red;
    case Level::kWarning: return p.yellow;
    case Level::kNote: return p.cyan;
  }
  return p.reset;
}

// Scanned text on one line: control characters replaced, line breaks shown
// as "\n" so a message can never forge a finding line of its own.
std::string one_line(std::string_view text) {
  std::string clean = sanitize_for_terminal(text);
  std::string out;
  out.reserve(clean.size());
  for (char c : clean) {
    if (c == '\n') out += "\\n";
    else if (c == '\t') out += ' ';
    else out += c;
  }
  return out;
}

std::string where(const load::SourceTable& sources, const SourceLoc& loc) {
  std::string s = one_line(sources.path(loc.file));
  s += ':' + std::to_string(loc.line);
  std::string_view line = sources.line_text(loc.file, loc.line);
  s += ':' + std::to_string(display_column(line, std::max<std::uint32_t>(loc.column, 1)));
  return s;
}

void print_source(std::ostream& out, const load::SourceTable& sources, const SourceLoc& loc, const Palette& p) {
  std::string_view line = sources.line_text(loc.file, loc.line);
  if (line.empty()) return;
  std::string num = std::to_string(loc.line);
  std::string shown = sanitize_for_terminal(line.substr(0, 400));
  out << p.dim << "  " << num << " | " << p.reset << shown << '\n';
  std::uint32_t col = display_column(line, std::max<std::uint32_t>(loc.column, 1));
  std::string pad;
  // Keep tabs so the caret lines up under tab-indented source.
  std::size_t i = 0, c = 1;
  while (i < line.size() && c < col) {
    unsigned char ch = static_cast<unsigned char>(line[i]);
    pad += ch == '\t' ? '\t' : ' ';
    i += (ch < 0x80) ? 1 : (ch & 0xE0) == 0xC0 ? 2 : (ch & 0xF0) == 0xE0 ? 3 : (ch & 0xF8) == 0xF0 ? 4 : 1;
    ++c;
  }
  out << p.dim << "  " << std::string(num.size(), ' ') << " | " << p.reset << pad << p.green << '^' << p.reset
      << '\n';
}

}  // namespace

void write_text(const scan::Result& scan, const Options& options, std::ostream& out) {
  Palette p = palette(options.color);
  std::array<std::size_t, 4> counts{};
  std::size_t suppressed = 0, unchanged = 0, absent = 0;
  for (const Finding& f : scan.findings) {
    if (f.baseline == Finding::BaselineState::kAbsent) {  // gone since the baseline
      ++absent;
      continue;
    }
    if (f.baseline == Finding::BaselineState::kUnchanged && !f.suppression) ++unchanged;
    if (f.suppression) {
      ++suppressed;
      continue;
    }
    ++counts[static_cast<int>(f.level)];
    const rules::RuleInfo* info = rules::find_rule(f.rule_id);
    out << p.bold << where(scan.sources, f.loc) << ": " << p.reset << level_color(f.level, p)
        << level_name(f.level) << ": " << p.reset << p.bold << one_line(f.message) << p.reset << " ["
        << f.rule_id;
    if (info) out << ' ' << info->name;
    out << "]\n";
    if (options.show_source) print_source(out, scan.sources, f.loc, p);
    for (const RelatedLocation& r : f.related) {
      if (!r.loc.valid()) continue;
      out << "    " << p.cyan << "related" << p.reset << ": " << where(scan.sources, r.loc) << ": "
          << one_line(r.message) << '\n';
    }
  }
  for (const std::string& e : scan.errors) out << "drlint: error: " << one_line(e) << '\n';
  std::size_t total = counts[1] + counts[2] + counts[3];
  char secs[32];
  std::snprintf(secs, sizeof secs, "%.2fs", scan.stats.seconds);
  out << (total ? p.bold : p.green) << total << (total == 1 ? " finding" : " findings") << p.reset << " ("
      << counts[3] << (counts[3] == 1 ? " error, " : " errors, ") << counts[2]
      << (counts[2] == 1 ? " warning, " : " warnings, ") << counts[1] << (counts[1] == 1 ? " note" : " notes");
  if (suppressed) out << ", " << suppressed << " suppressed";
  if (unchanged) out << ", " << unchanged << " unchanged since the baseline";
  if (absent) out << ", " << absent << " fixed since the baseline";
  out << ") in " << scan.stats.files << (scan.stats.files == 1 ? " file" : " files") << ", " << secs << '\n';
}

}  // namespace drlint::report
