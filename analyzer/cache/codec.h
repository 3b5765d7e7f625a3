// The cache's binary encoding: little-endian fixed-width integers, LEB128
// varints, length-prefixed strings, located Values. The Reader checks every
// length against what is left and every Value against a nesting bound: a
// truncated or corrupt cache file reads as "not ok", never as a crash.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "analyzer/util/hash.h"
#include "analyzer/util/source_loc.h"
#include "analyzer/value/value.h"

namespace drlint::cache {

class Writer {
 public:
  void u8(std::uint8_t v) { out_.push_back(static_cast<char>(v)); }
  void varint(std::uint64_t v);
  void f64(double v);
  void str(std::string_view s);
  void hash(const Hash128& h);
  void loc(const SourceLoc& l);
  void value(const Value& v);
  void raw(std::string_view bytes) { out_.append(bytes); }
  const std::string& bytes() const { return out_; }
  std::string take() { return std::move(out_); }

 private:
  std::string out_;
};

class Reader {
 public:
  explicit Reader(std::string_view in) : in_(in) {}
  std::uint8_t u8();
  std::uint64_t varint();
  // A varint that must be below `limit` (a count or an enumerator).
  std::uint64_t bounded(std::uint64_t limit);
  double f64();
  std::string str();
  Hash128 hash();
  SourceLoc loc();
  Value value(int depth = 0);
  std::string_view raw(std::size_t n);
  bool ok() const { return ok_; }
  bool at_end() const { return ok_ && pos_ == in_.size(); }
  std::size_t remaining() const { return in_.size() - pos_; }
  void fail() { ok_ = false; }

 private:
  std::string_view in_;
  std::size_t pos_ = 0;
  bool ok_ = true;
};

}  // namespace drlint::cache
