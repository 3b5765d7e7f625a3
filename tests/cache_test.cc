// `scan --cache-dir` (analyzer/cache): the binary encoding, and the result
// cache end to end: a hit gives the same findings and graph as a full scan,
// and every input change (a file's content, the set of files, a file read by
// file(), the configuration, --var) or a damaged entry is a miss.
#include <filesystem>
#include <fstream>
#include <sstream>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "analyzer/cache/codec.h"
#include "analyzer/cache/result_cache.h"
#include "analyzer/scan/analyze.h"
#include "tests/test_support.h"

namespace fs = std::filesystem;
using namespace drlint;
using drlint::testing::read_file;
using drlint::testing::run_command;
using drlint::testing::run_drlint;
using drlint::testing::shell_quote;
using drlint::testing::TempRepo;

namespace {

SourceLoc at(std::uint32_t line, std::uint32_t col) { return SourceLoc{3, line, col, line, col + 4}; }

Value sample_value() {
  std::vector<Value::Entry> entries;
  entries.emplace_back("name", Value::string("velero", at(1, 1)));
  entries.emplace_back("replicas", Value::number(3, at(2, 1)));
  entries.emplace_back("mode", Value::number(493, "0755", at(3, 1)));
  entries.emplace_back("enabled", Value::boolean(true, at(4, 1)));
  entries.emplace_back("region", Value::unknown("var.region is not set", at(5, 1)));
  entries.emplace_back("empty", Value::null(SourceLoc{}));
  entries.emplace_back("list", Value::list({Value::string("a\0b\n\xff", at(6, 2)), Value::map({}, at(7, 1))}, at(6, 1)));
  return Value::map(std::move(entries), at(1, 1));
}

// Findings and graph of an analysis, as text, for comparing two runs.
std::string describe(const scan::Analysis& a) {
  return drlint::testing::findings_text(*a.result) + drlint::testing::graph_json(*a.result);
}

scan::Analysis analyze_with_cache(const fs::path& repo, const fs::path& cache_dir,
                                  std::vector<std::pair<std::string, std::string>> vars = {}, bool need_graph = true) {
  scan::AnalyzeOptions o;
  o.need_graph = need_graph;
  o.scan.terraform_inputs.vars = std::move(vars);
  o.cache_dir = cache_dir.string();
  return drlint::testing::analyze_dir(repo, o);
}

void copy_example(const fs::path& to) {
  fs::copy(fs::path(DRLINT_TESTDATA) / "examples" / "aks-platform", to, fs::copy_options::recursive);
}

fs::path only_entry(const fs::path& dir) {
  std::vector<fs::path> entries;
  for (const auto& e : fs::directory_iterator(dir)) entries.push_back(e.path());
  REQUIRE(entries.size() == 1);
  return entries.front();
}

}  // namespace

TEST_CASE("cache codec: values, locations and strings round-trip", "[cache]") {
  Value v = sample_value();
  cache::Writer w;
  w.value(v);
  w.loc(SourceLoc{});
  w.str(std::string("x\0y", 3));
  w.varint(0xffffffffffffffffull);
  cache::Reader r(w.bytes());
  Value back = r.value();
  SourceLoc none = r.loc();
  std::string s = r.str();
  std::uint64_t big = r.varint();
  REQUIRE(r.at_end());
  CHECK(back.to_display() == v.to_display());
  CHECK(back.get("mode")->text() == "0755");
  CHECK(back.get("region")->kind() == Value::Kind::kUnknown);
  CHECK(back.get("region")->text() == "var.region is not set");
  CHECK(back.get("list")->loc().line == 6);
  CHECK(back.get("list")->items()[0].loc().column == 2);
  CHECK(back.get("replicas")->loc().end_column == 5);
  CHECK(none.file == kNoFile);
  CHECK(s == std::string("x\0y", 3));
  CHECK(big == 0xffffffffffffffffull);
}

TEST_CASE("cache codec: truncated or damaged input reads as not ok", "[cache]") {
  cache::Writer w;
  w.value(sample_value());
  const std::string bytes = w.bytes();
  for (std::size_t n = 0; n < bytes.size(); ++n) {
    cache::Reader r(std::string_view(bytes).substr(0, n));
    r.value();
    CHECK_FALSE(r.ok());
  }
  // Flipped bytes either fail or decode to some value: never crash or hang.
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    std::string bad = bytes;
    bad[i] = static_cast<char>(bad[i] ^ 0xff);
    cache::Reader r(bad);
    r.value();
  }
  // A list claiming more elements than there are bytes is refused up front.
  cache::Writer huge;
  huge.u8(static_cast<std::uint8_t>(Value::Kind::kList));
  huge.loc(SourceLoc{});
  huge.varint(1ull << 40);
  cache::Reader r(huge.bytes());
  r.value();
  CHECK_FALSE(r.ok());
  // Nesting beyond the loaders' limit is refused.
  cache::Writer deep;
  for (int i = 0; i < 600; ++i) {
    deep.u8(static_cast<std::uint8_t>(Value::Kind::kList));
    deep.loc(SourceLoc{});
    deep.varint(1);
  }
  deep.u8(static_cast<std::uint8_t>(Value::Kind::kNull));
  deep.loc(SourceLoc{});
  cache::Reader dr(deep.bytes());
  dr.value();
  CHECK_FALSE(dr.ok());
}

TEST_CASE("cache: an unchanged repository reuses the result, identical to a full scan", "[cache]") {
  TempRepo tmp;
  fs::path repo = tmp.path() / "repo", cache_dir = tmp.path() / "cache";
  copy_example(repo);

  scan::Analysis first = analyze_with_cache(repo, cache_dir);
  CHECK(first.cache_status == "miss (no entry for this run)");
  CHECK(first.cache_warning.empty());
  REQUIRE(fs::exists(cache_dir));
  REQUIRE_FALSE(first.result->findings.empty());
  REQUIRE_FALSE(first.result->graph.nodes().empty());

  scan::Analysis second = analyze_with_cache(repo, cache_dir);
  CHECK(second.cache_status == "hit");
  CHECK(describe(second) == describe(first));
  CHECK(second.result->stats.terraform_blocks == first.result->stats.terraform_blocks);
  CHECK(second.result->stats.files == first.result->stats.files);
  // A hit does not load or evaluate anything.
  for (const scan::PhaseTime& p : second.result->stats.phases) {
    CHECK(p.phase != "load");
    CHECK(p.phase != "rules");
  }

  // Without the cache: the same again.
  scan::Analysis uncached = drlint::testing::analyze_dir(repo);
  CHECK(describe(uncached) == describe(first));
}

TEST_CASE("cache: every changed input is a miss, and the new result is right", "[cache]") {
  TempRepo tmp;
  fs::path repo = tmp.path() / "repo", cache_dir = tmp.path() / "cache";
  fs::create_directories(repo);
  auto write = [&](const std::string& rel, const std::string& content) {
    fs::create_directories((repo / rel).parent_path());
    std::ofstream(repo / rel, std::ios::binary) << content;
  };
  write("k8s/pvc.yaml",
        "apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: data\n  namespace: shop\n"
        "spec:\n  storageClassName: managed-csi\n  resources:\n    requests:\n      storage: 10Gi\n");
  write("infra/main.tf",
        "variable \"sku\" {\n  default = \"Standard_LRS\"\n}\n"
        "resource \"azurerm_storage_account\" \"velero\" {\n  name = \"velerobackups\"\n"
        "  resource_group_name = \"rg\"\n  location = \"westeurope\"\n  account_tier = \"Standard\"\n"
        "  account_replication_type = var.sku\n  tags = { note = file(\"${path.module}/note.txt\") }\n}\n");
  write("infra/note.txt", "first");

  auto findings = [](const scan::Analysis& a) {
    std::string out;
    for (const Finding& f : a.result->findings) out += f.rule_id + " ";
    return out;
  };
  auto storage_sku = [](const scan::Analysis& a) {
    const graph::Node* n = a.result->graph.find("azurerm_storage_account.velero");
    return n && n->attr("account_replication_type") ? std::string(n->attr("account_replication_type")->text()) : std::string("?");
  };

  scan::Analysis base = analyze_with_cache(repo, cache_dir);
  CHECK(base.cache_status.rfind("miss", 0) == 0);
  CHECK(analyze_with_cache(repo, cache_dir).cache_status == "hit");

  SECTION("a changed file") {
    write("k8s/pvc.yaml", read_file(repo / "k8s/pvc.yaml") + "  accessModes: [ReadWriteOnce]\n");
    scan::Analysis a = analyze_with_cache(repo, cache_dir);
    CHECK(a.cache_status == "miss (1 file changed)");
    CHECK(analyze_with_cache(repo, cache_dir).cache_status == "hit");
  }
  SECTION("a new file") {
    write("k8s/ns.yaml", "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n");
    scan::Analysis a = analyze_with_cache(repo, cache_dir);
    CHECK(a.cache_status == "miss (the set of files changed)");
    auto implicit = [](const scan::Analysis& x) {
      const graph::Node* n = x.result->graph.find("Namespace/shop");
      return n && n->attr("implicit") && n->attr("implicit")->as_bool();
    };
    CHECK(implicit(base));
    CHECK_FALSE(implicit(a));
  }
  SECTION("a file read by file() that the scan does not list") {
    write("infra/note.txt", "second");
    scan::Analysis a = analyze_with_cache(repo, cache_dir);
    CHECK(a.cache_status.find("a file read by Terraform evaluation changed") != std::string::npos);
    CHECK(a.cache_status.find("note.txt") != std::string::npos);
    fs::remove(repo / "infra/note.txt");
    CHECK(analyze_with_cache(repo, cache_dir).cache_status.find("note.txt") != std::string::npos);
  }
  SECTION("--var") {
    scan::Analysis a = analyze_with_cache(repo, cache_dir, {{"sku", "GRS"}});
    CHECK(a.cache_status == "miss (no entry for this run)");
    CHECK(storage_sku(base) == "Standard_LRS");
    CHECK(storage_sku(a) == "GRS");
    CHECK(analyze_with_cache(repo, cache_dir, {{"sku", "GRS"}}).cache_status == "hit");
    CHECK(analyze_with_cache(repo, cache_dir).cache_status == "hit");  // both entries kept
  }
  SECTION("the configuration") {
    write(".drlint.yaml", "version: 1\nrules:\n  DR010: off\n");
    scan::Analysis a = analyze_with_cache(repo, cache_dir);
    CHECK(a.cache_status.rfind("miss", 0) == 0);
    CHECK(findings(a).find("DR010") == std::string::npos);
    CHECK(findings(base).find("DR010") != std::string::npos);
    CHECK(analyze_with_cache(repo, cache_dir).cache_status == "hit");
  }
  SECTION("a damaged entry is ignored and replaced") {
    fs::path entry = only_entry(cache_dir);
    std::string bytes = read_file(entry);
    for (std::size_t cut : {std::size_t{0}, std::size_t{10}, bytes.size() / 2, bytes.size() - 1}) {
      std::ofstream(entry, std::ios::binary | std::ios::trunc) << bytes.substr(0, cut);
      scan::Analysis a = analyze_with_cache(repo, cache_dir);
      CHECK(a.cache_status == "miss (corrupt entry, ignored)");
      CHECK(findings(a) == findings(base));
    }
    std::string flipped = bytes;
    flipped[flipped.size() / 2] = static_cast<char>(flipped[flipped.size() / 2] ^ 0x5a);
    std::ofstream(entry, std::ios::binary | std::ios::trunc) << flipped;
    CHECK(analyze_with_cache(repo, cache_dir).cache_status == "miss (corrupt entry, ignored)");
    CHECK(analyze_with_cache(repo, cache_dir).cache_status == "hit");
  }
}

TEST_CASE("cache: the graph is a section of its own, read and checked only when a report needs it", "[cache]") {
  TempRepo tmp;
  fs::path repo = tmp.path() / "repo", cache_dir = tmp.path() / "cache";
  copy_example(repo);
  scan::Analysis base = analyze_with_cache(repo, cache_dir);
  REQUIRE_FALSE(base.result->graph.nodes().empty());
  fs::path entry = only_entry(cache_dir);
  std::string bytes = read_file(entry);
  // A byte of the graph section (the entry ends with the graph and its
  // 16-byte hash).
  std::string damaged = bytes;
  damaged[damaged.size() - 40] = static_cast<char>(damaged[damaged.size() - 40] ^ 0x5a);
  std::ofstream(entry, std::ios::binary | std::ios::trunc) << damaged;
  // SARIF and text read the findings only: a hit, the same findings.
  scan::Analysis sarif = analyze_with_cache(repo, cache_dir, {}, false);
  CHECK(sarif.cache_status == "hit");
  CHECK(drlint::testing::findings_text(*sarif.result) == drlint::testing::findings_text(*base.result));
  CHECK(sarif.result->graph.nodes().empty());
  // A report that reads the graph sees the damage: a miss, then a full
  // scan with the graph, stored again.
  scan::Analysis full = analyze_with_cache(repo, cache_dir);
  CHECK(full.cache_status == "miss (corrupt entry, ignored)");
  CHECK(full.result->graph.nodes().size() == base.result->graph.nodes().size());
  CHECK(analyze_with_cache(repo, cache_dir).cache_status == "hit");
}

TEST_CASE("cache: a cache directory that cannot be written is a warning, not a failure", "[cache]") {
  TempRepo tmp;
  fs::path repo = tmp.path() / "repo";
  copy_example(repo);
  std::ofstream(tmp.path() / "not-a-dir") << "x";
  scan::Analysis a = analyze_with_cache(repo, tmp.path() / "not-a-dir");
  CHECK_FALSE(a.cache_warning.empty());
  CHECK_FALSE(a.result->findings.empty());

  auto r = run_drlint("scan " + shell_quote(repo.string()) + " --cache-dir " +
                          shell_quote((tmp.path() / "not-a-dir").string()) + " --fail-on never",
                      tmp.path());
  CHECK(r.exit_code == 0);
  CHECK(r.err.find("drlint: warning: result not cached: cannot create") != std::string::npos);
}

TEST_CASE("cache: the CLI reports the same SARIF and exit status on a hit", "[cache][cli]") {
  TempRepo tmp;
  fs::path repo = tmp.path() / "repo", cache_dir = tmp.path() / "cache";
  copy_example(repo);
  std::string args = "scan . --format sarif --cache-dir " + shell_quote(cache_dir.string()) + " --timings -o ";
  auto cold = run_drlint(args + shell_quote((tmp.path() / "cold.sarif").string()), repo);
  auto warm = run_drlint(args + shell_quote((tmp.path() / "warm.sarif").string()), repo);
  CHECK(cold.err.find("drlint: cache: miss") != std::string::npos);
  CHECK(warm.err.find("drlint: cache: hit") != std::string::npos);
  CHECK(warm.exit_code == cold.exit_code);
  CHECK(read_file(tmp.path() / "warm.sarif") == read_file(tmp.path() / "cold.sarif"));
  // The audit report reads the graph: it comes from the cache too.
  std::string md = "scan . --format markdown --cache-dir " + shell_quote(cache_dir.string()) + " -o ";
  run_drlint(md + shell_quote((tmp.path() / "cold.md").string()), repo);
  auto warm_md = run_drlint(md + shell_quote((tmp.path() / "warm.md").string()) + " --timings", repo);
  CHECK(warm_md.err.find("drlint: cache: hit") != std::string::npos);
  auto strip_time = [](const std::string& s) {
    // The report states when it was made and how long the scan took.
    std::istringstream in(s);
    std::string line, out;
    while (std::getline(in, line))
      if (line.rfind("Generated ", 0) != 0 && line.find("Scan time") == std::string::npos) out += line + "\n";
    return out;
  };
  std::string cold_md = strip_time(read_file(tmp.path() / "cold.md"));
  CHECK(cold_md.size() > 1000);
  CHECK(strip_time(read_file(tmp.path() / "warm.md")) == cold_md);
  // So does the JSON report's audit data (namespaces, backup definitions, storage).
  std::string js = "scan . --format json --cache-dir " + shell_quote(cache_dir.string()) + " -o ";
  run_drlint(js + shell_quote((tmp.path() / "cold.json").string()), repo);
  auto warm_js = run_drlint(js + shell_quote((tmp.path() / "warm.json").string()) + " --timings", repo);
  CHECK(warm_js.err.find("drlint: cache: hit") != std::string::npos);
  auto without_time = [](const std::string& text) {
    nlohmann::json j = nlohmann::json::parse(text);
    j["summary"].erase("seconds");
    return j;
  };
  nlohmann::json cold_json = without_time(read_file(tmp.path() / "cold.json"));
  CHECK_FALSE(cold_json["namespaces"].empty());
  CHECK_FALSE(cold_json["backup_definitions"].empty());
  CHECK(without_time(read_file(tmp.path() / "warm.json")) == cold_json);
}

TEST_CASE("cache: the directory keeps the most recently used entries", "[cache]") {
  TempRepo tmp;
  fs::path repo = tmp.path() / "repo", cache_dir = tmp.path() / "cache";
  fs::create_directories(repo);
  std::ofstream(repo / "main.tf") << "variable \"n\" {}\n";
  fs::create_directories(cache_dir);
  std::ofstream(cache_dir / "unrelated.txt") << "kept";
  for (int i = 0; i < 20; ++i) analyze_with_cache(repo, cache_dir, {{"n", std::to_string(i)}});
  std::size_t entries = 0;
  for (const auto& e : fs::directory_iterator(cache_dir))
    if (e.path().extension() == ".bin") ++entries;
  CHECK(entries == 16);
  CHECK(fs::exists(cache_dir / "unrelated.txt"));
  CHECK(analyze_with_cache(repo, cache_dir, {{"n", "19"}}).cache_status == "hit");
  CHECK(analyze_with_cache(repo, cache_dir, {{"n", "0"}}).cache_status == "miss (no entry for this run)");
}
