#include "analyzer/value/interned_string.h"

#include <array>
#include <cstddef>
#include <cstring>
#include <functional>
#include <memory>
#include <mutex>
#include <new>
#include <stdexcept>
#include <unordered_map>
#include <vector>

namespace drlint {

const InternedString::Rep InternedString::kEmpty{0, {'\0'}};

namespace {

using Rep = InternedString::Rep;

// One of 16 independently locked tables, chosen by the hash, so that the
// loader threads rarely wait for each other.
struct Shard {
  std::mutex mutex;
  std::unordered_map<std::string_view, const Rep*> reps;  // views into the reps' text
  std::vector<std::unique_ptr<char[]>> blocks, long_keys;
  std::size_t used = 0;  // of blocks.back()

  const Rep* add(std::string_view s) {
    // Blocks are not zeroed: a page is resident only once keys fill it.
    static constexpr std::size_t kBlock = 16 * 1024;
    const std::size_t need = (offsetof(Rep, text) + s.size() + 1 + alignof(Rep) - 1) / alignof(Rep) * alignof(Rep);
    if (need > kBlock / 8) {
      long_keys.emplace_back(new char[need]);
      return fill(long_keys.back().get(), s);
    }
    if (blocks.empty() || used + need > kBlock) {
      blocks.emplace_back(new char[kBlock]);
      used = 0;
    }
    char* at = blocks.back().get() + used;
    used += need;
    return fill(at, s);
  }
  static const Rep* fill(char* at, std::string_view s) {
    Rep* rep = new (at) Rep;
    rep->size = static_cast<std::uint32_t>(s.size());
    if (!s.empty()) std::memcpy(rep->text, s.data(), s.size());
    rep->text[s.size()] = '\0';
    return rep;
  }
};

// Never destroyed: values in static objects may outlive any destructor.
std::array<Shard, 16>& shards() {
  static auto* s = new std::array<Shard, 16>();
  return *s;
}

}  // namespace

const Rep* InternedString::intern(std::string_view s) {
  if (s.empty()) return &kEmpty;
  if (s.size() > UINT32_MAX - 64) throw std::length_error("InternedString: over 4 GiB");
  const std::size_t hash = std::hash<std::string_view>()(s);
  // Most keys repeat ("metadata", "name", ...): a small per-thread cache
  // answers them without a lock.
  struct Cached {
    std::size_t hash = 0;
    const Rep* rep = nullptr;
  };
  thread_local std::array<Cached, 512> cache{};
  Cached& c = cache[hash % cache.size()];
  if (c.rep && c.hash == hash && std::string_view(c.rep->text, c.rep->size) == s) return c.rep;
  Shard& shard = shards()[(hash >> 32) % shards().size()];
  const Rep* rep;
  {
    std::lock_guard<std::mutex> lock(shard.mutex);
    auto it = shard.reps.find(s);
    if (it != shard.reps.end()) {
      rep = it->second;
    } else {
      rep = shard.add(s);
      shard.reps.emplace(std::string_view(rep->text, rep->size), rep);
    }
  }
  c = Cached{hash, rep};
  return rep;
}

std::size_t InternedString::distinct() {
  std::size_t n = 1;  // ""
  for (Shard& s : shards()) {
    std::lock_guard<std::mutex> lock(s.mutex);
    n += s.reps.size();
  }
  return n;
}

}  // namespace drlint
