#pragma once
// Progress of a batch, reported through the caller's callback (BatchOptions::progress): records
// done and records known so far. Calls are serialized; nothing is drawn here (the CLI draws).
#include <functional>
#include <mutex>

namespace gongwen {

class Progress {
 public:
  explicit Progress(std::function<void(size_t done, size_t total)> report) : report_(std::move(report)) {}
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;

  void add_total(size_t n) { update(0, n); }
  void advance() { update(1, 0); }

 private:
  void update(size_t done, size_t total) {
    if (!report_) return;
    std::lock_guard lock(mu_);
    done_ += done;
    total_ += total;
    report_(done_, total_);
  }

  std::function<void(size_t, size_t)> report_;
  std::mutex mu_;
  size_t done_ = 0, total_ = 0;
};

}  // namespace gongwen
