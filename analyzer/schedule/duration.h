// Durations as drlint meets them: policy values (`rpo: 1h30m`), Velero
// `ttl` values (Go durations, "720h0m0s"), ISO 8601 durations from Azure
// Backup policies ("PT4H", "P30D"), and a compact human format for messages.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace drlint::schedule {

using Seconds = std::int64_t;

inline constexpr Seconds kMinute = 60;
inline constexpr Seconds kHour = 3600;
inline constexpr Seconds kDay = 86400;
inline constexpr Seconds kWeek = 7 * kDay;
// Calendar units in ISO 8601 durations have no fixed length; drlint uses
// a month of 30 days and a year of 365 days (Azure Backup retention
// "P12M" is then 360 days, "P1Y" 365 days).
inline constexpr Seconds kIsoMonth = 30 * kDay;
inline constexpr Seconds kIsoYear = 365 * kDay;
// Longest duration any parser here accepts (1000 years of 366 days);
// anything larger is reported as an error instead of risking overflow.
inline constexpr Seconds kMaxSeconds = 1000LL * 366 * kDay;

// drlint policy durations: one or more `<integer><unit>` parts, units
// d, h, m, s, each at most once and from largest to smallest ("2d",
// "1h30m", "90s", "1d12h"). Surrounding blanks are ignored. On failure
// returns nullopt and, if `error` is given, sets it to what was expected.
std::optional<Seconds> parse_duration(std::string_view text,
                                      std::string* error = nullptr);

// Go time.ParseDuration syntax (Velero `ttl`, cron `@every`): an optional
// sign, then `<number><unit>` parts with units ns, us/µs, ms, s, m, h and
// decimal fractions ("720h0m0s", "0.5h", "1.5h", "300ms"); "0" alone is
// allowed. The result is truncated toward zero to whole seconds ("300ms"
// gives 0, "-1.5s" gives -1). Values beyond Go's int64-nanosecond range
// (about 2562047h) are errors, as in Go.
std::optional<Seconds> parse_go_duration(std::string_view text,
                                         std::string* error = nullptr);

// ISO 8601 durations "PnYnMnWnDTnHnMnS" (any subset, at least one part,
// integers only, letters case-insensitive): "PT4H", "P1D", "P1W", "P30D",
// "P1DT12H", "P12M", "P1Y". Y = 365 days and M (before T) = 30 days.
std::optional<Seconds> parse_iso8601_duration(std::string_view text,
                                              std::string* error = nullptr);

// Compact human text; for s >= 0 it is re-parseable by parse_duration:
//  - whole days and at least 7 days: "7d", "30d", "61d";
//  - otherwise hours/minutes/seconds with zero parts left out: "72h",
//    "24h", "1h30m", "15m", "45s", "169h30m", "1m30s";
//  - 0 is "0s"; negative values get a leading '-'.
std::string format_duration(Seconds s);

}  // namespace drlint::schedule
