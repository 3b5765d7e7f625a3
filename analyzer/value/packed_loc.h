// A SourceLoc in 15 bytes (SourceLoc takes 20), for Value: the graph and the
// YAML trees hold millions of located values. Each of the five fields gets
// 24 bits. A file id, line or column above 16,777,214 cannot be told apart
// from that limit: lines and columns saturate at it (a line that long is
// minified data, and the region still starts on it), and a file id that
// large (more files than any repository has) reads back as kNoFile, so a
// location is lost rather than pointing into the wrong file.
#pragma once

#include <cstdint>

#include "analyzer/util/source_loc.h"

namespace drlint {

class PackedLoc {
 public:
  static constexpr std::uint32_t kMax = 0xfffffe;  // 0xffffff is kNoFile

  PackedLoc() { pack(SourceLoc{}); }
  explicit PackedLoc(const SourceLoc& loc) { pack(loc); }

  SourceLoc unpack() const {
    SourceLoc l;
    std::uint32_t file = get(0);
    l.file = file == kNone ? kNoFile : file;
    l.line = get(1);
    l.column = get(2);
    l.end_line = get(3);
    l.end_column = get(4);
    return l;
  }
  void pack(const SourceLoc& l) {
    put(0, l.file > kMax ? kNone : l.file);
    put(1, saturate(l.line));
    put(2, saturate(l.column));
    put(3, saturate(l.end_line));
    put(4, saturate(l.end_column));
  }

 private:
  static constexpr std::uint32_t kNone = 0xffffff;
  static std::uint32_t saturate(std::uint32_t v) { return v > kMax ? kMax : v; }
  std::uint32_t get(int field) const {
    const unsigned char* p = bytes_ + 3 * field;
    return std::uint32_t{p[0]} | std::uint32_t{p[1]} << 8 | std::uint32_t{p[2]} << 16;
  }
  void put(int field, std::uint32_t v) {
    unsigned char* p = bytes_ + 3 * field;
    p[0] = static_cast<unsigned char>(v);
    p[1] = static_cast<unsigned char>(v >> 8);
    p[2] = static_cast<unsigned char>(v >> 16);
  }

  unsigned char bytes_[15];
};

static_assert(sizeof(PackedLoc) == 15);

}  // namespace drlint
