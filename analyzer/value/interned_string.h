// A map key: one pointer to text kept once per distinct key for the whole
// process (interned). The graph and the YAML trees hold millions of map
// entries over a few thousand distinct keys ("apiVersion", "metadata",
// "storage_class_name", ...): a key costs 8 bytes in its entry, where a
// CompactString cost 16, and a long key is stored once, not once per map.
// The interned text is never freed; it grows with the distinct keys of the
// input, not with its size. Thread-safe. Read it as a std::string_view.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "analyzer/value/text_compare.h"

namespace drlint {

class InternedString : public ComparesAsText<InternedString> {
 public:
  InternedString() noexcept : rep_(&kEmpty) {}
  InternedString(std::string_view s) : rep_(intern(s)) {}    // NOLINT: implicit, like std::string
  InternedString(const std::string& s) : rep_(intern(s)) {}  // NOLINT
  InternedString(const char* s) : rep_(intern(s)) {}         // NOLINT

  std::string_view view() const { return {rep_->text, rep_->size}; }
  operator std::string_view() const { return view(); }  // NOLINT
  std::string str() const { return std::string(view()); }
  const char* c_str() const { return rep_->text; }  // NUL-terminated
  const char* data() const { return rep_->text; }
  std::size_t size() const { return rep_->size; }
  bool empty() const { return rep_->size == 0; }

  // The number of distinct texts interned so far (for tests).
  static std::size_t distinct();

  struct Rep {
    std::uint32_t size;
    char text[1];  // size bytes, then a NUL (allocated to fit)
  };

 private:
  static const Rep* intern(std::string_view s);
  static const Rep kEmpty;

  const Rep* rep_;
};

static_assert(sizeof(InternedString) == 8);

}  // namespace drlint
