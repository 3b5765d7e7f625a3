#include "analyzer/baseline/baseline.h"

#include <sstream>

#include <catch2/catch.hpp>

#include "analyzer/report/fingerprint.h"
#include "analyzer/report/report.h"
#include "analyzer/scan/scan.h"
#include "test_support.h"

using drlint::FileId;
using drlint::Finding;
using drlint::Level;
using drlint::baseline::AbsentResult;
using drlint::baseline::Baseline;

namespace {

using State = Finding::BaselineState;

const std::string kDir = std::string(DRLINT_TESTDATA) + "/config/baseline";

Finding finding(const std::string& rule, FileId file, std::uint32_t line, const std::string& key = "",
                Level level = Level::kWarning) {
  Finding f;
  f.rule_id = rule;
  f.level = level;
  f.message = rule + " finding";
  f.loc = drlint::SourceLoc{file, line, 3, line, 10};
  f.key = key;
  return f;
}

FileId add(drlint::load::SourceTable& sources, const std::string& path, const std::string& content) {
  drlint::load::SourceFile f;
  f.path = path;
  f.kind = drlint::load::classify_path(path);
  f.content = content;
  return sources.add(std::move(f));
}

// The SARIF drlint writes for these findings (the real writer).
std::string sarif_of(drlint::scan::Result& result) {
  drlint::report::Options options;
  options.tool_version = "0.1.0";
  std::ostringstream out;
  drlint::report::write_sarif(result, options, out);
  return out.str();
}

}  // namespace

TEST_CASE("a baseline matches findings by fingerprint after lines are inserted above them", "[config]") {
  const std::string before =
      "resource \"azurerm_storage_account\" \"backups\" {\n"  // 1
      "  account_replication_type = \"LRS\"\n"               // 2
      "}\n"                                                  // 3
      "resource \"azurerm_kubernetes_cluster\" \"aks\" {\n"  // 4
      "  location = \"westeurope\"\n"                        // 5
      "}\n";                                                 // 6
  drlint::scan::Result old_scan;
  old_scan.root = "/repo";
  FileId f1 = add(old_scan.sources, "infra/main.tf", before);
  old_scan.findings = {
      finding("DR041", f1, 1, "", Level::kError),  // goes away
      finding("DR040", f1, 2, "storage account backups"),
      finding("DR042", f1, 5),  // no key: identified by its line's content
  };
  std::string sarif = sarif_of(old_scan);

  // The same file with a header inserted: every line moves down by 3.
  drlint::load::SourceTable sources;
  FileId f2 = add(sources, "infra/main.tf",
                  "# Backups for the payments platform.\n"
                  "# Owned by the platform team.\n"
                  "\n" +
                      before);
  std::vector<Finding> now = {
      finding("DR040", f2, 5, "storage account backups"),
      finding("DR043", f2, 4, "storage account backups"),  // new rule on the same object
      finding("DR042", f2, 8),
  };
  std::vector<std::string> fps = drlint::report::fingerprints(now, sources);

  Baseline b;
  std::string err;
  REQUIRE(drlint::baseline::parse_baseline(sarif, "previous.sarif", &b, &err));
  REQUIRE(b.entries.size() == 3);
  std::vector<AbsentResult> absent;
  drlint::baseline::apply_baseline(now, fps, b, &absent);
  CHECK(now[0].baseline == State::kUnchanged);
  CHECK(now[1].baseline == State::kNew);
  CHECK(now[2].baseline == State::kUnchanged);
  REQUIRE(absent.size() == 1);
  CHECK(absent[0].rule_id == "DR041");
  CHECK(absent[0].level == "error");
  CHECK(absent[0].message == "DR041 finding");
  CHECK(absent[0].uri == "infra/main.tf");
  CHECK(absent[0].line == 1);
  CHECK(absent[0].column == 3);
  CHECK(absent[0].fingerprint.size() > 16);

  // fail-on: unchanged findings never fail the run; new ones do.
  CHECK_FALSE(drlint::baseline::fails_run(now[0], Level::kWarning));
  CHECK(drlint::baseline::fails_run(now[1], Level::kWarning));
  CHECK_FALSE(drlint::baseline::fails_run(now[1], Level::kError));
  CHECK_FALSE(drlint::baseline::fails_run(now[1], std::nullopt));
}

TEST_CASE("a changed line without a key is a new finding", "[config]") {
  drlint::scan::Result old_scan;
  old_scan.root = "/repo";
  FileId f1 = add(old_scan.sources, "a.tf", "x = 1\n");
  old_scan.findings = {finding("DR042", f1, 1)};
  std::string sarif = sarif_of(old_scan);
  drlint::load::SourceTable sources;
  FileId f2 = add(sources, "a.tf", "x = 2\n");
  std::vector<Finding> now = {finding("DR042", f2, 1)};
  Baseline b;
  std::string err;
  REQUIRE(drlint::baseline::parse_baseline(sarif, "b.sarif", &b, &err));
  std::vector<AbsentResult> absent;
  drlint::baseline::apply_baseline(now, drlint::report::fingerprints(now, sources), b, &absent);
  CHECK(now[0].baseline == State::kNew);
  CHECK(absent.size() == 1);
}

TEST_CASE("each baseline result matches one finding; rule IDs must agree", "[config]") {
  drlint::load::SourceTable sources;
  FileId f = add(sources, "a.yaml", "kind: PersistentVolumeClaim\n");
  std::vector<Finding> now = {finding("DR040", f, 1, "pvc a"), finding("DR040", f, 1, "pvc a"),
                              finding("DR041", f, 1, "pvc a")};
  std::vector<std::string> fps = drlint::report::fingerprints(now, sources);
  CHECK(fps[0] != fps[1]);  // ":1" and ":2"
  Baseline b;
  drlint::baseline::Entry e;
  e.result.rule_id = "DR040";
  e.result.fingerprint = fps[0];
  b.entries.push_back(e);
  e.result.rule_id = "DR042";  // same fingerprint, other rule: no match
  e.result.fingerprint = fps[2];
  b.entries.push_back(e);
  std::vector<AbsentResult> absent;
  drlint::baseline::apply_baseline(now, fps, b, &absent);
  CHECK(now[0].baseline == State::kUnchanged);
  CHECK(now[1].baseline == State::kNew);
  CHECK(now[2].baseline == State::kNew);
  REQUIRE(absent.size() == 1);
  CHECK(absent[0].rule_id == "DR042");
}

TEST_CASE("baseline files: absent results are skipped, errors name the file", "[config]") {
  Baseline b;
  std::string err;
  REQUIRE(drlint::baseline::load_baseline(kDir + "/previous.sarif", &b, &err));
  REQUIRE(b.entries.size() == 2);  // one "absent", one without fingerprint skipped
  CHECK(b.entries[0].result.rule_id == "DR040");
  CHECK(b.entries[0].result.uri == "k8s/pvc.yaml");
  CHECK(b.entries[0].result.line == 12);
  CHECK_FALSE(b.entries[0].suppressed);
  CHECK(b.entries[1].result.rule_id == "DR042");
  CHECK(b.entries[1].result.level == "warning");  // no level in the file
  CHECK(b.entries[1].suppressed);

  CHECK_FALSE(drlint::baseline::load_baseline(kDir + "/missing.sarif", &b, &err));
  CHECK(err == kDir +
                   "/missing.sarif: cannot read the baseline: No such file or directory; expected a SARIF file from "
                   "an earlier `drlint scan --format sarif`");
  CHECK_FALSE(drlint::baseline::parse_baseline("{not json", "x.sarif", &b, &err));
  CHECK(err == "x.sarif: the baseline is not valid JSON; expected a SARIF file written by `drlint scan --format sarif`");
  CHECK_FALSE(drlint::baseline::parse_baseline("{\"version\": \"2.1.0\"}", "x.sarif", &b, &err));
  CHECK(err ==
        "x.sarif: the baseline has no \"runs\" array; expected a SARIF 2.1.0 file written by `drlint scan --format "
        "sarif`");

  std::vector<Finding> none;
  std::vector<AbsentResult> absent;
  CHECK(drlint::baseline::apply_baseline(none, {}, kDir + "/previous.sarif", &absent, &err));
  CHECK(absent.size() == 2);
}

TEST_CASE("suppressed findings never fail the run", "[config]") {
  Finding f = finding("DR040", 0, 1, "", Level::kError);
  CHECK(drlint::baseline::fails_run(f, Level::kError));
  f.suppression = drlint::Suppression{};
  CHECK_FALSE(drlint::baseline::fails_run(f, Level::kNote));
}
