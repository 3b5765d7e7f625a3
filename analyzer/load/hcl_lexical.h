// Lexical pieces of HCL native syntax shared by the pre-scan's lexer
// (hcl_prescan.cc), the recognizer of skipped blocks (hcl_recognize.cc) and
// the loader (hcl_loader.cc).
#pragma once

#include <cstddef>
#include <string_view>

namespace drlint::load::hcl_lexical {

inline bool digit(char c) { return c >= '0' && c <= '9'; }
inline bool ident_start(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
inline bool ident_char(char c) { return ident_start(c) || digit(c) || c == '-'; }

// A heredoc opener at `at` ("<<EOT" or "<<-EOT", then a line end): sets
// the marker and the offset of the first body line.
inline bool heredoc_open(std::string_view s, std::size_t at, std::string_view* marker, std::size_t* body) {
  if (s.compare(at, 2, "<<") != 0) return false;
  std::size_t k = at + 2;
  if (k < s.size() && s[k] == '-') ++k;
  std::size_t start = k;
  if (k >= s.size() || !ident_start(s[k])) return false;
  while (k < s.size() && ident_char(s[k])) ++k;
  *marker = s.substr(start, k - start);
  if (k < s.size() && s[k] == '\r') ++k;
  if (k >= s.size() || s[k] != '\n') return false;
  *body = k + 1;
  return true;
}

// At the start of a heredoc line: the offset just after the closing marker
// (indentation allowed) when the line closes it, else npos.
inline std::size_t heredoc_close(std::string_view s, std::size_t line_start, std::string_view marker) {
  std::size_t k = line_start;
  while (k < s.size() && (s[k] == ' ' || s[k] == '\t')) ++k;
  if (s.compare(k, marker.size(), marker) != 0) return std::string_view::npos;
  std::size_t after = k + marker.size();
  if (after < s.size() && ident_char(s[after])) return std::string_view::npos;
  return after;
}

}  // namespace drlint::load::hcl_lexical
