// End-to-end tests of the drlint binary: exit codes, outputs, SARIF validity.
#include <cstdlib>
#include <cstring>
#include <filesystem>

#include <catch2/catch.hpp>

#include "test_support.h"

namespace fs = std::filesystem;
using drlint::testing::read_file;
using drlint::testing::run_command;
using drlint::testing::run_drlint;
using drlint::testing::shell_quote;
using drlint::testing::TempRepo;

namespace {
const std::string kValidator = std::string(DRLINT_SHARED_DIR) + "/tools/validate-sarif";

// Runs validate-sarif with --repo-root; returns its output, requires exit 0.
void require_valid_sarif(const fs::path& sarif, const fs::path& repo_root) {
  REQUIRE(fs::exists(kValidator));
  auto v = run_command(shell_quote(kValidator) + " " + shell_quote(sarif.string()) + " --repo-root " +
                       shell_quote(repo_root.string()));
  INFO(v.out);
  REQUIRE(v.exit_code == 0);
  CHECK(v.out.find("sarif ok") != std::string::npos);
}
}  // namespace

TEST_CASE("a clean repository exits 0", "[cli]") {
  TempRepo repo;
  repo.write("main.tf", "resource \"azurerm_resource_group\" \"rg\" {\n  name     = \"rg\"\n  location = \"westeurope\"\n}\n");
  auto r = run_drlint("scan .", repo.path());
  INFO(r.out << r.err);
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("in 1 file") != std::string::npos);
}

TEST_CASE("parse errors are DR900 findings, exit 1, and the scan goes on", "[cli]") {
  TempRepo repo;
  repo.write("broken.yaml", "kind: ConfigMap\ndata:\n  a: [1, 2\n  b: c\n");
  repo.write("broken.tf", "resource \"a\" \"b\" {\n  x = \n}\n");
  repo.write("good.yaml", "kind: Namespace\nmetadata:\n  name: ok\n");
  auto r = run_drlint("scan .", repo.path());
  INFO(r.out << r.err);
  CHECK(r.exit_code == 1);
  CHECK(r.out.find("broken.tf:2:3: error: syntax error") != std::string::npos);
  CHECK(r.out.find("broken.yaml:") != std::string::npos);
  CHECK(r.out.find("[DR900 parse-error]") != std::string::npos);
  CHECK(r.out.find("2 findings (2 errors") != std::string::npos);
  CHECK(r.out.find("in 3 files") != std::string::npos);
}

TEST_CASE("fail-on never exits 0 despite errors, and bad usage exits 2", "[cli]") {
  TempRepo repo;
  repo.write("broken.yaml", "a: [\n");
  CHECK(run_drlint("scan . --fail-on never", repo.path()).exit_code == 0);
  CHECK(run_drlint("scan . --fail-on sometimes", repo.path()).exit_code == 2);
  CHECK(run_drlint("scan . --format pdf", repo.path()).exit_code == 2);
  CHECK(run_drlint("scan does-not-exist", repo.path()).exit_code == 2);
  CHECK(run_drlint("frobnicate", repo.path()).exit_code == 2);
  CHECK(run_drlint("explain DR999", repo.path()).exit_code == 2);
}

TEST_CASE("rules, explain and version print from the registry", "[cli]") {
  TempRepo repo;
  auto rules = run_drlint("rules", repo.path());
  CHECK(rules.exit_code == 0);
  CHECK(rules.out.find("DR900  parse-error") != std::string::npos);
  auto json = run_drlint("rules --format json", repo.path());
  CHECK(json.exit_code == 0);
  CHECK(json.out.find("\"id\": \"DR900\"") != std::string::npos);
  auto explain = run_drlint("explain dr900", repo.path());
  CHECK(explain.exit_code == 0);
  CHECK(explain.out.find("# DR900 parse-error") != std::string::npos);
  auto version = run_drlint("version", repo.path());
  CHECK(version.exit_code == 0);
  CHECK(version.out.rfind("drlint ", 0) == 0);
}

TEST_CASE("SARIF output passes validate-sarif, with text on stdout from the same run", "[cli][sarif]") {
  TempRepo repo;
  fs::create_directories(repo.path() / ".git");
  repo.write("infra/broken.tf", "locals {\n  a = \"caf\xC3\xA9\" +\n}\n");
  repo.write("k8s/broken file.yaml", "metadata:\n  name: a\n labels: b\n");
  repo.write("k8s/ok.yaml", "kind: Namespace\n");
  fs::path sarif = repo.path() / "out.sarif";
  auto r = run_drlint("scan infra k8s --format text --format sarif:" + shell_quote(sarif.string()), repo.path());
  INFO(r.out << r.err);
  CHECK(r.exit_code == 1);
  CHECK(r.out.find("infra/broken.tf:") != std::string::npos);
  std::string doc = read_file(sarif);
  CHECK(doc.find("\"uri\": \"infra/broken.tf\"") != std::string::npos);
  CHECK(doc.find("\"uri\": \"k8s/broken%20file.yaml\"") != std::string::npos);
  require_valid_sarif(sarif, repo.path());
}

TEST_CASE("SARIF of a clean scan is valid and lists every rule", "[cli][sarif]") {
  TempRepo repo;
  repo.write("a.yaml", "kind: Namespace\n");
  fs::path sarif = repo.path() / "clean.sarif";
  auto r = run_drlint("scan . --format sarif --output " + shell_quote(sarif.string()), repo.path());
  CHECK(r.exit_code == 0);
  std::string doc = read_file(sarif);
  CHECK(doc.find("\"results\": []") != std::string::npos);
  CHECK(doc.find("\"id\": \"DR900\"") != std::string::npos);
  require_valid_sarif(sarif, repo.path());
}

TEST_CASE("the shipped example scans and its SARIF is valid", "[cli][sarif][example]") {
  fs::path root = fs::path(DRLINT_TESTDATA).parent_path();
  fs::path sarif = fs::temp_directory_path() / "drlint-example.sarif";
  auto r = run_drlint("scan testdata/examples/aks-platform --format sarif:" + shell_quote(sarif.string()) +
                          " --format text",
                      root);
  INFO(r.out << r.err);
  CHECK((r.exit_code == 0 || r.exit_code == 1));
  CHECK(r.out.find("files") != std::string::npos);
  require_valid_sarif(sarif, root);
  fs::remove(sarif);
}

TEST_CASE("every corpus file loads without a crash", "[cli][corpus]") {
  fs::path corpus = fs::path(DRLINT_SHARED_DIR) / "corpus";
  if (!fs::exists(corpus)) {
    WARN("shared/corpus not present; skipped");
    return;
  }
  fs::path sarif = fs::temp_directory_path() / "drlint-corpus.sarif";
  auto r = run_drlint("scan . --fail-on never --format sarif:" + shell_quote(sarif.string()) + " --format json", corpus);
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.find("\"schema\": \"drlint-report/1\"") != std::string::npos);
  require_valid_sarif(sarif, corpus);
  fs::remove(sarif);
}

TEST_CASE("file() outside the scan root is refused with a DR903 note, never read", "[cli][hostile]") {
  TempRepo repo;
  repo.write("infra/main.tf",
             "resource \"azurerm_resource_group\" \"rg\" {\n  name     = file(\"../../../../../../etc/passwd\")\n"
             "  location = \"westeurope\"\n}\n"
             "module \"remote\" {\n  source = \"git::https://example.invalid/m.git\"\n}\n");
  auto r = run_drlint("scan . --format json", repo.path());
  INFO(r.out << r.err);
  CHECK(r.exit_code == 0);  // notes do not fail the default --fail-on error
  CHECK(r.out.find("\"rule\": \"DR903\"") != std::string::npos);
  CHECK(r.out.find("outside the scan root") != std::string::npos);
  CHECK(r.out.find("root:x:0:0") == std::string::npos);
  CHECK(r.out.find("\"rule\": \"DR900\"") == std::string::npos);
}

TEST_CASE("a --var-file that cannot be read is an input error, exit 2, naming the file", "[cli]") {
  TempRepo repo;
  repo.write("main.tf", "variable \"location\" {}\n");
  auto r = run_drlint("scan . --var-file missing.tfvars", repo.path());
  INFO(r.out << r.err);
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("--var-file missing.tfvars: cannot be read: No such file or directory") != std::string::npos);
  auto d = run_drlint("scan . --var-file .", repo.path());
  CHECK(d.exit_code == 2);
  repo.write("prod.tfvars", "location = \"westeurope\"\n");
  CHECK(run_drlint("scan . --var-file prod.tfvars", repo.path()).exit_code == 0);
}

TEST_CASE("a repository scanned from another directory: its local modules are evaluated, not outside the root", "[cli]") {
  TempRepo repo, elsewhere;
  repo.write("envs/prod/main.tf",
             "module \"storage\" {\n  source   = \"../../modules/storage\"\n  location = \"westeurope\"\n}\n");
  repo.write("modules/storage/main.tf",
             "variable \"location\" {}\n"
             "resource \"azurerm_storage_account\" \"velero\" {\n"
             "  name                     = \"stvelero\"\n"
             "  location                 = var.location\n"
             "  account_replication_type = \"LRS\"\n"
             "}\n");
  // The root is the current directory (no git work tree holds the scanned
  // path), so every path is reported as "../<tmp>/...".
  auto r = run_drlint("graph " + shell_quote(repo.path().string()), elsewhere.path());
  INFO(r.out << r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.find("module.storage.azurerm_storage_account.velero") != std::string::npos);
  CHECK(r.out.find("\"westeurope\"") != std::string::npos);  // the caller's argument reached the module
  auto s = run_drlint("scan " + shell_quote(repo.path().string()) + " --fail-on never", elsewhere.path());
  INFO(s.out << s.err);
  CHECK(s.out.find("outside the scan root") == std::string::npos);
}

TEST_CASE("scan with timings prints the stages, the peak memory and the slowest rules", "[cli]") {
  fs::path example = fs::path(DRLINT_TESTDATA) / "examples" / "aks-platform";
  auto r = run_drlint("scan . --format sarif -o /dev/null --timings", example);
  INFO(r.err);
  CHECK(r.err.find("drlint: timings: discover ") != std::string::npos);
  CHECK(r.err.find(" total ") != std::string::npos);
  std::size_t at = r.err.find("drlint: peak memory: ");
  REQUIRE(at != std::string::npos);
  // A real number of MiB: more than the binary alone, less than a gigabyte.
  double mib = std::strtod(r.err.c_str() + at + std::strlen("drlint: peak memory: "), nullptr);
  CHECK(mib > 1);
  CHECK(mib < 1024);
  CHECK(r.err.find(" MiB resident\n") != std::string::npos);
  CHECK(r.err.find("drlint: slowest rules: DR") != std::string::npos);
}
