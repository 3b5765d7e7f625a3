#include "analyzer/schedule/cron.h"

#include <cstddef>
#include <map>
#include <mutex>
#include <tuple>
#include <vector>

namespace drlint::schedule {
namespace {

constexpr char kFieldsExpected[] =
    "expected 5 fields (minute hour day-of-month month day-of-week) or a "
    "descriptor such as @daily or @every 6h";
constexpr std::int64_t kCycleDays = 146097;  // 400 Gregorian years

bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
char to_upper(char c) { return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c; }

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_blank(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_blank(s.back())) s.remove_suffix(1);
  return s;
}

std::vector<std::string_view> split_blanks(std::string_view s) {
  std::vector<std::string_view> out;
  std::size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && is_blank(s[i])) ++i;
    std::size_t start = i;
    while (i < s.size() && !is_blank(s[i])) ++i;
    if (i > start) out.push_back(s.substr(start, i - start));
  }
  return out;
}

std::optional<CronSchedule> fail(std::string* error, std::string message) {
  if (error) *error = std::move(message);
  return std::nullopt;
}

struct FieldSpec {
  const char* name;
  int min;
  int max;       // largest value that may be written
  int star_max;  // end of '*' and of "N/step" (6 for day-of-week)
  const char* const* names;  // three-letter names for min.., or nullptr
  int name_count;
  bool allow_question;
};

constexpr const char* kMonthNames[] = {"JAN", "FEB", "MAR", "APR", "MAY", "JUN",
                                       "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"};
constexpr const char* kDayNames[] = {"SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"};

constexpr FieldSpec kFields[5] = {
    {"minute", 0, 59, 59, nullptr, 0, false},
    {"hour", 0, 23, 23, nullptr, 0, false},
    {"day-of-month", 1, 31, 31, nullptr, 0, true},
    {"month", 1, 12, 12, kMonthNames, 12, false},
    {"day-of-week", 0, 7, 6, kDayNames, 7, true},
};

std::string field_error(const FieldSpec& f, std::string_view item,
                        const std::string& what) {
  return std::string(f.name) + " field \"" + std::string(item) + "\": " + what;
}

// A number (at most 4 digits, so no overflow) or a name; -1 if neither.
int parse_value(std::string_view s, const FieldSpec& f) {
  if (s.empty()) return -1;
  if (is_digit(s[0])) {
    if (s.size() > 4) return 10000;  // certainly out of range
    int v = 0;
    for (char c : s) {
      if (!is_digit(c)) return -1;
      v = v * 10 + (c - '0');
    }
    return v;
  }
  if (f.names == nullptr || s.size() != 3) return -1;
  for (int i = 0; i < f.name_count; ++i) {
    const char* n = f.names[i];
    if (to_upper(s[0]) == n[0] && to_upper(s[1]) == n[1] && to_upper(s[2]) == n[2])
      return f.min + i;
  }
  return -1;
}

// One list item: "*", "?", "a", "a-b", each optionally followed by "/step".
bool parse_item(std::string_view item, const FieldSpec& f, std::uint64_t& bits,
                bool& star, std::string* error) {
  auto bad = [&](const std::string& what) {
    if (error) *error = field_error(f, item, what);
    return false;
  };
  std::string_view range = item, step_text;
  bool has_step = false;
  if (std::size_t slash = item.find('/'); slash != std::string_view::npos) {
    range = item.substr(0, slash);
    step_text = item.substr(slash + 1);
    has_step = true;
    if (step_text.find('/') != std::string_view::npos) return bad("too many '/'");
  }
  int start = 0, end = 0;
  bool is_star = false;
  if (range == "*" || (range == "?" && f.allow_question)) {
    start = f.min;
    end = f.star_max;
    is_star = true;
  } else {
    std::size_t dash = range.find('-');
    std::string_view lo = range.substr(0, dash);
    start = parse_value(lo, f);
    if (start < 0) return bad(f.names ? "expected a number or a name" : "expected a number");
    if (dash == std::string_view::npos) {
      end = has_step ? f.star_max : start;  // "5/10" means 5-max/10
    } else {
      std::string_view hi = range.substr(dash + 1);
      if (hi.find('-') != std::string_view::npos) return bad("too many '-'");
      end = parse_value(hi, f);
      if (end < 0) return bad(f.names ? "expected a number or a name" : "expected a number");
    }
  }
  int step = 1;
  if (has_step) {
    step = parse_value(step_text, kFields[0]);  // digits only, capped
    if (step < 0) return bad("expected a step number after '/'");
    if (step == 0) return bad("step must be at least 1");
  }
  const std::string bounds = std::to_string(f.min) + "-" + std::to_string(f.max);
  if (start < f.min || start > f.max || end > f.max)
    return bad("value out of range " + bounds);
  if (start > end) return bad("range start is after its end");
  for (int v = start; v <= end; v += step) bits |= std::uint64_t{1} << v;
  if (is_star && step == 1) star = true;
  return true;
}

bool parse_field(std::string_view text, const FieldSpec& f, std::uint64_t& bits,
                 bool& star, std::string* error) {
  bits = 0;
  star = false;
  std::size_t pos = 0;
  while (true) {
    std::size_t comma = text.find(',', pos);
    std::string_view item = text.substr(pos, comma == std::string_view::npos
                                                 ? std::string_view::npos
                                                 : comma - pos);
    if (item.empty()) {
      if (error) *error = field_error(f, text, "empty list item");
      return false;
    }
    if (!parse_item(item, f, bits, star, error)) return false;
    if (comma == std::string_view::npos) break;
    pos = comma + 1;
  }
  return true;
}

// Go-style text for @every ("1h30m", "192h", "45s").
std::string go_duration_text(Seconds s) {
  std::string out;
  if (s >= kHour) out += std::to_string(s / kHour) + "h";
  if (s % kHour >= kMinute) out += std::to_string(s % kHour / kMinute) + "m";
  if (s % kMinute) out += std::to_string(s % kMinute) + "s";
  return out;
}

CronSchedule fixed(int minute, std::uint32_t hours, std::uint32_t dom, bool dom_star,
                   std::uint16_t months, std::uint8_t dow, bool dow_star,
                   std::string_view name) {
  CronSchedule c;
  c.minutes = std::uint64_t{1} << minute;
  c.hours = hours;
  c.days_of_month = dom;
  c.dom_star = dom_star;
  c.months = months;
  c.days_of_week = dow;
  c.dow_star = dow_star;
  c.normalized = std::string(name);
  return c;
}

std::optional<CronSchedule> parse_descriptor(std::string_view s, std::string* error) {
  constexpr std::uint32_t kAllHours = 0xFFFFFFu;
  constexpr std::uint32_t kAllDom = 0xFFFFFFFEu;
  constexpr std::uint16_t kAllMonths = 0x1FFE;
  constexpr std::uint8_t kAllDow = 0x7F;
  if (s == "@yearly" || s == "@annually")
    return fixed(0, 1, 1u << 1, false, 1u << 1, kAllDow, true, s);
  if (s == "@monthly") return fixed(0, 1, 1u << 1, false, kAllMonths, kAllDow, true, s);
  if (s == "@weekly") return fixed(0, 1, kAllDom, true, kAllMonths, 1, false, s);
  if (s == "@daily" || s == "@midnight")
    return fixed(0, 1, kAllDom, true, kAllMonths, kAllDow, true, s);
  if (s == "@hourly") return fixed(0, kAllHours, kAllDom, true, kAllMonths, kAllDow, true, s);
  if (s == "@reboot")
    return fail(error, "@reboot is not a schedule: it runs only at start-up");
  if (s.substr(0, 6) == "@every") {
    std::string_view rest = s.substr(6);
    if (rest.empty() || !is_blank(rest[0]))
      return fail(error, "expected a duration after @every, like @every 6h");
    std::string why;
    auto d = parse_go_duration(trim(rest), &why);
    if (!d) return fail(error, "@every: " + why);
    if (*d < 1) return fail(error, "@every needs a duration of at least 1s");
    CronSchedule c;
    c.every = *d;
    c.normalized = "@every " + go_duration_text(*d);
    return c;
  }
  return fail(error, "unknown descriptor \"" + std::string(s) +
                         "\"; expected @yearly, @annually, @monthly, @weekly, "
                         "@daily, @midnight, @hourly or @every <duration>");
}

int days_in_month(std::int64_t y, int m) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) return 29;
  return kDays[m - 1];
}

// Inverse of days_from_civil (H. Hinnant's algorithm).
void civil_from_days(std::int64_t z, std::int64_t& y, int& m, int& d) {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const std::int64_t doe = z - era * 146097;
  const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const std::int64_t mp = (5 * doy + 2) / 153;
  d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  y = yoe + era * 400 + (m <= 2 ? 1 : 0);
}

bool day_matches(const CronSchedule& c, int dom, int dow) {
  const bool dom_ok = (c.days_of_month >> dom) & 1u;
  const bool dow_ok = (c.days_of_week >> dow) & 1u;
  if (c.dom_star || c.dow_star) return dom_ok && dow_ok;
  return dom_ok || dow_ok;
}

struct DayStats {
  std::int64_t count = 0;
  std::int64_t first = 0, last = 0;  // day numbers of first/last match
  std::int64_t max_diff = 0;         // largest distance between matches
};

DayStats scan_days(const CronSchedule& c, std::int64_t first_day, std::int64_t n) {
  DayStats st;
  std::int64_t y = 0;
  int m = 0, d = 0;
  civil_from_days(first_day, y, m, d);
  int dow = static_cast<int>(((first_day + 4) % 7 + 7) % 7);  // 1970-01-01: Thu
  int dim = days_in_month(y, m);
  bool month_ok = (c.months >> m) & 1u;
  for (std::int64_t i = 0; i < n; ++i) {
    if (month_ok && day_matches(c, d, dow)) {
      const std::int64_t day = first_day + i;
      if (st.count == 0) {
        st.first = day;
      } else if (day - st.last > st.max_diff) {
        st.max_diff = day - st.last;
      }
      st.last = day;
      ++st.count;
    }
    if (++dow == 7) dow = 0;
    if (++d > dim) {
      d = 1;
      if (++m > 12) {
        m = 1;
        ++y;
      }
      dim = days_in_month(y, m);
      month_ok = (c.months >> m) & 1u;
    }
  }
  return st;
}

// Run times within a day (minutes after midnight): first, last, count and
// the largest gap between two consecutive runs of the same day.
struct DayRuns {
  int first = -1, last = -1, count = 0, max_gap = 0;
};

DayRuns day_runs(const CronSchedule& c) {
  DayRuns r;
  for (int h = 0; h < 24; ++h) {
    if (!((c.hours >> h) & 1u)) continue;
    for (int mi = 0; mi < 60; ++mi) {
      if (!((c.minutes >> mi) & 1u)) continue;
      const int t = h * 60 + mi;
      if (r.count == 0) r.first = t;
      else if (t - r.last > r.max_gap) r.max_gap = t - r.last;
      r.last = t;
      ++r.count;
    }
  }
  return r;
}

}  // namespace

std::int64_t days_from_civil(std::int64_t y, int m, int d) {
  y -= m <= 2 ? 1 : 0;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const std::int64_t yoe = y - era * 400;
  const std::int64_t doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const std::int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

std::optional<CronSchedule> parse_cron(std::string_view text, std::string* error) {
  std::string_view s = trim(text);
  if (s.empty()) return fail(error, std::string("empty schedule; ") + kFieldsExpected);
  std::string zone;
  for (std::string_view prefix : {std::string_view("CRON_TZ="), std::string_view("TZ=")}) {
    if (s.substr(0, prefix.size()) == prefix) {
      std::size_t space = s.find_first_of(" \t");
      if (space == std::string_view::npos || space == prefix.size())
        return fail(error, "expected CRON_TZ=<zone> followed by a schedule");
      zone = std::string(s.substr(prefix.size(), space - prefix.size()));
      s = trim(s.substr(space));
      break;
    }
  }
  std::optional<CronSchedule> result;
  if (!s.empty() && s[0] == '@') {
    result = parse_descriptor(s, error);
    if (!result) return result;
  } else {
    const std::vector<std::string_view> fields = split_blanks(s);
    if (fields.size() != 5) {
      std::string msg = std::string(kFieldsExpected) + "; found " +
                        std::to_string(fields.size()) + " field" +
                        (fields.size() == 1 ? "" : "s");
      if (fields.size() == 6) msg += " (Velero does not accept a seconds field)";
      return fail(error, msg);
    }
    CronSchedule c;
    std::uint64_t bits[5] = {};
    bool star[5] = {};
    for (int i = 0; i < 5; ++i)
      if (!parse_field(fields[static_cast<std::size_t>(i)], kFields[i], bits[i], star[i], error))
        return std::nullopt;
    if (bits[4] & (1u << 7)) bits[4] = (bits[4] | 1u) & 0x7Fu;  // 7 is Sunday
    c.minutes = bits[0];
    c.hours = static_cast<std::uint32_t>(bits[1]);
    c.days_of_month = static_cast<std::uint32_t>(bits[2]);
    c.months = static_cast<std::uint16_t>(bits[3]);
    c.days_of_week = static_cast<std::uint8_t>(bits[4]);
    c.dom_star = star[2];
    c.dow_star = star[4];
    for (std::size_t i = 0; i < 5; ++i) {
      if (i) c.normalized += ' ';
      for (char ch : fields[i]) c.normalized += to_upper(ch);
    }
    result = std::move(c);
  }
  if (!zone.empty()) {
    result->timezone = zone;
    result->normalized = "CRON_TZ=" + zone + " " + result->normalized;
  }
  return result;
}

bool runs_ever(const CronSchedule& c) {
  if (c.is_every()) return true;
  if (c.minutes == 0 || c.hours == 0) return false;
  // 1 Jan 2000 .. 31 Dec 2031 contains every (month, day, weekday) combination.
  return scan_days(c, days_from_civil(2000, 1, 1), 32 * 366).count > 0;
}

namespace {
// The full-cycle scan costs about half a millisecond and rules ask the same
// schedule once per namespace it covers: remember answers by the fields the
// gap depends on (the time zone does not change it).
using GapKey = std::tuple<std::uint64_t, std::uint32_t, std::uint32_t, std::uint16_t, std::uint8_t, bool, bool>;

std::optional<Seconds> compute_longest_gap(const CronSchedule& c);

std::optional<Seconds> cached_longest_gap(const CronSchedule& c) {
  static std::mutex mutex;
  static std::map<GapKey, std::optional<Seconds>> cache;
  GapKey key{c.minutes, c.hours, c.days_of_month, c.months, c.days_of_week, c.dom_star, c.dow_star};
  {
    std::lock_guard<std::mutex> lock(mutex);
    auto it = cache.find(key);
    if (it != cache.end()) return it->second;
  }
  std::optional<Seconds> gap = compute_longest_gap(c);
  std::lock_guard<std::mutex> lock(mutex);
  if (cache.size() > 4096) cache.clear();  // bounded, whatever the input
  cache.emplace(key, gap);
  return gap;
}
}  // namespace

std::optional<Seconds> longest_gap(const CronSchedule& c) {
  if (c.is_every()) return c.every;
  return cached_longest_gap(c);
}

namespace {
std::optional<Seconds> compute_longest_gap(const CronSchedule& c) {
  const DayRuns runs = day_runs(c);
  if (runs.count == 0) return std::nullopt;
  const std::int64_t start = days_from_civil(2000, 1, 1);
  DayStats st = scan_days(c, start, kCycleDays);
  if (st.count == 0) return std::nullopt;
  // The calendar repeats after 400 years: wrap from the last match of the
  // cycle to the first match of the next one.
  const std::int64_t wrap = st.first + kCycleDays - st.last;
  if (wrap > st.max_diff) st.max_diff = wrap;
  std::int64_t gap = st.max_diff * 1440 - runs.last + runs.first;
  if (runs.max_gap > gap) gap = runs.max_gap;
  return gap * kMinute;
}
}  // namespace

std::optional<Seconds> longest_gap_in_days(const CronSchedule& c, std::int64_t first_day,
                                           std::int64_t last_day) {
  if (c.is_every()) return c.every;
  const DayRuns runs = day_runs(c);
  if (runs.count == 0 || last_day < first_day) return std::nullopt;
  const DayStats st = scan_days(c, first_day, last_day - first_day + 1);
  if (st.count == 0 || (st.count == 1 && runs.count == 1)) return std::nullopt;
  std::int64_t gap = runs.max_gap;
  if (st.count > 1) {
    const std::int64_t inter = st.max_diff * 1440 - runs.last + runs.first;
    if (inter > gap) gap = inter;
  }
  return gap * kMinute;
}

}  // namespace drlint::schedule
