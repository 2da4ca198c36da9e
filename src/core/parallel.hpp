#pragma once
// A minimal parallel loop: `jobs` threads take indices in order from a shared counter. Results
// go to per-index slots, so the outcome never depends on the number of threads. An exception
// thrown by the body is carried out of the loop: the one of the lowest failing index is
// rethrown once every thread has stopped (whatever the number of threads), and no index above
// a failure is started.
#include <algorithm>
#include <atomic>
#include <cstddef>
#include <exception>
#include <mutex>
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
  std::atomic<bool> failed{false};
  std::mutex mu;
  size_t failed_at = n;
  std::exception_ptr error;
  std::vector<std::thread> threads;
  threads.reserve(jobs);
  for (unsigned t = 0; t < jobs; ++t)
    threads.emplace_back([&] {
      // Indices are taken in increasing order: once one failed, every lower one is taken
      // already, so nothing new needs starting.
      for (size_t i = next++; i < n && !failed; i = next++) {
        try {
          body(i);
        } catch (...) {
          std::lock_guard lock(mu);
          if (i < failed_at) failed_at = i, error = std::current_exception();
          failed = true;
        }
      }
    });
  for (auto& th : threads) th.join();
  if (error) std::rethrow_exception(error);
}

}  // namespace gongwen
