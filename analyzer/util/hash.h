// A fast 128-bit content hash for cache keys (not cryptographic: it tells
// an unchanged input from a changed one, it does not resist an attacker,
// and the cache only ever trusts files its own user wrote).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace drlint {

struct Hash128 {
  std::uint64_t lo = 0, hi = 0;
  bool operator==(const Hash128& o) const { return lo == o.lo && hi == o.hi; }
  bool operator!=(const Hash128& o) const { return !(*this == o); }
  std::string hex() const;  // 32 lowercase hex digits
};

Hash128 hash_bytes(std::string_view bytes);

// Hashes a sequence of fields; each field is length-prefixed, so ("ab", "c")
// and ("a", "bc") differ.
class Hasher {
 public:
  Hasher& add(std::string_view field);
  Hasher& add(std::uint64_t n);
  Hasher& add(const Hash128& h) { return add(h.lo).add(h.hi); }
  Hash128 finish() const { return hash_bytes(buffer_); }

 private:
  std::string buffer_;
};

}  // namespace drlint
