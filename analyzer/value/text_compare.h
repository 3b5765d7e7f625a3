// Comparison operators for the string types of value/ (CompactString,
// InternedString): they compare as text with each other, with
// std::string(_view) and with literals. Derive as `class S : public
// ComparesAsText<S>`; S needs a `std::string_view view() const`.
#pragma once

#include <string_view>
#include <type_traits>

namespace drlint {

template <class S>
class ComparesAsText {
  // Templates, so that each comparison has one best overload.
  template <class T>
  using IfText =
      std::enable_if_t<std::is_convertible_v<const T&, std::string_view> && !std::is_same_v<T, S>, bool>;
#define DRLINT_COMPARES_AS_TEXT(op)                                                             \
  friend bool operator op(const S& a, const S& b) { return a.view() op b.view(); }              \
  template <class T>                                                                            \
  friend IfText<T> operator op(const S& a, const T& b) { return a.view() op std::string_view(b); } \
  template <class T>                                                                            \
  friend IfText<T> operator op(const T& a, const S& b) { return std::string_view(a) op b.view(); }
  DRLINT_COMPARES_AS_TEXT(==)
  DRLINT_COMPARES_AS_TEXT(!=)
  DRLINT_COMPARES_AS_TEXT(<)
  DRLINT_COMPARES_AS_TEXT(>)
  DRLINT_COMPARES_AS_TEXT(<=)
  DRLINT_COMPARES_AS_TEXT(>=)
#undef DRLINT_COMPARES_AS_TEXT
};

}  // namespace drlint
