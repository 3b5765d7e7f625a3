// A value read from the scanned files: a YAML node, or the result of
// evaluating a Terraform expression. Every value knows where it came from and
// whether it is known: what cannot be determined statically (an unset
// variable, a data source, a remote module) is kUnknown with a reason, and is
// never treated as a bad value.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <new>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "analyzer/util/source_loc.h"
#include "analyzer/value/compact_string.h"
#include "analyzer/value/interned_string.h"
#include "analyzer/value/number_text.h"
#include "analyzer/value/packed_loc.h"

namespace drlint {

class Value {
 public:
  enum class Kind : std::uint8_t { kUnknown, kNull, kBool, kNumber, kString, kList, kMap };
  using Entry = std::pair<InternedString, Value>;  // key (interned: few distinct, millions of uses), value

  Value() noexcept : text_() {}
  Value(const Value& other);
  Value(Value&& other) noexcept;
  Value& operator=(const Value& other);
  Value& operator=(Value&& other) noexcept;
  ~Value();
  static Value unknown(std::string_view reason, SourceLoc loc = {});
  static Value null(SourceLoc loc = {});
  static Value boolean(bool b, SourceLoc loc = {});
  static Value number(double n, SourceLoc loc = {});
  // A number that keeps its source spelling (YAML "0755", HCL "1e3").
  static Value number(double n, std::string_view spelling, SourceLoc loc);
  static Value string(std::string_view s, SourceLoc loc = {});
  static Value list(std::vector<Value> items, SourceLoc loc = {});
  static Value map(std::vector<Entry> entries, SourceLoc loc = {});

  Kind kind() const { return static_cast<Kind>(bits_ & kKindMask); }
  bool known() const { return kind() != Kind::kUnknown; }
  bool is_null() const { return kind() == Kind::kNull; }
  bool is_bool() const { return kind() == Kind::kBool; }
  bool is_number() const { return kind() == Kind::kNumber; }
  bool is_string() const { return kind() == Kind::kString; }
  bool is_list() const { return kind() == Kind::kList; }
  bool is_map() const { return kind() == Kind::kMap; }
  bool is_scalar() const { return is_bool() || is_number() || is_string(); }
  // True if this value or anything inside it is unknown.
  bool contains_unknown() const;

  // Kept packed (analyzer/value/packed_loc.h): returned by value.
  SourceLoc loc() const { return loc_.unpack(); }
  void set_loc(const SourceLoc& loc) { loc_.pack(loc); }

  // Scalars: the text (string content, number/bool spelling). For unknown
  // values: the reason it is unknown. Empty for null, lists and maps.
  std::string_view text() const {
    if (has_children()) return {};
    return kind() == Kind::kNumber ? number_.spelling() : text_.view();
  }
  bool as_bool() const { return (bits_ & kTrueBit) != 0; }
  double as_number() const { return kind() == Kind::kNumber ? number_.value() : 0; }
  // YAML and Terraform both coerce "true"/"false" strings; so do we.
  // Returns nullptr-like false for non-boolean-ish values via `ok`.
  bool truthy(bool* ok) const;

  // Lists and maps share their elements between copies until one of them
  // is changed (copy on write): copying a subtree into a graph node's
  // attributes costs a reference count, not a deep copy.
  const std::vector<Value>& items() const;
  const std::vector<Entry>& entries() const;
  // The elements of a list / the entries of a map, unshared first. A value
  // of another kind has none: it gets an empty vector of no value's, and
  // what is added to it is dropped (the value, a number say, is unchanged).
  std::vector<Value>& mutable_items();
  std::vector<Entry>& mutable_entries();
  std::size_t size() const { return is_list() ? items().size() : entries().size(); }

  // Map lookup; nullptr when absent or when this is not a map.
  const Value* get(std::string_view key) const;
  Value* get_mutable(std::string_view key);
  // Path lookup through maps ("spec.template.metadata"); nullptr if absent.
  const Value* at_path(std::string_view dotted) const;
  // Convenience: the string at a path, or "" when absent/not a scalar.
  std::string_view string_at(std::string_view dotted) const;
  // Sets (or replaces) a map entry; the value must be a map.
  void set(std::string_view key, Value v);
  // Releases spare capacity of this list's or map's elements (not nested).
  void shrink_to_fit();

  // Structural equality of known values (locations ignored).
  bool equals(const Value& other) const;
  // Compact JSON-like rendering for messages and graph export.
  std::string to_display() const;

 private:
  struct Children;
  // The elements, unshared first if another Value holds them too.
  Children& own();

  // 32 bytes: the graph holds millions of these. What a value holds
  // besides its location is one of three things, told apart by the kind and
  // kChildrenBit: the elements of a list or map (once it has any), a number
  // with its spelling, or text (everything else, "" for null and for an
  // empty list or map). The kind and the flags share one byte.
  static constexpr std::uint8_t kKindMask = 0x07, kTrueBit = 0x08, kChildrenBit = 0x10;
  bool has_children() const { return (bits_ & kChildrenBit) != 0; }
  void set_kind(Kind kind) { bits_ = static_cast<std::uint8_t>((bits_ & ~kKindMask) | static_cast<std::uint8_t>(kind)); }
  void set_flag(std::uint8_t flag, bool on) { bits_ = static_cast<std::uint8_t>(on ? bits_ | flag : bits_ & ~flag); }
  // The payload of `other` (whose bits this value already has) copied or
  // moved in; `other` keeps a valid empty one. destroy_payload leaves none.
  void copy_payload(const Value& other);
  void move_payload(Value& other) noexcept;
  void destroy_payload() noexcept;

  union {
    CompactString text_;   // unknown (the reason), null, bool, string, list/map without elements
    Children* children_;   // list/map with elements; reference-counted, shared between copies
    NumberText number_;    // number
  };
  PackedLoc loc_;
  std::uint8_t bits_ = static_cast<std::uint8_t>(Kind::kNull);
};

// The elements of a list or the entries of a map, never both: 32 bytes (a
// 48-byte heap block, where both vectors made a 64-byte one).
struct Value::Children {
  explicit Children(bool map) : is_map(map) {
    if (is_map) new (&entries) std::vector<Entry>();
    else new (&items) std::vector<Value>();
  }
  Children(const Children& other) : is_map(other.is_map) {
    if (is_map) new (&entries) std::vector<Entry>(other.entries);
    else new (&items) std::vector<Value>(other.items);
  }
  Children& operator=(const Children&) = delete;
  ~Children() {
    if (is_map) entries.~vector();
    else items.~vector();
  }

  std::atomic<std::uint32_t> refs{1};
  const bool is_map;
  union {
    std::vector<Value> items;    // !is_map
    std::vector<Entry> entries;  // is_map
  };
};

inline const std::vector<Value>& Value::items() const {
  static const std::vector<Value> kNone;
  return has_children() && !children_->is_map ? children_->items : kNone;
}

inline const std::vector<Value::Entry>& Value::entries() const {
  static const std::vector<Entry> kNone;
  return has_children() && children_->is_map ? children_->entries : kNone;
}

const char* kind_name(Value::Kind kind);

}  // namespace drlint
