// Where tree-sitter's memory comes from while drlint parses one file.
//
// tree-sitter allocates every subtree, stack node and child array with its
// own malloc/free (about a tenth of a scan's time, plus the walk of
// ts_tree_delete that frees a tree node by node). A file's tree lives only
// while the loader converts it into an hcl::File, so drlint parses inside a
// ParseArenaScope: the runtime is compiled with ts_malloc & co. pointing at
// drlint_ts_malloc & co. (CMakeLists.txt), which bump-allocate from the
// calling thread's arena while a scope is open, and the scope gives the
// whole arena back at once when it closes. Everything tree-sitter allocated
// in a scope (the parser, the tree, cursors) must be gone by then.
//
// Outside a scope, and past kArenaBudget bytes in one scope (a pathological
// file), the hooks are plain malloc/free, so memory stays bounded by what
// tree-sitter itself would use.
#pragma once

#include <cstddef>

#include "analyzer/load/ts_alloc_hooks.h"

namespace drlint::load {

// Bytes one scope may take from the arena before it falls back to malloc.
inline constexpr std::size_t kArenaBudget = std::size_t{64} << 20;
// Bytes of arena a thread keeps between scopes (a worker's arena is freed
// when the thread ends; the main thread's stays for the process).
inline constexpr std::size_t kArenaRetained = std::size_t{1} << 20;

// Opens the calling thread's arena for tree-sitter's allocations; closing
// the outermost scope releases them all. Scopes nest (only the outermost
// one releases).
class ParseArenaScope {
 public:
  ParseArenaScope();
  ~ParseArenaScope();
  ParseArenaScope(const ParseArenaScope&) = delete;
  ParseArenaScope& operator=(const ParseArenaScope&) = delete;
};

// The calling thread's arena, for tests and --timings.
struct ParseArenaStats {
  std::size_t used_bytes = 0;       // handed out in the open scope
  std::size_t reserved_bytes = 0;   // chunks held now
  std::size_t fallback_allocs = 0;  // malloc calls past the budget, this scope
  bool active = false;
};
ParseArenaStats parse_arena_stats();

}  // namespace drlint::load
