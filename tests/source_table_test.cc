#include "analyzer/load/source_table.h"

#include <atomic>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include <catch2/catch.hpp>

#include "tests/test_support.h"

using drlint::FileId;
using drlint::kNoFile;
using drlint::load::SourceFile;
using drlint::load::SourceTable;

namespace {

FileId add(SourceTable& sources, const std::string& path, const std::string& content) {
  SourceFile f;
  f.path = path;
  f.kind = drlint::load::classify_path(path);
  f.content = content;
  return sources.add(std::move(f));
}

// Every one of `threads` threads visits every file of `files` numbered ones
// (numbered_lines), in an order of its own, so that first lookups into a
// file race each other; returns the wrong answers each thread saw (Catch2
// assertions are not thread-safe: count, check after).
std::vector<int> look_up_from_threads(const SourceTable& sources, int files, int lines, int threads, int step);

std::string numbered_lines(int file, int lines) {
  std::string out;
  for (int l = 1; l <= lines; ++l) out += "f" + std::to_string(file) + " line " + std::to_string(l) + "\n";
  return out;
}

}  // namespace

TEST_CASE("line lookups: text without terminators, counts, out of range", "[load]") {
  SourceTable sources;
  FileId unix = add(sources, "a.tf", "one\ntwo\n\nfour");
  FileId crlf = add(sources, "b.yaml", "a: 1\r\nb: 2\r\n");
  FileId empty = add(sources, "c.yaml", "");
  CHECK(sources.line_text(unix, 1) == "one");
  CHECK(sources.line_text(unix, 3).empty());
  CHECK(sources.line_text(unix, 4) == "four");
  CHECK(sources.line_text(unix, 5).empty());
  CHECK(sources.line_text(unix, 0).empty());
  CHECK(sources.line_count(unix) == 4);
  CHECK(sources.line_text(crlf, 2) == "b: 2");
  CHECK(sources.line_count(crlf) == 2);
  CHECK(sources.line_count(empty) == 1);
  CHECK(sources.line_text(empty, 1).empty());
  CHECK(sources.line_text(kNoFile, 1).empty());
  CHECK(sources.line_count(kNoFile) == 1);
}

TEST_CASE("line lookups see content set after the file was added, and again after a change", "[load]") {
  SourceTable sources;
  FileId id = add(sources, "a.yaml", "");
  sources.set_content(id, "x: 1\ny: 2\n");
  CHECK(sources.line_text(id, 2) == "y: 2");
  CHECK(sources.line_count(id) == 2);
  sources.set_content(id, "z: 3\n");
  CHECK(sources.line_text(id, 1) == "z: 3");
  CHECK(sources.line_text(id, 2).empty());
  CHECK(sources.line_count(id) == 1);
}

// A line index is built on the first lookup into its file; rules, reports
// and evaluation may ask from several threads at once, for the same files.
TEST_CASE("line lookups from several threads at once into files not yet indexed see the right lines", "[load]") {
  constexpr int kFiles = 40, kLines = 2000, kThreads = 8;
  SourceTable sources;
  for (int i = 0; i < kFiles; ++i) add(sources, "f" + std::to_string(i) + ".yaml", numbered_lines(i, kLines));
  std::vector<int> wrong = look_up_from_threads(sources, kFiles, kLines, kThreads, 97);
  for (int t = 0; t < kThreads; ++t) {
    INFO("thread " << t);
    CHECK(wrong[t] == 0);
  }
}

namespace {

// A table whose files are also on disk under `root`, as a scan reads them.
FileId add_on_disk(SourceTable& sources, const std::filesystem::path& root, const std::string& path,
                   const std::string& content) {
  std::filesystem::create_directories((root / path).parent_path());
  std::ofstream(root / path, std::ios::binary) << content;
  SourceFile f;
  f.path = path;
  f.kind = drlint::load::classify_path(path);
  f.content = content;
  f.reopenable = true;
  return sources.add(std::move(f));
}

}  // namespace

TEST_CASE("a released file's lines are read again from disk, unless it changed", "[load]") {
  drlint::testing::TempRepo tmp;
  SourceTable sources;
  sources.set_root(tmp.path().string());
  FileId a = add_on_disk(sources, tmp.path(), "k8s/a.yaml", "one\r\ntwo\n\nfour\n");
  FileId changed = add_on_disk(sources, tmp.path(), "k8s/b.yaml", "x: 1\ny: 2\n");
  SourceFile pinned;
  pinned.path = "c.yaml";
  pinned.content = "kept: true\n";  // not reopenable: never released
  FileId c = sources.add(std::move(pinned));

  for (FileId id : {a, changed, c}) sources.release_content(id);
  CHECK(sources.released(a));
  CHECK(sources.get(a).content.empty());
  CHECK_FALSE(sources.released(c));
  CHECK(sources.get(c).content == "kept: true\n");
  CHECK(sources.line_count(a) == 4);
  CHECK(sources.line_text(a, 1) == "one");
  CHECK(sources.line_text(a, 2) == "two");
  CHECK(sources.line_text(a, 3).empty());
  CHECK(sources.line_text(a, 4) == "four");
  CHECK(sources.line_text(a, 5).empty());
  CHECK(sources.line_text(a, 1) == "one");  // asked twice: the same text
  // Edited after the scan read it: same size, other bytes. No line is
  // quoted from a file that is not the one scanned; the count stays.
  std::ofstream(tmp.path() / "k8s/b.yaml", std::ios::binary) << "x: 9\ny: 9\n";
  CHECK(sources.line_text(changed, 1).empty());
  CHECK(sources.line_count(changed) == 2);
  CHECK(sources.line_text(c, 1) == "kept: true");
}

TEST_CASE("lines of released files looked up from several threads at once", "[load]") {
  constexpr int kFiles = 30, kLines = 300, kThreads = 6;
  drlint::testing::TempRepo tmp;
  SourceTable sources;
  sources.set_root(tmp.path().string());
  for (int i = 0; i < kFiles; ++i) {
    FileId id = add_on_disk(sources, tmp.path(), "f" + std::to_string(i) + ".yaml", numbered_lines(i, kLines));
    sources.release_content(id);
    CHECK(sources.released(id));
  }
  // More files than are kept read again: threads evict each other's.
  std::vector<int> wrong = look_up_from_threads(sources, kFiles, kLines, kThreads, 17);
  for (int t = 0; t < kThreads; ++t) {
    INFO("thread " << t);
    CHECK(wrong[t] == 0);
  }
}

namespace {

std::vector<int> look_up_from_threads(const SourceTable& sources, int files, int lines, int threads, int step) {
  std::atomic<bool> go{false};
  std::vector<int> wrong(threads, 0);
  std::vector<std::thread> running;
  for (int t = 0; t < threads; ++t) {
    running.emplace_back([&, t] {
      while (!go.load()) std::this_thread::yield();
      for (int k = 0; k < files; ++k) {
        int file = (k * 7 + t * 13) % files;
        auto id = static_cast<FileId>(file);
        if (sources.line_count(id) != static_cast<std::uint32_t>(lines)) ++wrong[t];
        for (int l = 1 + t; l <= lines; l += step) {
          std::string expected = "f" + std::to_string(file) + " line " + std::to_string(l);
          if (sources.line_text(id, static_cast<std::uint32_t>(l)) != expected) ++wrong[t];
        }
      }
    });
  }
  go = true;
  for (std::thread& th : running) th.join();
  return wrong;
}

}  // namespace
