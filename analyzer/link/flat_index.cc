#include "analyzer/link/flat_index.h"

#include <cstring>
#include <functional>
#include <stdexcept>

namespace drlint::link::detail {

namespace {

constexpr std::size_t kFirstCapacity = 64;  // a power of two

// Grow past 70% full: linear probing stays short, and a slot is 12 or 16
// bytes, so the spare room is cheap next to one heap block per entry.
bool too_full(std::size_t size, std::size_t capacity) { return (size + 1) * 10 > capacity * 7; }

std::uint32_t hash_text(std::string_view s) {
  std::size_t h = std::hash<std::string_view>()(s);
  return static_cast<std::uint32_t>(h ^ (h >> 32));
}

std::uint64_t mix(std::uint64_t x) {  // splitmix64's finalizer
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ull;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebull;
  return x ^ (x >> 31);
}

// Doubles a table (or makes the first one) and puts every used slot back.
template <class Slot, class Used, class Home>
void grow_table(std::vector<Slot>& slots, Used used, Home home) {
  std::vector<Slot> old = std::move(slots);
  slots.assign(old.empty() ? kFirstCapacity : old.size() * 2, Slot{});
  const std::size_t mask = slots.size() - 1;
  for (const Slot& s : old) {
    if (!used(s)) continue;
    std::size_t i = home(s) & mask;
    while (used(slots[i])) i = (i + 1) & mask;
    slots[i] = s;
  }
}

}  // namespace

std::string_view StringIdMap::key_at(std::uint32_t key) const {
  std::uint32_t n;
  std::memcpy(&n, arena_.data() + key - 1, sizeof n);
  return {arena_.data() + key - 1 + sizeof n, n};
}

std::size_t StringIdMap::probe(std::string_view key, std::uint32_t hash) const {
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t i = hash & mask;; i = (i + 1) & mask) {
    const Slot& s = slots_[i];
    if (s.key == 0 || (s.hash == hash && key_at(s.key) == key)) return i;
  }
}

std::optional<graph::NodeId> StringIdMap::find(std::string_view key) const {
  if (slots_.empty()) return std::nullopt;
  const Slot& s = slots_[probe(key, hash_text(key))];
  if (s.key == 0) return std::nullopt;
  return graph::NodeId{s.id};
}

std::pair<graph::NodeId, bool> StringIdMap::insert(std::string_view key, graph::NodeId id) {
  if (slots_.empty() || too_full(size_, slots_.size())) grow();
  std::uint32_t hash = hash_text(key);
  Slot& s = slots_[probe(key, hash)];
  if (s.key != 0) return {graph::NodeId{s.id}, false};
  if (arena_.size() + sizeof(std::uint32_t) + key.size() >= UINT32_MAX)
    throw std::length_error("StringIdMap: keys over 4 GiB");
  auto n = static_cast<std::uint32_t>(key.size());
  s.hash = hash;
  s.key = static_cast<std::uint32_t>(arena_.size()) + 1;
  s.id = graph::index(id);
  arena_.append(reinterpret_cast<const char*>(&n), sizeof n);
  arena_.append(key);
  ++size_;
  return {id, true};
}

void StringIdMap::grow() {
  grow_table(slots_, [](const Slot& s) { return s.key != 0; }, [](const Slot& s) { return s.hash; });
}

bool AddressSet::contains(std::string_view address) const {
  if (slots_.empty()) return false;
  const std::uint32_t hash = hash_text(address);
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t i = hash & mask;; i = (i + 1) & mask) {
    const Slot& s = slots_[i];
    if (s.id == 0) return false;
    if (s.hash == hash && g_.node(graph::NodeId{s.id - 1}).address == address) return true;
  }
}

void AddressSet::insert(graph::NodeId id) {
  if (slots_.empty() || too_full(size_, slots_.size())) grow();
  const std::uint32_t hash = hash_text(g_.node(id).address);
  const std::size_t mask = slots_.size() - 1;
  std::size_t i = hash & mask;
  while (slots_[i].id != 0) i = (i + 1) & mask;
  slots_[i] = Slot{hash, graph::index(id) + 1};
  ++size_;
}

void AddressSet::grow() {
  grow_table(slots_, [](const Slot& s) { return s.id != 0; }, [](const Slot& s) { return s.hash; });
}

bool EdgeKeySet::insert(graph::NodeId from, graph::NodeId to, graph::EdgeKind kind) {
  if (slots_.empty() || too_full(size_, slots_.size())) grow();
  const std::uint64_t ends = static_cast<std::uint64_t>(graph::index(from)) << 32 | graph::index(to);
  const auto k = static_cast<std::uint8_t>(kind);
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t i = mix(ends * 31 + k) & mask;; i = (i + 1) & mask) {
    Slot& s = slots_[i];
    if (!s.used) {
      s = Slot{ends, k, true};
      ++size_;
      return true;
    }
    if (s.ends == ends && s.kind == k) return false;
  }
}

void EdgeKeySet::grow() {
  grow_table(slots_, [](const Slot& s) { return s.used; }, [](const Slot& s) { return mix(s.ends * 31 + s.kind); });
}

}  // namespace drlint::link::detail
