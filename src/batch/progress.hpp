#pragma once
// Progress of a batch on a terminal: records done, records/s and ETA, redrawn in place a few
// times a second by a background thread; silent when disabled (not a terminal, --quiet).
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

namespace gongwen {

class Progress {
 public:
  explicit Progress(bool enabled);
  ~Progress();
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;

  void add_total(size_t n) { total_ += n; }
  void advance() { ++done_; }
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

}  // namespace gongwen
