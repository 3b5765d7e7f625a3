// The audit reports (Markdown, HTML): sections, the figures of the shipped
// example, escaping of hostile names, no external references, the baseline
// section.
#include <algorithm>
#include <cctype>
#include <filesystem>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "analyzer/baseline/baseline.h"
#include "analyzer/report/audit_model.h"
#include "analyzer/report/report.h"
#include "report_support.h"

namespace fs = std::filesystem;
using namespace drlint;
using namespace drlint::testing;

namespace {

fs::path example_dir() { return fs::path(DRLINT_TESTDATA) / "examples" / "aks-platform"; }
fs::path hostile_dir() { return fs::path(DRLINT_TESTDATA) / "report" / "hostile"; }

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

// Unescaped '|' on a Markdown line.
int pipes(const std::string& line) {
  int n = 0;
  for (std::size_t i = 0; i < line.size(); ++i) {
    if (line[i] == '\\') {
      ++i;
      continue;
    }
    if (line[i] == '|') ++n;
  }
  return n;
}

// Every Markdown table keeps the column count of its header on every row.
void require_tables_intact(const std::string& md) {
  std::istringstream in(md);
  std::string line;
  int columns = -1;
  int lineno = 0;
  while (std::getline(in, line)) {
    ++lineno;
    if (line.empty() || line[0] != '|') {
      columns = -1;
      continue;
    }
    int n = pipes(line);
    if (columns < 0) columns = n;
    INFO("line " << lineno << ": " << line);
    CHECK(n == columns);
  }
}

void require_self_contained(const std::string& html) {
  std::string l = lower(html);
  CHECK_FALSE(contains(l, "<script"));
  CHECK_FALSE(contains(l, "<link"));
  CHECK_FALSE(contains(l, "<img"));
  CHECK_FALSE(contains(l, "<iframe"));
  CHECK_FALSE(contains(l, "url(http"));
  CHECK_FALSE(contains(l, "@import"));
  CHECK_FALSE(contains(l, "src=\"http"));
  CHECK_FALSE(contains(l, "href=\"http"));
  CHECK_FALSE(contains(l, "@font-face"));
  CHECK(contains(l, "content-security-policy"));
}

}  // namespace

TEST_CASE("markdown audit report of the example has every section and its figures", "[report][markdown]") {
  Scanned s = scan_with_rules(example_dir());
  INFO("configuration error: " << s.config_error);
  REQUIRE(s.config_error.empty());
  std::string md = render(report::write_markdown, *s.scan, report_options(s));
  INFO(md);
  CHECK(contains(md, "# Disaster recovery audit: aks-platform"));
  for (const char* section : {"## Recovery objectives", "## Backup coverage", "## Backup storage", "## Findings",
                              "## Recovery assumptions"})
    CHECK(contains(md, section));
  CHECK_FALSE(contains(md, "## Changes since the baseline"));
  // payments declares 15m / 30m and is backed up daily.
  CHECK(contains(md, "| **payments** | 15m | 24h | ❌ fail |"));
  CHECK(contains(md, "annotation drlint.io/rpo"));
  CHECK(contains(md, "schedule 'daily'"));
  CHECK(contains(md, "Generated 2025-01-31 09:00 UTC by drlint 0.1.0"));
  CHECK(contains(md, "| Detection | 5m |"));
  CHECK(contains(md, "| Restore throughput | 11GiB/m |"));
  CHECK(contains(md, "| system: none; apps: 1, 2, 3 |"));
  require_tables_intact(md);
}

TEST_CASE("html audit report of the example is one self-contained document with charts", "[report][html]") {
  Scanned s = scan_with_rules(example_dir());
  INFO("configuration error: " << s.config_error);
  REQUIRE(s.config_error.empty());
  std::string html = render(report::write_html, *s.scan, report_options(s));
  CHECK(html.rfind("<!DOCTYPE html>", 0) == 0);
  CHECK(contains(html, "</html>"));
  for (const char* id : {"id=\"objectives\"", "id=\"coverage\"", "id=\"storage\"", "id=\"findings\"",
                         "id=\"assumptions\"", "id=\"chart-rpo\"", "id=\"chart-rto\"", "id=\"chart-findings\""})
    CHECK(contains(html, id));
  CHECK(contains(html, "@media print"));
  CHECK(contains(html, "payments"));
  CHECK_FALSE(contains(html, "id=\"changes\""));
  require_self_contained(html);
}

TEST_CASE("hostile names are escaped in the markdown report", "[report][markdown][escape]") {
  Scanned s = scan_with_rules(hostile_dir());
  INFO("configuration error: " << s.config_error);
  REQUIRE(s.config_error.empty());
  std::string md = render(report::write_markdown, *s.scan, report_options(s));
  INFO(md);
  CHECK_FALSE(contains(md, "<script>"));
  CHECK_FALSE(contains(md, "<img"));
  CHECK_FALSE(contains(md, "<b>"));
  CHECK_FALSE(contains(md, "<i>"));
  CHECK(contains(md, "&lt;script&gt;alert(1)&lt;/script&gt;"));
  CHECK(contains(md, "a\\|b"));
  // The deployment's name, wherever a message quotes it, is no link.
  CHECK_FALSE(contains(md, "[link](http"));
  require_tables_intact(md);
}

TEST_CASE("hostile names are escaped in the html report", "[report][html][escape]") {
  Scanned s = scan_with_rules(hostile_dir());
  INFO("configuration error: " << s.config_error);
  REQUIRE(s.config_error.empty());
  std::string html = render(report::write_html, *s.scan, report_options(s));
  CHECK(contains(html, "&lt;script&gt;alert(1)&lt;/script&gt;"));
  CHECK_FALSE(contains(html, "\"><img"));
  CHECK_FALSE(contains(html, "<b>"));
  CHECK_FALSE(contains(html, "<i>x"));
  require_self_contained(html);
}

TEST_CASE("the audit model reads objectives, coverage and storage of the example", "[report][audit]") {
  Scanned s = scan_with_rules(example_dir());
  report::AuditModel m = report::build_audit_model(*s.scan, &s.config, nullptr, "0.1.0", "today");
  auto payments = std::find_if(m.namespaces.begin(), m.namespaces.end(),
                               [](const report::NamespaceAudit& n) { return n.name == "payments"; });
  REQUIRE(payments != m.namespaces.end());
  CHECK(payments->rpo.declared);
  CHECK(payments->rpo.value == 15 * 60);
  CHECK(payments->rpo.where.find("namespace.yaml:") != std::string::npos);
  CHECK(payments->covered);
  CHECK(payments->effective_rpo_known);
  CHECK(payments->effective_rpo == 24 * 3600);
  CHECK(payments->rpo_verdict == report::Verdict::kFail);
  CHECK(payments->verdict == report::Verdict::kFail);
  CHECK(payments->rto_estimate.known);
  CHECK(payments->rto_estimate.total ==
        payments->rto_estimate.detection + payments->rto_estimate.decision + payments->rto_estimate.restore +
            payments->rto_estimate.validation);
  REQUIRE(!m.definitions.empty());
  REQUIRE(m.coverage.size() == m.namespaces.size());
  CHECK(!m.storage.empty());
  CHECK(m.assumptions_source == "defaults");
  // Zones per node pool: the default pool has none (as DR060 says), even
  // though the extra pool spans 1, 2, 3.
  REQUIRE(m.clusters.size() == 1);
  CHECK(m.clusters[0].zones == "system: none; apps: 1, 2, 3");
  std::size_t counted = 0;
  for (const report::RuleCount& r : m.rules) counted += r.total() + r.suppressed;
  CHECK(counted == s.scan->findings.size());
}

TEST_CASE("with a baseline the reports show the changes since it", "[report][baseline]") {
  Scanned s = scan_with_rules(example_dir());
  REQUIRE(s.scan->findings.size() >= 2);
  for (Finding& f : s.scan->findings) f.baseline = Finding::BaselineState::kUnchanged;
  s.scan->findings.front().baseline = Finding::BaselineState::kNew;
  std::vector<baseline::AbsentResult> absent(1);
  absent[0].rule_id = "DR060";
  absent[0].level = "warning";
  absent[0].message = "cluster <aks> has no zones";
  absent[0].uri = "terraform/old.tf";
  absent[0].line = 7;
  absent[0].fingerprint = "0123456789abcdef:1";
  report::Options o = report_options(s);
  o.absent = &absent;

  std::string md = render(report::write_markdown, *s.scan, o);
  INFO(md);
  CHECK(contains(md, "## Changes since the baseline"));
  CHECK(contains(md, "| 1 | " + std::to_string(s.scan->findings.size() - 1) + " | 1 |"));
  CHECK(contains(md, "**Fixed since the baseline**"));
  CHECK(contains(md, "cluster &lt;aks&gt; has no zones"));
  require_tables_intact(md);

  std::string html = render(report::write_html, *s.scan, o);
  CHECK(contains(html, "id=\"changes\""));
  CHECK(contains(html, "Fixed since the baseline"));
  CHECK(contains(html, "cluster &lt;aks&gt; has no zones"));
  require_self_contained(html);
}

TEST_CASE("audit reports of an empty scan say so", "[report][audit]") {
  TempRepo repo;
  repo.write("README.md", "nothing to scan\n");
  Scanned s = scan_with_rules(repo.path());
  std::string md = render(report::write_markdown, *s.scan, report_options(s));
  CHECK(contains(md, "No recovery objectives are declared"));
  CHECK(contains(md, "No backup definition"));
  std::string html = render(report::write_html, *s.scan, report_options(s));
  CHECK(contains(html, "No recovery objectives are declared"));
  CHECK(contains(html, "id=\"chart-rpo\""));
  require_self_contained(html);
}
