// The text reporter: compiler-style lines, source with a caret, related
// locations, summary; colour only when asked; scanned control characters
// never reach the terminal.
#include <string>

#include <catch2/catch.hpp>

#include "analyzer/report/report.h"
#include "report_support.h"

using namespace drlint;
using namespace drlint::testing;

TEST_CASE("text findings are compiler-style with source, caret and summary", "[report][text]") {
  TempRepo repo;
  repo.write("broken.yaml", "kind: ConfigMap\ndata:\n  a: [1, 2\n  b: c\n");
  Scanned s = scan_with_rules(repo.path());
  REQUIRE(!s.scan->findings.empty());
  Finding& f = s.scan->findings.front();
  REQUIRE(f.rule_id == "DR900");
  f.related.push_back(RelatedLocation{SourceLoc{f.loc.file, 1, 1, 1, 5}, "the document starts here"});
  std::string text = render(report::write_text, *s.scan, report_options(s));
  INFO(text);
  std::string head = "broken.yaml:" + std::to_string(f.loc.line) + ":";
  CHECK(text.rfind(head, 0) == 0);
  CHECK(text.find(": error: ") != std::string::npos);
  CHECK(text.find("[DR900 parse-error]\n") != std::string::npos);
  CHECK(text.find(" | ") != std::string::npos);
  CHECK(text.find("^") != std::string::npos);
  CHECK(text.find("\n    related: broken.yaml:1:1: the document starts here\n") != std::string::npos);
  CHECK(text.find("1 finding (1 error, 0 warnings, 0 notes) in 1 file, ") != std::string::npos);
  CHECK(text.find('\x1b') == std::string::npos);
}

TEST_CASE("text colour only when asked, and control characters are neutralized", "[report][text]") {
  TempRepo repo;
  repo.write("broken.yaml", "a: [\n");
  Scanned s = scan_with_rules(repo.path());
  REQUIRE(!s.scan->findings.empty());
  Finding& f = s.scan->findings.front();
  f.message = "evil \x1b[2J\x07 name\nfake.yaml:1:1: error: forged [DR001 x]";
  report::Options o = report_options(s);
  std::string plain = render(report::write_text, *s.scan, o);
  INFO(plain);
  CHECK(plain.find('\x1b') == std::string::npos);
  CHECK(plain.find('\x07') == std::string::npos);
  CHECK(plain.find("\nfake.yaml") == std::string::npos);  // no forged line
  o.color = true;
  std::string color = render(report::write_text, *s.scan, o);
  CHECK(color.find("\x1b[") != std::string::npos);
  CHECK(color.find("\x1b[2J") == std::string::npos);
}

TEST_CASE("text hides findings that vanished since the baseline and counts them", "[report][text][baseline]") {
  TempRepo repo;
  repo.write("broken.yaml", "a: [\n");
  Scanned s = scan_with_rules(repo.path());
  REQUIRE(!s.scan->findings.empty());
  Finding gone = s.scan->findings.front();
  gone.baseline = Finding::BaselineState::kAbsent;
  gone.message = "this one is gone";
  s.scan->findings.front().baseline = Finding::BaselineState::kUnchanged;
  s.scan->findings.push_back(gone);
  std::string text = render(report::write_text, *s.scan, report_options(s));
  INFO(text);
  CHECK(text.find("this one is gone") == std::string::npos);
  CHECK(text.find("1 unchanged since the baseline, 1 fixed since the baseline") != std::string::npos);
}
