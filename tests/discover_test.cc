#include "analyzer/discover/discover.h"

#include <algorithm>
#include <filesystem>

#include <catch2/catch.hpp>

#include "analyzer/scan/scan.h"
#include "test_support.h"

namespace fs = std::filesystem;
using drlint::discover::discover;
using drlint::discover::Options;
using drlint::testing::TempRepo;

namespace {
std::vector<std::string> rel_paths(const drlint::discover::Result& r) {
  std::vector<std::string> out;
  for (const auto& c : r.files) out.push_back(c.rel_path);
  return out;
}
}  // namespace

TEST_CASE("discovery scans Terraform and YAML files and skips tool directories", "[discover]") {
  TempRepo repo;
  repo.write("main.tf", "");
  repo.write("prod.tfvars", "");
  repo.write("prod.tfvars.json", "{}");
  repo.write("stack.tf.json", "{}");
  repo.write("k8s/app.yaml", "");
  repo.write("k8s/job.yml", "");
  repo.write("README.md", "");
  repo.write("script.sh", "");
  repo.write("values.json", "{}");
  repo.write(".git/config.yaml", "");
  repo.write(".terraform/modules/x/main.tf", "");
  repo.write("ui/node_modules/pkg/a.yaml", "");
  Options o;
  o.paths = {repo.path().string()};
  o.root = repo.path().string();
  auto r = discover(o);
  CHECK(rel_paths(r) == std::vector<std::string>{"k8s/app.yaml", "k8s/job.yml", "main.tf", "prod.tfvars",
                                                 "prod.tfvars.json", "stack.tf.json"});
  CHECK(r.errors.empty());
}

TEST_CASE("discovery honours exclude globs", "[discover]") {
  TempRepo repo;
  repo.write("infra/main.tf", "");
  repo.write("examples/demo/main.tf", "");
  repo.write("charts/velero/templates/deploy.yaml", "");
  repo.write("charts/velero/values.yaml", "");
  Options o;
  o.paths = {repo.path().string()};
  o.root = repo.path().string();
  o.exclude = {"examples/**", "**/templates/**"};
  auto r = discover(o);
  CHECK(rel_paths(r) == std::vector<std::string>{"charts/velero/values.yaml", "infra/main.tf"});
}

TEST_CASE("paths are relative to the git work tree of the first scanned path", "[discover]") {
  TempRepo repo;
  fs::create_directories(repo.path() / ".git");
  repo.write("infra/main.tf", "");
  repo.write("k8s/a.yaml", "");
  Options o;
  o.paths = {(repo.path() / "infra").string()};
  auto r = discover(o);
  REQUIRE(r.files.size() == 1);
  CHECK(r.files[0].rel_path == "infra/main.tf");
  CHECK(fs::path(r.root) == repo.path());
}

TEST_CASE("symbolic links are followed only inside the scan root", "[discover]") {
  TempRepo outside;
  outside.write("secret.tf", "");
  TempRepo repo;
  repo.write("real/main.tf", "");
  fs::create_symlink(outside.path() / "secret.tf", repo.path() / "leak.tf");
  fs::create_directory_symlink(outside.path(), repo.path() / "leakdir");
  fs::create_directory_symlink(repo.path(), repo.path() / "real" / "loop");
  fs::create_symlink(repo.path() / "real" / "main.tf", repo.path() / "alias.tf");
  Options o;
  o.paths = {repo.path().string()};
  o.root = repo.path().string();
  auto r = discover(o);
  auto paths = rel_paths(r);
  CHECK(std::find(paths.begin(), paths.end(), "leak.tf") == paths.end());
  CHECK(std::find(paths.begin(), paths.end(), "real/main.tf") != paths.end());
  CHECK(std::find(paths.begin(), paths.end(), "alias.tf") != paths.end());
  bool reported = false;
  for (const auto& s : r.skipped)
    if (s.path == "leak.tf" && s.reason.find("outside the scan root") != std::string::npos) reported = true;
  CHECK(reported);
}

// Files named on the command line may lie outside the root ("../other/x.tf").
// They are read from where discovery found them: below a root that does not
// exist, root + "/" + path could not be opened.
TEST_CASE("a file named outside the scan root is read from where it was found", "[discover][scan]") {
  TempRepo outside;
  const std::string tf = "resource \"a\" \"b\" {\n  name = \"x\"\n}\n";
  outside.write("other/x.tf", tf);
  outside.write("other/bad.yaml", "a: [\n");
  drlint::scan::Options o;
  o.discovery.paths = {(outside.path() / "other" / "x.tf").string(), (outside.path() / "other" / "bad.yaml").string()};
  o.discovery.root = (outside.path() / "no-such-root").string();
  std::unique_ptr<drlint::scan::Result> r = drlint::scan::run(o);
  REQUIRE(r->sources.size() == 2);
  CHECK(r->sources.path(0) == "../other/bad.yaml");
  CHECK(r->sources.path(1) == "../other/x.tf");
  CHECK(r->sources.get(1).content == tf);
  CHECK_FALSE(r->files[1].error);
  CHECK(r->files[1].hcl);
  // The YAML was read too: its error is the syntax, not "could not read".
  REQUIRE(r->findings.size() == 1);
  CHECK(r->findings[0].rule_id == "DR900");
  CHECK(r->findings[0].message.find("YAML syntax error") == 0);
  CHECK(r->findings[0].loc.file == 0);
}

TEST_CASE("a missing path is an error, not a crash", "[discover]") {
  TempRepo repo;
  Options o;
  o.paths = {(repo.path() / "nope").string()};
  o.root = repo.path().string();
  auto r = discover(o);
  CHECK(r.files.empty());
  REQUIRE(r.errors.size() == 1);
  CHECK(r.errors[0].find("no such file") != std::string::npos);
}

// Directories are told apart by their real path; discovery derives a real
// subdirectory's from its parent's instead of asking the file system (a
// readlink per path component), so aliases must still be caught.
TEST_CASE("a directory reached twice (a link to a sibling, a root behind a link) is walked once", "[discover]") {
  TempRepo repo;
  repo.write("envs/prod/main.tf", "");
  repo.write("envs/prod/k8s/app.yaml", "");
  fs::create_directory_symlink(repo.path() / "envs" / "prod", repo.path() / "envs" / "current");
  fs::create_directory_symlink(repo.path() / "envs", repo.path() / "envs" / "prod" / "k8s" / "up");
  TempRepo elsewhere;
  fs::path via_link = elsewhere.path() / "repo-link";
  fs::create_directory_symlink(repo.path(), via_link);
  for (const fs::path& root : {repo.path(), via_link}) {
    INFO(root.string());
    Options o;
    o.paths = {root.string()};
    o.root = root.string();
    auto paths = rel_paths(discover(o));
    std::sort(paths.begin(), paths.end());
    CHECK(std::adjacent_find(paths.begin(), paths.end()) == paths.end());
    CHECK(std::count_if(paths.begin(), paths.end(),
                        [](const std::string& p) { return p.find("main.tf") != std::string::npos; }) == 1);
    CHECK(std::count_if(paths.begin(), paths.end(),
                        [](const std::string& p) { return p.find("app.yaml") != std::string::npos; }) == 1);
  }
}
