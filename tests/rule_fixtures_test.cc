// The fixture harness for every rule: each directory
// testdata/rules/<ID>/{positive,negative}/<case>/ is a tiny repository. The
// whole pipeline (discover -> load -> evaluate -> link -> rules) runs with
// the case directory as the scan root, and the findings OF THAT RULE are
// compared with the markers written in the case's files:
//
//   account_replication_type = "LRS"   # expect: DR002
//       a finding of DR002 is reported on this line (HCL also takes `//`);
//       several IDs may be listed, comma-separated; each mention is one finding
//   storageAccount: stveleroprod       # expect-related: DR002
//       this line is among the related locations of a DR002 finding
//   expect.txt (beside a .tf.json, which has no comments), one per line:
//       main.tf.json:12: DR002
//       main.tf.json:30: expect-related DR002
//
// A negative case has no markers: any finding of the rule fails it. A case
// must parse: DR900 findings fail every case that does not expect them.
#include <algorithm>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "analyzer/config/config.h"
#include "analyzer/config/config_loader.h"
#include "analyzer/finding/finding.h"
#include "analyzer/scan/analyze.h"
#include "analyzer/scan/scan.h"
#include "rules/registry.h"
#include "rules/rule_context.h"
#include "rules/runner.h"

namespace fs = std::filesystem;

namespace {

struct Expectation {
  std::string file;  // case-relative path
  std::uint32_t line = 0;
  bool operator<(const Expectation& o) const { return file != o.file ? file < o.file : line < o.line; }
  bool operator==(const Expectation& o) const { return file == o.file && line == o.line; }
};

struct Markers {
  std::vector<Expectation> findings;  // one entry per expected finding
  std::vector<Expectation> related;
};

bool is_source_file(const fs::path& p) {
  std::string name = p.filename().string();
  for (const char* ext : {".tf", ".tfvars", ".yaml", ".yml", ".hcl"})
    if (name.size() > std::strlen(ext) && name.compare(name.size() - std::strlen(ext), std::strlen(ext), ext) == 0)
      return true;
  return false;
}

std::vector<std::string> split_ids(const std::string& list) {
  std::vector<std::string> out;
  static const std::regex id_re("DR[0-9]{3}");
  for (auto it = std::sregex_iterator(list.begin(), list.end(), id_re); it != std::sregex_iterator(); ++it)
    out.push_back(it->str());
  return out;
}

// Markers for rule `id` in every file of the case directory.
Markers read_markers(const fs::path& dir, const std::string& id) {
  Markers m;
  static const std::regex marker_re(R"((?:#|//)\s*expect(-related)?:\s*(DR[0-9]{3}(?:\s*,\s*DR[0-9]{3})*))");
  static const std::regex txt_re(R"(^\s*([^:\s]+):([0-9]+):\s*(expect-related\s+)?(DR[0-9]{3})\s*$)");
  std::vector<fs::path> files;
  for (const fs::directory_entry& e : fs::recursive_directory_iterator(dir))
    if (e.is_regular_file()) files.push_back(e.path());
  std::sort(files.begin(), files.end());
  for (const fs::path& p : files) {
    std::string rel = fs::relative(p, dir).generic_string();
    std::ifstream in(p);
    std::string line;
    std::uint32_t n = 0;
    if (p.filename() == "expect.txt") {
      fs::path base = fs::relative(p.parent_path(), dir);
      while (std::getline(in, line)) {
        std::smatch sm;
        if (!std::regex_match(line, sm, txt_re) || sm[4].str() != id) continue;
        std::string file = (base / sm[1].str()).lexically_normal().generic_string();
        Expectation e{file, static_cast<std::uint32_t>(std::stoul(sm[2].str()))};
        (sm[3].matched ? m.related : m.findings).push_back(e);
      }
      continue;
    }
    if (!is_source_file(p)) continue;
    while (std::getline(in, line)) {
      ++n;
      for (auto it = std::sregex_iterator(line.begin(), line.end(), marker_re); it != std::sregex_iterator(); ++it) {
        bool related = (*it)[1].matched;
        for (const std::string& mid : split_ids((*it)[2].str()))
          if (mid == id) (related ? m.related : m.findings).push_back(Expectation{rel, n});
      }
    }
  }
  std::sort(m.findings.begin(), m.findings.end());
  std::sort(m.related.begin(), m.related.end());
  m.related.erase(std::unique(m.related.begin(), m.related.end()), m.related.end());
  return m;
}

struct CaseRun {
  std::unique_ptr<drlint::scan::Result> scan;
  std::vector<drlint::Finding> findings;  // every rule's, sorted
  std::string config_error;
};

// The whole pipeline on one case directory, as `drlint scan <dir>` runs it.
CaseRun run_case(const fs::path& dir) {
  CaseRun run;
  drlint::scan::AnalyzeOptions options;
  std::string root = fs::absolute(dir).lexically_normal().string();
  if (!root.empty() && root.back() == '/') root.pop_back();
  options.scan.discovery.paths = {root};
  options.scan.discovery.root = root;
  options.scan.jobs = 1;
  // The CLI's own pipeline: the case's .drlint.yaml (policies, rule levels,
  // excludes), scan, rules, suppressions.
  drlint::scan::Analysis analysis = drlint::scan::analyze(options);
  if (!analysis.result) {
    run.config_error = analysis.error;
    return run;
  }
  run.findings = analysis.result->findings;  // loader, rules and suppression findings, sorted
  run.scan = std::move(analysis.result);
  return run;
}

std::string describe(const drlint::scan::Result& scan, const drlint::Finding& f) {
  std::ostringstream out;
  std::string path = f.loc.file < scan.sources.size() ? scan.sources.path(f.loc.file) : "?";
  out << path << ":" << f.loc.line << ": " << f.rule_id << " " << drlint::level_name(f.level) << ": " << f.message;
  for (const drlint::RelatedLocation& r : f.related) {
    std::string rp = r.loc.file < scan.sources.size() ? scan.sources.path(r.loc.file) : "?";
    out << "\n      related " << rp << ":" << r.loc.line << ": " << r.message;
  }
  return out.str();
}

std::string list(const std::vector<Expectation>& v) {
  std::string s;
  for (const Expectation& e : v) s += "\n    " + e.file + ":" + std::to_string(e.line);
  return s.empty() ? "\n    (none)" : s;
}

void check_case(const std::string& id, const fs::path& dir, bool positive) {
  Markers m = read_markers(dir, id);
  if (positive) {
    INFO("a positive case needs at least one `# expect: " << id << "` marker");
    REQUIRE(!m.findings.empty());
  } else {
    INFO("a negative case has no markers");
    REQUIRE(m.findings.empty());
    REQUIRE(m.related.empty());
  }
  CaseRun run = run_case(dir);
  if (!run.config_error.empty()) FAIL("the case's configuration does not load: " << run.config_error);
  REQUIRE(run.scan);
  const drlint::scan::Result& scan = *run.scan;

  std::vector<Expectation> actual, actual_related;
  std::string actual_text, other_text;
  for (const drlint::Finding& f : run.findings) {
    if (f.rule_id == id) {
      std::string path = f.loc.file < scan.sources.size() ? scan.sources.path(f.loc.file) : "?";
      actual.push_back(Expectation{path, f.loc.line});
      for (const drlint::RelatedLocation& r : f.related)
        if (r.loc.file < scan.sources.size()) actual_related.push_back(Expectation{scan.sources.path(r.loc.file), r.loc.line});
      actual_text += "\n    " + describe(scan, f);
    } else {
      other_text += "\n    " + describe(scan, f);
    }
  }
  std::sort(actual.begin(), actual.end());
  std::sort(actual_related.begin(), actual_related.end());

  INFO("case " << dir.generic_string());
  INFO("expected " << id << " findings at:" << list(m.findings));
  INFO("expected related locations at:" << list(m.related));
  INFO("actual " << id << " findings:" << (actual_text.empty() ? "\n    (none)" : actual_text));
  INFO("other findings in this case (not compared):" << (other_text.empty() ? "\n    (none)" : other_text));
  for (const drlint::Finding& f : run.findings)
    if (f.rule_id == "DR900" && id != "DR900") FAIL("the fixture does not parse: " << describe(scan, f));
  CHECK(actual == m.findings);
  for (const Expectation& r : m.related) {
    INFO("missing related location " << r.file << ":" << r.line);
    CHECK(std::binary_search(actual_related.begin(), actual_related.end(), r));
  }
}

std::vector<fs::path> case_dirs(const std::string& id, const char* kind) {
  std::vector<fs::path> out;
  fs::path dir = fs::path(DRLINT_TESTDATA) / "rules" / id / kind;
  if (!fs::is_directory(dir)) return out;
  for (const fs::directory_entry& e : fs::directory_iterator(dir))
    if (e.is_directory()) out.push_back(e.path());
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

TEST_CASE("rule fixtures: findings match the expect markers", "[rules][fixtures]") {
  for (const drlint::rules::Rule& rule : drlint::rules::all_rules()) {
    if (!rule.check) continue;
    std::string id(rule.info->id);
    for (const char* kind : {"positive", "negative"})
      for (const fs::path& dir : case_dirs(id, kind))
        DYNAMIC_SECTION(id << "/" << kind << "/" << dir.filename().string()) {
          check_case(id, dir, std::string(kind) == "positive");
        }
  }
}

TEST_CASE("rule fixtures: expect markers parse", "[rules][fixtures]") {
  fs::path tmp = fs::temp_directory_path() / "drlint-markers-test";
  fs::remove_all(tmp);
  fs::create_directories(tmp / "tf");
  {
    std::ofstream(tmp / "tf" / "main.tf") << "a = 1\nb = \"LRS\"  # expect: DR002\nc = 2 // expect: DR001, DR002\n"
                                             "d = 3 # expect-related: DR002\n";
    std::ofstream(tmp / "tf" / "expect.txt") << "main.tf.json:7: DR002\nmain.tf.json:9: expect-related DR002\n";
    std::ofstream(tmp / "values.yaml") << "x: 1   # expect: DR002,DR002\n";
  }
  Markers m = read_markers(tmp, "DR002");
  std::vector<Expectation> want{{"tf/main.tf", 2}, {"tf/main.tf", 3}, {"tf/main.tf.json", 7}, {"values.yaml", 1}, {"values.yaml", 1}};
  std::sort(want.begin(), want.end());
  CHECK(m.findings == want);
  std::vector<Expectation> rel{{"tf/main.tf", 4}, {"tf/main.tf.json", 9}};
  CHECK(m.related == rel);
  CHECK(read_markers(tmp, "DR001").findings == std::vector<Expectation>{{"tf/main.tf", 3}});
  fs::remove_all(tmp);
}
