// A string in 16 bytes (std::string takes 32): up to 15 bytes are kept
// inline, longer text in one heap block. The graph and the YAML trees hold
// millions of short strings (map keys, scalar text), so their size matters
// more than anything else about them. Read it as a std::string_view.
#pragma once

#include <cstdint>
#include <cstring>
#include <stdexcept>
#include <string>
#include <string_view>

#include "analyzer/value/text_compare.h"

namespace drlint {

class CompactString : public ComparesAsText<CompactString> {
 public:
  CompactString() noexcept { set_inline_size(0); }
  CompactString(std::string_view s) { assign(s); }  // NOLINT: implicit, like std::string
  CompactString(const std::string& s) { assign(s); }  // NOLINT
  CompactString(const char* s) { assign(std::string_view(s)); }  // NOLINT
  CompactString(const CompactString& other) { assign(other.view()); }
  CompactString(CompactString&& other) noexcept {
    std::memcpy(bytes_, other.bytes_, sizeof bytes_);
    other.set_inline_size(0);
  }
  CompactString& operator=(const CompactString& other) {
    if (this != &other) {
      CompactString copy(other);
      *this = std::move(copy);
    }
    return *this;
  }
  CompactString& operator=(CompactString&& other) noexcept {
    if (this != &other) {
      release();
      std::memcpy(bytes_, other.bytes_, sizeof bytes_);
      other.set_inline_size(0);
    }
    return *this;
  }
  ~CompactString() { release(); }

  std::string_view view() const {
    if (on_heap()) return {heap_ptr(), heap_size()};
    return {bytes_, kInline - static_cast<unsigned char>(bytes_[kInline])};
  }
  operator std::string_view() const { return view(); }  // NOLINT
  std::string str() const { return std::string(view()); }
  // NUL-terminated.
  const char* c_str() const { return data(); }
  const char* data() const { return on_heap() ? heap_ptr() : bytes_; }
  std::size_t size() const { return view().size(); }
  bool empty() const { return size() == 0; }

 private:
  static constexpr std::size_t kInline = 15;  // bytes_[15] = 15 - size, or kHeapTag
  static constexpr unsigned char kHeapTag = 0x80;

  bool on_heap() const { return static_cast<unsigned char>(bytes_[kInline]) == kHeapTag; }
  char* heap_ptr() const {
    char* p;
    std::memcpy(&p, bytes_, sizeof p);
    return p;
  }
  std::uint32_t heap_size() const {
    std::uint32_t n;
    std::memcpy(&n, bytes_ + sizeof(char*), sizeof n);
    return n;
  }
  void set_inline_size(std::size_t n) {
    bytes_[n] = '\0';  // NUL-terminated: a full 15-byte string ends on the size byte, which is 0
    bytes_[kInline] = static_cast<char>(kInline - n);
  }
  void assign(std::string_view s) {  // on a fresh or released object
    if (s.size() <= kInline) {
      if (!s.empty()) std::memcpy(bytes_, s.data(), s.size());
      set_inline_size(s.size());
      return;
    }
    if (s.size() > UINT32_MAX) throw std::length_error("CompactString: over 4 GiB");
    char* p = new char[s.size() + 1];
    std::memcpy(p, s.data(), s.size());
    p[s.size()] = '\0';
    auto n = static_cast<std::uint32_t>(s.size());
    std::memcpy(bytes_, &p, sizeof p);
    std::memcpy(bytes_ + sizeof p, &n, sizeof n);
    bytes_[kInline] = static_cast<char>(kHeapTag);
  }
  void release() {
    if (on_heap()) delete[] heap_ptr();
  }

  // 8-aligned, so that the heap pointer is a whole word wherever the string
  // is a member: leak checkers (LSan) find pointers only in aligned words.
  alignas(8) char bytes_[16];
};

static_assert(sizeof(CompactString) == 16 && alignof(CompactString) == 8);

}  // namespace drlint
