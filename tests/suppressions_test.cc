#include "analyzer/suppress/suppressions.h"

#include <algorithm>

#include <catch2/catch.hpp>

#include "analyzer/config/config.h"
#include "analyzer/scan/scan.h"
#include "test_support.h"

using drlint::FileId;
using drlint::Finding;
using drlint::Level;
using drlint::Suppression;
using drlint::suppress::apply_suppressions;
using drlint::suppress::Directive;
using drlint::suppress::find_directives;

namespace {

const std::string kDir = std::string(DRLINT_TESTDATA) + "/config/suppress";

struct Files {
  drlint::load::SourceTable sources;
  std::vector<drlint::load::LoadedFile> loaded;

  FileId add(const std::string& path, const std::string& content) {
    drlint::load::SourceFile f;
    f.path = path;
    f.kind = drlint::load::classify_path(path);
    f.content = content;
    FileId id = sources.add(std::move(f));
    loaded.push_back(drlint::scan::load_file(sources.get(id), {}));
    return id;
  }
  FileId add_fixture(const std::string& name) { return add(name, drlint::testing::read_file(kDir + "/" + name)); }
};

Finding finding(const std::string& rule, FileId file, std::uint32_t line, Level level = Level::kWarning) {
  Finding f;
  f.rule_id = rule;
  f.level = level;
  f.message = rule + " at line " + std::to_string(line);
  f.loc = drlint::SourceLoc{file, line, 3, line, 10};
  return f;
}

const Finding* find(const std::vector<Finding>& fs, const std::string& rule, FileId file, std::uint32_t line) {
  for (const Finding& f : fs)
    if (f.rule_id == rule && f.loc.file == file && f.loc.line == line) return &f;
  return nullptr;
}

std::size_t count(const std::vector<Finding>& fs, const std::string& rule) {
  return static_cast<std::size_t>(std::count_if(fs.begin(), fs.end(), [&](const Finding& f) { return f.rule_id == rule; }));
}

}  // namespace

TEST_CASE("suppression comments are found in HCL, outside strings, heredocs and block comments", "[config]") {
  Files files;
  FileId tf = files.add_fixture("main.tf");
  std::vector<Directive> ds = find_directives(files.sources, files.loaded);
  REQUIRE(ds.size() == 4);
  CHECK(ds[0].loc.line == 1);
  CHECK(ds[0].loc.column == 1);
  CHECK(ds[0].loc.file == tf);
  CHECK(ds[0].ids == std::vector<std::string>{"DR040"});
  CHECK(ds[0].reason == "weekly backups accepted for this dev cluster");
  CHECK(ds[0].first_line == 1);
  CHECK(ds[0].last_line == 2);
  CHECK(ds[1].loc.line == 4);  // "// drlint:ignore" after code
  CHECK(ds[1].loc.column == 27);
  CHECK(ds[1].first_line == 4);
  CHECK(ds[1].last_line == 4);
  CHECK(ds[1].text == "// drlint:ignore DR042 -- dev cluster, no DR needed");
  CHECK(ds[2].loc.line == 7);
  CHECK(ds[2].ids == std::vector<std::string>{"DR043", "DR020"});
  CHECK(ds[2].last_line == 8);
  CHECK(ds[3].loc.line == 16);  // "#drlint:ignore" without a space
  CHECK(ds[3].reason.empty());
  CHECK(ds[3].last_line == 17);
}

TEST_CASE("suppression comments and annotations are found in YAML, outside quoted and block scalars", "[config]") {
  Files files;
  files.add_fixture("k8s.yaml");
  std::vector<Directive> ds = find_directives(files.sources, files.loaded);
  REQUIRE(ds.size() == 4);
  // Comments first (in line order), then annotations.
  CHECK(ds[0].loc.line == 17);
  CHECK(ds[0].loc.column == 35);
  CHECK(ds[0].first_line == 17);
  CHECK(ds[0].last_line == 17);
  CHECK(ds[1].loc.line == 18);
  CHECK(ds[1].ids == std::vector<std::string>{"DR020", "DR041"});
  CHECK(ds[1].reason == "two rules, line above");
  CHECK(ds[1].last_line == 20);  // over the comment line in between
  CHECK(ds[2].loc.line == 32);
  CHECK(ds[2].ids == std::vector<std::string>{"DR044"});
  CHECK(ds[3].source == Directive::Source::kAnnotation);
  CHECK(ds[3].loc.line == 7);
  CHECK(ds[3].ids == std::vector<std::string>{"DR042", "DR043"});
  CHECK(ds[3].reason == "cache, rebuilt on restore");
  CHECK(ds[3].first_line == 1);
  CHECK(ds[3].last_line == 9);  // the object's document ends before "---"
  CHECK(ds[3].object == "PersistentVolumeClaim payments/cache");
}

TEST_CASE("HCL findings on the comment's line or the line below are suppressed", "[config]") {
  Files files;
  FileId tf = files.add_fixture("main.tf");
  std::vector<Finding> fs = {
      finding("DR040", tf, 2),  // line above (#)
      finding("DR040", tf, 3),  // two lines below: not covered
      finding("DR042", tf, 4),  // same line (//)
      finding("DR043", tf, 8),  // line above (//), first of two IDs
      finding("DR020", tf, 8),  // second ID
      finding("DR041", tf, 9),  // only "suppressed" inside a string: not at all
      finding("DR041", tf, 11),
      finding("DR044", tf, 17),  // #drlint:ignore, no reason
  };
  apply_suppressions(fs, files.sources, files.loaded);
  const Finding* f = find(fs, "DR040", tf, 2);
  REQUIRE(f);
  REQUIRE(f->suppression);
  CHECK(f->suppression->kind == Suppression::Kind::kInSource);
  CHECK(f->suppression->justification == "weekly backups accepted for this dev cluster");
  CHECK(f->suppression->loc.line == 1);
  CHECK(f->suppression->loc.column == 1);
  CHECK(f->suppression->loc.end_column == 70);
  CHECK_FALSE(find(fs, "DR040", tf, 3)->suppression);
  REQUIRE(find(fs, "DR042", tf, 4)->suppression);
  CHECK(find(fs, "DR042", tf, 4)->suppression->justification == "dev cluster, no DR needed");
  CHECK(find(fs, "DR043", tf, 8)->suppression);
  CHECK(find(fs, "DR020", tf, 8)->suppression);
  CHECK_FALSE(find(fs, "DR041", tf, 9)->suppression);
  CHECK_FALSE(find(fs, "DR041", tf, 11)->suppression);
  REQUIRE(find(fs, "DR044", tf, 17)->suppression);
  CHECK(find(fs, "DR044", tf, 17)->suppression->justification.empty());
  // The reason-less suppression is reported, still works; nothing is unused.
  REQUIRE(count(fs, "DR901") == 1);
  const Finding* note = find(fs, "DR901", tf, 16);
  REQUIRE(note);
  CHECK(note->level == Level::kNote);
  CHECK(note->loc.column == 1);
  CHECK(note->message ==
        "Suppression of DR044 gives no reason; add one after `--`, e.g. `# drlint:ignore DR044 -- <why this risk is "
        "accepted>`.");
  CHECK_FALSE(note->suppression);
  CHECK(count(fs, "DR902") == 0);
  CHECK(std::is_sorted(fs.begin(), fs.end(), drlint::finding_less));
}

TEST_CASE("YAML comments and object annotations suppress findings; unused ones are reported", "[config]") {
  Files files;
  FileId y = files.add_fixture("k8s.yaml");
  std::vector<Finding> fs = {
      finding("DR042", y, 9),   // in the annotated object
      finding("DR042", y, 17),  // next document: the annotation does not reach
      finding("DR040", y, 17),  // trailing comment
      finding("DR020", y, 20),  // comment two lines above, comment line between
      finding("DR041", y, 20),
      finding("DR041", y, 29),  // inside the block scalar: no suppression there
  };
  apply_suppressions(fs, files.sources, files.loaded);
  const Finding* a = find(fs, "DR042", y, 9);
  REQUIRE(a->suppression);
  CHECK(a->suppression->justification == "cache, rebuilt on restore");
  CHECK(a->suppression->loc.line == 7);
  CHECK_FALSE(find(fs, "DR042", y, 17)->suppression);
  REQUIRE(find(fs, "DR040", y, 17)->suppression);
  CHECK(find(fs, "DR040", y, 17)->suppression->justification == "migrating to ZRS in Q3");
  CHECK(find(fs, "DR020", y, 20)->suppression);
  CHECK(find(fs, "DR041", y, 20)->suppression);
  CHECK_FALSE(find(fs, "DR041", y, 29)->suppression);
  // DR043 of the annotation matched nothing; DR044 at line 32 neither (and has no reason).
  REQUIRE(count(fs, "DR902") == 2);
  const Finding* unused_annotation = find(fs, "DR902", y, 7);
  REQUIRE(unused_annotation);
  CHECK(unused_annotation->message ==
        "The drlint.io/ignore annotation on PersistentVolumeClaim payments/cache names DR043, but no DR043 finding is "
        "in that object; remove DR043 from it.");
  const Finding* unused_comment = find(fs, "DR902", y, 32);
  REQUIRE(unused_comment);
  CHECK(unused_comment->level == Level::kNote);
  CHECK(unused_comment->message ==
        "Suppression of DR044 matches no DR044 finding on this line; remove it, or move it to the line of the "
        "finding.");
  CHECK(unused_comment->loc.column == 15);
  CHECK(count(fs, "DR901") == 0);  // every suppression here gives a reason
}

TEST_CASE("a blank line ends a suppression comment's reach", "[config]") {
  Files files;
  FileId y = files.add("a.yaml",
                       "# drlint:ignore DR040 -- reason\n"
                       "\n"
                       "kind: ConfigMap\n");
  std::vector<Finding> fs = {finding("DR040", y, 3)};
  apply_suppressions(fs, files.sources, files.loaded);
  CHECK_FALSE(find(fs, "DR040", y, 3)->suppression);
  REQUIRE(find(fs, "DR902", y, 1));
  CHECK(find(fs, "DR902", y, 1)->message ==
        "Suppression of DR040 matches no DR040 finding on this line; remove it, or move it to the line of the "
        "finding.");
}

TEST_CASE("unknown, malformed and empty suppressions are reported as DR902", "[config]") {
  Files files;
  FileId tf = files.add("main.tf",
                        "# drlint:ignore DR999 -- typo\n"
                        "# drlint:ignore DR040 because it is fine\n"
                        "# drlint:ignore\n"
                        "# drlint:ignored DR040 -- not a directive\n"
                        "resource \"a\" \"b\" {}\n");
  std::vector<Finding> fs = {finding("DR040", tf, 5)};
  apply_suppressions(fs, files.sources, files.loaded);
  CHECK(find(fs, "DR902", tf, 1)->message ==
        "Suppression names the unknown rule ID DR999, which suppresses nothing; use a rule ID listed by `drlint "
        "rules`.");
  // Line 2 names DR040 and reaches line 5 over the comment lines between.
  CHECK(find(fs, "DR040", tf, 5)->suppression);
  CHECK(find(fs, "DR902", tf, 2)->message ==
        "Suppression has \"because it is fine\" where rule IDs belong; expected `drlint:ignore DR010[,DR012] -- "
        "reason` (the reason goes after `--`).");
  CHECK(find(fs, "DR902", tf, 3)->message ==
        "Suppression names no rule ID, so it suppresses nothing; expected `drlint:ignore DR010[,DR012] -- reason`.");
  CHECK_FALSE(find(fs, "DR902", tf, 4));
  CHECK(count(fs, "DR902") == 3);
  CHECK(count(fs, "DR901") == 0);  // the malformed one is reported once, as DR902
}

TEST_CASE("each item of a Kubernetes List is an object of its own", "[config]") {
  Files files;
  FileId y = files.add("list.yaml",
                       "apiVersion: v1\n"                      // 1
                       "kind: List\n"                          // 2
                       "items:\n"                              // 3
                       "  - kind: PersistentVolumeClaim\n"     // 4
                       "    metadata:\n"                       // 5
                       "      name: a\n"                       // 6
                       "      annotations:\n"                  // 7
                       "        drlint.io/ignore: DR040\n"     // 8
                       "        drlint.io/ignore-reason: scratch space\n"  // 9
                       "    spec: {}\n"                        // 10
                       "  - kind: PersistentVolumeClaim\n"     // 11
                       "    metadata:\n"                       // 12
                       "      name: b\n"                       // 13
                       "    spec: {}\n");                      // 14
  std::vector<Finding> fs = {finding("DR040", y, 10), finding("DR040", y, 14)};
  apply_suppressions(fs, files.sources, files.loaded);
  REQUIRE(find(fs, "DR040", y, 10)->suppression);
  CHECK(find(fs, "DR040", y, 10)->suppression->justification == "scratch space");
  CHECK_FALSE(find(fs, "DR040", y, 14)->suppression);
  CHECK(count(fs, "DR901") == 0);
  CHECK(count(fs, "DR902") == 0);
}

TEST_CASE("an annotation without a reason is reported as DR901", "[config]") {
  Files files;
  FileId y = files.add("ns.yaml",
                       "kind: Namespace\n"
                       "metadata:\n"
                       "  name: payments\n"
                       "  annotations:\n"
                       "    drlint.io/ignore: \"DR042\"\n");
  std::vector<Finding> fs = {finding("DR042", y, 3)};
  apply_suppressions(fs, files.sources, files.loaded);
  CHECK(find(fs, "DR042", y, 3)->suppression);
  const Finding* note = find(fs, "DR901", y, 5);
  REQUIRE(note);
  CHECK(note->message ==
        "The drlint.io/ignore annotation on Namespace payments gives no reason for suppressing DR042; add one after "
        "`--` in its value or in the annotation drlint.io/ignore-reason.");
}

TEST_CASE("the configuration turns DR901/DR902 off, sets their level, and silences rules that are off", "[config]") {
  Files files;
  FileId tf = files.add("main.tf",
                        "# drlint:ignore DR040\n"
                        "resource \"a\" \"b\" {} # drlint:ignore DR042 -- rule is off\n");
  drlint::config::Config cfg;
  drlint::config::RuleOverride off902;
  off902.id = "DR901";
  off902.level = Level::kWarning;
  drlint::config::RuleOverride rule_off;
  rule_off.id = "DR042";
  rule_off.off = true;
  cfg.rules = {off902, rule_off};
  std::vector<Finding> fs;
  apply_suppressions(fs, files.sources, files.loaded, &cfg);
  REQUIRE(find(fs, "DR901", tf, 1));
  CHECK(find(fs, "DR901", tf, 1)->level == Level::kWarning);
  REQUIRE(find(fs, "DR902", tf, 1));  // DR040 unused
  CHECK_FALSE(find(fs, "DR902", tf, 2));  // DR042 is off: did not run
  cfg.rules[0].off = true;
  cfg.rules.push_back(drlint::config::RuleOverride{"DR902", true, std::nullopt, {}});
  fs.clear();
  apply_suppressions(fs, files.sources, files.loaded, &cfg);
  CHECK(fs.empty());
}

TEST_CASE("no DR902 in a file that could not be parsed", "[config]") {
  Files files;
  FileId y = files.add("broken.yaml",
                       "# drlint:ignore DR040 -- reason\n"
                       "kind: ConfigMap\n"
                       "data: [unclosed\n");
  REQUIRE(files.loaded.back().error);
  std::vector<Finding> fs = {finding("DR900", y, 3, Level::kError)};
  apply_suppressions(fs, files.sources, files.loaded);
  CHECK(count(fs, "DR902") == 0);
  CHECK_FALSE(fs[0].suppression);
}

TEST_CASE("findings suppressed already keep their suppression; files without directives are untouched", "[config]") {
  Files files;
  FileId tf = files.add("main.tf", "resource \"a\" \"b\" {} # drlint:ignore DR040 -- reason\n");
  FileId other = files.add("other.tf", "resource \"a\" \"c\" {}\n");
  std::vector<Finding> fs = {finding("DR040", tf, 1), finding("DR040", other, 1)};
  Suppression external;
  external.kind = Suppression::Kind::kExternal;
  external.justification = "from elsewhere";
  fs[0].suppression = external;
  apply_suppressions(fs, files.sources, files.loaded);
  REQUIRE(fs.size() == 2);  // used, so no DR902
  CHECK(fs[0].suppression->justification == "from elsewhere");
  CHECK_FALSE(fs[1].suppression);
}
