// The one work-sharing loop of the scan: loading files and evaluating
// Terraform roots both hand out indexes to a few threads.
#pragma once

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <thread>
#include <vector>

namespace drlint {

// Runs body(0..count-1) on `jobs` threads, the caller's included (0 = all
// cores); returns when every call has returned. Each index runs once.
template <typename Body>
void parallel_for(unsigned jobs, std::size_t count, const Body& body) {
  if (jobs == 0) jobs = std::max(1u, std::thread::hardware_concurrency());
  std::atomic<std::size_t> next{0};
  auto worker = [&] {
    for (std::size_t i = next++; i < count; i = next++) body(i);
  };
  std::vector<std::thread> threads;
  for (unsigned t = 1; t < jobs && t < count; ++t) threads.emplace_back(worker);
  worker();
  for (std::thread& t : threads) t.join();
}

}  // namespace drlint
