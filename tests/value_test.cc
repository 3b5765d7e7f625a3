#include <catch2/catch.hpp>

#include <cstdint>
#include <sstream>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "analyzer/eval/value_ops.h"
#include "analyzer/value/compact_string.h"
#include "analyzer/value/interned_string.h"
#include "analyzer/value/packed_loc.h"
#include "analyzer/value/value.h"

using drlint::CompactString;
using drlint::Value;

TEST_CASE("CompactString keeps text of every length across the inline limit") {
  for (std::size_t n : {0u, 1u, 14u, 15u, 16u, 17u, 64u, 5000u}) {
    std::string text;
    for (std::size_t i = 0; i < n; ++i) text += static_cast<char>('a' + i % 26);
    CompactString s(text);
    CHECK(s.view() == text);
    CHECK(s.size() == n);
    CHECK(s.c_str()[n] == '\0');
    CompactString copy(s);
    CHECK(copy == text);
    CompactString moved(std::move(copy));
    CHECK(moved == text);
    CHECK(copy.empty());  // NOLINT: a moved-from CompactString is empty
    CompactString assigned("x");
    assigned = s;
    CHECK(assigned == s);
    assigned = CompactString("short");
    CHECK(assigned == "short");
    assigned = moved;  // heap over inline and inline over heap
    CHECK(assigned.str() == text);
  }
}

TEST_CASE("CompactString keeps embedded NUL bytes and compares as text") {
  std::string with_nul("a\0b", 3);
  CompactString s(with_nul);
  CHECK(s.size() == 3);
  CHECK(s.view() == with_nul);
  CHECK(CompactString("abc") < CompactString("abd"));
  CHECK(CompactString("abc") < "abcd");
  CHECK("b" > CompactString("abcdefghijklmnopqrstuvwxyz"));
  CHECK(CompactString("same") == std::string("same"));
  CHECK(CompactString("same") != std::string_view("other"));
  CHECK_FALSE(CompactString("") != "");
}

TEST_CASE("Value is 32 bytes and a map entry 40, and both keep long text") {
  STATIC_REQUIRE(sizeof(Value) == 32);
  STATIC_REQUIRE(sizeof(Value::Entry) == 40);
  std::string long_key(40, 'k'), long_text(300, 't');
  Value m = Value::map({});
  m.set(long_key, Value::string(long_text));
  m.set("short", Value::number(1.5));
  Value copy = m;
  copy.set(long_key, Value::string("changed"));
  REQUIRE(m.get(long_key));
  CHECK(m.get(long_key)->text() == long_text);
  CHECK(copy.get(long_key)->text() == "changed");
  CHECK(m.get("short")->as_number() == 1.5);
  CHECK(m.get("short")->text() == "1.5");
  CHECK(Value::unknown("var.region is not set").text() == "var.region is not set");
}

TEST_CASE("a value's location reads back as it was set, within 24 bits a field") {
  drlint::SourceLoc l{7, 120000, 33, 120004, 2};
  Value v = Value::string("x", l);
  drlint::SourceLoc back = v.loc();
  CHECK(back.file == 7);
  CHECK(back.line == 120000);
  CHECK(back.column == 33);
  CHECK(back.end_line == 120004);
  CHECK(back.end_column == 2);
  CHECK_FALSE(Value::null().loc().valid());
  CHECK(Value::null().loc().file == drlint::kNoFile);
  // Each field's top: what fits is exact, what does not saturates; a file
  // id that does not fit is no file (never another file).
  constexpr std::uint32_t kMax = drlint::PackedLoc::kMax;
  drlint::SourceLoc edge = drlint::PackedLoc(drlint::SourceLoc{kMax, kMax, kMax, kMax, kMax}).unpack();
  CHECK(edge.file == kMax);
  CHECK(edge.end_column == kMax);
  drlint::SourceLoc over = drlint::PackedLoc(drlint::SourceLoc{kMax + 1, 1, 40000000, 2, 0xffffffffu}).unpack();
  CHECK(over.file == drlint::kNoFile);
  CHECK(over.line == 1);
  CHECK(over.column == kMax);
  CHECK(over.end_line == 2);
  CHECK(over.end_column == kMax);
  v.set_loc(drlint::SourceLoc{1, 2, 3, 4, 5});
  CHECK(v.loc().end_column == 5);
  CHECK(v.text() == "x");  // the location shares no bytes with the text
}

TEST_CASE("a value's kind and flags survive copies, moves and assignment") {
  Value t = Value::boolean(true), f = Value::boolean(false);
  CHECK(t.as_bool());
  CHECK_FALSE(f.as_bool());
  CHECK(t.as_number() == 0);  // a bool is not a number
  Value list = Value::list({Value::number(2.5), t});
  Value moved = std::move(list);
  CHECK(moved.is_list());
  REQUIRE(moved.items().size() == 2);
  CHECK(moved.items()[0].as_number() == 2.5);
  CHECK(moved.items()[1].as_bool());
  CHECK(moved.as_number() == 0);  // elements are not read as a number
  Value assigned = Value::number(3);
  assigned = moved;
  CHECK(assigned.is_list());
  CHECK(assigned.items().size() == 2);
  assigned = Value::boolean(true);
  CHECK(assigned.is_bool());
  CHECK(assigned.as_bool());
  CHECK(assigned.items().empty());
}

TEST_CASE("InternedString keeps one copy of each distinct text, from many threads at once") {
  using drlint::InternedString;
  CHECK(InternedString().empty());
  CHECK(InternedString("") == "");
  CHECK(InternedString("").c_str()[0] == '\0');
  std::string long_key(5000, 'k');
  std::string with_nul("a\0b", 3);
  InternedString a("metadata"), b(std::string("meta") + "data");
  CHECK(a.data() == b.data());  // one copy
  CHECK(InternedString(long_key).view() == long_key);
  CHECK(InternedString(long_key).data() == InternedString(long_key).data());
  CHECK(InternedString(with_nul).size() == 3);
  CHECK(InternedString(with_nul) != InternedString("a"));
  CHECK(InternedString("abc") < "abd");
  CHECK("b" > InternedString("abcdefghijklmnopqrstuvwxyz"));
  // Four threads intern the same 3,000 keys, each in its own order; every
  // thread must get the same pointer for the same text.
  constexpr int kKeys = 3000;
  std::vector<std::vector<const char*>> seen(4, std::vector<const char*>(kKeys));
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([t, &seen] {
      for (int k = 0; k < kKeys; ++k) {
        int i = t % 2 == 0 ? k : kKeys - 1 - k;
        InternedString s("interned-test-key-" + std::to_string(i));
        seen[t][i] = s.data();
      }
    });
  for (std::thread& th : threads) th.join();
  for (int i = 0; i < kKeys; ++i) {
    INFO(i);
    CHECK(seen[0][i] == seen[1][i]);
    CHECK(seen[0][i] == seen[2][i]);
    CHECK(seen[0][i] == seen[3][i]);
    CHECK(std::string(seen[0][i]) == "interned-test-key-" + std::to_string(i));
  }
  std::size_t before = InternedString::distinct();
  InternedString again("interned-test-key-17");
  CHECK(InternedString::distinct() == before);
  InternedString fresh("interned-test-key-new");
  CHECK(InternedString::distinct() == before + 1);
}

TEST_CASE("a number keeps its value when its elements are asked for (it has none)") {
  // Regression: a number shares its storage with the elements of a list or
  // map, and asking a number for its mutable elements overwrote it with 0.
  Value n = Value::number(5, "5", drlint::SourceLoc{1, 2, 3, 2, 4});
  n.mutable_items().push_back(Value::string("dropped"));
  n.mutable_entries().emplace_back("dropped", Value::null());
  CHECK(n.is_number());
  CHECK(n.as_number() == 5);
  CHECK(n.items().empty());
  CHECK(n.entries().empty());
  Value t = Value::boolean(true);
  t.mutable_items();
  CHECK(t.as_bool());
  // Relocating a copied subtree (module outputs, Helm values) keeps every
  // number in it.
  Value tree = Value::map({{"replicas", Value::number(3)}, {"sizes", Value::list({Value::number(1.5), Value::number(64)})}});
  drlint::SourceLoc there{4, 10, 1, 10, 9};
  Value moved = drlint::eval::relocate(tree, there);
  REQUIRE(moved.get("replicas"));
  CHECK(moved.get("replicas")->as_number() == 3);
  CHECK(moved.get("replicas")->loc().line == 10);
  REQUIRE(moved.get("sizes"));
  CHECK(moved.get("sizes")->items()[0].as_number() == 1.5);
  CHECK(moved.get("sizes")->items()[1].as_number() == 64);
  CHECK(tree.get("replicas")->loc().line == 0);  // the original is not changed (copy on write)
}

TEST_CASE("a list holds items and a map entries, each shared until written") {
  Value list = Value::list({Value::string("a"), Value::string("b")});
  Value map = Value::map({{"k", Value::number(1)}});
  CHECK(list.entries().empty());
  CHECK(map.items().empty());
  Value list_copy = list, map_copy = map;
  list_copy.mutable_items().push_back(Value::string("c"));
  map_copy.set("k", Value::number(2));
  map_copy.set("new", Value::null());
  CHECK(list.items().size() == 2);
  CHECK(list_copy.items().size() == 3);
  CHECK(list_copy.items()[2].text() == "c");
  CHECK(map.entries().size() == 1);
  CHECK(map.get("k")->as_number() == 1);
  CHECK(map_copy.get("k")->as_number() == 2);
  CHECK(map_copy.entries().size() == 2);
  map_copy.shrink_to_fit();
  list_copy.shrink_to_fit();
  CHECK(map_copy.entries().capacity() == 2);
  CHECK(list_copy.items().capacity() == 3);
  // An empty list or map has no element block until written.
  Value empty = Value::map({});
  CHECK(empty.entries().empty());
  empty.set("x", Value::boolean(true));
  CHECK(empty.get("x")->as_bool());
}

TEST_CASE("a number keeps its value and spelling, short or long, through copies and moves") {
  // Up to 7 bytes of spelling are kept with the value inline; longer ones
  // in a heap block with it (analyzer/value/number_text.h).
  for (std::string_view spelling : {"", "3", "0755", "1234567", "12345678", "10737418240", "1.5e-10"}) {
    INFO(spelling);
    Value n = Value::number(42.25, spelling, drlint::SourceLoc{1, 2, 3, 2, 9});
    CHECK(n.is_number());
    CHECK(n.as_number() == 42.25);
    CHECK(n.text() == spelling);
    Value copy = n;
    Value moved = std::move(n);
    CHECK(copy.text() == spelling);
    CHECK(copy.as_number() == 42.25);
    CHECK(moved.text() == spelling);
    CHECK(moved.as_number() == 42.25);
    CHECK(moved.loc().line == 2);
    Value assigned = Value::string("was a string with more than fifteen bytes");
    assigned = copy;
    CHECK(assigned.as_number() == 42.25);
    CHECK(assigned.text() == spelling);
    assigned = Value::string("and a string again");
    CHECK(assigned.is_string());
    CHECK(assigned.text() == "and a string again");
    CHECK(assigned.as_number() == 0);
  }
  CHECK(Value::number(10737418240.0).text() == "10737418240");
  CHECK(Value::number(0.1).text() == "0.10000000000000001");
  CHECK(Value::number(0.1).as_number() == 0.1);
}

TEST_CASE("a value assigned from inside its own elements keeps that element") {
  Value list = Value::list({Value::number(1, "1.0000000001", {}), Value::string("second, longer than fifteen")});
  list = Value(list.items()[0]);
  CHECK(list.is_number());
  CHECK(list.text() == "1.0000000001");
  Value map = Value::map({{"inner", Value::list({Value::string("x")})}});
  map = std::move(*map.get_mutable("inner"));
  REQUIRE(map.is_list());
  CHECK(map.items()[0].text() == "x");
  Value shared = Value::list({Value::number(7)});
  Value other = shared;
  shared = std::move(shared.mutable_items()[0]);
  CHECK(shared.as_number() == 7);
  CHECK(other.items()[0].as_number() == 7);  // the copy's elements are untouched
}

TEST_CASE("CompactString concatenates with text into a std::string and prints as text") {
  CompactString name("payments"), ns("a-namespace-longer-than-15");
  std::string literal = "PVC " + ns + "/" + name;
  CHECK(literal == "PVC a-namespace-longer-than-15/payments");
  CHECK(std::string("x") + name == "xpayments");
  CHECK(name + std::string_view("!") == "payments!");
  CHECK(name + ns == "paymentsa-namespace-longer-than-15");
  CHECK('\'' + name + '\'' == "'payments'");
  std::string grown = "kind/";
  grown += name;
  CHECK(grown == "kind/payments");
  std::ostringstream out;
  out << name << ' ' << ns;
  CHECK(out.str() == "payments a-namespace-longer-than-15");
}
