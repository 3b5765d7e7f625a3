// Small text helpers shared by the reporters.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace drlint::report {

// 1-based byte column -> 1-based UTF-16 code unit column on that line.
std::uint32_t utf16_column(std::string_view line, std::uint32_t byte_column);
// 1-based byte column -> 1-based display column (code points; tabs count 1).
std::uint32_t display_column(std::string_view line, std::uint32_t byte_column);
// RFC 3986 path encoding: keeps unreserved characters and '/'.
std::string percent_encode_path(std::string_view path);
std::string escape_markdown_link_text(std::string_view text);
// Replaces control characters (ESC, BEL, ...) so scanned content cannot drive
// the terminal; keeps tabs. Invalid UTF-8 bytes become U+FFFD.
std::string sanitize_for_terminal(std::string_view text);

}  // namespace drlint::report
