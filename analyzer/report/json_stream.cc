#include "analyzer/report/json_stream.h"

#include <cstdio>

namespace drlint::report {

void JsonStream::spill(std::size_t threshold) {
  if (!sink_ || out_.size() < threshold) return;
  sink_->write(out_.data(), static_cast<std::streamsize>(out_.size()));
  out_.clear();
}

void JsonStream::finish() {
  out_ += '\n';
  spill(0);
}

void JsonStream::element() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (counts_.empty()) return;
  if (counts_.back()++ > 0) out_ += ',';
  out_ += '\n';
  out_.append(2 * counts_.size(), ' ');
}

void JsonStream::close(char c) {
  bool any = !counts_.empty() && counts_.back() > 0;
  if (!counts_.empty()) counts_.pop_back();
  if (any) {
    out_ += '\n';
    out_.append(2 * counts_.size(), ' ');
  }
  out_ += c;
}

JsonStream& JsonStream::begin_object() {
  element();
  out_ += '{';
  counts_.push_back(0);
  return *this;
}

JsonStream& JsonStream::end_object() {
  close('}');
  return *this;
}

JsonStream& JsonStream::begin_array() {
  element();
  out_ += '[';
  counts_.push_back(0);
  return *this;
}

JsonStream& JsonStream::end_array() {
  close(']');
  return *this;
}

JsonStream& JsonStream::key(std::string_view name) {
  element();
  append_json_string(out_, name);
  out_ += ": ";
  after_key_ = true;
  return *this;
}

JsonStream& JsonStream::value(std::string_view s) {
  element();
  append_json_string(out_, s);
  return *this;
}

JsonStream& JsonStream::value(std::int64_t n) {
  element();
  out_ += std::to_string(n);
  return *this;
}

JsonStream& JsonStream::value(bool b) {
  element();
  out_ += b ? "true" : "false";
  return *this;
}

JsonStream& JsonStream::raw(std::string_view json_text) {
  element();
  out_.append(json_text.data(), json_text.size());
  return *this;
}

namespace {

// Length of the valid UTF-8 sequence at s[i], or 0 if it is not valid.
std::size_t utf8_length(std::string_view s, std::size_t i) {
  auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char c = b(i);
  std::size_t n = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc2 ? 2 : 0;
  if (c >= 0xf5 || n == 0 || i + n > s.size()) return 0;
  for (std::size_t k = 1; k < n; ++k)
    if ((b(i + k) & 0xc0) != 0x80) return 0;
  // Overlong 3- and 4-byte forms, surrogates, and code points above U+10FFFF.
  if (n == 3 && ((c == 0xe0 && b(i + 1) < 0xa0) || (c == 0xed && b(i + 1) >= 0xa0))) return 0;
  if (n == 4 && ((c == 0xf0 && b(i + 1) < 0x90) || (c == 0xf4 && b(i + 1) >= 0x90))) return 0;
  return n;
}

}  // namespace

void append_json_string(std::string& out, std::string_view s) {
  out += '"';
  std::size_t i = 0;
  while (i < s.size()) {
    // Copy the longest run that needs no escaping at once.
    std::size_t run = i;
    while (run < s.size()) {
      unsigned char c = static_cast<unsigned char>(s[run]);
      if (c < 0x20 || c == '"' || c == '\\' || c >= 0x80) break;
      ++run;
    }
    out.append(s.data() + i, run - i);
    i = run;
    if (i >= s.size()) break;
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c >= 0x80) {
      std::size_t n = utf8_length(s, i);
      if (n == 0) {
        out += "\xef\xbf\xbd";  // U+FFFD
        ++i;
      } else {
        out.append(s.data() + i, n);
        i += n;
      }
      continue;
    }
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default: {
        char buf[8];
        std::snprintf(buf, sizeof buf, "\\u%04x", c);
        out += buf;
      }
    }
    ++i;
  }
  out += '"';
}

}  // namespace drlint::report
