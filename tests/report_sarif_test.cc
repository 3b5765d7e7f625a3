// SARIF for GitHub code scanning: strict validity (shared/tools/validate-sarif
// --strict --repo-root) and partialFingerprints that survive unrelated edits.
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <string>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "analyzer/report/report.h"
#include "report_support.h"

namespace fs = std::filesystem;
using namespace drlint;
using namespace drlint::testing;
using nlohmann::json;

namespace {

constexpr const char* kNamespace = R"(apiVersion: v1
kind: Namespace
metadata:
  name: payments
  annotations:
    drlint.io/rpo: "15m"
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: data
  namespace: payments
spec:
  storageClassName: managed-csi
  resources:
    requests:
      storage: 10Gi
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
  namespace: reporting
spec:
  template:
    spec:
      containers:
        - name: api
          image: nginx
)";

constexpr const char* kValues = R"(configuration:
  backupStorageLocation:
    - name: default
      provider: azure
      bucket: velero
      config:
        resourceGroup: rg
        storageAccount: stvelero
schedules:
  daily:
    schedule: "0 2 * * *"
    template:
      ttl: "12h"
      includedNamespaces:
        - payments
)";

constexpr const char* kBroken = "kind: ConfigMap\ndata:\n  a: [1, 2\n  b: c\n";

void write_repo(TempRepo& repo, const std::string& prefix) {
  repo.write("k8s/payments.yaml", prefix + kNamespace);
  repo.write("velero/values.yaml", prefix + kValues);
  repo.write("broken.yaml", prefix + kBroken);
}

json sarif_of(const fs::path& root, const fs::path& out_file) {
  Scanned s = scan_with_rules(root);
  INFO("configuration error: " << s.config_error);
  REQUIRE(s.config_error.empty());
  std::ofstream f(out_file, std::ios::binary);
  report::write_sarif(*s.scan, report_options(s), f);
  f.close();
  require_valid_sarif_strict(out_file, root);
  return json::parse(read_file(out_file));
}

struct Alert {
  std::string rule, uri;
  int line = 0;
};

// fingerprint -> alert
std::map<std::string, Alert> alerts(const json& sarif) {
  std::map<std::string, Alert> out;
  for (const json& r : sarif["runs"][0]["results"]) {
    std::string fp = r["partialFingerprints"]["primaryLocationLineHash"].get<std::string>();
    const json& pl = r["locations"][0]["physicalLocation"];
    Alert a{r["ruleId"].get<std::string>(), pl["artifactLocation"]["uri"].get<std::string>(),
            pl["region"]["startLine"].get<int>()};
    REQUIRE(out.count(fp) == 0);  // unique per finding
    out[fp] = a;
  }
  return out;
}

}  // namespace

TEST_CASE("partialFingerprints stay the same when lines are added above the findings", "[report][sarif]") {
  TempRepo repo;
  write_repo(repo, "");
  fs::path before_file = repo.path() / "before.sarif";
  std::map<std::string, Alert> before = alerts(sarif_of(repo.path(), before_file));
  fs::remove(before_file);

  std::set<std::string> rules;
  for (const auto& [fp, a] : before) rules.insert(a.rule);
  INFO("rules that fired: " << [&] {
    std::string s;
    for (const std::string& r : rules) s += r + " ";
    return s;
  }());
  REQUIRE(rules.count("DR900") == 1);  // a loader finding
  REQUIRE(rules.size() >= 2);          // and at least one rule finding

  // Unrelated edits: comment lines above everything in every file.
  write_repo(repo, "# added above\n# and another line\n\n");
  fs::path after_file = repo.path() / "after.sarif";
  std::map<std::string, Alert> after = alerts(sarif_of(repo.path(), after_file));
  fs::remove(after_file);

  REQUIRE(after.size() == before.size());
  for (const auto& [fp, a] : before) {
    INFO(a.rule << " at " << a.uri << ":" << a.line << " fingerprint " << fp);
    auto it = after.find(fp);
    REQUIRE(it != after.end());
    CHECK(it->second.rule == a.rule);
    CHECK(it->second.uri == a.uri);
    CHECK(it->second.line == a.line + 3);  // the same finding, moved down
  }
}

TEST_CASE("SARIF of the example passes validate-sarif --strict and follows GitHub's notes", "[report][sarif]") {
  fs::path root = fs::path(DRLINT_TESTDATA) / "examples" / "aks-platform";
  fs::path out = fs::temp_directory_path() / "drlint-report-example.sarif";
  json sarif = sarif_of(root, out);
  fs::remove(out);
  CHECK(sarif["version"] == "2.1.0");
  REQUIRE(sarif["runs"].size() == 1);
  const json& run = sarif["runs"][0];
  CHECK(run["automationDetails"]["id"] == "drlint/");
  CHECK(run["columnKind"] == "utf16CodeUnits");
  CHECK(run["tool"]["driver"]["name"] == "drlint");
  CHECK(run["tool"]["driver"]["semanticVersion"] == "0.1.0");
  CHECK(run["tool"]["driver"].contains("informationUri"));
  for (const json& rule : run["tool"]["driver"]["rules"]) {
    INFO(rule["id"]);
    for (const char* k : {"id", "name", "shortDescription", "fullDescription", "help", "helpUri", "defaultConfiguration",
                          "properties"})
      CHECK(rule.contains(k));
    CHECK(rule["properties"]["tags"].size() <= 10);
    bool security = false;
    for (const json& t : rule["properties"]["tags"]) security = security || t == "security";
    CHECK(rule["properties"].contains("security-severity") == security);
    if (security) CHECK(rule["properties"]["security-severity"].is_string());
  }
  CHECK(!run["results"].empty());
  for (const json& r : run["results"]) {
    CHECK(r["locations"][0]["physicalLocation"]["artifactLocation"]["uriBaseId"] == "%SRCROOT%");
    CHECK(!r["message"]["text"].get<std::string>().empty());
  }
}

TEST_CASE("suppressed findings are in SARIF with status, absent ones are not", "[report][sarif]") {
  TempRepo repo;
  repo.write("broken.yaml", kBroken);
  Scanned s = scan_with_rules(repo.path());
  REQUIRE(!s.scan->findings.empty());
  Finding& f = s.scan->findings.front();
  Suppression sup;
  sup.kind = Suppression::Kind::kInSource;
  sup.justification = "known, fixed in the next release";
  sup.loc = f.loc;
  f.suppression = sup;
  Finding gone = f;
  gone.suppression.reset();
  gone.baseline = Finding::BaselineState::kAbsent;
  gone.key = "gone";
  s.scan->findings.push_back(gone);
  fs::path out = repo.path() / "s.sarif";
  {
    std::ofstream file(out, std::ios::binary);
    report::write_sarif(*s.scan, report_options(s), file);
  }
  require_valid_sarif_strict(out, repo.path());
  json sarif = json::parse(read_file(out));
  const json& results = sarif["runs"][0]["results"];
  REQUIRE(results.size() == s.scan->findings.size() - 1);
  REQUIRE(results[0].contains("suppressions"));
  CHECK(results[0]["suppressions"][0]["status"] == "accepted");
  CHECK(results[0]["suppressions"][0]["justification"] == "known, fixed in the next release");
  CHECK_FALSE(results[0]["suppressions"][0].contains("state"));
}
