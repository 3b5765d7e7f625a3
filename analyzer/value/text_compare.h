// Comparison operators for the string types of value/ (CompactString,
// InternedString): they compare as text with each other, with
// std::string(_view) and with literals, concatenate with them into a
// std::string (`"'" + node.name + "'"`), and print to a stream. Derive as
// `class S : public ComparesAsText<S>`; S needs a `std::string_view view() const`.
#pragma once

#include <string>
#include <string_view>
#include <type_traits>

namespace drlint {

template <class S>
class ComparesAsText {
  // Templates, so that each comparison has one best overload: R for text
  // types other than S itself.
  template <class T, class R = bool>
  using IfText = std::enable_if_t<std::is_convertible_v<const T&, std::string_view> && !std::is_same_v<T, S>, R>;
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

  static std::string concat(std::string_view a, std::string_view b) {
    std::string out;
    out.reserve(a.size() + b.size());
    out.append(a).append(b);
    return out;
  }
  friend std::string operator+(const S& a, const S& b) { return concat(a.view(), b.view()); }
  template <class T>
  friend IfText<T, std::string> operator+(const S& a, const T& b) { return concat(a.view(), std::string_view(b)); }
  template <class T>
  friend IfText<T, std::string> operator+(const T& a, const S& b) { return concat(std::string_view(a), b.view()); }
  friend std::string operator+(std::string&& a, const S& b) { return std::move(a.append(b.view())); }
  friend std::string operator+(const S& a, char c) { return concat(a.view(), std::string_view(&c, 1)); }
  friend std::string operator+(char c, const S& b) { return concat(std::string_view(&c, 1), b.view()); }
  template <class Os>
  friend auto operator<<(Os& os, const S& s) -> decltype(os << std::string_view()) { return os << s.view(); }
};

}  // namespace drlint
