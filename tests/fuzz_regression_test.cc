// Replays the fuzzing seed corpus (testdata/fuzz/seeds/<target>/) and every
// input the fuzzers found (testdata/fuzz/regressions/<target>/) through the
// same target bodies the libFuzzer binaries run (fuzz/fuzz_targets.cc), built
// here with the ordinary compiler. A crash, an uncaught exception or a broken
// property fails the test with the file that caused it. docs/fuzzing.md.
#include "fuzz/fuzz_targets.h"

#include "analyzer/load/yaml_loader.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace fs = std::filesystem;

namespace {

struct PropertyFailed : std::runtime_error {
  using std::runtime_error::runtime_error;
};

[[noreturn]] void throw_failure(const std::string& message) { throw PropertyFailed(message); }

fs::path fuzz_dir() { return fs::path(DRLINT_TESTDATA) / "fuzz"; }

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// A seed directory's fixtures.list names test fixtures (paths under
// testdata/) that serve as seeds without being copied; scripts/fuzz.sh reads
// it too.
constexpr const char* kFixtureList = "fixtures.list";

std::vector<fs::path> listed_fixtures(const fs::path& dir) {
  std::vector<fs::path> out;
  std::ifstream in(dir / kFixtureList);
  std::string line;
  while (std::getline(in, line))
    if (!line.empty() && line[0] != '#') out.push_back(fs::path(DRLINT_TESTDATA) / line);
  return out;
}

// The inputs of a seed or regression directory: its files, then the
// fixtures it lists.
std::vector<fs::path> inputs_of(const fs::path& dir) {
  std::vector<fs::path> out;
  if (!fs::is_directory(dir)) return out;
  for (const auto& e : fs::directory_iterator(dir))
    if (e.is_regular_file() && e.path().filename() != kFixtureList) out.push_back(e.path());
  std::sort(out.begin(), out.end());
  for (fs::path& p : listed_fixtures(dir)) out.push_back(std::move(p));
  return out;
}

struct Replay {
  std::size_t seeds = 0, seeds_accepted = 0, regressions = 0;
};

Replay replay(const std::string& name) {
  const drlint::fuzz::Target* target = drlint::fuzz::find_target(name);
  REQUIRE(target != nullptr);
  drlint::fuzz::set_failure_handler(throw_failure);
  Replay r;
  for (const char* kind : {"seeds", "regressions"}) {
    for (const fs::path& p : inputs_of(fuzz_dir() / kind / name)) {
      std::string data = slurp(p);
      INFO("input: " << p.string() << " (" << data.size() << " bytes)");
      bool accepted = false;
      auto start = std::chrono::steady_clock::now();
      try {
        accepted = target->run(data);
      } catch (const PropertyFailed& e) {
        FAIL("property failed: " << e.what());
      }
      double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      // libFuzzer runs with -timeout=10 under sanitizers; uninstrumented, an
      // input must take far less.
      CHECK(seconds < 10.0);
      if (std::string(kind) == "seeds") {
        ++r.seeds;
        r.seeds_accepted += accepted ? 1 : 0;
      } else {
        ++r.regressions;
      }
    }
  }
  drlint::fuzz::set_failure_handler(nullptr);
  return r;
}

}  // namespace

TEST_CASE("fuzz corpus directories name known targets", "[fuzz]") {
  std::size_t dirs = 0;
  for (const char* kind : {"seeds", "regressions"}) {
    REQUIRE(fs::is_directory(fuzz_dir() / kind));
    for (const auto& e : fs::directory_iterator(fuzz_dir() / kind)) {
      INFO(e.path().string());
      CHECK(e.is_directory());
      CHECK(drlint::fuzz::find_target(e.path().filename().string()) != nullptr);
      ++dirs;
    }
  }
  CHECK(dirs > 0);
  // Every target has a seed corpus, and every fixture a list names exists.
  for (const drlint::fuzz::Target* t = drlint::fuzz::targets(); t->name; ++t) {
    INFO(t->name);
    CHECK(!inputs_of(fuzz_dir() / "seeds" / t->name).empty());
    for (const fs::path& p : listed_fixtures(fuzz_dir() / "seeds" / t->name)) {
      INFO(p.string());
      CHECK(fs::is_regular_file(p));
    }
  }
}

// One test case per target (ctest -R fuzz runs them all).
#define DRLINT_FUZZ_REPLAY(NAME)                                                        \
  TEST_CASE("fuzz seeds and regressions replay: " NAME, "[fuzz]") {                     \
    Replay r = replay(NAME);                                                            \
    INFO(r.seeds << " seeds (" << r.seeds_accepted << " accepted), " << r.regressions   \
                 << " regressions");                                                    \
    CHECK(r.seeds > 0);                                                                 \
    /* The seeds are mostly valid inputs: some must be accepted. */                     \
    CHECK(r.seeds_accepted > 0);                                                        \
  }

DRLINT_FUZZ_REPLAY("yaml")
DRLINT_FUZZ_REPLAY("hcl")
DRLINT_FUZZ_REPLAY("hcl_prescan")
DRLINT_FUZZ_REPLAY("terraform_eval")
DRLINT_FUZZ_REPLAY("template")
DRLINT_FUZZ_REPLAY("cron")
DRLINT_FUZZ_REPLAY("iso8601")
DRLINT_FUZZ_REPLAY("duration")
DRLINT_FUZZ_REPLAY("quantity")
DRLINT_FUZZ_REPLAY("config")
DRLINT_FUZZ_REPLAY("result_cache")

TEST_CASE("fuzz replay covers every target", "[fuzz]") {
  std::size_t n = 0;
  for (const drlint::fuzz::Target* t = drlint::fuzz::targets(); t->name; ++t) ++n;
  CHECK(n == 11);
}

// Found by the yaml fuzzer: yaml-cpp 0.7 started an empty document at a stray
// ',' forever (a hang, then out of memory). The documents before it are kept.
TEST_CASE("fuzz regression: a stray comma in YAML is a syntax error, not a hang", "[fuzz]") {
  drlint::load::YamlResult r = drlint::load::parse_yaml(0, "a: 1\n---\n\"b\",\n");
  REQUIRE(r.error.has_value());
  CHECK(r.error->loc.line == 3);
  CHECK(r.error->message == "YAML syntax error: unexpected ','");
  REQUIRE(r.documents.size() == 2);
  CHECK(r.documents[0].root.get("a") != nullptr);
  CHECK(r.documents[1].root.text() == "b");
  drlint::load::YamlResult only = drlint::load::parse_yaml(0, ",");
  REQUIRE(only.error.has_value());
  CHECK(only.documents.empty());
}
