// Kubernetes YAML is loaded while linking, parsed by worker threads a window
// of bytes ahead of the file being linked, and each file's documents are
// freed once linked (scan.cc, link::GraphLinker). Proof that this changes
// nothing: the same findings, suppressions and graph (node for node, edge
// for edge) as loading every file first and linking them at once, whatever
// the window, on the fixtures, the example, a generated platform repository
// and the whole corpus.
#include <filesystem>

#include <catch2/catch.hpp>

#include "analyzer/scan/analyze.h"
#include "tests/test_support.h"

namespace fs = std::filesystem;
using namespace drlint;

namespace {

struct Outcome {
  std::string findings, graph, lines;
  std::size_t count = 0;
};

Outcome scan_dir(const fs::path& dir, bool stream, std::size_t window_bytes) {
  scan::AnalyzeOptions o;
  o.scan.stream_yaml = stream;
  o.scan.yaml_window_bytes = window_bytes;
  scan::Analysis a = drlint::testing::analyze_dir(dir, o);
  Outcome out;
  out.findings = drlint::testing::findings_text(*a.result);
  out.count = a.result->findings.size();
  out.graph = drlint::testing::graph_json(*a.result);
  // The lines reports quote: a streamed scan reads them again from the files
  // whose content it released.
  for (const Finding& f : a.result->findings) {
    out.lines += std::string(a.result->sources.line_text(f.loc.file, f.loc.line)) + "\n";
    out.lines += std::to_string(a.result->sources.line_count(f.loc.file)) + "\n";
    for (const RelatedLocation& rl : f.related) out.lines += std::string(a.result->sources.line_text(rl.loc.file, rl.loc.line)) + "\n";
  }
  return out;
}

void require_same(const fs::path& dir, std::size_t min_findings) {
  INFO(dir.string());
  Outcome whole = scan_dir(dir, false, 0);
  CHECK(whole.count >= min_findings);
  for (std::size_t window : {std::size_t{1}, std::size_t{64} << 10, std::size_t{1} << 20}) {
    INFO("window bytes " << window);
    Outcome streamed = scan_dir(dir, true, window);
    CHECK(streamed.count == whole.count);
    CHECK(streamed.findings == whole.findings);
    CHECK(streamed.graph == whole.graph);
    CHECK(streamed.lines == whole.lines);
  }
}

}  // namespace

TEST_CASE("streaming: the example and the rule fixtures link as if loaded at once", "[streaming]") {
  require_same(fs::path(DRLINT_TESTDATA) / "examples", 10);
  require_same(fs::path(DRLINT_TESTDATA) / "rules", 50);
  require_same(fs::path(DRLINT_TESTDATA) / "graph", 1);
}

TEST_CASE("streaming: a generated platform repository links as if loaded at once", "[streaming]") {
  drlint::testing::TempRepo tmp;
  fs::path repo = tmp.path() / "repo";
  auto r = drlint::testing::run_command("python3 " +
                                        drlint::testing::shell_quote(std::string(DRLINT_SOURCE_DIR) + "/bench/generate.py") +
                                        " " + drlint::testing::shell_quote(repo.string()) + " --files 1500");
  INFO(r.out);
  REQUIRE(r.exit_code == 0);
  require_same(repo, 100);
}

TEST_CASE("streaming: the corpus links as if loaded at once", "[streaming][corpus]") {
  fs::path corpus = fs::path(DRLINT_SHARED_DIR) / "corpus";
  if (!fs::exists(corpus)) {
    WARN("SKIPPED: no corpus at " << corpus.string());
    return;
  }
  require_same(corpus, 100);
}

TEST_CASE("streaming: suppression annotations are read before documents are freed", "[streaming]") {
  drlint::testing::TempRepo tmp;
  tmp.write("k8s/pvc.yaml",
            "apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: cache\n  namespace: shop\n"
            "  annotations:\n    drlint.io/ignore: \"DR010,DR012 -- cache, rebuilt from the primary\"\n"
            "spec:\n  storageClassName: managed-csi\n  resources:\n    requests:\n      storage: 1Gi\n");
  Outcome streamed = scan_dir(tmp.path(), true, 1);
  CHECK(streamed.findings.find("suppressed 0: cache, rebuilt from the primary") != std::string::npos);
  CHECK(streamed.findings == scan_dir(tmp.path(), false, 0).findings);
}

TEST_CASE("streaming: a linked file gives its documents back unless the linker reads them later", "[streaming]") {
  drlint::testing::TempRepo tmp;
  tmp.write("k8s/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n  namespace: shop\n");
  // A Velero Schedule is read again when the Velero servers are linked:
  // its file keeps both documents (the kept one is pointed at).
  tmp.write("k8s/backup.yaml",
            "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: other\n---\n"
            "apiVersion: velero.io/v1\nkind: Schedule\nmetadata:\n  name: nightly\n  namespace: velero\n"
            "spec:\n  schedule: \"0 1 * * *\"\n");
  scan::Options o;
  o.discovery.paths = {tmp.path().string()};
  o.discovery.root = tmp.path().string();
  o.yaml_window_bytes = 1;
  std::unique_ptr<scan::Result> r = scan::run(o);
  REQUIRE(r);
  FileId cm = r->sources.find("k8s/cm.yaml"), backup = r->sources.find("k8s/backup.yaml");
  REQUIRE(cm != kNoFile);
  REQUIRE(backup != kNoFile);
  CHECK(r->files[cm].yaml.empty());
  REQUIRE(r->files[backup].yaml.size() == 2);
  CHECK(r->files[backup].yaml[0].root.is_null());  // the ConfigMap went
  CHECK(r->files[backup].yaml[1].root.is_map());   // the Schedule stays
  CHECK(r->graph.of_kind(graph::NodeKind::kVeleroSchedule).size() == 1);
  // The ConfigMap's file gave its content back too; its lines are read
  // again when asked. The file with a kept document keeps its content.
  CHECK(r->sources.released(cm));
  CHECK(r->sources.get(cm).content.empty());
  CHECK(r->sources.line_text(cm, 2) == "kind: ConfigMap");
  CHECK(r->sources.line_text(cm, 5) == "  namespace: shop");
  CHECK(r->sources.line_count(cm) == 5);
  CHECK_FALSE(r->sources.released(backup));
  CHECK(r->sources.line_text(backup, 7) == "kind: Schedule");
}
