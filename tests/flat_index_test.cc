// The linker's flat lookup tables (analyzer/link/flat_index.h): what the
// node-based maps and sets they replace did, across many growths.
#include <string>

#include <catch2/catch.hpp>

#include "analyzer/link/flat_index.h"

using drlint::graph::EdgeKind;
using drlint::graph::NodeId;
using drlint::link::detail::EdgeKeySet;
using drlint::link::detail::StringIdMap;

TEST_CASE("StringIdMap: the first insert of a key wins, across growth") {
  StringIdMap m;
  CHECK_FALSE(m.find("absent"));
  constexpr std::uint32_t kKeys = 100000;
  for (std::uint32_t i = 0; i < kKeys; ++i) {
    auto [id, inserted] = m.insert("PersistentVolumeClaim/ns" + std::to_string(i % 97) + "/c" + std::to_string(i), NodeId{i});
    CHECK(inserted);
    CHECK(drlint::graph::index(id) == i);
  }
  CHECK(m.size() == kKeys);
  for (std::uint32_t i = 0; i < kKeys; i += 7) {
    std::string key = "PersistentVolumeClaim/ns" + std::to_string(i % 97) + "/c" + std::to_string(i);
    auto again = m.insert(key, NodeId{kKeys + i});
    CHECK_FALSE(again.second);
    CHECK(drlint::graph::index(again.first) == i);
    auto found = m.find(key);
    REQUIRE(found);
    CHECK(drlint::graph::index(*found) == i);
  }
  CHECK(m.size() == kKeys);
  CHECK_FALSE(m.find("PersistentVolumeClaim/ns0/c"));
  CHECK_FALSE(m.contains("PersistentVolumeClaim/ns1/c0"));  // c0 is in ns0
}

TEST_CASE("StringIdMap: keys are bytes (empty, embedded NUL, prefixes)") {
  StringIdMap m;
  m.insert("", NodeId{1});
  m.insert(std::string("a\0b", 3), NodeId{2});
  m.insert("a", NodeId{3});
  m.insert("ab", NodeId{4});
  REQUIRE(m.find(""));
  CHECK(drlint::graph::index(*m.find("")) == 1);
  CHECK(drlint::graph::index(*m.find(std::string("a\0b", 3))) == 2);
  CHECK(drlint::graph::index(*m.find("a")) == 3);
  CHECK(drlint::graph::index(*m.find("ab")) == 4);
  CHECK_FALSE(m.find(std::string("a\0", 2)));
  CHECK(m.size() == 4);
}

TEST_CASE("EdgeKeySet: an edge is its two ends in order and its kind") {
  EdgeKeySet s;
  CHECK(s.insert(NodeId{0}, NodeId{1}, EdgeKind::kInNamespace));
  CHECK_FALSE(s.insert(NodeId{0}, NodeId{1}, EdgeKind::kInNamespace));
  CHECK(s.insert(NodeId{1}, NodeId{0}, EdgeKind::kInNamespace));  // the other direction
  CHECK(s.insert(NodeId{0}, NodeId{1}, EdgeKind::kMountsClaim));   // another kind
  CHECK(s.insert(NodeId{0}, NodeId{0xffffffffu}, EdgeKind::kRestores));
  CHECK_FALSE(s.insert(NodeId{0}, NodeId{0xffffffffu}, EdgeKind::kRestores));
  // Many, across growth: every second insert is a repeat.
  for (std::uint32_t i = 0; i < 50000; ++i) {
    CHECK(s.insert(NodeId{i}, NodeId{i + 7}, EdgeKind::kCovers));
    CHECK_FALSE(s.insert(NodeId{i / 2 * 2}, NodeId{i / 2 * 2 + 7}, EdgeKind::kCovers));
  }
  for (std::uint32_t i = 0; i < 50000; i += 13) CHECK_FALSE(s.insert(NodeId{i}, NodeId{i + 7}, EdgeKind::kCovers));
}

TEST_CASE("AddressSet: a node's address is in the set once the node is, read from the node") {
  drlint::graph::Graph g;
  drlint::link::detail::AddressSet set(g);
  CHECK_FALSE(set.contains("PersistentVolumeClaim/shop/data"));
  for (std::uint32_t i = 0; i < 20000; ++i) {
    drlint::graph::Node n;
    n.address = "PersistentVolumeClaim/ns" + std::to_string(i % 31) + "/claim-" + std::to_string(i);
    CHECK_FALSE(set.contains(n.address));
    set.insert(g.add_node(std::move(n)));  // the node vector grows: the set keeps ids, not views
  }
  for (std::uint32_t i = 0; i < 20000; i += 11)
    CHECK(set.contains("PersistentVolumeClaim/ns" + std::to_string(i % 31) + "/claim-" + std::to_string(i)));
  CHECK_FALSE(set.contains("PersistentVolumeClaim/ns1/claim-0"));
  CHECK_FALSE(set.contains(""));
}
