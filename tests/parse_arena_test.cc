// The parse arena (analyzer/load/parse_arena.h): tree-sitter's allocations
// during a parse come from the thread's arena and go back at once; outside a
// scope and past the budget the hooks are plain malloc/free.
#include "analyzer/load/parse_arena.h"

#include <cstdint>
#include <cstring>
#include <string>
#include <thread>
#include <vector>

#include <catch2/catch.hpp>

#include "analyzer/load/hcl_loader.h"

using drlint::load::kArenaBudget;
using drlint::load::kArenaRetained;
using drlint::load::parse_arena_stats;
using drlint::load::ParseArenaScope;

namespace {

bool same_loc(const drlint::SourceLoc& a, const drlint::SourceLoc& b) {
  return a.file == b.file && a.line == b.line && a.column == b.column && a.end_line == b.end_line &&
         a.end_column == b.end_column;
}

bool same_expr(const drlint::hcl::Expr& a, const drlint::hcl::Expr& b) {
  if (a.kind != b.kind || a.expand_final != b.expand_final || a.object_for != b.object_for || a.text != b.text ||
      a.text2 != b.text2 || !same_loc(a.loc, b.loc) || a.children.size() != b.children.size())
    return false;
  for (std::size_t i = 0; i < a.children.size(); ++i)
    if (!same_expr(a.children[i], b.children[i])) return false;
  return true;
}

bool same_body(const drlint::hcl::Body& a, const drlint::hcl::Body& b) {
  if (a.attributes.size() != b.attributes.size() || a.blocks.size() != b.blocks.size()) return false;
  for (std::size_t i = 0; i < a.attributes.size(); ++i) {
    const auto &x = a.attributes[i], &y = b.attributes[i];
    if (x.name != y.name || !same_loc(x.loc, y.loc) || !same_loc(x.name_loc, y.name_loc) || !same_expr(x.expr, y.expr))
      return false;
  }
  for (std::size_t i = 0; i < a.blocks.size(); ++i) {
    const auto &x = a.blocks[i], &y = b.blocks[i];
    if (x.type != y.type || x.labels != y.labels || !same_loc(x.loc, y.loc) || !same_body(x.body, y.body))
      return false;
  }
  return true;
}

// Terraform with what exercises the grammar's external scanner (templates,
// directives, nested heredocs), repeated to make a tree of some size.
std::string sample_terraform(int copies) {
  std::string out;
  for (int i = 0; i < copies; ++i) {
    std::string n = std::to_string(i);
    out += "resource \"azurerm_storage_account\" \"sa" + n + "\" {\n"
           "  name     = \"st${var.env}" + n + "\"\n"
           "  location = var.regions[\"primary\"]\n"
           "  tags     = { for k, v in local.tags : k => \"${v}-%{if v != \"\"}x%{else}y%{endif}\" }\n"
           "  policy   = <<-EOT\n"
           "    line ${local.a[" + n + "]}\n"
           "    %{for r in var.rules}${r}%{endfor}\n"
           "  EOT\n"
           "  blob_properties {\n"
           "    delete_retention_policy { days = " + n + " }\n"
           "  }\n"
           "}\n";
  }
  return out;
}

}  // namespace

TEST_CASE("outside a parse the tree-sitter hooks are malloc and free", "[hcl][arena]") {
  REQUIRE_FALSE(parse_arena_stats().active);
  auto* p = static_cast<char*>(drlint_ts_malloc(100));
  REQUIRE(p);
  std::memset(p, 'x', 100);
  p = static_cast<char*>(drlint_ts_realloc(p, 100000));
  REQUIRE(p);
  CHECK(p[99] == 'x');
  auto* z = static_cast<unsigned char*>(drlint_ts_calloc(10, 10));
  REQUIRE(z);
  CHECK(z[0] == 0);
  CHECK(z[99] == 0);
  CHECK(parse_arena_stats().used_bytes == 0);
  drlint_ts_free(p);
  drlint_ts_free(z);
  drlint_ts_free(nullptr);
}

TEST_CASE("in a scope, allocations come from the arena and go back when it closes", "[hcl][arena]") {
  {
    ParseArenaScope scope;
    auto* a = static_cast<char*>(drlint_ts_malloc(40));
    auto* b = static_cast<char*>(drlint_ts_malloc(24));
    REQUIRE(a);
    REQUIRE(b);
    CHECK(reinterpret_cast<std::uintptr_t>(a) % alignof(std::max_align_t) == 0);
    CHECK(reinterpret_cast<std::uintptr_t>(b) % alignof(std::max_align_t) == 0);
    CHECK(parse_arena_stats().active);
    CHECK(parse_arena_stats().used_bytes >= 64);

    // The newest block grows in place; an older one is copied.
    std::memcpy(b, "0123456789abcdefghijklm", 24);
    CHECK(drlint_ts_realloc(b, 4000) == b);
    std::memcpy(a, "older block, forty bytes of content here", 40);
    auto* a2 = static_cast<char*>(drlint_ts_realloc(a, 1000));
    CHECK(a2 != a);
    CHECK(std::memcmp(a2, "older block, forty bytes of content here", 40) == 0);
    CHECK(std::memcmp(b, "0123456789abcdefghijklm", 24) == 0);

    // Freeing the newest block hands its bytes out again.
    std::size_t before = parse_arena_stats().used_bytes;
    void* c = drlint_ts_malloc(512);
    drlint_ts_free(c);
    CHECK(parse_arena_stats().used_bytes == before);
    CHECK(drlint_ts_malloc(512) == c);

    // calloc zeroes memory that held something before.
    std::memset(c, 0xab, 512);
    drlint_ts_free(c);
    auto* z = static_cast<unsigned char*>(drlint_ts_calloc(16, 32));
    REQUIRE(z == c);
    bool zero = true;
    for (int i = 0; i < 512; ++i) zero = zero && z[i] == 0;
    CHECK(zero);
    drlint_ts_free(a2);  // an older block: stays until the scope closes
  }
  auto after = parse_arena_stats();
  CHECK_FALSE(after.active);
  CHECK(after.used_bytes == 0);
  CHECK(after.fallback_allocs == 0);
  CHECK(after.reserved_bytes <= kArenaRetained);
}

TEST_CASE("scopes nest: only the outermost one gives the arena back", "[hcl][arena]") {
  ParseArenaScope outer;
  auto* p = static_cast<char*>(drlint_ts_malloc(64));
  std::memcpy(p, "kept while the outer scope is open", 35);
  {
    ParseArenaScope inner;
    drlint_ts_malloc(128);
  }
  CHECK(parse_arena_stats().active);
  CHECK(parse_arena_stats().used_bytes >= 64 + 128);
  CHECK(std::memcmp(p, "kept while the outer scope is open", 35) == 0);
}

TEST_CASE("past its budget the arena falls back to malloc, and frees those blocks", "[hcl][arena]") {
  {
    ParseArenaScope scope;
    std::vector<char*> blocks;
    const std::size_t block = std::size_t{4} << 20;
    for (std::size_t total = 0; total <= kArenaBudget + block; total += block) {
      auto* p = static_cast<char*>(drlint_ts_malloc(block));
      REQUIRE(p);
      p[0] = p[block - 1] = 'x';  // writable end to end
      blocks.push_back(p);
    }
    CHECK(parse_arena_stats().fallback_allocs > 0);
    CHECK(parse_arena_stats().used_bytes <= kArenaBudget);
    // A malloc'ed block grows with realloc, and is freed (not a leak under
    // scripts/sanitize.sh).
    blocks.back() = static_cast<char*>(drlint_ts_realloc(blocks.back(), 2 * block));
    REQUIRE(blocks.back());
    CHECK(blocks.back()[block - 1] == 'x');
    for (char* p : blocks) drlint_ts_free(p);
  }
  auto after = parse_arena_stats();
  CHECK(after.fallback_allocs == 0);
  CHECK(after.used_bytes == 0);
  CHECK(after.reserved_bytes <= kArenaRetained);
}

TEST_CASE("a parse gives the same tree in the arena, past its budget, and on other threads", "[hcl][arena]") {
  const std::string text = sample_terraform(40);
  auto plain = drlint::load::parse_hcl(7, text);
  REQUIRE_FALSE(plain.error);
  REQUIRE(plain.file.body.blocks.size() == 40);
  CHECK(parse_arena_stats().used_bytes == 0);  // the parse's scope closed
  CHECK(parse_arena_stats().reserved_bytes <= kArenaRetained);

  SECTION("again, reusing the retained chunk") {
    auto again = drlint::load::parse_hcl(7, text);
    REQUIRE_FALSE(again.error);
    CHECK(same_body(plain.file.body, again.file.body));
  }
  SECTION("with the budget used up: the tree is half arena, half malloc") {
    ParseArenaScope outer;
    std::size_t fill = kArenaBudget - (std::size_t{64} << 10);  // leaves room for the parser, not the tree
    REQUIRE(drlint_ts_malloc(fill));
    auto spilled = drlint::load::parse_hcl(7, text);
    CHECK(parse_arena_stats().fallback_allocs > 0);
    REQUIRE_FALSE(spilled.error);
    CHECK(same_body(plain.file.body, spilled.file.body));
  }
  SECTION("on four threads at once") {
    std::vector<drlint::load::HclResult> results(4);
    std::vector<std::thread> threads;
    for (auto& r : results)
      threads.emplace_back([&r, &text] {
        for (int i = 0; i < 3; ++i) r = drlint::load::parse_hcl(7, text);
      });
    for (auto& t : threads) t.join();
    for (auto& r : results) {
      REQUIRE_FALSE(r.error);
      CHECK(same_body(plain.file.body, r.file.body));
    }
  }
  SECTION("a syntax error is still found and reported") {
    auto bad = drlint::load::parse_hcl(7, text + "resource \"x\" \"y\" {\n  a = \n");
    REQUIRE(bad.error);
    CHECK(parse_arena_stats().used_bytes == 0);
  }
}
