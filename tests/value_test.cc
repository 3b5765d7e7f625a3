#include <catch2/catch.hpp>

#include <string>
#include <utility>
#include <vector>

#include "analyzer/value/compact_string.h"
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

TEST_CASE("Value is 48 bytes and a map entry 64, and both keep long text") {
  STATIC_REQUIRE(sizeof(Value) == 48);
  STATIC_REQUIRE(sizeof(Value::Entry) == 64);
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
