/* Force-included into the HCL grammar's external scanner (scanner.c), which
   allocates with plain calloc/realloc/free: on every deserialize (about
   once per external-scanner call) it makes a new string for each open
   template context and frees the old ones. Pointing those calls at the
   parse arena's hooks turns them into bump allocations that the arena gives
   back with the parse (parse_arena.h); the scanner is made and destroyed
   with its parser, inside the parse's arena scope. */
#ifndef DRLINT_LOAD_TS_SCANNER_ALLOC_H_
#define DRLINT_LOAD_TS_SCANNER_ALLOC_H_

#include <stdlib.h>

#include "ts_alloc_hooks.h"

#define malloc drlint_ts_malloc
#define calloc drlint_ts_calloc
#define realloc drlint_ts_realloc
#define free drlint_ts_free

#endif
