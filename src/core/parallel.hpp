#pragma once
// A minimal parallel loop: `jobs` threads take indices in order from a shared counter. Results
// go to per-index slots, so the outcome never depends on the number of threads.
#include <algorithm>
#include <atomic>
#include <cstddef>
#include <thread>
#include <vector>

namespace gongwen {

/// Number of worker threads to use when the user says 0 ("all cores").
inline unsigned default_jobs() { return std::max(1u, std::thread::hardware_concurrency()); }

template <class F>
void parallel_for(size_t n, unsigned jobs, F&& body) {
  jobs = std::max(1u, std::min<unsigned>(jobs == 0 ? default_jobs() : jobs, static_cast<unsigned>(std::max<size_t>(n, 1))));
  if (jobs == 1) {
    for (size_t i = 0; i < n; ++i) body(i);
    return;
  }
  std::atomic<size_t> next{0};
  std::vector<std::thread> threads;
  threads.reserve(jobs);
  for (unsigned t = 0; t < jobs; ++t)
    threads.emplace_back([&] {
      for (size_t i = next++; i < n; i = next++) body(i);
    });
  for (auto& th : threads) th.join();
}

}  // namespace gongwen
