#include "analyzer/value/value.h"

#include <cmath>
#include <cstdio>

namespace drlint {

Value Value::unknown(std::string_view reason, SourceLoc loc) {
  Value v;
  v.set_kind(Kind::kUnknown);
  v.text_ = reason;
  v.set_loc(loc);
  return v;
}

Value Value::null(SourceLoc loc) {
  Value v;
  v.set_loc(loc);
  return v;
}

Value Value::boolean(bool b, SourceLoc loc) {
  Value v;
  v.set_kind(Kind::kBool);
  v.set_flag(kTrueBit, b);
  v.text_ = b ? "true" : "false";
  v.set_loc(loc);
  return v;
}

static std::string number_spelling(double n) {
  if (std::isfinite(n) && std::floor(n) == n && std::fabs(n) < 1e15) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%lld", static_cast<long long>(n));
    return buf;
  }
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.17g", n);
  return buf;
}

Value Value::number(double n, SourceLoc loc) { return number(n, number_spelling(n), loc); }

Value Value::number(double n, std::string_view spelling, SourceLoc loc) {
  Value v;
  v.text_.~CompactString();
  new (&v.number_) NumberText(n, spelling);
  v.set_kind(Kind::kNumber);
  v.set_loc(loc);
  return v;
}

Value Value::string(std::string_view s, SourceLoc loc) {
  Value v;
  v.set_kind(Kind::kString);
  v.text_ = s;
  v.set_loc(loc);
  return v;
}

void Value::copy_payload(const Value& other) {
  if (has_children()) {
    children_ = other.children_;
    children_->refs.fetch_add(1, std::memory_order_relaxed);
  } else if (kind() == Kind::kNumber) {
    new (&number_) NumberText(other.number_);
  } else {
    new (&text_) CompactString(other.text_);
  }
}

void Value::move_payload(Value& other) noexcept {
  if (has_children()) {
    children_ = other.children_;
    other.set_flag(kChildrenBit, false);
    new (&other.text_) CompactString();
  } else if (kind() == Kind::kNumber) {
    new (&number_) NumberText(std::move(other.number_));
  } else {
    new (&text_) CompactString(std::move(other.text_));
  }
}

void Value::destroy_payload() noexcept {
  if (has_children()) {
    Children* c = children_;
    set_flag(kChildrenBit, false);
    if (c->refs.fetch_sub(1, std::memory_order_acq_rel) == 1) delete c;
  } else if (kind() == Kind::kNumber) {
    number_.~NumberText();
  } else {
    text_.~CompactString();
  }
}

Value::Value(const Value& other) : loc_(other.loc_), bits_(other.bits_) { copy_payload(other); }

Value::Value(Value&& other) noexcept : loc_(other.loc_), bits_(other.bits_) { move_payload(other); }

Value& Value::operator=(const Value& other) {
  if (this != &other) {
    Value copy(other);
    *this = std::move(copy);
  }
  return *this;
}

Value& Value::operator=(Value&& other) noexcept {
  if (this == &other) return *this;
  // `other` may live inside our own elements: keep them until it is taken.
  Value old(std::move(*this));
  destroy_payload();
  loc_ = other.loc_;
  bits_ = other.bits_;
  move_payload(other);
  return *this;
}

Value::~Value() { destroy_payload(); }

Value::Children& Value::own() {
  static_assert(sizeof(Children) == 32, "a list's or map's element block grew");
  if (has_children() && children_->refs.load(std::memory_order_acquire) == 1) return *children_;
  // Only lists and maps get here: a first element block, or a copy of one
  // shared with another value.
  auto* fresh = has_children() ? new Children(*children_) : new Children(is_map());
  destroy_payload();  // the empty text, or our reference to the shared elements
  children_ = fresh;
  set_flag(kChildrenBit, true);
  return *children_;
}

std::vector<Value>& Value::mutable_items() {
  if (is_list()) return own().items;
  thread_local std::vector<Value> none;
  none.clear();
  return none;
}

std::vector<Value::Entry>& Value::mutable_entries() {
  if (is_map()) return own().entries;
  thread_local std::vector<Entry> none;
  none.clear();
  return none;
}

Value Value::list(std::vector<Value> items, SourceLoc loc) {
  Value v;
  v.set_kind(Kind::kList);
  if (!items.empty()) v.own().items = std::move(items);
  v.set_loc(loc);
  return v;
}

Value Value::map(std::vector<Entry> entries, SourceLoc loc) {
  Value v;
  v.set_kind(Kind::kMap);
  if (!entries.empty()) v.own().entries = std::move(entries);
  v.set_loc(loc);
  return v;
}

bool Value::contains_unknown() const {
  // Explicit stack: values can be deep (hostile YAML).
  std::vector<const Value*> stack{this};
  while (!stack.empty()) {
    const Value* v = stack.back();
    stack.pop_back();
    if (v->kind() == Kind::kUnknown) return true;
    for (const Value& item : v->items()) stack.push_back(&item);
    for (const Entry& e : v->entries()) stack.push_back(&e.second);
  }
  return false;
}

bool Value::truthy(bool* ok) const {
  *ok = true;
  if (kind() == Kind::kBool) return as_bool();
  if (kind() == Kind::kString) {
    std::string_view t = text_.view();
    if (t == "true" || t == "True" || t == "TRUE") return true;
    if (t == "false" || t == "False" || t == "FALSE") return false;
  }
  *ok = false;
  return false;
}

const Value* Value::get(std::string_view key) const {
  if (kind() != Kind::kMap) return nullptr;
  for (const Entry& e : entries())
    if (e.first == key) return &e.second;
  return nullptr;
}

Value* Value::get_mutable(std::string_view key) {
  if (kind() != Kind::kMap || !get(key)) return nullptr;
  for (Entry& e : own().entries)
    if (e.first == key) return &e.second;
  return nullptr;
}

const Value* Value::at_path(std::string_view dotted) const {
  const Value* cur = this;
  while (cur && !dotted.empty()) {
    std::size_t dot = dotted.find('.');
    std::string_view head = dotted.substr(0, dot);
    cur = cur->get(head);
    dotted = dot == std::string_view::npos ? std::string_view{} : dotted.substr(dot + 1);
  }
  return cur;
}

std::string_view Value::string_at(std::string_view dotted) const {
  const Value* v = at_path(dotted);
  if (!v || !v->is_scalar()) return {};
  return v->text();
}

void Value::set(std::string_view key, Value v) {
  if (kind() != Kind::kMap) return;
  std::vector<Entry>& entries = own().entries;
  for (Entry& e : entries) {
    if (e.first == key) {
      e.second = std::move(v);
      return;
    }
  }
  // Maps built by set() are small and many (graph node attributes): grow by
  // a few entries, not by doubling, so that they carry little spare room.
  if (entries.size() == entries.capacity()) entries.reserve(entries.size() + 4);
  entries.emplace_back(key, std::move(v));
}

void Value::shrink_to_fit() {
  if (!has_children() || children_->refs.load(std::memory_order_acquire) > 1) return;
  if (children_->is_map) children_->entries.shrink_to_fit();
  else children_->items.shrink_to_fit();
}

bool Value::equals(const Value& other) const {
  if (kind() != other.kind()) return false;
  switch (kind()) {
    case Kind::kUnknown: return false;
    case Kind::kNull: return true;
    case Kind::kBool: return as_bool() == other.as_bool();
    case Kind::kNumber: return as_number() == other.as_number();
    case Kind::kString: return text_ == other.text_;  // both strings: text is their payload
    case Kind::kList:
      if (items().size() != other.items().size()) return false;
      for (std::size_t i = 0; i < items().size(); ++i)
        if (!items()[i].equals(other.items()[i])) return false;
      return true;
    case Kind::kMap:
      if (entries().size() != other.entries().size()) return false;
      for (const Entry& e : entries()) {
        const Value* o = other.get(e.first);
        if (!o || !e.second.equals(*o)) return false;
      }
      return true;
  }
  return false;
}

namespace {
void append_display(const Value& v, std::string& out, int depth) {
  if (depth > 8 || out.size() > 2000) {
    out += "...";
    return;
  }
  switch (v.kind()) {
    case Value::Kind::kUnknown: out += "(unknown)"; return;
    case Value::Kind::kNull: out += "null"; return;
    case Value::Kind::kBool:
    case Value::Kind::kNumber: out += v.text(); return;
    case Value::Kind::kString: out += '"'; out += v.text(); out += '"'; return;
    case Value::Kind::kList: {
      out += '[';
      bool first = true;
      for (const Value& item : v.items()) {
        if (!first) out += ", ";
        first = false;
        append_display(item, out, depth + 1);
      }
      out += ']';
      return;
    }
    case Value::Kind::kMap: {
      out += '{';
      bool first = true;
      for (const Value::Entry& e : v.entries()) {
        if (!first) out += ", ";
        first = false;
        out += e.first;
        out += ": ";
        append_display(e.second, out, depth + 1);
      }
      out += '}';
      return;
    }
  }
}
}  // namespace

std::string Value::to_display() const {
  std::string out;
  append_display(*this, out, 0);
  return out;
}

const char* kind_name(Value::Kind kind) {
  switch (kind) {
    case Value::Kind::kUnknown: return "unknown";
    case Value::Kind::kNull: return "null";
    case Value::Kind::kBool: return "bool";
    case Value::Kind::kNumber: return "number";
    case Value::Kind::kString: return "string";
    case Value::Kind::kList: return "list";
    case Value::Kind::kMap: return "map";
  }
  return "?";
}

}  // namespace drlint
static_assert(sizeof(drlint::Value) <= 32, "Value grew: the graph holds millions of them");
