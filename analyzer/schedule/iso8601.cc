#include "analyzer/schedule/iso8601.h"

#include <algorithm>
#include <cstddef>

#include "analyzer/schedule/cron.h"  // days_from_civil

namespace drlint::schedule {
namespace {

constexpr char kExpected[] =
    "expected a repeating interval like R/2024-01-01T02:00:00+00:00/PT4H";

std::optional<RepeatingInterval> fail(std::string* error, std::string message) {
  if (error) *error = std::move(message);
  return std::nullopt;
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Reads exactly n digits at s[i...].
bool digits(std::string_view s, std::size_t& i, int n, int& out) {
  if (i + static_cast<std::size_t>(n) > s.size()) return false;
  int v = 0;
  for (int k = 0; k < n; ++k) {
    if (!is_digit(s[i])) return false;
    v = v * 10 + (s[i++] - '0');
  }
  out = v;
  return true;
}

bool expect(std::string_view s, std::size_t& i, char c) {
  if (i < s.size() && s[i] == c) {
    ++i;
    return true;
  }
  return false;
}

int days_in_month(int y, int m) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) return 29;
  return kDays[m - 1];
}

// Parses the start date-time; fills epoch, seconds_of_day and utc_offset.
bool parse_date_time(std::string_view s, RepeatingInterval& out) {
  std::size_t i = 0;
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, sec = 0;
  if (!digits(s, i, 4, y) || !expect(s, i, '-') || !digits(s, i, 2, mo) ||
      !expect(s, i, '-') || !digits(s, i, 2, d))
    return false;
  if (!(expect(s, i, 'T') || expect(s, i, 't'))) return false;
  if (!digits(s, i, 2, h) || !expect(s, i, ':') || !digits(s, i, 2, mi)) return false;
  if (expect(s, i, ':')) {
    if (!digits(s, i, 2, sec)) return false;
    if (expect(s, i, '.') || expect(s, i, ',')) {
      std::size_t start = i;
      while (i < s.size() && is_digit(s[i])) ++i;
      if (i == start) return false;
    }
  }
  if (mo < 1 || mo > 12 || d < 1 || d > days_in_month(y, mo) || h > 23 || mi > 59 ||
      sec > 59)
    return false;
  if (i < s.size()) {
    if (s[i] == 'Z' || s[i] == 'z') {
      ++i;
      out.utc_offset = 0;
    } else if (s[i] == '+' || s[i] == '-') {
      const int sign = s[i++] == '-' ? -1 : 1;
      int oh = 0, om = 0;
      if (!digits(s, i, 2, oh)) return false;
      if (i < s.size()) {
        expect(s, i, ':');
        if (!digits(s, i, 2, om)) return false;
      }
      if (oh > 23 || om > 59) return false;
      out.utc_offset = sign * (oh * 3600 + om * 60);
    }
  }
  if (i != s.size()) return false;
  out.seconds_of_day = h * 3600 + mi * 60 + sec;
  out.start_epoch = days_from_civil(y, mo, d) * kDay + out.seconds_of_day -
                    out.utc_offset.value_or(0);
  return true;
}

std::int64_t gcd(std::int64_t a, std::int64_t b) {
  while (b != 0) {
    const std::int64_t t = a % b;
    a = b;
    b = t;
  }
  return a;
}

}  // namespace

std::optional<RepeatingInterval> parse_repeating_interval(std::string_view text,
                                                          std::string* error) {
  std::string_view s = text;
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  RepeatingInterval out;
  const std::size_t slash1 = s.find('/');
  if (s.empty() || s[0] != 'R' || slash1 == std::string_view::npos)
    return fail(error, kExpected);
  const std::string_view count = s.substr(1, slash1 - 1);
  if (!count.empty()) {
    if (count.size() > 12) return fail(error, "repetition count too large; " + std::string(kExpected));
    std::int64_t n = 0;
    for (char c : count) {
      if (!is_digit(c)) return fail(error, kExpected);
      n = n * 10 + (c - '0');
    }
    out.repetitions = n;
  }
  const std::size_t slash2 = s.find('/', slash1 + 1);
  if (slash2 == std::string_view::npos) return fail(error, kExpected);
  const std::string_view start = s.substr(slash1 + 1, slash2 - slash1 - 1);
  const std::string_view period = s.substr(slash2 + 1);
  if (!parse_date_time(start, out))
    return fail(error, "expected a start time like 2024-01-01T02:00:00+00:00 in \"" +
                           std::string(text) + "\"");
  std::string why;
  const auto p = parse_iso8601_duration(period, &why);
  if (!p) return fail(error, why);
  if (*p <= 0) return fail(error, "the repeating period must be longer than zero");
  out.start_text = std::string(start);
  out.period = *p;
  out.period_text = std::string(period);
  return out;
}

std::optional<Seconds> longest_gap_of_intervals(const std::vector<RepeatingInterval>& intervals) {
  if (intervals.empty()) return std::nullopt;
  constexpr std::int64_t kMaxWindow = 5 * 366 * kDay;
  constexpr std::int64_t kMaxRuns = 200000;
  Seconds min_period = intervals[0].period;
  std::int64_t window = 1;  // least common multiple of the periods
  for (const RepeatingInterval& r : intervals) {
    if (r.period <= 0) return std::nullopt;
    min_period = std::min(min_period, r.period);
    if (window > 0) {
      const std::int64_t g = gcd(window, r.period);
      const std::int64_t factor = r.period / g;
      window = window > kMaxWindow / factor ? -1 : window * factor;  // -1: too long
    }
  }
  if (window <= 0 || window > kMaxWindow) return min_period;
  std::int64_t total = 0;
  for (const RepeatingInterval& r : intervals) total += window / r.period;
  if (total > kMaxRuns) return min_period;
  std::vector<std::int64_t> times;
  times.reserve(static_cast<std::size_t>(total));
  for (const RepeatingInterval& r : intervals) {
    const std::int64_t phase = ((r.start_epoch % r.period) + r.period) % r.period;
    for (std::int64_t t = phase; t < window; t += r.period) times.push_back(t);
  }
  std::sort(times.begin(), times.end());
  std::int64_t gap = times.front() + window - times.back();
  for (std::size_t i = 1; i < times.size(); ++i) gap = std::max(gap, times[i] - times[i - 1]);
  return gap;
}

}  // namespace drlint::schedule
