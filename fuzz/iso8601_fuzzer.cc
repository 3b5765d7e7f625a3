// libFuzzer entry point for the "iso8601" target; the body is fuzz_iso8601() in
// fuzz_targets.cc (also replayed by tests/fuzz_regression_test.cc).
#include <cstddef>
#include <cstdint>

#include "fuzz/fuzz_targets.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  drlint::fuzz::fuzz_iso8601({reinterpret_cast<const char*>(data), size});
  return 0;
}
