// Internal to link/: the Builder's lookup tables, flat. At 50,000 files the
// graph has about 90,000 nodes and 150,000 edges, and the node-based
// std::unordered_map/set that indexed them (one heap block per entry, each
// key a std::string) were 30 MiB at the scan's moment of peak memory. These
// are open-addressing tables (linear probing, never erased) over one array
// of slots: StringIdMap keeps its keys in one arena, AddressSet reads them
// from the nodes.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analyzer/graph/graph.h"

namespace drlint::link::detail {

// A map from a string to a node; the first insert of a key wins.
class StringIdMap {
 public:
  // Inserts key -> id unless the key is present. Returns the id the key
  // maps to, and whether this call inserted it.
  std::pair<graph::NodeId, bool> insert(std::string_view key, graph::NodeId id);
  std::optional<graph::NodeId> find(std::string_view key) const;
  bool contains(std::string_view key) const { return find(key).has_value(); }
  std::size_t size() const { return size_; }

 private:
  struct Slot {
    std::uint32_t hash = 0;
    std::uint32_t key = 0;  // offset into arena_ + 1; 0: empty
    std::uint32_t id = 0;
  };
  std::size_t probe(std::string_view key, std::uint32_t hash) const;  // its slot, or the empty one it goes to
  std::string_view key_at(std::uint32_t key) const;
  void grow();

  std::vector<Slot> slots_;
  std::string arena_;  // each key: 4-byte length, then its bytes
  std::size_t size_ = 0;
};

// The set of a graph's node addresses, holding node ids (8 bytes a slot):
// the text is the node's own. Add a node after checking its address.
class AddressSet {
 public:
  explicit AddressSet(const graph::Graph& g) : g_(g) {}
  bool contains(std::string_view address) const;
  void insert(graph::NodeId id);  // its address must not be in the set yet

 private:
  struct Slot {
    std::uint32_t hash = 0;
    std::uint32_t id = 0;  // node index + 1; 0: empty
  };
  void grow();

  const graph::Graph& g_;
  std::vector<Slot> slots_;
  std::size_t size_ = 0;
};

// A set of edges (from, to, kind).
class EdgeKeySet {
 public:
  // False if the edge was there already.
  bool insert(graph::NodeId from, graph::NodeId to, graph::EdgeKind kind);

 private:
  struct Slot {
    std::uint64_t ends = 0;  // from << 32 | to
    std::uint8_t kind = 0;
    bool used = false;
  };
  void grow();

  std::vector<Slot> slots_;
  std::size_t size_ = 0;
};

}  // namespace drlint::link::detail
