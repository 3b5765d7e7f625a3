// Sizes and rates: Kubernetes resource quantities for PVC sizes ("500Gi",
// "200G", "1.5Gi", "1e3") and drlint's `restore_throughput` ("11GiB/m").
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace drlint::schedule {

// A Kubernetes quantity in bytes: a non-negative decimal number ("100",
// "1.5", ".5", "1.") followed by an optional suffix: binary Ki Mi Gi Ti Pi Ei,
// decimal n u m k M G T P E, or an exponent e3/E-2. Fractional byte counts
// are rounded up ("1500m" is 2). Negative values, overflow beyond 2^64-1,
// unknown suffixes and text over 256 characters give nullopt and, if
// `error` is given, what was expected. (With more than 19 fractional
// digits the round-up may be one byte high.)
std::optional<std::uint64_t> parse_quantity_bytes(std::string_view text,
                                                  std::string* error = nullptr);

// A throughput "<number>[ ]<unit>/<time>" in bytes per second: units B,
// kB/KB, MB, GB, TB, PB (powers of 1000) and KiB, MiB, GiB, TiB, PiB
// (powers of 1024), the trailing B optional ("11Gi/m"); time s, m or min,
// h, d. "11GiB/m" = 11 * 2^30 / 60. Must be greater than zero.
std::optional<double> parse_throughput(std::string_view text,
                                       std::string* error = nullptr);

// Human size with binary units and at most one decimal: "500 GiB",
// "1.5 TiB", "12 MiB", "1000 B". Rounded to the nearest tenth.
std::string format_bytes(std::uint64_t bytes);

}  // namespace drlint::schedule
