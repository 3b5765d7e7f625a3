// What a rule (or a loader) found: the unit every reporter renders.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analyzer/util/source_loc.h"

namespace drlint {

enum class Level { kNote = 1, kWarning = 2, kError = 3 };

const char* level_name(Level level);  // "note", "warning", "error"
std::optional<Level> parse_level(std::string_view text);

struct RelatedLocation {
  SourceLoc loc;
  std::string message;  // what the other side is ("storage account declared here")
};

struct Suppression {
  enum class Kind { kInSource, kExternal };
  Kind kind = Kind::kInSource;
  std::string justification;  // the reason after "--"; may be empty
  SourceLoc loc;              // where the suppression is written
};

struct Finding {
  std::string rule_id;   // "DR010"
  Level level = Level::kWarning;
  std::string message;   // names the objects and the fix
  SourceLoc loc;         // the line a user edits to fix it
  std::vector<RelatedLocation> related;
  // A stable identity of what the finding is about ("pvc payments/data"),
  // used for fingerprints so they survive edits elsewhere in the file.
  std::string key;
  std::optional<Suppression> suppression;
  enum class BaselineState { kNone, kNew, kUnchanged, kAbsent };
  BaselineState baseline = BaselineState::kNone;
};

// Sort order of every report: file, line, column, rule, message.
bool finding_less(const Finding& a, const Finding& b);

}  // namespace drlint
