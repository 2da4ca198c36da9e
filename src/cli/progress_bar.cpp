#include "cli/progress_bar.hpp"

#include <cstdio>

namespace gongwen::cli {

ProgressBar::ProgressBar(bool enabled) : enabled_(enabled), start_(std::chrono::steady_clock::now()) {
  if (!enabled_) return;
  thread_ = std::thread([this] {
    std::unique_lock lock(mu_);
    while (!cv_.wait_for(lock, std::chrono::milliseconds(250), [this] { return stop_; })) draw();
  });
}

ProgressBar::~ProgressBar() { finish(); }

std::function<void(size_t, size_t)> ProgressBar::callback() {
  if (!enabled_) return {};
  return [this](size_t done, size_t total) {
    done_ = done;
    total_ = total;
  };
}

void ProgressBar::draw() {
  const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  const size_t done = done_, total = total_;
  const double rate = s > 0 ? static_cast<double>(done) / s : 0;
  char eta[32] = "";
  if (total > done && rate > 0) std::snprintf(eta, sizeof eta, "  ETA %.0fs", static_cast<double>(total - done) / rate);
  if (total > 0) std::fprintf(stderr, "\r\033[K%zu/%zu records  %.0f records/s%s", done, total, rate, eta);
  else std::fprintf(stderr, "\r\033[K%zu records  %.0f records/s", done, rate);
  std::fflush(stderr);
}

void ProgressBar::finish() {
  if (!enabled_ || !thread_.joinable()) return;
  {
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  thread_.join();
  std::fprintf(stderr, "\r\033[K");
  std::fflush(stderr);
}

}  // namespace gongwen::cli
