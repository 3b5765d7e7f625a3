#include "analyzer/schedule/cron.h"

#include <catch2/catch.hpp>

#include <chrono>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

using namespace drlint::schedule;

namespace {

constexpr Seconds kM = 60, kH = 3600, kD = 86400;

// ---- Reference implementation, independent of cron.cc's calendar code ----

bool is_leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int month_length(int y, int m) {
  const int lengths[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && is_leap(y) ? 29 : lengths[m - 1];
}

// Sakamoto's day-of-week formula, 0 = Sunday.
int weekday(int y, int m, int d) {
  static const int t[] = {0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4};
  if (m < 3) y -= 1;
  return (y + y / 4 - y / 100 + y / 400 + t[m - 1] + d) % 7;
}

bool ref_day_matches(const CronSchedule& c, int y, int m, int d) {
  if (!((c.months >> m) & 1u)) return false;
  const bool dom = (c.days_of_month >> d) & 1u;
  const bool dow = (c.days_of_week >> weekday(y, m, d)) & 1u;
  return (c.dom_star || c.dow_star) ? (dom && dow) : (dom || dow);
}

// Minute-by-minute simulation over whole years [y0, y1]: the longest
// distance between two consecutive runs, or -1 with fewer than two runs.
Seconds brute_force_gap(const CronSchedule& c, int y0, int y1) {
  std::int64_t minute_index = 0, last_run = -1, best = -1;
  for (int y = y0; y <= y1; ++y)
    for (int m = 1; m <= 12; ++m)
      for (int d = 1; d <= month_length(y, m); ++d) {
        if (!ref_day_matches(c, y, m, d)) {
          minute_index += 1440;
          continue;
        }
        for (int t = 0; t < 1440; ++t, ++minute_index) {
          if (!((c.hours >> (t / 60)) & 1u) || !((c.minutes >> (t % 60)) & 1u)) continue;
          if (last_run >= 0 && minute_index - last_run > best) best = minute_index - last_run;
          last_run = minute_index;
        }
      }
  return best < 0 ? -1 : best * 60;
}

std::optional<Seconds> fast_gap_years(const CronSchedule& c, int y0, int y1) {
  return longest_gap_in_days(c, days_from_civil(y0, 1, 1), days_from_civil(y1, 12, 31));
}

CronSchedule must_parse(const std::string& text) {
  std::string error;
  auto c = parse_cron(text, &error);
  INFO(text << ": " << error);
  REQUIRE(c.has_value());
  return *c;
}

struct GapRow {
  const char* expr;
  Seconds want;
};

// Hand-checked longest gaps over the full 400-year cycle.
const GapRow kGapRows[] = {
    {"0 2 * * *", 24 * kH},            // daily at 02:00
    {"0 * * * *", 1 * kH},             // hourly at :00
    {"*/20 * * * *", 20 * kM},         // :00 :20 :40, 40 -> 60 is also 20
    {"*/7 * * * *", 7 * kM},           // :00..:56 step 7; 56 -> 60 is only 4
    {"0 2 * * 1-5", 72 * kH},          // Fri 02:00 -> Mon 02:00
    {"0 0 31 * *", 61 * kD},           // Mar 31 -> May 31 = 30 + 31 (Jan31->Mar31 is 59/60)
    {"0 3 1,15 * *", 17 * kD},         // 15th -> 1st of next month: 31 - 14 = 17
    {"@daily", 24 * kH},               //
    {"@weekly", 7 * kD},               // Sundays 00:00
    {"@monthly", 31 * kD},             // 1st of a 31-day month -> 1st of next
    {"@yearly", 366 * kD},             // Jan 1 -> Jan 1 across a leap year
    {"@every 6h", 6 * kH},             //
    {"0 */4 * * *", 4 * kH},           // 0,4,..,20; 20 -> 24 is 4 too
    {"30 1 * * 0", 7 * kD},            // Sundays 01:30
    {"0 0 * * MON,WED,FRI", 72 * kH},  // Fri -> Mon
    {"0 0 1 JAN *", 366 * kD},         // same as @yearly
    {"0 0 13 * 5", 7 * kD},            // 13th OR Friday: Fridays are 7 days apart
    {"15,45 * * * *", 30 * kM},        // :15 -> :45 -> :15
    {"0 9-17 * * *", 16 * kH},         // 17:00 -> 09:00 next day
    {"0 0 29 2 *", 2921 * kD},         // Feb 29 2096 -> 2104 (2100 not leap): 8*365+1
    {"5/10 * * * *", 10 * kM},         // 5-59/10: :55 -> :05 next hour
    {"1-30/5 * * * *", 35 * kM},       // :01..:26, then :26 -> :01 next hour = 35
    {"0 0 1 */3 *", 92 * kD},          // Jan/Apr/Jul/Oct 1st; Jul 1 -> Oct 1 = 31+31+30
    {"0 0 * 2 *", 338 * kD},           // Feb 28 (non-leap) -> Feb 1 next year = 1 + 337
    {"0 0 */2 * 1", 48 * kH},          // "*/2" has no star bit: odd days OR Mondays; 29th -> 1st
    {"0 0 */2 * *", 48 * kH},          // dow '*' has star bit: odd days only; Feb 27 -> Mar 1
    {"0 0 * * */2", 48 * kH},          // Sun,Tue,Thu,Sat: Tue -> Thu
    {"0 0 * * 7", 7 * kD},             // 7 is Sunday
    {"0 12 * * SAT,SUN", 144 * kH},    // Sun 12:00 -> Sat 12:00 = 6 days
    {"@hourly", 1 * kH},               //
    {"@every 1h30m", 90 * kM},         //
    {"0 1,2,23 * * *", 21 * kH},       // 02:00 -> 23:00
    {"0 0 ? * MON", 7 * kD},           // '?' = '*' (star bit): Mondays only
    {"0 0 1 * MON", 7 * kD},           // 1st OR Monday; Mondays alone are 7 days apart
    {"59 23 31 12 *", 366 * kD},       // Dec 31 -> Dec 31 of a leap year
    {"0 0 31 1,3 *", 306 * kD},        // Mar 31 -> Jan 31 next year: 30+31+30+31+31+30+31+30+31+31
    {"0 0 29 * *", 59 * kD},           // Jan 29 -> Mar 29 in a non-leap year: 31 + 28
    {"*/15 0-1 * * *", 22 * kH + 15 * kM},  // 01:45 -> 00:00 next day
    {"0 0 1 1 1", 342 * kD},           // Jan 1 OR Mondays in January: last January Monday
                                       // as early as Jan 25 in a leap year -> next Jan 1:
                                       // 7 (to Feb 1) + 335 (Feb 1 -> Jan 1, leap) = 342
    {"* * * * *", 1 * kM},             // every minute
    {"0 0 1-7 * 1", 7 * kD},           // NOT "first Monday": days 1-7 OR Mondays
    {"CRON_TZ=Europe/Berlin 0 2 * * *", 24 * kH},  // zone ignored for gaps (no DST)
};

}  // namespace

TEST_CASE("longest_gap: hand-checked table", "[cron]") {
  for (const GapRow& r : kGapRows) {
    const CronSchedule c = must_parse(r.expr);
    INFO(r.expr << " -> " << c.describe());
    const auto gap = longest_gap(c);
    REQUIRE(gap.has_value());
    CHECK(format_duration(*gap) == format_duration(r.want));
    CHECK(*gap == r.want);
    CHECK(runs_ever(c));
  }
}

TEST_CASE("longest_gap agrees with a minute-level brute force", "[cron]") {
  // Window 2027..2029 (contains the leap day 2028-02-29).
  for (const GapRow& r : kGapRows) {
    const CronSchedule c = must_parse(r.expr);
    if (c.is_every()) continue;
    INFO(r.expr);
    const Seconds brute = brute_force_gap(c, 2027, 2029);
    const auto fast = fast_gap_years(c, 2027, 2029);
    if (brute < 0) {
      CHECK_FALSE(fast.has_value());
    } else {
      REQUIRE(fast.has_value());
      CHECK(*fast == brute);
      CHECK(*longest_gap(c) >= brute);  // the full cycle can only add gaps
    }
  }
}

TEST_CASE("schedules that never run", "[cron]") {
  for (const char* expr : {"0 0 30 2 *", "0 0 31 4,6,9,11 *", "0 0 31 FEB *", "0 0 30,31 2 *"}) {
    const CronSchedule c = must_parse(expr);
    INFO(expr);
    CHECK_FALSE(runs_ever(c));
    CHECK_FALSE(longest_gap(c).has_value());
  }
  // Restricted both ways: the 30th of February OR Mondays in February runs.
  CHECK(runs_ever(must_parse("0 0 30 2 1")));
  CHECK(longest_gap(must_parse("0 0 30 2 1")).has_value());
}

TEST_CASE("parse_cron fields, names, star bits and normalization", "[cron]") {
  CronSchedule c = must_parse("*/15 2 1,15 * mon-fri");
  CHECK(c.minutes == ((1ULL << 0) | (1ULL << 15) | (1ULL << 30) | (1ULL << 45)));
  CHECK(c.hours == (1u << 2));
  CHECK(c.days_of_month == ((1u << 1) | (1u << 15)));
  CHECK(c.months == 0x1FFE);
  CHECK(c.days_of_week == 0x3E);  // Mon..Fri
  CHECK_FALSE(c.dom_star);
  CHECK(c.dow_star == false);
  CHECK(c.describe() == "*/15 2 1,15 * MON-FRI");

  c = must_parse("  0   0  *  jan-Mar  *  ");
  CHECK(c.describe() == "0 0 * JAN-MAR *");
  CHECK(c.months == 0x0E);
  CHECK(c.dom_star);
  CHECK(c.dow_star);

  CHECK(must_parse("0 0 */2 * *").dom_star == false);  // robfig: step > 1 clears it
  CHECK(must_parse("0 0 */1 * *").dom_star == true);   // "*/1" keeps it
  CHECK(must_parse("0 0 ? * *").dom_star == true);
  CHECK(must_parse("0 0 5,* * *").dom_star == true);   // any '*' item sets it
  CHECK(must_parse("0 0 1-31 * *").dom_star == false); // all days, but no star
  CHECK(must_parse("0 0 * * 5-7").days_of_week == ((1u << 5) | (1u << 6) | 1u));
  CHECK(must_parse("0 0 * * 0,7").days_of_week == 1u);
  CHECK(must_parse("0 0 * * 1/2").days_of_week == ((1u << 1) | (1u << 3) | (1u << 5)));
  CHECK(must_parse("0 0 * * */3").days_of_week == ((1u << 0) | (1u << 3) | (1u << 6)));
  CHECK(must_parse("0 0 * 10/1 *").months == ((1u << 10) | (1u << 11) | (1u << 12)));
  CHECK(must_parse("*/90 * * * *").minutes == 1ULL);  // step past the range: only 0

  c = must_parse("@every 90m");
  CHECK(c.is_every());
  CHECK(c.every == 5400);
  CHECK(c.describe() == "@every 1h30m");
  CHECK(must_parse("@every 1.5s").every == 1);  // truncated like robfig
  CHECK(must_parse("@every 192h").describe() == "@every 192h");
  CHECK(must_parse("@midnight").describe() == "@midnight");

  c = must_parse("CRON_TZ=America/New_York 30 4 * * *");
  CHECK(c.timezone == "America/New_York");
  CHECK(c.describe() == "CRON_TZ=America/New_York 30 4 * * *");
  CHECK(must_parse("TZ=UTC @daily").describe() == "CRON_TZ=UTC @daily");
}

TEST_CASE("parse_cron rejects invalid schedules with a reason", "[cron]") {
  const struct {
    const char* expr;
    const char* says;
  } rows[] = {
      {"", "expected 5 fields"},
      {"   ", "expected 5 fields"},
      {"* * * *", "found 4 fields"},
      {"0 * * * * *", "seconds field"},
      {"61 * * * *", "out of range 0-59"},
      {"*/0 * * * *", "step must be at least 1"},
      {"5-2 * * * *", "range start is after its end"},  // robfig rejects too
      {"0 0 * * 8", "out of range 0-7"},
      {"a b c d e", "expected a number"},
      {"@every", "expected a duration after @every"},
      {"@every abc", "@every"},
      {"@every 0s", "at least 1s"},
      {"@every -1h", "at least 1s"},
      {"@every 300ms", "at least 1s"},
      {"@reboot", "runs only at start-up"},
      {"@Daily", "unknown descriptor"},  // robfig descriptors are case-sensitive
      {"@fortnightly", "unknown descriptor"},
      {"0 24 * * *", "out of range 0-23"},
      {"0 0 0 * *", "out of range 1-31"},
      {"0 0 32 * *", "out of range 1-31"},
      {"0 0 * 13 *", "out of range 1-12"},
      {"0 0 * 0 *", "out of range 1-12"},
      {"0 0 * JANX *", "expected a number or a name"},
      {"0 0 * * MONDAY", "expected a number or a name"},
      {"0 0 * MON *", "expected a number or a name"},  // weekday name in month field
      {"0 0 JAN * *", "expected a number"},             // names only in month/dow
      {"1,,2 * * * *", "empty list item"},
      {"1, * * * *", "empty list item"},
      {"1-2-3 * * * *", "too many '-'"},
      {"*/5/2 * * * *", "too many '/'"},
      {"? * * * *", "expected a number"},  // '?' only in day fields
      {"-1 * * * *", "expected a number"},
      {"99999999999999999999 * * * *", "out of range"},
      {"*/ * * * *", "expected a step number"},
      {"L * * * *", "expected a number"},
      {"0 0 L * *", "expected a number"},
      {"0 0 * * 7/2", "range start is after its end"},  // 7-6/2
      {"CRON_TZ= 0 * * * *", "CRON_TZ=<zone>"},
      {"CRON_TZ=UTC", "CRON_TZ=<zone>"},
  };
  for (const auto& r : rows) {
    INFO("\"" << r.expr << "\"");
    std::string error;
    CHECK_FALSE(parse_cron(r.expr, &error).has_value());
    INFO(error);
    CHECK(error.find(r.says) != std::string::npos);
  }
}

TEST_CASE("longest_gap is fast for any expression", "[cron]") {
  const char* worst[] = {"* * * * *", "0 0 29 2 *", "0 0 1 1 1", "0 0 31 * 0-6"};
  for (const char* expr : worst) {
    const CronSchedule c = must_parse(expr);
    const auto t0 = std::chrono::steady_clock::now();
    constexpr int kRuns = 10;
    for (int i = 0; i < kRuns; ++i) REQUIRE(longest_gap(c).has_value());
    const auto us = std::chrono::duration_cast<std::chrono::microseconds>(
                        std::chrono::steady_clock::now() - t0).count() / kRuns;
    INFO(expr << ": " << us << " us");
    CHECK(us < 5000);
  }
}

namespace {

std::string random_field(std::mt19937& rng, int lo, int hi, const char* const* names) {
  auto pick = [&](int a, int b) { return a + static_cast<int>(rng() % static_cast<unsigned>(b - a + 1)); };
  auto value = [&](int v) {
    if (names && rng() % 3 == 0) return std::string(names[v - lo]);
    return std::to_string(v);
  };
  switch (rng() % 8) {
    case 0:
    case 1:
      return "*";
    case 2:
      return "*/" + std::to_string(pick(2, hi - lo + 1));
    case 3:
      return value(pick(lo, hi));
    case 4: {
      int a = pick(lo, hi), b = pick(lo, hi);
      if (a == b) return value(a);
      return value(std::min(a, b)) + "," + value(std::max(a, b));
    }
    case 5: {
      int a = pick(lo, hi), b = pick(a, hi);
      return value(a) + "-" + value(b);
    }
    case 6: {
      int a = pick(lo, hi), b = pick(a, hi);
      return value(a) + "-" + value(b) + "/" + std::to_string(pick(1, 7));
    }
    default:
      return value(pick(lo, hi)) + "/" + std::to_string(pick(1, 12));
  }
}

}  // namespace

TEST_CASE("property: random schedules match the brute force", "[cron]") {
  static const char* const kMonths[] = {"JAN", "FEB", "MAR", "APR", "MAY", "JUN",
                                        "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"};
  static const char* const kDays[] = {"sun", "Mon", "TUE", "wed", "Thu", "FRI", "SAT"};
  std::mt19937 rng(20240601);
  int compared = 0;
  for (int i = 0; i < 300; ++i) {
    std::string expr = random_field(rng, 0, 59, nullptr) + " " +
                       random_field(rng, 0, 23, nullptr) + " " +
                       (rng() % 2 ? std::string("*") : random_field(rng, 1, 31, nullptr)) + " " +
                       (rng() % 2 ? std::string("*") : random_field(rng, 1, 12, kMonths)) + " " +
                       (rng() % 2 ? std::string("*") : random_field(rng, 0, 6, kDays));
    std::string error;
    const auto c = parse_cron(expr, &error);
    INFO(expr << " " << error);
    REQUIRE(c.has_value());
    // The window 2027..2030 spans four years including Feb 29 2028.
    const Seconds brute = brute_force_gap(*c, 2027, 2030);
    const auto fast = fast_gap_years(*c, 2027, 2030);
    const auto full = longest_gap(*c);
    CHECK(runs_ever(*c) == full.has_value());
    if (brute < 0) {
      CHECK_FALSE(fast.has_value());
      continue;
    }
    REQUIRE(fast.has_value());
    CHECK(*fast == brute);
    REQUIRE(full.has_value());
    CHECK(*full >= brute);
    // Without day-of-month >= 29 restrictions and with months unrestricted
    // every gap of the 400-year cycle already occurs within four years,
    // unless day-of-week/day-of-month interplay depends on the year; the
    // fields below are restricted to avoid that.
    if (c->months == 0x1FFE && c->days_of_week == 0x7F && c->dow_star &&
        (c->days_of_month & 0xF0000000u) == 0) {
      CHECK(*full == brute);
    }
    ++compared;
  }
  CHECK(compared > 200);
}

TEST_CASE("parse_cron survives hostile input", "[cron]") {
  std::mt19937 rng(99);
  const std::string alphabet = "0123456789*/-,? @everyMONJAN\t";
  for (int i = 0; i < 5000; ++i) {
    std::string s;
    const int len = static_cast<int>(rng() % 40);
    for (int k = 0; k < len; ++k) s += alphabet[rng() % alphabet.size()];
    std::string error;
    const auto c = parse_cron(s, &error);
    if (!c) CHECK_FALSE(error.empty());
  }
  CHECK_FALSE(parse_cron(std::string(100000, '*')).has_value());
  CHECK_FALSE(parse_cron(std::string(100000, ' ')).has_value());
  CHECK_FALSE(parse_cron("@every " + std::string(10000, '9') + "h").has_value());
}
