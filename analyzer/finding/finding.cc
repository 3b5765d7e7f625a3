#include "analyzer/finding/finding.h"

#include <tuple>

namespace drlint {

const char* level_name(Level level) {
  switch (level) {
    case Level::kNote: return "note";
    case Level::kWarning: return "warning";
    case Level::kError: return "error";
  }
  return "warning";
}

std::optional<Level> parse_level(std::string_view text) {
  if (text == "note") return Level::kNote;
  if (text == "warning") return Level::kWarning;
  if (text == "error") return Level::kError;
  return std::nullopt;
}

bool finding_less(const Finding& a, const Finding& b) {
  return std::tie(a.loc.file, a.loc.line, a.loc.column, a.rule_id, a.message) <
         std::tie(b.loc.file, b.loc.line, b.loc.column, b.rule_id, b.message);
}

}  // namespace drlint
