#include "analyzer/report/fingerprint.h"

#include <cstdint>
#include <cstdio>
#include <map>
#include <string_view>

#include "analyzer/load/source_table.h"

namespace drlint::report {
namespace {

std::uint64_t fnv1a(std::string_view s, std::uint64_t h = 1469598103934665603ull) {
  for (unsigned char c : s) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return h;
}

// The line's text with all white space removed: re-indenting keeps identity.
std::string squeeze(std::string_view line) {
  std::string out;
  for (char c : line)
    if (c != ' ' && c != '\t' && c != '\r') out += c;
  return out;
}

}  // namespace

std::vector<std::string> fingerprints(const std::vector<Finding>& findings, const load::SourceTable& sources) {
  std::vector<std::string> out;
  out.reserve(findings.size());
  std::map<std::uint64_t, int> seen;
  for (const Finding& f : findings) {
    std::uint64_t h = fnv1a(f.rule_id);
    h = fnv1a("\x1f", h);
    h = fnv1a(sources.path(f.loc.file), h);
    h = fnv1a("\x1f", h);
    // The key names the object; without one, the content of the line does.
    h = fnv1a(f.key.empty() ? squeeze(sources.line_text(f.loc.file, f.loc.line)) : f.key, h);
    int n = ++seen[h];
    char buf[40];
    std::snprintf(buf, sizeof buf, "%016llx:%d", static_cast<unsigned long long>(h), n);
    out.emplace_back(buf);
  }
  return out;
}

}  // namespace drlint::report
