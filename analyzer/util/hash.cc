#include "analyzer/util/hash.h"

#include <cstring>

namespace drlint {
namespace {

// 64x64 -> 128-bit multiply, folded: the mixing step of wyhash-style hashes.
inline std::uint64_t mix(std::uint64_t a, std::uint64_t b) {
  unsigned __int128 r = static_cast<unsigned __int128>(a) * b;
  return static_cast<std::uint64_t>(r) ^ static_cast<std::uint64_t>(r >> 64);
}

inline std::uint64_t load64(const char* p) {
  std::uint64_t v;
  std::memcpy(&v, p, 8);
  return v;
}

constexpr std::uint64_t kP0 = 0xa0761d6478bd642full, kP1 = 0xe7037ed1a0b428dbull, kP2 = 0x8ebc6af09c88c6e3ull,
                        kP3 = 0x589965cc75374cc3ull;

std::uint64_t hash64(std::string_view s, std::uint64_t seed) {
  const char* p = s.data();
  std::size_t n = s.size();
  std::uint64_t h = seed ^ mix(seed ^ kP0, kP1 ^ n);
  while (n >= 16) {
    h = mix(load64(p) ^ kP1, load64(p + 8) ^ h);
    p += 16;
    n -= 16;
  }
  std::uint64_t a = 0, b = 0;
  if (n >= 8) {
    a = load64(p);
    b = load64(p + n - 8);
  } else if (n > 0) {
    char tail[8] = {};
    std::memcpy(tail, p, n);
    a = load64(tail);
    b = n;
  }
  return mix(kP1 ^ s.size(), mix(a ^ kP2, b ^ h ^ kP3));
}

}  // namespace

std::string Hash128::hex() const {
  static const char* digits = "0123456789abcdef";
  std::string out(32, '0');
  for (int i = 0; i < 16; ++i) {
    out[15 - i] = digits[(hi >> (4 * i)) & 15];
    out[31 - i] = digits[(lo >> (4 * i)) & 15];
  }
  return out;
}

Hash128 hash_bytes(std::string_view bytes) {
  return Hash128{hash64(bytes, 0x243f6a8885a308d3ull), hash64(bytes, 0x13198a2e03707344ull)};
}

Hasher& Hasher::add(std::string_view field) {
  add(static_cast<std::uint64_t>(field.size()));
  buffer_.append(field);
  return *this;
}

Hasher& Hasher::add(std::uint64_t n) {
  char b[8];
  std::memcpy(b, &n, 8);
  buffer_.append(b, 8);
  return *this;
}

}  // namespace drlint
