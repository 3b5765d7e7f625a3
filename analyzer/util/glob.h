// Path globs as users write them in .drlint.yaml `exclude`:
// `*` any run of characters but '/', `?` one character but '/', `**` any
// number of path segments ("examples/**", "**/templates/**", "**/*.tf").
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace re2 {
class RE2;
}

namespace drlint {

bool glob_match(std::string_view pattern, std::string_view path);

// Several globs compiled once, for matching many paths.
class GlobSet {
 public:
  explicit GlobSet(const std::vector<std::string>& patterns);
  ~GlobSet();
  GlobSet(const GlobSet&) = delete;
  GlobSet& operator=(const GlobSet&) = delete;
  bool empty() const { return compiled_.empty(); }
  bool matches(std::string_view path) const;

 private:
  std::vector<std::unique_ptr<re2::RE2>> compiled_;
};

}  // namespace drlint
