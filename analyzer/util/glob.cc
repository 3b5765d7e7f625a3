#include "analyzer/util/glob.h"

#include <string>

#include <re2/re2.h>

namespace drlint {

// "**/" -> any number of whole segments, "**" -> anything, "*" -> within a
// segment, "?" -> one character within a segment; the rest is literal.
static std::string glob_to_regex(std::string_view pat) {
  std::string re;
  for (std::size_t i = 0; i < pat.size(); ++i) {
    char c = pat[i];
    if (c == '*' && i + 1 < pat.size() && pat[i + 1] == '*') {
      if (i + 2 < pat.size() && pat[i + 2] == '/') {
        re += "(?:.*/)?";
        i += 2;
      } else {
        re += ".*";
        i += 1;
      }
    } else if (c == '*') {
      re += "[^/]*";
    } else if (c == '?') {
      re += "[^/]";
    } else {
      re += RE2::QuoteMeta(std::string(1, c));
    }
  }
  return re;
}

bool glob_match(std::string_view pattern, std::string_view path) {
  RE2::Options opts;
  opts.set_log_errors(false);
  RE2 re(glob_to_regex(pattern), opts);
  return re.ok() && RE2::FullMatch(re2::StringPiece(path.data(), path.size()), re);
}

}  // namespace drlint

namespace drlint {

GlobSet::GlobSet(const std::vector<std::string>& patterns) {
  RE2::Options opts;
  opts.set_log_errors(false);
  for (const std::string& p : patterns) {
    auto re = std::make_unique<RE2>(glob_to_regex(p), opts);
    if (re->ok()) compiled_.push_back(std::move(re));
  }
}

GlobSet::~GlobSet() = default;

bool GlobSet::matches(std::string_view path) const {
  re2::StringPiece sp(path.data(), path.size());
  for (const auto& re : compiled_)
    if (RE2::FullMatch(sp, *re)) return true;
  return false;
}

}  // namespace drlint
