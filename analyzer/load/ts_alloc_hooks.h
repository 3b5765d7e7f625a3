/* The allocation functions the tree-sitter runtime is compiled to call
   (ts_malloc & co., CMakeLists.txt): drlint's parse arena, parse_arena.h.
   C and C++; force-included into the runtime's sources. */
#ifndef DRLINT_LOAD_TS_ALLOC_HOOKS_H_
#define DRLINT_LOAD_TS_ALLOC_HOOKS_H_

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

void* drlint_ts_malloc(size_t size);
void* drlint_ts_calloc(size_t count, size_t size);
void* drlint_ts_realloc(void* ptr, size_t size);
void drlint_ts_free(void* ptr);

#ifdef __cplusplus
}
#endif

#endif
