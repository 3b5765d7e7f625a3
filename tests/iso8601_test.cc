#include "analyzer/schedule/iso8601.h"

#include <catch2/catch.hpp>

#include <random>
#include <string>
#include <vector>

#include "analyzer/schedule/cron.h"  // days_from_civil

using namespace drlint::schedule;

namespace {

constexpr Seconds kH = 3600, kD = 86400;

RepeatingInterval must_parse(const std::string& text) {
  std::string error;
  auto r = parse_repeating_interval(text, &error);
  INFO(text << ": " << error);
  REQUIRE(r.has_value());
  return *r;
}

}  // namespace

TEST_CASE("parse_repeating_interval: Azure Backup for AKS forms", "[iso8601]") {
  const std::int64_t jan1_2024 = days_from_civil(2024, 1, 1) * kD;
  CHECK(jan1_2024 == 19723LL * kD);  // 2024-01-01 is day 19723 since 1970

  RepeatingInterval r = must_parse("R/2024-01-01T02:00:00+00:00/PT4H");
  CHECK(r.start_text == "2024-01-01T02:00:00+00:00");
  CHECK(r.seconds_of_day == 2 * kH);
  CHECK(r.utc_offset == 0);
  CHECK(r.start_epoch == jan1_2024 + 2 * kH);
  CHECK(r.period == 4 * kH);
  CHECK(r.period_text == "PT4H");
  CHECK_FALSE(r.repetitions.has_value());

  r = must_parse("R/2021-05-23T02:30:00+00:00/P1W");
  CHECK(r.period == 7 * kD);
  CHECK(r.seconds_of_day == 2 * kH + 30 * 60);

  r = must_parse("R/2024-01-01T02:00:00Z/P1D");
  CHECK(r.utc_offset == 0);
  CHECK(r.period == kD);

  r = must_parse("R/2024-01-01T02:00:00/PT4H");  // no zone: taken as UTC
  CHECK_FALSE(r.utc_offset.has_value());
  CHECK(r.start_epoch == jan1_2024 + 2 * kH);

  r = must_parse("R/2024-01-01T02:00:00+02:00/P1D");  // 02:00 at +2 is 00:00Z
  CHECK(r.utc_offset == 2 * kH);
  CHECK(r.seconds_of_day == 2 * kH);
  CHECK(r.start_epoch == jan1_2024);

  r = must_parse("R/2024-01-01T02:00:00-0530/P1D");  // basic offset format
  CHECK(r.utc_offset == -(5 * kH + 30 * 60));
  CHECK(r.start_epoch == jan1_2024 + 2 * kH + 5 * kH + 30 * 60);

  r = must_parse("R5/2024-02-29T23:59:59.123Z/PT12H");  // count, leap day, fraction
  CHECK(r.repetitions == 5);
  CHECK(r.seconds_of_day == 23 * kH + 59 * 60 + 59);

  CHECK(must_parse("  R/2024-01-01T02:00Z/PT6H ").seconds_of_day == 2 * kH);
}

TEST_CASE("parse_repeating_interval rejects malformed text", "[iso8601]") {
  const char* bad[] = {
      "",
      "R",
      "R/",
      "R//",
      "R/2024-01-01T02:00:00+00:00",          // no period
      "R/2024-01-01T02:00:00+00:00/",         //
      "X/2024-01-01T02:00:00+00:00/PT4H",     //
      "Rx/2024-01-01T02:00:00+00:00/PT4H",    //
      "R99999999999999/2024-01-01T02:00:00Z/PT4H",
      "R/2024-13-01T02:00:00Z/PT4H",          // month 13
      "R/2023-02-29T00:00:00Z/P1D",           // 2023 is not a leap year
      "R/2024-04-31T00:00:00Z/P1D",           // April has 30 days
      "R/2024-01-01T24:00:00Z/PT4H",          //
      "R/2024-01-01T02:60:00Z/PT4H",          //
      "R/2024-01-01T02:00:61Z/PT4H",          //
      "R/2024-01-01 02:00:00/PT4H",           // space instead of T
      "R/24-01-01T02:00:00Z/PT4H",            //
      "R/2024-01-01T02:00:00+25:00/PT4H",     //
      "R/2024-01-01T02:00:00+00:00x/PT4H",    //
      "R/2024-01-01T02:00:00+00:00/PT0H",     // zero period
      "R/2024-01-01T02:00:00+00:00/4H",       //
      "R/2024-01-01T02:00:00+00:00/PT4H/x",   //
      "R/2024-01-01/PT4H",                    // date only
  };
  for (const char* text : bad) {
    INFO("\"" << text << "\"");
    std::string error;
    CHECK_FALSE(parse_repeating_interval(text, &error).has_value());
    CHECK_FALSE(error.empty());
  }
  std::string error;
  parse_repeating_interval("R/2024-01-01T02:00:00Z", &error);
  CHECK(error.find("R/2024-01-01T02:00:00+00:00/PT4H") != std::string::npos);
}

TEST_CASE("longest_gap_of_intervals", "[iso8601]") {
  auto gap = [](std::vector<std::string> texts) {
    std::vector<RepeatingInterval> v;
    for (const auto& t : texts) v.push_back(must_parse(t));
    return longest_gap_of_intervals(v);
  };
  CHECK_FALSE(longest_gap_of_intervals({}).has_value());
  // One interval: its period.
  CHECK(gap({"R/2024-01-01T02:00:00+00:00/PT4H"}) == 4 * kH);
  CHECK(gap({"R/2021-05-23T02:30:00+00:00/P1W"}) == 7 * kD);
  // Daily at 02:00 and 14:00: 12h each way.
  CHECK(gap({"R/2024-01-01T02:00:00Z/P1D", "R/2024-01-01T14:00:00Z/P1D"}) == 12 * kH);
  // Daily at 02:00 and 03:00: 03:00 -> 02:00 next day is 23h.
  CHECK(gap({"R/2024-01-01T02:00:00Z/P1D", "R/2024-01-01T03:00:00Z/P1D"}) == 23 * kH);
  // Start dates differ but time of day is what counts for daily runs.
  CHECK(gap({"R/2024-01-01T02:00:00Z/P1D", "R/2020-06-15T14:00:00Z/P1D"}) == 12 * kH);
  // Same instant written in two zones: no extra runs, still 24h.
  CHECK(gap({"R/2024-01-01T02:00:00Z/P1D", "R/2024-01-01T04:00:00+02:00/P1D"}) == 24 * kH);
  // Weekly Sunday 2021-05-23 and Wednesday 2021-05-26: Sun->Wed 3d, Wed->Sun 4d.
  CHECK(gap({"R/2021-05-23T02:30:00+00:00/P1W", "R/2021-05-26T02:30:00+00:00/P1W"}) == 4 * kD);
  // PT4H plus a daily run: never worse than 4h; 02:00 is already a 4h slot.
  CHECK(gap({"R/2024-01-01T02:00:00Z/PT4H", "R/2024-01-01T02:00:00Z/P1D"}) == 4 * kH);
  // Every 8h from 00:00 plus daily 04:00: 00,04,08,16 -> largest 08 -> 16 = 8h.
  CHECK(gap({"R/2024-01-01T00:00:00Z/PT8H", "R/2024-01-01T04:00:00Z/P1D"}) == 8 * kH);
  // Every 12h from 00:00 plus daily 06:00: 00,06,12 -> 12 -> 24 is 12h.
  CHECK(gap({"R/2024-01-01T00:00:00Z/PT12H", "R/2024-01-01T06:00:00Z/P1D"}) == 12 * kH);
  // Periods that do not divide a day: lcm(PT5H, P1D) = 120h. Runs at
  // 00,05,10,15,20 (mod 5h from midnight) plus 02:00 daily: the largest
  // gap stays 5h.
  CHECK(gap({"R/2024-01-01T00:00:00Z/PT5H", "R/2024-01-01T02:00:00Z/P1D"}) == 5 * kH);
  // Fallback: PT1S with P1Y would need 31 million runs -> smallest period.
  CHECK(gap({"R/2024-01-01T00:00:00Z/PT1S", "R/2024-01-01T00:00:00Z/P1Y"}) == 1);
  // Fallback: lcm too long (P1Y with P1W = 365*7 days > 5 years) -> 7 days.
  CHECK(gap({"R/2024-01-01T00:00:00Z/P1Y", "R/2024-01-01T00:00:00Z/P1W"}) == 7 * kD);
}

TEST_CASE("retention durations in Azure policies", "[iso8601]") {
  CHECK(parse_iso8601_duration("P7D") == 7 * kD);
  CHECK(parse_iso8601_duration("P30D") == 30 * kD);
  CHECK(parse_iso8601_duration("P1W") == 7 * kD);
  CHECK(parse_iso8601_duration("P12M") == 360 * kD);  // 12 months of 30 days
  CHECK(parse_iso8601_duration("P1Y") == 365 * kD);
}

TEST_CASE("parse_repeating_interval survives hostile input", "[iso8601]") {
  std::mt19937 rng(3);
  const std::string alphabet = "R/0123456789-T:Z+.PDHWMY ";
  for (int i = 0; i < 5000; ++i) {
    std::string s = i % 2 ? "R/2024-01-01T" : "";
    const int len = static_cast<int>(rng() % 40);
    for (int k = 0; k < len; ++k) s += alphabet[rng() % alphabet.size()];
    std::string error;
    if (!parse_repeating_interval(s, &error)) CHECK_FALSE(error.empty());
  }
  CHECK_FALSE(parse_repeating_interval("R/2024-01-01T02:00:00Z/PT" + std::string(5000, '9') + "H")
                  .has_value());
}
