#include "analyzer/load/source_table.h"

#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include <catch2/catch.hpp>

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

  std::atomic<bool> go{false};
  std::vector<int> wrong(kThreads, 0);  // Catch2 assertions are not thread-safe: count, check after
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      while (!go.load()) std::this_thread::yield();
      // Every thread visits every file, in an order of its own, so that first
      // lookups into a file race each other.
      for (int k = 0; k < kFiles; ++k) {
        int file = (k * 7 + t * 13) % kFiles;
        auto id = static_cast<FileId>(file);
        if (sources.line_count(id) != static_cast<std::uint32_t>(kLines)) ++wrong[t];
        for (int l = 1 + t; l <= kLines; l += 97) {
          std::string expected = "f" + std::to_string(file) + " line " + std::to_string(l);
          if (sources.line_text(id, static_cast<std::uint32_t>(l)) != expected) ++wrong[t];
        }
      }
    });
  }
  go = true;
  for (std::thread& th : threads) th.join();
  for (int t = 0; t < kThreads; ++t) {
    INFO("thread " << t);
    CHECK(wrong[t] == 0);
  }
}
