#include "analyzer/schedule/duration.h"

#include <cstddef>
#include <cstdint>

namespace drlint::schedule {
namespace {

constexpr char kPolicyExpected[] = "expected a duration like 15m, 1h30m or 2d";
constexpr char kGoExpected[] =
    "expected a Go duration like 720h0m0s, 168h, 1h30m or 0.5h";
constexpr char kIsoExpected[] =
    "expected an ISO 8601 duration like PT4H, P1D, P1W, P30D or P1Y";

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_blank(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
         c == '\v';
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_blank(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_blank(s.back())) s.remove_suffix(1);
  return s;
}

template <typename T>
std::optional<T> fail(std::string* error, std::string message) {
  if (error) *error = std::move(message);
  return std::nullopt;
}

// Reads decimal digits at s[i...] into `out`, refusing values > `limit`.
// Returns false on no digits or on exceeding the limit.
bool read_number(std::string_view s, std::size_t& i, std::uint64_t limit,
                 std::uint64_t& out) {
  std::size_t start = i;
  std::uint64_t v = 0;
  while (i < s.size() && is_digit(s[i])) {
    std::uint64_t d = static_cast<std::uint64_t>(s[i] - '0');
    if (v > (limit - d) / 10) return false;
    v = v * 10 + d;
    ++i;
  }
  out = v;
  return i > start;
}

// Adds count * unit to total, all bounded by kMaxSeconds.
bool add_scaled(Seconds& total, std::uint64_t count, Seconds unit) {
  const auto max = static_cast<std::uint64_t>(kMaxSeconds);
  if (count > max / static_cast<std::uint64_t>(unit)) return false;
  std::uint64_t sum =
      static_cast<std::uint64_t>(total) + count * static_cast<std::uint64_t>(unit);
  if (sum > max) return false;
  total = static_cast<Seconds>(sum);
  return true;
}

}  // namespace

std::optional<Seconds> parse_duration(std::string_view text,
                                      std::string* error) {
  std::string_view s = trim(text);
  if (s.empty()) return fail<Seconds>(error, kPolicyExpected);
  static constexpr char kUnits[] = "dhms";
  static constexpr Seconds kUnitSeconds[] = {kDay, kHour, kMinute, 1};
  Seconds total = 0;
  int next_unit = 0;  // index into kUnits of the smallest unit still allowed
  std::size_t i = 0;
  while (i < s.size()) {
    std::uint64_t n = 0;
    if (!read_number(s, i, static_cast<std::uint64_t>(kMaxSeconds), n)) {
      if (i < s.size() && is_digit(s[i]))
        return fail<Seconds>(error, "duration too large; " +
                                        std::string(kPolicyExpected));
      return fail<Seconds>(error, kPolicyExpected);
    }
    if (i == s.size())
      return fail<Seconds>(error, std::string(kPolicyExpected) +
                                      " (a unit s, m, h or d is missing)");
    int unit = -1;
    for (int u = next_unit; u < 4; ++u)
      if (s[i] == kUnits[u]) unit = u;
    if (unit < 0) {
      for (int u = 0; u < next_unit; ++u)
        if (s[i] == kUnits[u])
          return fail<Seconds>(error, std::string(kPolicyExpected) +
                                          " (units from largest to smallest, "
                                          "each once)");
      return fail<Seconds>(error, std::string(kPolicyExpected) +
                                      " (units are s, m, h and d)");
    }
    ++i;
    if (!add_scaled(total, n, kUnitSeconds[unit]))
      return fail<Seconds>(error,
                           "duration too large; " + std::string(kPolicyExpected));
    next_unit = unit + 1;
  }
  return total;
}

std::optional<Seconds> parse_go_duration(std::string_view text,
                                         std::string* error) {
  std::string_view s = trim(text);
  bool negative = false;
  if (!s.empty() && (s[0] == '-' || s[0] == '+')) {
    negative = s[0] == '-';
    s.remove_prefix(1);
  }
  if (s == "0") return 0;
  if (s.empty()) return fail<Seconds>(error, kGoExpected);

  constexpr std::uint64_t kLimit = std::uint64_t{1} << 63;  // Go's bound
  struct Unit {
    std::string_view name;
    std::uint64_t nanos;
  };
  static constexpr Unit kUnits[] = {
      {"ns", 1},
      {"us", 1000},
      {"\xC2\xB5s", 1000},  // U+00B5 micro sign
      {"\xCE\xBCs", 1000},  // U+03BC Greek mu
      {"ms", 1000000},
      {"s", 1000000000ULL},
      {"m", 60ULL * 1000000000ULL},
      {"h", 3600ULL * 1000000000ULL},
  };

  std::uint64_t total = 0;  // nanoseconds
  std::size_t i = 0;
  while (i < s.size()) {
    if (!(s[i] == '.' || is_digit(s[i])))
      return fail<Seconds>(error, kGoExpected);
    std::size_t start = i;
    std::uint64_t whole = 0;
    if (!read_number(s, i, kLimit, whole) && i < s.size() && is_digit(s[i]))
      return fail<Seconds>(error, "duration too large; " + std::string(kGoExpected));
    bool has_whole = i > start;
    std::uint64_t frac = 0;
    double scale = 1;
    bool has_frac = false;
    if (i < s.size() && s[i] == '.') {
      ++i;
      int kept = 0;
      while (i < s.size() && is_digit(s[i])) {
        has_frac = true;
        if (kept < 18) {  // later digits are below a nanosecond anyway
          frac = frac * 10 + static_cast<std::uint64_t>(s[i] - '0');
          scale *= 10;
          ++kept;
        }
        ++i;
      }
    }
    if (!has_whole && !has_frac) return fail<Seconds>(error, kGoExpected);
    std::size_t unit_start = i;
    while (i < s.size() && s[i] != '.' && !is_digit(s[i])) ++i;
    std::string_view unit_text = s.substr(unit_start, i - unit_start);
    if (unit_text.empty())
      return fail<Seconds>(error, std::string(kGoExpected) +
                                      " (a unit ns, us, ms, s, m or h is missing)");
    std::uint64_t unit = 0;
    for (const Unit& u : kUnits)
      if (u.name == unit_text) unit = u.nanos;
    if (unit == 0)
      return fail<Seconds>(error, "unknown unit \"" + std::string(unit_text) +
                                      "\"; " + kGoExpected);
    if (whole > kLimit / unit)
      return fail<Seconds>(error, "duration too large; " + std::string(kGoExpected));
    std::uint64_t v = whole * unit;
    if (frac > 0) {
      // As Go does: fraction * (unit / scale) in floating point, truncated.
      v += static_cast<std::uint64_t>(static_cast<double>(frac) *
                                      (static_cast<double>(unit) / scale));
    }
    if (v > kLimit || total > kLimit - v)
      return fail<Seconds>(error, "duration too large; " + std::string(kGoExpected));
    total += v;
  }
  if (!negative && total > kLimit - 1)
    return fail<Seconds>(error, "duration too large; " + std::string(kGoExpected));
  const auto secs = static_cast<Seconds>(total / 1000000000ULL);
  return negative ? -secs : secs;
}

std::optional<Seconds> parse_iso8601_duration(std::string_view text,
                                              std::string* error) {
  std::string_view s = trim(text);
  if (s.empty() || (s[0] != 'P' && s[0] != 'p'))
    return fail<Seconds>(error, kIsoExpected);
  // Allowed designators in order; "M" means months before 'T', minutes after.
  static constexpr char kDateUnits[] = "YMWD";
  static constexpr Seconds kDateSeconds[] = {kIsoYear, kIsoMonth, kWeek, kDay};
  static constexpr char kTimeUnits[] = "HMS";
  static constexpr Seconds kTimeSeconds[] = {kHour, kMinute, 1};
  Seconds total = 0;
  bool in_time = false;
  bool any = false;
  bool any_after_t = false;
  int next_unit = 0;
  std::size_t i = 1;
  while (i < s.size()) {
    char c = s[i];
    if (c == 'T' || c == 't') {
      if (in_time) return fail<Seconds>(error, kIsoExpected);
      in_time = true;
      next_unit = 0;
      ++i;
      continue;
    }
    std::uint64_t n = 0;
    if (!read_number(s, i, static_cast<std::uint64_t>(kMaxSeconds), n)) {
      if (i < s.size() && is_digit(s[i]))
        return fail<Seconds>(error, "duration too large; " + std::string(kIsoExpected));
      return fail<Seconds>(error, kIsoExpected);
    }
    if (i == s.size()) return fail<Seconds>(error, kIsoExpected);
    char u = static_cast<char>(s[i] >= 'a' && s[i] <= 'z' ? s[i] - 'a' + 'A' : s[i]);
    const char* units = in_time ? kTimeUnits : kDateUnits;
    const Seconds* unit_seconds = in_time ? kTimeSeconds : kDateSeconds;
    const int unit_count = in_time ? 3 : 4;
    int found = -1;
    for (int k = next_unit; k < unit_count; ++k)
      if (units[k] == u) found = k;
    if (found < 0) return fail<Seconds>(error, kIsoExpected);
    ++i;
    if (!add_scaled(total, n, unit_seconds[found]))
      return fail<Seconds>(error, "duration too large; " + std::string(kIsoExpected));
    next_unit = found + 1;
    any = true;
    if (in_time) any_after_t = true;
  }
  if (!any || (in_time && !any_after_t)) return fail<Seconds>(error, kIsoExpected);
  return total;
}

std::string format_duration(Seconds s) {
  if (s == 0) return "0s";
  if (s < 0) {
    // -(INT64_MIN) would overflow; such a value never comes from a parser.
    if (s < -kMaxSeconds) return "-" + format_duration(kMaxSeconds);
    return "-" + format_duration(-s);
  }
  if (s >= kWeek && s % kDay == 0) return std::to_string(s / kDay) + "d";
  std::string out;
  const Seconds h = s / kHour, m = s % kHour / kMinute, sec = s % kMinute;
  if (h) out += std::to_string(h) + "h";
  if (m) out += std::to_string(m) + "m";
  if (sec) out += std::to_string(sec) + "s";
  return out;
}

}  // namespace drlint::schedule
