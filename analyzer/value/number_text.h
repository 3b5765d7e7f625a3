// A number and its source spelling in 16 bytes, the room a Value has for a
// string: the value and a spelling of up to 7 bytes inline ("3", "900",
// "0755"), a longer spelling ("10737418240", "1.5e-10") with the value in
// one heap block. Lets a Value be 32 bytes while a number keeps both.
#pragma once

#include <cstdint>
#include <cstring>
#include <new>
#include <stdexcept>
#include <string_view>

namespace drlint {

class NumberText {
 public:
  NumberText(double value, std::string_view spelling) { assign(value, spelling); }
  NumberText(const NumberText& other) { assign(other.value(), other.spelling()); }
  NumberText(NumberText&& other) noexcept {
    std::memcpy(bytes_, other.bytes_, sizeof bytes_);
    other.assign(0, {});  // inline: cannot throw
  }
  NumberText& operator=(const NumberText&) = delete;  // a Value rebuilds its payload
  NumberText& operator=(NumberText&&) = delete;
  ~NumberText() { release(); }

  double value() const {
    if (on_heap()) return heap()->value;
    double v;
    std::memcpy(&v, bytes_, sizeof v);
    return v;
  }
  std::string_view spelling() const {
    if (on_heap()) return {heap()->text(), heap()->size};
    return {reinterpret_cast<const char*>(bytes_) + 8, bytes_[kTag]};
  }

 private:
  static constexpr std::size_t kInline = 7, kTag = 15;
  static constexpr unsigned char kHeapTag = 0x80;
  struct Heap {  // followed by the spelling's bytes
    double value;
    std::uint32_t size;
    const char* text() const { return reinterpret_cast<const char*>(this + 1); }
  };

  bool on_heap() const { return bytes_[kTag] == kHeapTag; }
  Heap* heap() const {
    Heap* h;
    std::memcpy(&h, bytes_, sizeof h);
    return h;
  }
  void assign(double value, std::string_view spelling) {  // on a fresh or released object
    if (spelling.size() <= kInline) {
      std::memcpy(bytes_, &value, sizeof value);
      if (!spelling.empty()) std::memcpy(bytes_ + 8, spelling.data(), spelling.size());
      bytes_[kTag] = static_cast<unsigned char>(spelling.size());
      return;
    }
    if (spelling.size() > UINT32_MAX) throw std::length_error("NumberText: over 4 GiB");
    void* block = ::operator new(sizeof(Heap) + spelling.size());
    Heap* h = new (block) Heap{value, static_cast<std::uint32_t>(spelling.size())};
    std::memcpy(reinterpret_cast<char*>(h + 1), spelling.data(), spelling.size());
    std::memcpy(bytes_, &h, sizeof h);
    bytes_[kTag] = kHeapTag;
  }
  void release() {
    if (on_heap()) ::operator delete(heap());
  }

  alignas(8) unsigned char bytes_[16];
};

static_assert(sizeof(NumberText) == 16);

}  // namespace drlint
