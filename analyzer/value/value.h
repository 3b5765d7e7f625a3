// A value read from the scanned files: a YAML node, or the result of
// evaluating a Terraform expression. Every value knows where it came from and
// whether it is known: what cannot be determined statically (an unset
// variable, a data source, a remote module) is kUnknown with a reason, and is
// never treated as a bad value.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "analyzer/util/source_loc.h"

namespace drlint {

class Value {
 public:
  enum class Kind : std::uint8_t { kUnknown, kNull, kBool, kNumber, kString, kList, kMap };
  using Entry = std::pair<std::string, Value>;

  Value() = default;
  static Value unknown(std::string reason, SourceLoc loc = {});
  static Value null(SourceLoc loc = {});
  static Value boolean(bool b, SourceLoc loc = {});
  static Value number(double n, SourceLoc loc = {});
  // A number that keeps its source spelling (YAML "0755", HCL "1e3").
  static Value number(double n, std::string spelling, SourceLoc loc);
  static Value string(std::string s, SourceLoc loc = {});
  static Value list(std::vector<Value> items, SourceLoc loc = {});
  static Value map(std::vector<Entry> entries, SourceLoc loc = {});

  Kind kind() const { return kind_; }
  bool known() const { return kind_ != Kind::kUnknown; }
  bool is_null() const { return kind_ == Kind::kNull; }
  bool is_bool() const { return kind_ == Kind::kBool; }
  bool is_number() const { return kind_ == Kind::kNumber; }
  bool is_string() const { return kind_ == Kind::kString; }
  bool is_list() const { return kind_ == Kind::kList; }
  bool is_map() const { return kind_ == Kind::kMap; }
  bool is_scalar() const { return is_bool() || is_number() || is_string(); }
  // True if this value or anything inside it is unknown.
  bool contains_unknown() const;

  const SourceLoc& loc() const { return loc_; }
  void set_loc(const SourceLoc& loc) { loc_ = loc; }

  // Scalars: the text (string content, number/bool spelling). For unknown
  // values: the reason it is unknown. Empty for null, lists and maps.
  const std::string& text() const { return text_; }
  bool as_bool() const { return boolean_; }
  double as_number() const { return number_; }
  // YAML and Terraform both coerce "true"/"false" strings; so do we.
  // Returns nullptr-like false for non-boolean-ish values via `ok`.
  bool truthy(bool* ok) const;

  const std::vector<Value>& items() const { return items_; }
  std::vector<Value>& mutable_items() { return items_; }
  const std::vector<Entry>& entries() const { return entries_; }
  std::vector<Entry>& mutable_entries() { return entries_; }
  std::size_t size() const { return is_list() ? items_.size() : entries_.size(); }

  // Map lookup; nullptr when absent or when this is not a map.
  const Value* get(std::string_view key) const;
  Value* get_mutable(std::string_view key);
  // Path lookup through maps ("spec.template.metadata"); nullptr if absent.
  const Value* at_path(std::string_view dotted) const;
  // Convenience: the string at a path, or "" when absent/not a scalar.
  std::string_view string_at(std::string_view dotted) const;
  // Sets (or replaces) a map entry; the value must be a map.
  void set(std::string key, Value v);

  // Structural equality of known values (locations ignored).
  bool equals(const Value& other) const;
  // Compact JSON-like rendering for messages and graph export.
  std::string to_display() const;

 private:
  Kind kind_ = Kind::kNull;
  bool boolean_ = false;
  double number_ = 0;
  std::string text_;
  std::vector<Value> items_;
  std::vector<Entry> entries_;
  SourceLoc loc_;
};

const char* kind_name(Value::Kind kind);

}  // namespace drlint
