#include "analyzer/cache/codec.h"

#include <cstring>
#include <utility>
#include <vector>

namespace drlint::cache {
namespace {
constexpr int kMaxDepth = 512;  // the loaders' nesting limit
}

void Writer::varint(std::uint64_t v) {
  while (v >= 0x80) {
    out_.push_back(static_cast<char>((v & 0x7f) | 0x80));
    v >>= 7;
  }
  out_.push_back(static_cast<char>(v));
}

void Writer::f64(double v) {
  char b[8];
  std::memcpy(b, &v, 8);
  out_.append(b, 8);
}

void Writer::str(std::string_view s) {
  varint(s.size());
  out_.append(s);
}

void Writer::hash(const Hash128& h) {
  char b[16];
  std::memcpy(b, &h.lo, 8);
  std::memcpy(b + 8, &h.hi, 8);
  out_.append(b, 16);
}

void Writer::loc(const SourceLoc& l) {
  // file + 1 so that kNoFile (all ones) encodes as 0 in one byte.
  varint(l.file == kNoFile ? 0 : static_cast<std::uint64_t>(l.file) + 1);
  varint(l.line);
  varint(l.column);
  varint(l.end_line);
  varint(l.end_column);
}

void Writer::value(const Value& v) {
  u8(static_cast<std::uint8_t>(v.kind()));
  loc(v.loc());
  switch (v.kind()) {
    case Value::Kind::kNull:
      break;
    case Value::Kind::kBool:
      u8(v.as_bool() ? 1 : 0);
      break;
    case Value::Kind::kNumber:
      f64(v.as_number());
      str(v.text());
      break;
    case Value::Kind::kUnknown:
    case Value::Kind::kString:
      str(v.text());
      break;
    case Value::Kind::kList:
      varint(v.items().size());
      for (const Value& item : v.items()) value(item);
      break;
    case Value::Kind::kMap:
      varint(v.entries().size());
      for (const Value::Entry& e : v.entries()) {
        str(e.first);
        value(e.second);
      }
      break;
  }
}

std::uint8_t Reader::u8() {
  if (!ok_ || pos_ >= in_.size()) {
    ok_ = false;
    return 0;
  }
  return static_cast<std::uint8_t>(in_[pos_++]);
}

std::uint64_t Reader::varint() {
  std::uint64_t v = 0;
  for (int shift = 0; shift < 64; shift += 7) {
    std::uint8_t b = u8();
    if (!ok_) return 0;
    v |= static_cast<std::uint64_t>(b & 0x7f) << shift;
    if (!(b & 0x80)) return v;
  }
  ok_ = false;
  return 0;
}

std::uint64_t Reader::bounded(std::uint64_t limit) {
  std::uint64_t v = varint();
  if (v >= limit) {
    ok_ = false;
    return 0;
  }
  return v;
}

double Reader::f64() {
  std::string_view b = raw(8);
  double v = 0;
  if (ok_) std::memcpy(&v, b.data(), 8);
  return v;
}

std::string_view Reader::raw(std::size_t n) {
  if (!ok_ || n > in_.size() - pos_) {
    ok_ = false;
    return {};
  }
  std::string_view s = in_.substr(pos_, n);
  pos_ += n;
  return s;
}

std::string Reader::str() {
  std::uint64_t n = varint();
  if (!ok_ || n > remaining()) {
    ok_ = false;
    return {};
  }
  return std::string(raw(static_cast<std::size_t>(n)));
}

Hash128 Reader::hash() {
  std::string_view b = raw(16);
  Hash128 h;
  if (ok_) {
    std::memcpy(&h.lo, b.data(), 8);
    std::memcpy(&h.hi, b.data() + 8, 8);
  }
  return h;
}

SourceLoc Reader::loc() {
  SourceLoc l;
  std::uint64_t file = bounded(0x100000000ull);
  l.file = file == 0 ? kNoFile : static_cast<FileId>(file - 1);
  l.line = static_cast<std::uint32_t>(bounded(0x100000000ull));
  l.column = static_cast<std::uint32_t>(bounded(0x100000000ull));
  l.end_line = static_cast<std::uint32_t>(bounded(0x100000000ull));
  l.end_column = static_cast<std::uint32_t>(bounded(0x100000000ull));
  return l;
}

Value Reader::value(int depth) {
  if (depth > kMaxDepth) {
    ok_ = false;
    return Value();
  }
  auto kind = static_cast<Value::Kind>(bounded(static_cast<std::uint64_t>(Value::Kind::kMap) + 1));
  SourceLoc l = loc();
  if (!ok_) return Value();
  switch (kind) {
    case Value::Kind::kNull:
      return Value::null(l);
    case Value::Kind::kBool:
      return Value::boolean(u8() != 0, l);
    case Value::Kind::kNumber: {
      double n = f64();
      return Value::number(n, str(), l);
    }
    case Value::Kind::kUnknown:
      return Value::unknown(str(), l);
    case Value::Kind::kString:
      return Value::string(str(), l);
    case Value::Kind::kList: {
      std::uint64_t n = varint();
      if (!ok_ || n > remaining()) break;  // every element takes at least a byte
      std::vector<Value> items;
      items.reserve(static_cast<std::size_t>(n));
      for (std::uint64_t i = 0; i < n && ok_; ++i) items.push_back(value(depth + 1));
      return Value::list(std::move(items), l);
    }
    case Value::Kind::kMap: {
      std::uint64_t n = varint();
      if (!ok_ || n > remaining()) break;
      std::vector<Value::Entry> entries;
      entries.reserve(static_cast<std::size_t>(n));
      for (std::uint64_t i = 0; i < n && ok_; ++i) {
        std::string key = str();
        entries.emplace_back(std::move(key), value(depth + 1));
      }
      return Value::map(std::move(entries), l);
    }
  }
  ok_ = false;
  return Value();
}

}  // namespace drlint::cache
