// The Debian package (cmake/packaging.cmake): `cpack -G DEB` in the build
// tree, then the .deb's control fields and contents, the extracted binary
// runs, and its Depends cover every shared library the binary needs.
#include <filesystem>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "test_support.h"

namespace fs = std::filesystem;
using drlint::testing::run_command;
using drlint::testing::RunResult;
using drlint::testing::shell_quote;
using drlint::testing::TempRepo;

namespace {

std::string trim(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ' || s.back() == '\r')) s.pop_back();
  std::size_t b = s.find_first_not_of(' ');
  return b == std::string::npos ? std::string() : s.substr(b);
}

std::string field(const fs::path& deb, const std::string& name) {
  RunResult r = run_command("dpkg-deb -f " + shell_quote(deb.string()) + " " + name);
  REQUIRE(r.exit_code == 0);
  return trim(r.out);
}

// Package names in a Depends field ("a (>= 1), b | c" -> {a, b, c}).
std::set<std::string> depends_names(const std::string& depends) {
  std::set<std::string> out;
  std::string cur;
  bool in_version = false;
  for (char c : depends + ",") {
    if (c == '(') in_version = true;
    else if (c == ')') in_version = false;
    else if (!in_version && (c == ',' || c == '|')) {
      cur = trim(cur);
      if (!cur.empty()) out.insert(cur);
      cur.clear();
    } else if (!in_version) cur += c;
  }
  return out;
}

// The Debian package that owns a file, or "" (dpkg -S; merged /usr aware).
std::string owning_package(const std::string& path) {
  std::vector<std::string> candidates = {path};
  std::error_code ec;
  fs::path canonical = fs::canonical(path, ec);
  if (!ec) candidates.push_back(canonical.string());
  if (path.rfind("/usr/", 0) == 0) candidates.push_back(path.substr(4));
  else candidates.push_back("/usr" + path);
  for (const std::string& c : candidates) {
    RunResult r = run_command("dpkg -S " + shell_quote(c) + " 2>/dev/null");
    if (r.exit_code != 0) continue;
    std::string pkg = r.out.substr(0, r.out.find(':'));
    std::size_t comma = pkg.find(',');  // "a, b: path" when several own it
    return trim(pkg.substr(0, comma));
  }
  return {};
}

}  // namespace

TEST_CASE("cpack builds a drlint .deb that installs a working binary and man page", "[integrations][packaging]") {
  fs::path build_dir = fs::path(DRLINT_BINARY).parent_path();
  if (!fs::exists(build_dir / "CPackConfig.cmake")) {
    WARN("SKIPPED: " << (build_dir / "CPackConfig.cmake").string()
                     << " does not exist: the build does not include cmake/packaging.cmake yet "
                        "(add `include(cmake/packaging.cmake)` at the end of CMakeLists.txt)");
    return;
  }
  for (const char* tool : {"cpack", "dpkg-deb"}) {
    if (run_command(std::string("command -v ") + tool).exit_code != 0) {
      WARN("SKIPPED: " << tool << " is not installed");
      return;
    }
  }
  TempRepo out;
  RunResult pack = run_command("cd " + shell_quote(build_dir.string()) + " && cpack -G DEB --config CPackConfig.cmake -B " +
                               shell_quote(out.path().string()));
  INFO(pack.out);
  REQUIRE(pack.exit_code == 0);
  fs::path deb;
  for (const auto& e : fs::directory_iterator(out.path()))
    if (e.path().extension() == ".deb") deb = e.path();
  REQUIRE_FALSE(deb.empty());
  CHECK(deb.filename().string().rfind(std::string("drlint_") + DRLINT_VERSION + "_", 0) == 0);

  CHECK(field(deb, "Package") == "drlint");
  CHECK(field(deb, "Version") == DRLINT_VERSION);
  CHECK(field(deb, "Section") == "devel");
  CHECK(field(deb, "Maintainer").find('<') != std::string::npos);
  CHECK_FALSE(field(deb, "Description").empty());
  std::string depends = field(deb, "Depends");
  INFO("Depends: " << depends);
  std::set<std::string> deps = depends_names(depends);
  // The C library always; yaml-cpp's and RE2's packages only when they are
  // linked dynamically (-DDRLINT_STATIC_DEPS=OFF): the ldd check below
  // holds Depends to exactly what the binary loads.
  CHECK(deps.count("libc6") == 1);

  RunResult contents = run_command("dpkg-deb -c " + shell_quote(deb.string()));
  REQUIRE(contents.exit_code == 0);
  CHECK(contents.out.find("./usr/bin/drlint\n") != std::string::npos);
  CHECK(contents.out.find("./usr/share/man/man1/drlint.1.gz\n") != std::string::npos);
  CHECK(contents.out.find("include/") == std::string::npos);  // nothing but the tool
  CHECK(contents.out.find(".a\n") == std::string::npos);

  TempRepo root;
  REQUIRE(run_command("dpkg-deb -x " + shell_quote(deb.string()) + " " + shell_quote(root.path().string())).exit_code == 0);
  fs::path bin = root.path() / "usr/bin/drlint";
  RunResult version = run_command(shell_quote(bin.string()) + " version");
  CHECK(version.exit_code == 0);
  CHECK(version.out == std::string("drlint ") + DRLINT_VERSION + "\n");
  RunResult man = run_command("gzip -dc " + shell_quote((root.path() / "usr/share/man/man1/drlint.1.gz").string()));
  CHECK(man.exit_code == 0);
  CHECK(man.out.find(".TH DRLINT 1") != std::string::npos);

  // Every shared library the packaged binary loads comes from a package in
  // Depends (or from libc6 itself, which every package may assume).
  if (run_command("command -v ldd && command -v dpkg").exit_code != 0) {
    WARN("SKIPPED (Depends coverage part): ldd or dpkg is not available");
    return;
  }
  RunResult ldd = run_command("ldd " + shell_quote(bin.string()));
  REQUIRE(ldd.exit_code == 0);
  CHECK(ldd.out.find("not found") == std::string::npos);
  std::istringstream lines(ldd.out);
  int checked = 0;
  for (std::string line; std::getline(lines, line);) {
    std::size_t arrow = line.find("=> /");
    if (arrow == std::string::npos) continue;
    std::string path = line.substr(arrow + 3);
    path = path.substr(0, path.find(" ("));
    std::string pkg = owning_package(path);
    INFO(path << " belongs to '" << pkg << "'");
    if (pkg.empty()) {
      WARN("no Debian package owns " << path << " (a locally built library?)");
      continue;
    }
    CHECK((deps.count(pkg) == 1 || pkg == "libc6"));
    ++checked;
  }
  CHECK(checked >= 2);
}
