// The JSON report (docs/json-report.md, schema drlint-report/1): the fields
// dashboards read.
#include <filesystem>
#include <string>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "analyzer/report/report.h"
#include "report_support.h"
#include "rules/registry.h"

namespace fs = std::filesystem;
using namespace drlint;
using namespace drlint::testing;
using nlohmann::json;

TEST_CASE("JSON report carries summary, per-rule counts and per-namespace objectives", "[report][json]") {
  Scanned s = scan_with_rules(fs::path(DRLINT_TESTDATA) / "examples" / "aks-platform");
  json doc = json::parse(render(report::write_json, *s.scan, report_options(s)));
  CHECK(doc["schema"] == "drlint-report/1");
  CHECK(doc["tool"]["version"] == "0.1.0");
  for (const char* k : {"summary", "rules", "namespaces", "backup_definitions", "backup_storage",
                        "recovery_assumptions", "findings", "absent", "skipped", "errors"})
    CHECK(doc.contains(k));
  CHECK_FALSE(doc["summary"].contains("baseline"));

  // Every rule of the catalog, with counts that add up to the findings.
  REQUIRE(doc["rules"].size() == rules::all_rules().size());
  int total = 0;
  for (const json& r : doc["rules"])
    total += r["error"].get<int>() + r["warning"].get<int>() + r["note"].get<int>() + r["suppressed"].get<int>();
  CHECK(total == static_cast<int>(doc["findings"].size()));
  const json& c = doc["summary"]["counts"];
  CHECK(c["error"].get<int>() + c["warning"].get<int>() + c["note"].get<int>() + c["suppressed"].get<int>() == total);

  const json* payments = nullptr;
  for (const json& n : doc["namespaces"])
    if (n["name"] == "payments") payments = &n;
  REQUIRE(payments != nullptr);
  CHECK((*payments)["rpo"]["seconds"] == 900);
  CHECK((*payments)["rpo"]["source"] == "annotation drlint.io/rpo");
  CHECK((*payments)["rpo"]["location"]["file"] == "kubernetes/payments/namespace.yaml");
  CHECK((*payments)["effective_rpo"]["seconds"] == 86400);
  CHECK((*payments)["rpo_status"] == "fail");
  CHECK((*payments)["estimated_rto"]["known"] == true);
  CHECK((*payments)["estimated_rto"]["detection_seconds"] == 300);
  CHECK(doc["recovery_assumptions"]["restore_throughput"] == "11GiB/m");
}

TEST_CASE("JSON report marks baseline states", "[report][json][baseline]") {
  TempRepo repo;
  repo.write("broken.yaml", "a: [\n");
  Scanned s = scan_with_rules(repo.path());
  REQUIRE(!s.scan->findings.empty());
  s.scan->findings.front().baseline = Finding::BaselineState::kNew;
  json doc = json::parse(render(report::write_json, *s.scan, report_options(s)));
  CHECK(doc["findings"][0]["baseline_state"] == "new");
  CHECK(doc["summary"]["baseline"]["new"] == 1);
}
