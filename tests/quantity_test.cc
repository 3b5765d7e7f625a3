#include "analyzer/schedule/quantity.h"

#include <catch2/catch.hpp>

#include <cstdint>
#include <random>
#include <string>

using namespace drlint::schedule;

namespace {
constexpr std::uint64_t kKi = 1024, kMi = kKi * 1024, kGi = kMi * 1024, kTi = kGi * 1024,
                        kEi = kTi * 1024 * 1024;
}  // namespace

TEST_CASE("parse_quantity_bytes: Kubernetes quantities", "[quantity]") {
  const struct {
    const char* text;
    std::uint64_t want;
  } rows[] = {
      {"500Gi", 500 * kGi},                 //
      {"1Ti", kTi},                         //
      {"200G", 200000000000ULL},            // decimal SI
      {"10Mi", 10 * kMi},                   //
      {"1.5Gi", 1610612736ULL},             // 1.5 * 2^30
      {"100", 100},                         // plain bytes
      {"1e3", 1000},                        // decimal exponent
      {"1E3", 1000},                        //
      {"512M", 512000000ULL},               //
      {"2Ki", 2048},                        //
      {"1k", 1000},                         //
      {"1500m", 2},                         // 1.5 bytes, rounded up
      {"1m", 1},                            // 0.001 bytes -> 1
      {"0", 0},                             //
      {"0Gi", 0},                           //
      {".5Ki", 512},                        //
      {"1.", 1},                            //
      {"0.1", 1},                           // rounded up
      {"+1Ki", 1024},                       //
      {"1E", 1000000000000000000ULL},       // exa, not an exponent
      {"1e-3", 1},                          // rounded up
      {"2.5e2", 250},                       //
      {"15Ei", 15 * kEi},                   // fits in 64 bits
      {"18446744073709551615", 18446744073709551615ULL},  // 2^64 - 1
      {"0.000000000000000000000000000001Ei", 1},          // tiny but positive
      {"1.0000000000000000000000001", 2},   // a far fractional digit still rounds up
      {"1.50000000000000000000", 2},        // trailing zeros ignored
      {"007Mi", 7 * kMi},                   // leading zeros
      {"100n", 1},                          //
      {"3u", 1},                            //
      {"1P", 1000000000000000ULL},          //
      {"1.25Ti", kTi + kTi / 4},            //
  };
  for (const auto& r : rows) {
    INFO(r.text);
    std::string error;
    const auto got = parse_quantity_bytes(r.text, &error);
    INFO(error);
    REQUIRE(got.has_value());
    CHECK(*got == r.want);
  }
}

TEST_CASE("parse_quantity_bytes rejects bad sizes", "[quantity]") {
  const char* bad[] = {"",        "   ",     "-1Gi",    "Gi",      "1GiB",  "1 Gi",
                       "1.5.5",   "1e",      "1e99999", "abc",     "1K",    "1gi",
                       "16Ei",    // 2^64: one too many
                       "18446744073709551616", "99999999999999999999999Gi", "1e20",
                       ".",       "1..5",    "1Gi ",    "1Gii",    "0x10",  "1,5Gi"};
  for (const char* text : bad) {
    INFO("\"" << text << "\"");
    std::string error;
    const auto got = parse_quantity_bytes(text, &error);
    // "1Gi " is trimmed and therefore valid; all others must fail.
    if (std::string(text) == "1Gi ") {
      CHECK(got == kGi);
      continue;
    }
    CHECK_FALSE(got.has_value());
    CHECK_FALSE(error.empty());
  }
  std::string error;
  parse_quantity_bytes("1XB", &error);
  CHECK(error.find("expected a size like 500Gi") != std::string::npos);
  CHECK_FALSE(parse_quantity_bytes(std::string(300, '1')).has_value());  // too long
}

TEST_CASE("parse_throughput in bytes per second", "[quantity]") {
  const struct {
    const char* text;
    double want;
  } rows[] = {
      {"11GiB/m", 11.0 * kGi / 60},         // policy default: ~500 GB in 45 min
      {"500MiB/s", 500.0 * kMi},            //
      {"1TiB/h", 1.0 * kTi / 3600},         //
      {"100GB/m", 100e9 / 60},              // decimal units
      {"1.5GiB/min", 1.5 * kGi / 60},       //
      {"500 MiB/s", 500.0 * kMi},           // blank allowed before the unit
      {"11Gi/m", 11.0 * kGi / 60},          // B optional
      {"2TB/d", 2e12 / 86400},              //
      {"10kB/s", 10e3},                     //
      {"64B/s", 64},                        //
  };
  for (const auto& r : rows) {
    INFO(r.text);
    std::string error;
    const auto got = parse_throughput(r.text, &error);
    INFO(error);
    REQUIRE(got.has_value());
    CHECK(*got == Approx(r.want).epsilon(1e-12));
  }
  const char* bad[] = {"", "11GiB", "GiB/m", "11XB/m", "11GiB/y", "0GiB/s", "-1GiB/s",
                       "11GiB/", "/m", "11/m", "1..5GiB/s", "11GiB/m/s"};
  for (const char* text : bad) {
    INFO("\"" << text << "\"");
    std::string error;
    CHECK_FALSE(parse_throughput(text, &error).has_value());
    CHECK_FALSE(error.empty());
  }
}

TEST_CASE("format_bytes", "[quantity]") {
  const struct {
    std::uint64_t bytes;
    const char* want;
  } rows[] = {
      {0, "0 B"},
      {1000, "1000 B"},
      {1024, "1 KiB"},
      {500 * kGi, "500 GiB"},
      {kTi + kTi / 2, "1.5 TiB"},
      {12 * kMi, "12 MiB"},
      {kMi - 1, "1 MiB"},                // 1023.999 KiB rounds up into MiB
      {kGi + kGi / 20 + 1, "1.1 GiB"},   // just over 1.05 rounds up
      {kGi + kGi / 100, "1 GiB"},        // 1.01 -> 1.0, shown without ".0"
      {200000000000ULL, "186.3 GiB"},    // "200G" = 186.26 GiB
      {18446744073709551615ULL, "16 EiB"},
  };
  for (const auto& r : rows) {
    INFO(r.bytes);
    CHECK(format_bytes(r.bytes) == r.want);
  }
}

TEST_CASE("quantity parsers survive hostile input", "[quantity]") {
  std::mt19937 rng(11);
  const std::string alphabet = "0123456789.eE+-KMGTPEikmunB/shd ";
  for (int i = 0; i < 5000; ++i) {
    std::string s;
    const int len = static_cast<int>(rng() % 30);
    for (int k = 0; k < len; ++k) s += alphabet[rng() % alphabet.size()];
    (void)parse_quantity_bytes(s);
    (void)parse_throughput(s);
  }
  SUCCEED();
}
