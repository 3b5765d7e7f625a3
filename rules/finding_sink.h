// Collects a rule's findings. report() returns a builder for related
// locations:  out.report(kInfo, loc, msg, key).related(other, "declared here");
#pragma once

#include <deque>
#include <string>
#include <vector>

#include "analyzer/finding/finding.h"
#include "rules/rule.h"

namespace drlint::rules {

class FindingBuilder {
 public:
  explicit FindingBuilder(Finding& f) : f_(f) {}
  FindingBuilder& related(const SourceLoc& loc, std::string message) {
    if (loc.valid()) f_.related.push_back(RelatedLocation{loc, std::move(message)});
    return *this;
  }
  // For findings reported below the rule's default level (e.g. a note when
  // an unknown value keeps the rule from deciding).
  FindingBuilder& level(Level l) {
    f_.level = l;
    return *this;
  }

 private:
  Finding& f_;
};

class FindingSink {
 public:
  // `key` names what the finding is about ("pvc payments/data"): it keeps
  // fingerprints stable when lines move. A finding without a valid location
  // is dropped: every finding must point at a line.
  FindingBuilder report(const RuleInfo& info, const SourceLoc& loc, std::string message, std::string key) {
    Finding f;
    f.rule_id = std::string(info.id);
    f.level = info.level;
    f.message = std::move(message);
    f.loc = loc;
    f.key = std::move(key);
    findings_.push_back(std::move(f));
    if (!loc.valid()) {
      dropped_.push_back(std::move(findings_.back()));
      findings_.pop_back();
      return FindingBuilder(dropped_.back());
    }
    return FindingBuilder(findings_.back());
  }

  std::vector<Finding> take() { return {std::make_move_iterator(findings_.begin()), std::make_move_iterator(findings_.end())}; }

 private:
  std::deque<Finding> findings_;  // deque: builders keep valid references
  std::deque<Finding> dropped_;
};

}  // namespace drlint::rules
