#include "analyzer/schedule/quantity.h"

#include <cstddef>

namespace drlint::schedule {
namespace {

constexpr char kQuantityExpected[] =
    "expected a size like 500Gi, 1Ti, 200G or 10Mi";
constexpr char kThroughputExpected[] =
    "expected a throughput like 11GiB/m, 500MiB/s or 1TiB/h";

__extension__ typedef unsigned __int128 u128;  // GCC/Clang; no -pedantic warning
constexpr std::uint64_t kU64Max = ~std::uint64_t{0};
constexpr std::size_t kMaxText = 256;  // longer input is not a quantity

template <typename T>
std::optional<T> fail(std::string* error, std::string message) {
  if (error) *error = std::move(message);
  return std::nullopt;
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// A decimal number as significant digits and a power of ten:
// value = digits * 10^exp10.
struct Decimal {
  std::string digits;  // no leading zeros; empty means zero
  int exp10 = 0;
};

// Reads "123", "1.5", ".5", "1." at the front of s; false if no digit.
bool read_decimal(std::string_view& s, Decimal& out) {
  std::size_t i = 0;
  bool any = false;
  while (i < s.size() && is_digit(s[i])) {
    if (!(out.digits.empty() && s[i] == '0')) out.digits += s[i];
    any = true;
    ++i;
  }
  if (i < s.size() && s[i] == '.') {
    ++i;
    while (i < s.size() && is_digit(s[i])) {
      if (!(out.digits.empty() && s[i] == '0')) out.digits += s[i];
      --out.exp10;
      any = true;
      ++i;
    }
  }
  while (!out.digits.empty() && out.digits.back() == '0' && out.exp10 < 0) {
    out.digits.pop_back();
    ++out.exp10;
  }
  if (out.digits.empty()) out.exp10 = 0;
  s.remove_prefix(i);
  return any;
}

// ceil(d * 10^exp10 * 2^shift) if it fits in 64 bits.
std::optional<std::uint64_t> to_bytes(const Decimal& d, int shift) {
  if (d.digits.empty()) return 0;
  const long n = static_cast<long>(d.digits.size());
  const long int_digits = n + d.exp10;  // digits before the decimal point
  if (int_digits > 20) return std::nullopt;
  const u128 mult = static_cast<u128>(1) << shift;
  if (int_digits < -19) return 1;  // 0 < value * 2^60 < 1: rounds up to 1
  u128 whole = 0;
  for (long k = 0; k < int_digits; ++k)
    whole = whole * 10 + static_cast<unsigned>(k < n ? d.digits[static_cast<std::size_t>(k)] - '0' : 0);
  u128 value = whole * mult;
  if (whole > kU64Max || value > kU64Max) return std::nullopt;
  // Fraction: the first 19 digits exactly; a later non-zero digit can
  // only push the result up by one.
  std::string frac_digits;
  if (int_digits < 0) frac_digits.assign(static_cast<std::size_t>(-int_digits), '0');
  if (int_digits < n)
    frac_digits.append(d.digits, static_cast<std::size_t>(int_digits > 0 ? int_digits : 0),
                       std::string::npos);
  u128 frac = 0, scale = 1;
  bool tail = false;
  for (std::size_t k = 0; k < frac_digits.size(); ++k) {
    if (k < 19) {
      frac = frac * 10 + static_cast<unsigned>(frac_digits[k] - '0');
      scale *= 10;
    } else if (frac_digits[k] != '0') {
      tail = true;
    }
  }
  if (frac != 0 || tail) {
    const u128 part = frac * mult;  // < 10^19 * 2^60 < 2^124
    value += part / scale + ((part % scale != 0 || tail) ? 1 : 0);
    if (value > kU64Max) return std::nullopt;
  }
  return static_cast<std::uint64_t>(value);
}

}  // namespace

std::optional<std::uint64_t> parse_quantity_bytes(std::string_view text,
                                                  std::string* error) {
  std::string_view s = trim(text);
  if (!s.empty() && s[0] == '+') s.remove_prefix(1);
  if (!s.empty() && s[0] == '-')
    return fail<std::uint64_t>(error, "a size cannot be negative; " +
                                          std::string(kQuantityExpected));
  if (s.size() > kMaxText) return fail<std::uint64_t>(error, kQuantityExpected);
  Decimal d;
  if (!read_decimal(s, d)) return fail<std::uint64_t>(error, kQuantityExpected);
  int shift = 0;
  int exp10 = 0;
  struct Suffix {
    std::string_view text;
    int shift;
    int exp10;
  };
  static constexpr Suffix kSuffixes[] = {
      {"", 0, 0},    {"Ki", 10, 0}, {"Mi", 20, 0}, {"Gi", 30, 0}, {"Ti", 40, 0},
      {"Pi", 50, 0}, {"Ei", 60, 0}, {"n", 0, -9},  {"u", 0, -6},  {"m", 0, -3},
      {"k", 0, 3},   {"M", 0, 6},   {"G", 0, 9},   {"T", 0, 12},  {"P", 0, 15},
      {"E", 0, 18},
  };
  bool found = false;
  for (const Suffix& suf : kSuffixes) {
    if (s == suf.text) {
      shift = suf.shift;
      exp10 = suf.exp10;
      found = true;
    }
  }
  if (!found && s.size() >= 2 && (s[0] == 'e' || s[0] == 'E')) {
    std::string_view e = s.substr(1);
    int sign = 1;
    if (e[0] == '+' || e[0] == '-') {
      sign = e[0] == '-' ? -1 : 1;
      e.remove_prefix(1);
    }
    if (!e.empty() && e.size() <= 4) {
      int v = 0;
      bool ok = true;
      for (char c : e) {
        if (!is_digit(c)) ok = false;
        v = v * 10 + (c - '0');
      }
      if (ok) {
        exp10 = sign * v;
        found = true;
      }
    }
  }
  if (!found)
    return fail<std::uint64_t>(error, "unknown suffix \"" + std::string(s) + "\"; " +
                                          kQuantityExpected);
  d.exp10 += exp10;
  const auto bytes = to_bytes(d, shift);
  if (!bytes)
    return fail<std::uint64_t>(error, "size too large; " + std::string(kQuantityExpected));
  return bytes;
}

std::optional<double> parse_throughput(std::string_view text, std::string* error) {
  std::string_view s = trim(text);
  if (s.size() > kMaxText) return fail<double>(error, kThroughputExpected);
  const std::size_t slash = s.find('/');
  if (slash == std::string_view::npos) return fail<double>(error, kThroughputExpected);
  std::string_view amount = trim(s.substr(0, slash));
  const std::string_view per = trim(s.substr(slash + 1));
  Decimal d;
  if (!read_decimal(amount, d) || d.digits.empty() || d.digits.size() > 30)
    return fail<double>(error, kThroughputExpected);
  amount = trim(amount);
  struct Unit {
    std::string_view text;
    double bytes;
  };
  static constexpr Unit kUnits[] = {
      {"B", 1},       {"kB", 1e3},    {"KB", 1e3},   {"MB", 1e6},
      {"GB", 1e9},    {"TB", 1e12},   {"PB", 1e15},  {"KiB", 1024.0},
      {"MiB", 1048576.0}, {"GiB", 1073741824.0}, {"TiB", 1099511627776.0},
      {"PiB", 1125899906842624.0}, {"Ki", 1024.0}, {"Mi", 1048576.0},
      {"Gi", 1073741824.0}, {"Ti", 1099511627776.0}, {"Pi", 1125899906842624.0},
      {"k", 1e3}, {"K", 1e3}, {"M", 1e6}, {"G", 1e9}, {"T", 1e12}, {"P", 1e15},
  };
  double unit = 0;
  for (const Unit& u : kUnits)
    if (amount == u.text) unit = u.bytes;
  if (unit == 0)
    return fail<double>(error, "unknown size unit \"" + std::string(amount) + "\"; " +
                                   kThroughputExpected);
  double seconds = 0;
  if (per == "s") seconds = 1;
  else if (per == "m" || per == "min") seconds = 60;
  else if (per == "h") seconds = 3600;
  else if (per == "d") seconds = 86400;
  else
    return fail<double>(error, "unknown time unit \"" + std::string(per) +
                                   "\" (s, m, h or d); " + kThroughputExpected);
  double value = 0;
  for (char c : d.digits) value = value * 10 + (c - '0');
  double scale = 1;
  for (int k = 0; k < (d.exp10 < 0 ? -d.exp10 : d.exp10); ++k) scale *= 10;
  value = d.exp10 < 0 ? value / scale : value * scale;
  return value * unit / seconds;
}

std::string format_bytes(std::uint64_t bytes) {
  static constexpr const char* kUnits[] = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
  int u = 0;
  while (u < 6 && bytes >= (std::uint64_t{1} << (10 * (u + 1)))) ++u;
  if (u == 0) return std::to_string(bytes) + " B";
  const std::uint64_t unit = std::uint64_t{1} << (10 * u);
  // Tenths of the unit, rounded half up.
  std::uint64_t tenths = bytes / unit * 10 + (bytes % unit * 10 + unit / 2) / unit;
  if (tenths >= 10240 && u < 6) {  // rounded up to the next unit
    ++u;
    tenths = 10;
  }
  std::string out = std::to_string(tenths / 10);
  if (tenths % 10) out += "." + std::to_string(tenths % 10);
  return out + " " + kUnits[u];
}

}  // namespace drlint::schedule
