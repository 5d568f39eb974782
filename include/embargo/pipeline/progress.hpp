// embargo: a progress bar on stderr, drawn only when stderr is a terminal (scripts and CI logs
// stay clean). Thread-safe: workers call tick() as they finish items.
#ifndef EMBARGO_PIPELINE_PROGRESS_HPP
#define EMBARGO_PIPELINE_PROGRESS_HPP

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <mutex>
#include <string>

namespace embargo {

class progress_bar {
 public:
  /// enabled: nullopt-like tri-state via `force`: -1 auto (terminal only), 0 never, 1 always.
  progress_bar(std::size_t total, std::string label, int force = -1)
      : total_(total), label_(std::move(label)), start_(clock::now()),
        enabled_(force < 0 ? ::isatty(STDERR_FILENO) == 1 : force == 1) {}
  ~progress_bar() {
    if (enabled_ && drawn_) std::fputc('\n', stderr);
  }
  progress_bar(const progress_bar&) = delete;
  progress_bar& operator=(const progress_bar&) = delete;

  /// One more item done; `what` names it (e.g. the symbol).
  void tick(const std::string& what = {}) {
    std::lock_guard lock(mutex_);
    ++done_;
    if (!enabled_) return;
    const double elapsed = std::chrono::duration<double>(clock::now() - start_).count();
    const double eta = done_ ? elapsed / static_cast<double>(done_) * static_cast<double>(total_ - done_) : 0.0;
    const int width = 30;
    const int filled = total_ ? static_cast<int>(width * done_ / total_) : width;
    std::fprintf(stderr, "\r%s [%.*s%*s] %zu/%zu  %.0fs elapsed, ETA %.0fs  %-12s", label_.c_str(), filled,
                 "##############################", width - filled, "", done_, total_, elapsed, eta, what.c_str());
    std::fflush(stderr);
    drawn_ = true;
  }
  std::size_t done() const {
    std::lock_guard lock(mutex_);
    return done_;
  }
  bool enabled() const noexcept { return enabled_; }

 private:
  using clock = std::chrono::steady_clock;
  std::size_t total_, done_ = 0;
  std::string label_;
  clock::time_point start_;
  bool enabled_, drawn_ = false;
  mutable std::mutex mutex_;
};

}  // namespace embargo

#endif
