// A streaming JSON writer for the large reports: appends to a string as the
// document is walked, no tree in between (building an nlohmann::json tree of
// every SARIF result cost more than the rest of a cached scan). Indented
// with two spaces, like nlohmann's dump(2); empty containers print as [] and
// {}. Strings are escaped per RFC 8259; invalid UTF-8 becomes U+FFFD, one
// per bad byte (nlohmann's error_handler_t::replace writes one per truncated
// sequence: the JSON report leaves non-ASCII strings to nlohmann for that).
#pragma once

#include <cstdint>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace drlint::report {

class JsonStream {
 public:
  // Without a sink the document accumulates in str(); with one, spill()
  // and finish() hand it over as it grows, so a large report is never held
  // whole in memory.
  explicit JsonStream(std::ostream* sink = nullptr) : sink_(sink) {}
  // Writes what is buffered to the sink once it holds at least `threshold` bytes.
  void spill(std::size_t threshold = 1u << 16);
  // Writes the rest (with a final newline) to the sink.
  void finish();

  JsonStream& begin_object();
  JsonStream& end_object();
  JsonStream& begin_array();
  JsonStream& end_array();
  // An object member's name; the next call writes its value.
  JsonStream& key(std::string_view name);
  JsonStream& value(std::string_view s);
  JsonStream& value(const char* s) { return value(std::string_view(s)); }
  JsonStream& value(const std::string& s) { return value(std::string_view(s)); }
  JsonStream& value(std::int64_t n);
  JsonStream& value(std::uint32_t n) { return value(static_cast<std::int64_t>(n)); }
  JsonStream& value(int n) { return value(static_cast<std::int64_t>(n)); }
  JsonStream& value(std::size_t n) { return value(static_cast<std::int64_t>(n)); }
  JsonStream& value(bool b);
  // A value already formatted as JSON text ("null", a number from
  // nlohmann's dump()), written as is.
  JsonStream& raw(std::string_view json_text);
  // key(name).value(v)
  template <typename T>
  JsonStream& member(std::string_view name, const T& v) {
    return key(name).value(v);
  }

  const std::string& str() const { return out_; }
  std::string& str() { return out_; }

 private:
  void element();  // separator and indentation before a value or a key
  void close(char c);

  std::ostream* sink_ = nullptr;
  std::string out_;
  std::vector<std::uint32_t> counts_;  // elements written per open container
  bool after_key_ = false;
};

// Appends `s` as a JSON string literal (quotes included).
void append_json_string(std::string& out, std::string_view s);

}  // namespace drlint::report
