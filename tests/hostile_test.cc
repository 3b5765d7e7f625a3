// Hostile and broken inputs (issue: robustness): each gets a clear
// diagnostic (DR900 or an error naming the file), the scan goes on with the
// other files, and nothing crashes or hangs. Large cases are generated here.
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <thread>

#include <catch2/catch.hpp>

#include "analyzer/scan/scan.h"
#include "test_support.h"

namespace fs = std::filesystem;
using drlint::testing::run_drlint;
using drlint::testing::TempRepo;

namespace {
const char* kGood = "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ok\n";

// Scans the repo; requires a normal exit (0 or 1, never a signal or 2) and
// that the good file was scanned alongside the bad one.
drlint::testing::RunResult scan_ok(const TempRepo& repo, const std::string& extra = "") {
  auto r = run_drlint("scan . --format text " + extra, repo.path());
  INFO(r.out << r.err);
  REQUIRE((r.exit_code == 0 || r.exit_code == 1));
  return r;
}
}  // namespace

TEST_CASE("hostile: YAML alias bomb", "[hostile]") {
  TempRepo repo;
  std::string bomb = "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n";
  std::string prev = "a";
  for (char c = 'b'; c <= 'j'; ++c) {
    std::string name(1, c);
    bomb += name + ": &" + name + " [";
    for (int i = 0; i < 9; ++i) bomb += (i ? ",*" : "*") + prev;
    bomb += "]\n";
    prev = name;
  }
  repo.write("bomb.yaml", bomb);
  repo.write("good.yaml", kGood);
  auto r = scan_ok(repo);
  CHECK(r.out.find("bomb.yaml:") != std::string::npos);
  CHECK(r.out.find("alias bomb") != std::string::npos);
  CHECK(r.out.find("in 2 files") != std::string::npos);
}

TEST_CASE("hostile: 100000-deep nesting in YAML and HCL", "[hostile]") {
  TempRepo repo;
  repo.write("deep.yaml", "a: " + std::string(100000, '[') + "\n");
  std::string dashes;
  for (int i = 0; i < 100000; ++i) dashes += "- ";
  repo.write("dashes.yaml", dashes + "x\n");
  repo.write("deep.tf", "x = " + std::string(100000, '[') + std::string(100000, ']') + "\n");
  repo.write("deep_obj.tf", "x = " + std::string(50000, '{') + "\n");
  repo.write("good.yaml", kGood);
  auto r = scan_ok(repo);
  CHECK(r.out.find("deep.yaml:") != std::string::npos);
  CHECK(r.out.find("dashes.yaml:") != std::string::npos);
  CHECK(r.out.find("deep.tf:") != std::string::npos);
  CHECK(r.out.find("in 5 files") != std::string::npos);
}

TEST_CASE("hostile: files over the size limit are not read", "[hostile]") {
  TempRepo repo;
  {
    // 200 MB sparse file: the size check happens before reading.
    std::ofstream f(repo.path() / "huge.yaml", std::ios::binary);
    f.seekp(200ll * 1024 * 1024 - 1);
    f.put('\n');
  }
  repo.write("good.yaml", kGood);
  auto r = scan_ok(repo);
  CHECK(r.out.find("huge.yaml:1:1: error: file is 209715200 bytes, over the") != std::string::npos);
}

TEST_CASE("hostile: a 5 MB single line", "[hostile]") {
  TempRepo repo;
  repo.write("long.yaml", "key: \"" + std::string(5 * 1024 * 1024, 'x') + "\"\n");
  repo.write("long.tf", "x = \"" + std::string(5 * 1024 * 1024, 'y') + "\"\n");
  repo.write("good.yaml", kGood);
  auto r = scan_ok(repo);
  CHECK(r.out.find("in 3 files") != std::string::npos);
}

TEST_CASE("hostile: invalid UTF-8, NUL bytes, binary named .yaml, BOM, CRLF, empty", "[hostile]") {
  TempRepo repo;
  repo.write("latin1.yaml", "name: caf\xe9\n");
  repo.write("nul.tf", std::string("x = 1\n\0\0y = 2\n", 14));
  std::string binary;
  for (int i = 0; i < 4096; ++i) binary += static_cast<char>((i * 37) & 0xff);
  repo.write("image.yaml", binary);
  repo.write("bom.yaml", "\xEF\xBB\xBFkind: Namespace\nmetadata:\n  name: a\n");
  repo.write("crlf.tf", "locals {\r\n  a = \"b\"\r\n}\r\n");
  repo.write("empty.yaml", "");
  repo.write("empty.tf", "");
  repo.write("escape.yaml", "a: [\x1b]2;pwned\x07\n");
  auto r = scan_ok(repo);
  CHECK(r.out.find("nul.tf:2:1: error: binary content") != std::string::npos);
  CHECK(r.out.find("image.yaml:") != std::string::npos);
  CHECK(r.out.find("bom.yaml") == std::string::npos);
  CHECK(r.out.find("crlf.tf") == std::string::npos);
  CHECK(r.out.find("empty.yaml") == std::string::npos);
  CHECK(r.out.find("\x1b]2;") == std::string::npos);  // no raw escape sequences reach the terminal
}

TEST_CASE("hostile: unterminated heredoc and unclosed block", "[hostile]") {
  TempRepo repo;
  repo.write("heredoc.tf", "x = <<EOT\nnever closed\n");
  repo.write("block.tf", "resource \"a\" \"b\" {\n  name = \"x\"\n");
  repo.write("good.tf", "locals {\n  ok = true\n}\n");
  auto r = scan_ok(repo);
  CHECK(r.out.find("heredoc.tf:") != std::string::npos);
  CHECK(r.out.find("block.tf:") != std::string::npos);
  CHECK(r.out.find("2 findings") != std::string::npos);
}

TEST_CASE("hostile: symlink loop and symlink outside the root", "[hostile]") {
  TempRepo outside;
  outside.write("passwd.yaml", "root: x\n");
  TempRepo repo;
  repo.write("dir/good.yaml", kGood);
  fs::create_directory_symlink(repo.path() / "dir", repo.path() / "dir" / "loop");
  fs::create_symlink(outside.path() / "passwd.yaml", repo.path() / "leak.yaml");
  auto r = run_drlint("scan . --format json", repo.path());
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.find("symbolic link to a file outside the scan root") != std::string::npos);
  CHECK(r.out.find("\"files\": 1") != std::string::npos);
}

TEST_CASE("hostile: an unreadable file is reported and the scan goes on", "[hostile]") {
  TempRepo repo;
  repo.write("secret.yaml", kGood);
  repo.write("good.yaml", kGood);
  ::chmod((repo.path() / "secret.yaml").c_str(), 0);
  auto r = run_drlint("scan .", repo.path());
  if (::geteuid() == 0) {
    // root reads any file; the case cannot be produced here.
    CHECK(r.exit_code == 0);
    return;
  }
  CHECK(r.exit_code == 1);
  CHECK(r.out.find("secret.yaml:1:1: error: could not read") != std::string::npos);
}

TEST_CASE("hostile: files deleted while the scan runs", "[hostile]") {
  TempRepo repo;
  constexpr int kFiles = 3000;
  for (int i = 0; i < kFiles; ++i)
    repo.write("ns" + std::to_string(i % 50) + "/cm" + std::to_string(i) + ".yaml",
               "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm" + std::to_string(i) + "\n");
  drlint::scan::Options o;
  o.discovery.paths = {repo.path().string()};
  o.discovery.root = repo.path().string();
  o.jobs = 2;
  std::unique_ptr<drlint::scan::Result> result;
  std::thread scanner([&] { result = drlint::scan::run(o); });
  // Delete every file, racing the scan's discovery and reads.
  for (int i = kFiles - 1; i >= 0; --i) {
    std::error_code ec;
    std::filesystem::remove(repo.path() / ("ns" + std::to_string(i % 50)) / ("cm" + std::to_string(i) + ".yaml"), ec);
  }
  scanner.join();
  REQUIRE(result);
  // Whatever vanished before it was read is a DR900 naming the file; the
  // rest loaded. Nothing is lost silently and nothing crashed.
  std::size_t unreadable = 0;
  for (const drlint::Finding& f : result->findings) {
    if (f.rule_id != "DR900") continue;
    INFO(f.message);
    CHECK(f.message.find("could not read the file") != std::string::npos);
    CHECK(result->sources.path(f.loc.file).find("cm") != std::string::npos);
    ++unreadable;
  }
  // Each file that loaded is one ConfigMap in the graph (its documents are
  // freed once linked, so the graph is what shows it).
  std::size_t loaded = result->graph.of_kind(drlint::graph::NodeKind::kK8sObject).size();
  CHECK(loaded + unreadable == result->files.size());
}

// testdata/hostile: the small hostile files, committed (the large cases are
// generated above). Each is a DR900 naming it or loads; the scan finishes.
TEST_CASE("hostile: the committed hostile files", "[hostile]") {
  std::filesystem::path dir = std::filesystem::path(DRLINT_TESTDATA) / "hostile";
  auto r = run_drlint("scan . --format text --format json:" + (std::filesystem::temp_directory_path() / "drlint-hostile.json").string(), dir);
  INFO(r.out << r.err);
  CHECK(r.exit_code == 1);
  for (const char* expected : {
           "alias-bomb.yaml:8:14: error: YAML expands to more than 2000000 nodes",
           "bad-escape-in-skipped-block.tf:2:11: error: syntax error",  // a block the pre-scan skips
           "binary.yaml:1:", "nul-bytes.yaml:3:1: error: binary content (NUL byte)",
           "stray-comma.yaml:1:1: error: YAML syntax error: unexpected ','",
           "unclosed-block.tf:3:1: error: syntax error: missing '}'",
           "unterminated-heredoc.tf:", "escape-sequence-in-error.yaml:1:",
       }) {
    INFO(expected);
    CHECK(r.out.find(expected) != std::string::npos);
  }
  // Loaded without a finding: BOM, CRLF, invalid UTF-8 in values, empty files.
  for (const char* clean : {"bom.yaml", "crlf.tf", "invalid-utf8.yaml", "empty.yaml", "empty.tf"}) {
    INFO(clean);
    CHECK(r.out.find(std::string(clean) + ":") == std::string::npos);
  }
  CHECK(r.out.find("in 13 files") != std::string::npos);
  CHECK(r.out.find('\x1b') == std::string::npos);  // no raw escape sequence from a file reaches the terminal
}
