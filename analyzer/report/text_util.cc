#include "analyzer/report/text_util.h"

namespace drlint::report {

namespace {
// Length of the UTF-8 sequence starting with byte c (1 for invalid bytes).
int utf8_len(unsigned char c) {
  if (c < 0x80) return 1;
  if ((c & 0xE0) == 0xC0) return 2;
  if ((c & 0xF0) == 0xE0) return 3;
  if ((c & 0xF8) == 0xF0) return 4;
  return 1;
}
}  // namespace

std::uint32_t utf16_column(std::string_view line, std::uint32_t byte_column) {
  std::size_t limit = byte_column > 0 ? byte_column - 1 : 0;
  std::uint32_t units = 0;
  std::size_t i = 0;
  while (i < line.size() && i < limit) {
    int len = utf8_len(static_cast<unsigned char>(line[i]));
    units += len == 4 ? 2 : 1;
    i += static_cast<std::size_t>(len);
  }
  // Past the end of the line: one past the last character at most.
  return units + 1;
}

std::uint32_t display_column(std::string_view line, std::uint32_t byte_column) {
  std::size_t limit = byte_column > 0 ? byte_column - 1 : 0;
  std::uint32_t cols = 0;
  std::size_t i = 0;
  while (i < line.size() && i < limit) {
    i += static_cast<std::size_t>(utf8_len(static_cast<unsigned char>(line[i])));
    ++cols;
  }
  return cols + 1;
}

std::string percent_encode_path(std::string_view path) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : path) {
    bool keep = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
                c == '.' || c == '_' || c == '~' || c == '/';
    if (keep) {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

std::string escape_markdown_link_text(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '[' || c == ']' || c == '\\') out += '\\';
    out += c;
  }
  return out;
}

std::string sanitize_for_terminal(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c < 0x20 && c != '\t' && c != '\n') {
      out += "\xEF\xBF\xBD";  // U+FFFD
      ++i;
      continue;
    }
    if (c == 0x7f) {
      out += "\xEF\xBF\xBD";
      ++i;
      continue;
    }
    int len = utf8_len(c);
    bool valid = len > 1 || c < 0x80;
    if (len > 1) {
      if (i + static_cast<std::size_t>(len) > text.size()) valid = false;
      for (int k = 1; valid && k < len; ++k)
        if ((static_cast<unsigned char>(text[i + static_cast<std::size_t>(k)]) & 0xC0) != 0x80) valid = false;
      // C1 control characters (U+0080..U+009F) can also drive terminals.
      if (valid && len == 2 && c == 0xC2 && static_cast<unsigned char>(text[i + 1]) < 0xA0) valid = false;
    }
    if (!valid) {
      out += "\xEF\xBF\xBD";
      ++i;
      continue;
    }
    out.append(text.substr(i, static_cast<std::size_t>(len)));
    i += static_cast<std::size_t>(len);
  }
  return out;
}

}  // namespace drlint::report
