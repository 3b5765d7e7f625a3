// A DR rule: its public metadata (ID, name, level, help) plus the function
// that reads the graph and reports findings. Rules never parse.
#pragma once

#include <string_view>
#include <vector>

#include "analyzer/finding/finding.h"

namespace drlint::rules {

struct RuleContext;  // rules/rule_context.h: the graph and the resolved policy
class FindingSink;   // rules/finding_sink.h

struct RuleInfo {
  std::string_view id;                 // "DR010": never changes, never reused
  std::string_view name;               // "zone-locked-volume"
  Level level;                         // default level
  std::string_view summary;            // one sentence: doc page, SARIF shortDescription
  std::string_view description;        // SARIF fullDescription (<= 1024 chars)
  std::string_view help_markdown;      // why it matters, how to fix, before/after
  std::vector<std::string_view> tags;  // "security" marks a security rule
  std::string_view security_severity;  // "8.0" etc. for security rules, else ""
};

using CheckFn = void (*)(const RuleContext&, FindingSink&);

struct Rule {
  const RuleInfo* info;
  CheckFn check;  // nullptr for findings produced outside rules (DR900)
};

}  // namespace drlint::rules
