// Velero `Schedule` expressions (robfig/cron v3 ParseStandard dialect):
// five fields "minute hour day-of-month month day-of-week", descriptors
// such as @daily and "@every <Go duration>", and an optional
// "CRON_TZ=<zone> " / "TZ=<zone> " prefix. longest_gap() gives the exact
// longest time between two consecutive runs, the number DR040/DR041 need.
//
// Dialect decisions (see docs):
//  - Fields: lists "1,15", ranges "1-5", steps "*/15", "1-30/5" and
//    "5/10" (= 5-max/10); month names JAN-DEC and weekday names SUN-SAT,
//    case-insensitive; day-of-week 7 is Sunday (robfig rejects 7, Vixie
//    cron accepts it; drlint accepts it). '?' is accepted as '*' in
//    day-of-month and day-of-week only. Reversed ranges ("5-2"), step 0,
//    empty list items and out-of-range values are errors, as in robfig.
//  - Day matching follows robfig's "star bit": a day-of-month or
//    day-of-week field counts as unrestricted when one of its list items
//    is '*' or '?' (also "*/1"), but NOT when it is "*/2" or similar.
//    If either field is unrestricted a day must match both fields;
//    otherwise it must match either ("0 0 13 * 5": the 13th OR Fridays;
//    "0 0 */2 * 1": odd days OR Mondays).
//  - Descriptors are exact lower-case words as in robfig ("@Daily" is an
//    error); @midnight = @daily, @annually = @yearly.
//  - "@every d" needs d >= 1s; it is truncated to whole seconds (robfig
//    too). "@reboot" is refused: it runs only at start-up.
//  - Gaps are computed in civil time (the schedule's zone) without DST
//    shifts; a DST change can make one real gap up to an hour longer.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "analyzer/schedule/duration.h"

namespace drlint::schedule {

struct CronSchedule {
  std::uint64_t minutes = 0;        // bit m: minute m (0-59)
  std::uint32_t hours = 0;          // bit h: hour h (0-23)
  std::uint32_t days_of_month = 0;  // bit d: day d (1-31)
  std::uint16_t months = 0;         // bit m: month m (1-12)
  std::uint8_t days_of_week = 0;    // bit w: weekday w (0 = Sunday .. 6)
  bool dom_star = false;            // robfig star bit of day-of-month
  bool dow_star = false;            // robfig star bit of day-of-week
  Seconds every = 0;                // > 0 for "@every"; bit fields unused
  std::string timezone;             // from CRON_TZ=/TZ=, empty if none
  std::string normalized;           // see describe()

  bool is_every() const { return every > 0; }
  // Normalized text: descriptors in lower case ("@daily", "@every 1h30m"),
  // or the five fields separated by single spaces with names upper-cased,
  // prefixed by "CRON_TZ=<zone> " when a zone was given.
  std::string describe() const { return normalized; }
};

// Parses a Velero schedule. On failure returns nullopt and, if `error` is
// given, says what was wrong or expected.
std::optional<CronSchedule> parse_cron(std::string_view text,
                                       std::string* error = nullptr);

// True if the day fields select at least one real day (e.g. not "30 2").
bool runs_ever(const CronSchedule& schedule);

// Longest time between two consecutive runs, exact over a full 400-year
// Gregorian cycle (after which every calendar repeats). nullopt if the
// schedule never runs ("0 0 30 2 *", "0 0 31 4 *"). Takes well under 5 ms.
std::optional<Seconds> longest_gap(const CronSchedule& schedule);

// Same computation restricted to runs on days [first_day, last_day]
// (days since 1970-01-01, inclusive), without wrapping around; nullopt if
// fewer than two runs fall in the window. For cross-checking in tests.
std::optional<Seconds> longest_gap_in_days(const CronSchedule& schedule,
                                           std::int64_t first_day,
                                           std::int64_t last_day);

// Days since 1970-01-01 of a proleptic Gregorian date (no validation).
std::int64_t days_from_civil(std::int64_t year, int month, int day);

}  // namespace drlint::schedule
