#include "analyzer/load/parse_arena.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <algorithm>
#include <cstring>

namespace drlint::load {
namespace {

constexpr std::size_t kAlign = alignof(std::max_align_t);
constexpr std::size_t kFirstChunk = std::size_t{256} << 10;
constexpr std::size_t kMaxChunk = std::size_t{16} << 20;

[[noreturn]] void out_of_memory(std::size_t size) {
  std::fprintf(stderr, "drlint: tree-sitter failed to allocate %zu bytes\n", size);
  std::abort();
}

void* checked_malloc(std::size_t size) {
  void* p = std::malloc(size);
  if (!p && size > 0) out_of_memory(size);
  return p;
}

void* checked_realloc(void* ptr, std::size_t size) {
  void* p = std::realloc(ptr, size);
  if (!p && size > 0) out_of_memory(size);
  return p;
}

std::size_t round_up(std::size_t n) { return (n + kAlign - 1) & ~(kAlign - 1); }

struct Chunk {
  char* begin;
  char* end;
};

constexpr std::size_t kMaxChunks = 32;  // chunks double up to kMaxChunk: the budget needs about 10

// One thread's arena: chunks of growing size, bump-allocated; a block is
// never freed on its own (except the newest one), the whole arena is reset
// when the outermost scope closes. Constant-initialized and trivially
// destructible, so that the thread_local below costs no initialization
// check per call; ArenaReaper frees a thread's chunks when it ends.
class Arena {
 public:
  bool active() const { return depth_ > 0; }
  void open() { ++depth_; }
  void close() {
    if (--depth_ == 0) reset();
  }

  void* alloc(std::size_t size) {
    std::size_t n = round_up(size ? size : 1);
    if (static_cast<std::size_t>(limit_ - cur_) >= n) {
      char* p = cur_;
      cur_ += n;
      used_ += n;
      last_ = p;
      return p;
    }
    return new_chunk(n);
  }

  // The chunk holding p, or nullptr: p came from malloc.
  const Chunk* chunk_of(const void* p) const {
    auto a = reinterpret_cast<std::uintptr_t>(p);
    for (std::size_t i = count_; i-- > 0;)
      if (a >= reinterpret_cast<std::uintptr_t>(chunks_[i].begin) &&
          a < reinterpret_cast<std::uintptr_t>(chunks_[i].end))
        return &chunks_[i];
    return nullptr;
  }

  void release(void* p) {
    if (p == last_) {  // the newest block: hand its bytes out again
      used_ -= static_cast<std::size_t>(cur_ - last_);
      cur_ = last_;
      last_ = nullptr;
    }
  }

  void* resize(void* p, const Chunk& chunk, std::size_t size) {
    std::size_t n = round_up(size ? size : 1);
    char* c = static_cast<char*>(p);
    if (c == last_ && static_cast<std::size_t>(limit_ - c) >= n) {  // grow or shrink in place
      used_ = used_ - static_cast<std::size_t>(cur_ - c) + n;
      cur_ = c + n;
      return p;
    }
    // The old block's size is not kept: copy what can have been in it, up
    // to the new size (bytes past the old block are copied but never read
    // as data). Nothing past cur_ was ever handed out, and the new block
    // starts at cur_ or in another chunk: the two ranges never overlap.
    const char* written_end = &chunk == &chunks_[count_ - 1] ? cur_ : chunk.end;
    std::size_t copy = std::min(size, static_cast<std::size_t>(written_end - c));
    void* q = alloc(size);
    std::memcpy(q, p, copy);
    return q;
  }

  void free_chunks() {
    for (std::size_t i = 0; i < count_; ++i) std::free(chunks_[i].begin);
    count_ = 0;
    cur_ = limit_ = last_ = nullptr;
  }

  ParseArenaStats stats() const {
    ParseArenaStats s;
    s.used_bytes = used_;
    for (std::size_t i = 0; i < count_; ++i) s.reserved_bytes += static_cast<std::size_t>(chunks_[i].end - chunks_[i].begin);
    s.fallback_allocs = fallback_allocs_;
    s.active = active();
    return s;
  }

 private:
  void* new_chunk(std::size_t n);  // below ArenaReaper, which it registers

  // Keeps at most one chunk of at most kArenaRetained bytes, sized for what
  // the last scope needed, so that a thread parsing many files of one size
  // reuses one chunk.
  void reset() {
    std::size_t total = 0;
    for (std::size_t i = 0; i < count_; ++i) total += static_cast<std::size_t>(chunks_[i].end - chunks_[i].begin);
    if (count_ == 1 && total <= kArenaRetained) {
      cur_ = chunks_[0].begin;
    } else {
      free_chunks();
      first_chunk_ = std::max(kFirstChunk, std::min(total, kArenaRetained));
    }
    used_ = 0;
    fallback_allocs_ = 0;
    last_ = nullptr;
  }

  Chunk chunks_[kMaxChunks] = {};
  std::size_t count_ = 0;
  char* cur_ = nullptr;
  char* limit_ = nullptr;
  char* last_ = nullptr;
  std::size_t used_ = 0;
  std::size_t fallback_allocs_ = 0;
  std::size_t first_chunk_ = kFirstChunk;
  unsigned depth_ = 0;
};

thread_local Arena t_arena;

// Frees the thread's chunks when the thread ends; its destructor is
// registered the first time the thread takes a chunk.
struct ArenaReaper {
  ~ArenaReaper() { t_arena.free_chunks(); }
};
thread_local ArenaReaper t_reaper;

void* Arena::new_chunk(std::size_t n) {
  if (used_ + n > kArenaBudget || count_ == kMaxChunks) {  // a pathological file: malloc from here on
    ++fallback_allocs_;
    return checked_malloc(n);
  }
  [[maybe_unused]] ArenaReaper& reaper = t_reaper;  // odr-use: registers its destructor
  std::size_t size = count_ == 0 ? first_chunk_
                                 : std::min(kMaxChunk, 2 * static_cast<std::size_t>(chunks_[count_ - 1].end -
                                                                                    chunks_[count_ - 1].begin));
  size = std::min(size, kArenaBudget - used_);  // the budget bounds the chunks too (used_ + n fits)
  if (size < n) size = n;
  char* begin = static_cast<char*>(checked_malloc(size));
  chunks_[count_++] = Chunk{begin, begin + size};
  cur_ = begin + n;
  limit_ = begin + size;
  used_ += n;
  last_ = begin;
  return begin;
}

}  // namespace

ParseArenaScope::ParseArenaScope() { t_arena.open(); }
ParseArenaScope::~ParseArenaScope() { t_arena.close(); }

ParseArenaStats parse_arena_stats() { return t_arena.stats(); }

}  // namespace drlint::load

using drlint::load::t_arena;

extern "C" void* drlint_ts_malloc(std::size_t size) {
  if (t_arena.active()) return t_arena.alloc(size);
  return drlint::load::checked_malloc(size);
}

extern "C" void* drlint_ts_calloc(std::size_t count, std::size_t size) {
  if (!t_arena.active()) {
    void* p = std::calloc(count, size);
    if (!p && count > 0 && size > 0) drlint::load::out_of_memory(count * size);
    return p;
  }
  if (size != 0 && count > SIZE_MAX / size) drlint::load::out_of_memory(SIZE_MAX);
  void* p = t_arena.alloc(count * size);
  std::memset(p, 0, count * size);
  return p;
}

extern "C" void* drlint_ts_realloc(void* ptr, std::size_t size) {
  if (!ptr) return drlint_ts_malloc(size);
  if (t_arena.active())
    if (const auto* chunk = t_arena.chunk_of(ptr)) return t_arena.resize(ptr, *chunk, size);
  return drlint::load::checked_realloc(ptr, size);
}

extern "C" void drlint_ts_free(void* ptr) {
  if (!ptr) return;
  if (t_arena.active() && t_arena.chunk_of(ptr)) {
    t_arena.release(ptr);
    return;
  }
  std::free(ptr);
}
