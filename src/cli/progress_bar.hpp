#pragma once
// The CLI's progress line on a terminal: records done, records/s and ETA, redrawn in place a
// few times a second by a background thread from the counts the batch reports
// (BatchOptions::progress); silent when disabled (not a terminal, --quiet).
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

namespace gongwen::cli {

class ProgressBar {
 public:
  explicit ProgressBar(bool enabled);
  ~ProgressBar();
  ProgressBar(const ProgressBar&) = delete;
  ProgressBar& operator=(const ProgressBar&) = delete;

  /// The callback for BatchOptions::progress (empty when disabled).
  std::function<void(size_t, size_t)> callback();
  /// Stops the display and clears the line.
  void finish();

 private:
  void draw();

  bool enabled_;
  std::atomic<size_t> done_{0}, total_{0};
  std::chrono::steady_clock::time_point start_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stop_ = false;
  std::thread thread_;
};

}  // namespace gongwen::cli
