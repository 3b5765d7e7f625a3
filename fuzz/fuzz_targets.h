// The bodies of drlint's fuzz targets (issue #9). Each fuzz/<name>_fuzzer.cc
// is a libFuzzer entry point that calls one of these; the Catch2 test
// tests/fuzz_regression_test.cc calls the very same functions with g++ to
// replay testdata/fuzz/seeds/ and testdata/fuzz/regressions/.
//
// Every function takes arbitrary bytes, must return (no crash, no uncaught
// exception, bounded time and memory) and checks a few properties of the
// result; a broken property calls fail(), which by default prints the
// message and aborts (a libFuzzer crash). It returns true when the input
// was accepted (parsed, valid), false when it was rejected with an error.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace drlint::fuzz {

// parse_yaml (load/yaml_loader.h) and looks_like_helm_template.
bool fuzz_yaml(std::string_view data);
// parse_hcl (load/hcl_loader.h), as for a .tf file.
bool fuzz_hcl(std::string_view data);
// The pre-scan of .tf files (load/hcl_prescan.h, load/hcl_recognize.h,
// scan/parse_plan.h): parsing only the planned ranges must report a syntax
// error exactly when parsing the whole file does, and a block the
// recognizer accepts must parse.
bool fuzz_hcl_prescan(std::string_view data);
// A small in-memory repository, loaded as the scan loads it (pre-scan,
// plan, parse), then evaluate_terraform (eval/terraform.h) and
// link::build_graph. The data is main.tf; a line "#--- PATH" starts
// another file (PATH repository-relative: modules/x/main.tf, prod.tfvars,
// k8s/velero.yaml, ...), at most 16 files.
bool fuzz_terraform_eval(std::string_view data);
// parse_template and parse_expression (eval/template_parse.h).
bool fuzz_template(std::string_view data);
// parse_cron, runs_ever, longest_gap, longest_gap_in_days (schedule/cron.h).
bool fuzz_cron(std::string_view data);
// parse_repeating_interval, one per line (at most 8), then
// longest_gap_of_intervals on those that parse (schedule/iso8601.h).
bool fuzz_iso8601(std::string_view data);
// parse_duration, parse_go_duration, parse_iso8601_duration and
// format_duration (schedule/duration.h).
bool fuzz_duration(std::string_view data);
// parse_quantity_bytes, parse_throughput, format_bytes (schedule/quantity.h).
bool fuzz_quantity(std::string_view data);
// load_config_text (config/config_loader.h).
bool fuzz_config(std::string_view data);
// cache::read_payload (cache/result_cache.h): the findings and the graph
// of a --cache-dir entry, for a scan of 4 files: it fails,
// or every location it gives names one of them and a re-encoding reads
// back the same.
bool fuzz_result_cache(std::string_view data);

struct Target {
  const char* name;  // directory name under testdata/fuzz/{seeds,regressions}/
  bool (*run)(std::string_view);
};

// Every target, in a fixed order; nullptr-terminated (name == nullptr).
const Target* targets();
// The target called `name`, or nullptr.
const Target* find_target(std::string_view name);

// Called when a property does not hold. The default handler prints
// "drlint fuzz: property failed: <message>" to stderr and aborts; the
// regression test installs one that throws so Catch2 reports the input.
using FailureHandler = void (*)(const std::string& message);
void set_failure_handler(FailureHandler handler);
[[noreturn]] void fail(const std::string& message);

}  // namespace drlint::fuzz
