// libFuzzer entry point for the "result_cache" target; the body is
// fuzz_result_cache() in fuzz_targets.cc (also replayed by
// tests/fuzz_regression_test.cc).
#include <cstddef>
#include <cstdint>

#include "fuzz/fuzz_targets.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  drlint::fuzz::fuzz_result_cache({reinterpret_cast<const char*>(data), size});
  return 0;
}
