#include "analyzer/schedule/duration.h"

#include <catch2/catch.hpp>

#include <random>
#include <string>

using namespace drlint::schedule;

namespace {
struct Row {
  const char* text;
  Seconds want;
};
}  // namespace

TEST_CASE("parse_duration accepts policy durations", "[duration]") {
  const Row rows[] = {
      {"15m", 15 * 60},                      // 15 minutes
      {"1h30m", 3600 + 30 * 60},             // 5400
      {"90s", 90},                           // seconds need not be < 60
      {"2d", 2 * 86400},                     // 172800
      {"1d12h", 86400 + 12 * 3600},          // 129600
      {"1d2h3m4s", 86400 + 7200 + 180 + 4},  // 93784
      {"0s", 0},                             // zero is a valid value
      {"  1h\t", 3600},                      // surrounding blanks ignored
      {"36500d", 36500LL * 86400},           // 100 years is fine
  };
  for (const Row& r : rows) {
    INFO(r.text);
    const auto got = parse_duration(r.text);
    REQUIRE(got.has_value());
    CHECK(*got == r.want);
  }
}

TEST_CASE("parse_duration rejects malformed values with a hint", "[duration]") {
  const char* bad[] = {"",      "   ",  "15",     "m",      "1x",    "1h1h",
                       "30m1h", "1.5h", "-1h",    "1h 30m", "h1",    "1H",
                       "1w",    "+1h",  "1d 2h",  "9999999999999d",
                       "99999999999999999999999999s", "1h30"};
  for (const char* text : bad) {
    INFO(text);
    std::string error;
    CHECK_FALSE(parse_duration(text, &error).has_value());
    CHECK(error.find("expected a duration like 15m, 1h30m or 2d") != std::string::npos);
  }
  std::string error;
  parse_duration("30m1h", &error);
  CHECK(error.find("largest to smallest") != std::string::npos);
}

TEST_CASE("parse_go_duration follows time.ParseDuration", "[duration]") {
  const Row rows[] = {
      {"720h0m0s", 720 * 3600},     // Velero default ttl: 30 days
      {"168h", 168 * 3600},         // one week
      {"1h30m", 5400},              //
      {"72h", 72 * 3600},           //
      {"0.5h", 1800},               // half an hour
      {"1.5h", 5400},               // 90 minutes
      {"300ms", 0},                 // truncated to whole seconds
      {"1500ms", 1},                // 1.5s -> 1s
      {"0", 0},                     // bare zero is allowed in Go
      {"0h", 0},                    //
      {"1h30m0.5s", 5400},          // 5400.5s -> 5400s
      {".5m", 30},                  // leading dot
      {"1.m", 60},                  // trailing dot
      {"+5s", 5},                   //
      {"-1.5s", -1},                // truncated toward zero
      {"-2h", -7200},               //
      {"1\xC2\xB5s", 0},            // micro sign
      {"1us", 0},                   //
      {"90m", 5400},                // minutes need not be < 60
      {"2562047h", 2562047LL * 3600},  // just below Go's limit (~292 years)
      {"876000h", 876000LL * 3600},    // "forever" ttl of 100 years
  };
  for (const Row& r : rows) {
    INFO(r.text);
    const auto got = parse_go_duration(r.text);
    REQUIRE(got.has_value());
    CHECK(*got == r.want);
  }
}

TEST_CASE("parse_go_duration rejects malformed values", "[duration]") {
  const char* bad[] = {"",        "h",         "1",      "1x",  ".",
                       "-",       "1d",        "2562048h",  // overflows int64 ns
                       "99999999999999999999999h",   "1.5.5h", "1h-1m", "h1",
                       "1 h",     "--1h",      "1hh"};
  for (const char* text : bad) {
    INFO(text);
    std::string error;
    CHECK_FALSE(parse_go_duration(text, &error).has_value());
    CHECK_FALSE(error.empty());
  }
}

TEST_CASE("parse_iso8601_duration", "[duration]") {
  const Row rows[] = {
      {"PT4H", 4 * 3600},                  //
      {"P1D", 86400},                      //
      {"P1W", 7 * 86400},                  //
      {"P7D", 7 * 86400},                  //
      {"PT30M", 1800},                     // M after T is minutes
      {"P1M", 30 * 86400},                 // M before T is a 30-day month
      {"P1DT12H", 86400 + 12 * 3600},      //
      {"P30D", 30 * 86400},                //
      {"P12M", 360 * 86400},               // 12 * 30 days, not a year
      {"P1Y", 365 * 86400},                // a year is 365 days
      {"pt4h", 4 * 3600},                  // letters case-insensitive
      {"P1Y2M3DT4H5M6S", 365 * 86400 + 60 * 86400 + 3 * 86400 + 4 * 3600 + 5 * 60 + 6},
      {"PT0S", 0},                         //
      {"PT36H", 36 * 3600},                //
  };
  for (const Row& r : rows) {
    INFO(r.text);
    const auto got = parse_iso8601_duration(r.text);
    REQUIRE(got.has_value());
    CHECK(*got == r.want);
  }
  const char* bad[] = {"",    "P",     "PT",    "P1DT",  "4H",    "PT4",   "P1H",
                       "PT1D", "P1D1Y", "P1.5D", "PTT1H", "P1D T1H", "1D",
                       "P99999999999999999999D", "P9999999Y", "P-1D", "P1DD"};
  for (const char* text : bad) {
    INFO(text);
    std::string error;
    CHECK_FALSE(parse_iso8601_duration(text, &error).has_value());
    CHECK(error.find("ISO 8601") != std::string::npos);
  }
}

TEST_CASE("format_duration picks hours below a week, days from a week", "[duration]") {
  const struct {
    Seconds s;
    const char* want;
  } rows[] = {
      {0, "0s"},
      {45, "45s"},
      {90, "1m30s"},
      {900, "15m"},
      {5400, "1h30m"},
      {86400, "24h"},              // one day is still shown in hours
      {3 * 86400, "72h"},          // e.g. Friday -> Monday
      {6 * 86400, "144h"},         //
      {7 * 86400, "7d"},           // from a week on, whole days
      {30 * 86400, "30d"},         //
      {61 * 86400, "61d"},         //
      {2921 * 86400, "2921d"},     // Feb 29 schedule across 2100
      {7 * 86400 + 5400, "169h30m"},  // not whole days: hours
      {3661, "1h1m1s"},            //
      {-3600, "-1h"},              //
  };
  for (const auto& r : rows) {
    INFO(r.s);
    CHECK(format_duration(r.s) == r.want);
  }
}

TEST_CASE("format_duration output parses back to the same value", "[duration]") {
  std::mt19937_64 rng(42);
  for (int i = 0; i < 2000; ++i) {
    const Seconds s = static_cast<Seconds>(rng() % (400ULL * 86400));
    const auto back = parse_duration(format_duration(s));
    REQUIRE(back.has_value());
    CHECK(*back == s);
  }
}

TEST_CASE("duration parsers survive hostile input", "[duration]") {
  std::mt19937 rng(7);
  const std::string alphabet = "0123456789.smhdPTYMWDHSn u\xC2\xB5-+e";
  for (int i = 0; i < 3000; ++i) {
    std::string s;
    const int len = static_cast<int>(rng() % 30);
    for (int k = 0; k < len; ++k) s += alphabet[rng() % alphabet.size()];
    (void)parse_duration(s);
    (void)parse_go_duration(s);
    (void)parse_iso8601_duration(s);
  }
  const std::string huge(100000, '9');
  CHECK_FALSE(parse_duration(huge + "s").has_value());
  CHECK_FALSE(parse_go_duration(huge + "s").has_value());
  CHECK_FALSE(parse_iso8601_duration("PT" + huge + "S").has_value());
}
