// embargo: a fixed-size thread pool whose parallel_for writes results by index, so the output
// never depends on the number of threads or on scheduling (DESIGN.md §5).
#ifndef EMBARGO_PIPELINE_EXECUTOR_HPP
#define EMBARGO_PIPELINE_EXECUTOR_HPP

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <exception>
#include <functional>
#include <mutex>
#include <string>
#include <system_error>
#include <thread>
#include <vector>

#include <embargo/core/error.hpp>

namespace embargo {

/// Runs index-parallel work on `threads` workers (0: one per hardware thread; 1: inline on the
/// calling thread, no worker started). Work items are claimed from an atomic counter; each item
/// writes only its own slot, and callers merge slots in index order.
class thread_pool {
 public:
  explicit thread_pool(unsigned threads = 0)
      : size_(threads ? threads : std::max(1u, std::thread::hardware_concurrency())) {
    try {
      for (unsigned i = 1; i < size_; ++i) workers_.emplace_back([this] { worker_loop(); });
    } catch (const std::system_error& e) {  // the OS refused a thread: stop those started, report
      const std::size_t started = workers_.size();
      stop();
      throw error("thread_pool: could not start worker thread " + std::to_string(started + 1) + " of " +
                  std::to_string(size_ - 1) + ": " + e.what());
    }
  }
  ~thread_pool() { stop(); }
  thread_pool(const thread_pool&) = delete;
  thread_pool& operator=(const thread_pool&) = delete;

  unsigned size() const noexcept { return size_; }

 private:
  void stop() noexcept {
    {
      std::lock_guard lock(mutex_);
      stopping_ = true;
    }
    wake_.notify_all();
    for (auto& t : workers_) t.join();
    workers_.clear();
  }

 public:
  /// Calls fn(i) for every i in [0, n), the calling thread taking part. Blocks until all are
  /// done. If any call throws, the first exception (lowest index among those thrown) is
  /// rethrown after every claimed item finished; later items are not started.
  void parallel_for(std::size_t n, const std::function<void(std::size_t)>& fn) {
    if (n == 0) return;
    job j;
    j.fn = &fn;
    j.n = n;
    if (workers_.empty() || n == 1) {
      run_items(j);
    } else {
      {
        std::lock_guard lock(mutex_);
        job_ = &j;
        ++generation_;
      }
      wake_.notify_all();
      run_items(j);
      std::unique_lock lock(mutex_);
      done_.wait(lock, [&] { return j.finished == n_participants(j); });
      job_ = nullptr;
    }
    if (j.error) std::rethrow_exception(j.error);
  }

 private:
  struct job {
    const std::function<void(std::size_t)>* fn = nullptr;
    std::size_t n = 0;
    std::atomic<std::size_t> next{0};
    std::atomic<bool> failed{false};
    std::exception_ptr error;
    std::size_t error_index = 0;
    std::mutex error_mutex;
    unsigned joined = 0, finished = 0;  // guarded by the pool's mutex
  };

  unsigned n_participants(const job& j) const { return j.joined; }

  static void run_items(job& j) {
    for (;;) {
      const std::size_t i = j.next.fetch_add(1);
      if (i >= j.n || j.failed.load()) return;
      try {
        (*j.fn)(i);
      } catch (...) {
        std::lock_guard lock(j.error_mutex);
        if (!j.error || i < j.error_index) j.error = std::current_exception(), j.error_index = i;
        j.failed = true;
      }
    }
  }

  void worker_loop() {
    std::size_t seen = 0;
    for (;;) {
      job* j = nullptr;
      {
        std::unique_lock lock(mutex_);
        wake_.wait(lock, [&] { return stopping_ || (job_ && generation_ != seen); });
        if (stopping_) return;
        seen = generation_;
        j = job_;
        ++j->joined;
      }
      run_items(*j);
      {
        std::lock_guard lock(mutex_);
        ++j->finished;
      }
      done_.notify_all();
    }
  }

  unsigned size_;
  std::vector<std::thread> workers_;
  std::mutex mutex_;
  std::condition_variable wake_, done_;
  job* job_ = nullptr;
  std::size_t generation_ = 0;
  bool stopping_ = false;
};

/// Maps fn over [0, n) on the pool and returns the results in index order.
template <class Fn>
auto parallel_map(thread_pool& pool, std::size_t n, Fn&& fn) {
  using result = decltype(fn(std::size_t{}));
  std::vector<result> out(n);
  pool.parallel_for(n, [&](std::size_t i) { out[i] = fn(i); });
  return out;
}

}  // namespace embargo

#endif
