// ISO 8601 repeating intervals of Azure Backup for AKS policies
// (azurerm_data_protection_backup_policy_kubernetes_cluster
// `backup_repeating_time_intervals`, e.g. "R/2024-01-01T02:00:00+00:00/PT4H")
// and the longest gap between backups when a policy lists several.
// Retention durations ("P7D", "P1W", "P12M", "P1Y") are parsed by
// parse_iso8601_duration in duration.h (month = 30 days, year = 365 days).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analyzer/schedule/duration.h"

namespace drlint::schedule {

struct RepeatingInterval {
  std::string start_text;               // "2024-01-01T02:00:00+00:00"
  std::int64_t start_epoch = 0;         // seconds since 1970-01-01T00:00:00Z
  int seconds_of_day = 0;               // start time of day as written
  std::optional<int> utc_offset;        // seconds east of UTC; none written:
                                        // nullopt and treated as UTC
  std::optional<std::int64_t> repetitions;  // "R5/..."; nullopt for "R/..."
  Seconds period = 0;                   // > 0
  std::string period_text;              // "PT4H"
};

// Parses "R[n]/YYYY-MM-DDThh:mm[:ss[.fff]][Z|+hh:mm|-hh:mm|+hhmm|+hh]/<duration>".
// On failure returns nullopt and, if `error` is given, says what was expected.
std::optional<RepeatingInterval> parse_repeating_interval(std::string_view text,
                                                          std::string* error = nullptr);

// Longest time between two consecutive backups when all intervals of a
// policy run together, in steady state (repetition counts and the time
// before the latest start are ignored). The union of the runs repeats with
// the least common multiple L of the periods (one week for any mix of
// PT1H..PT12H, P1D and P1W); when L is at most 5 years and the runs in L
// number at most 200000 the answer is exact, e.g. daily at 02:00 and 14:00
// gives 12h. Otherwise it falls back to the smallest period, which is
// always an upper bound (conservative for RPO checks). nullopt if empty.
std::optional<Seconds> longest_gap_of_intervals(const std::vector<RepeatingInterval>& intervals);

}  // namespace drlint::schedule
