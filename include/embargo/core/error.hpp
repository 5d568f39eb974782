// embargo: the error hierarchy.
// Every failure the library reports is an embargo::error; messages say what was wrong, where,
// and what was expected, e.g. "bars.csv:1204: timestamp 2021-03-01 is not after 2021-03-01".
#ifndef EMBARGO_CORE_ERROR_HPP
#define EMBARGO_CORE_ERROR_HPP

#include <cstddef>
#include <stdexcept>
#include <string>

namespace embargo {

/// Base of every exception embargo throws.
class error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// A caller passed an argument outside the documented domain (k < 2, c <= -1, ...).
class invalid_argument : public error {
 public:
  using error::error;
};

/// Input data is malformed or inconsistent (NaN price, unsorted timestamps, t1 < t0, ...).
/// When the data came from a file, `file()` and `line()` say where (line is 1-based, 0 = none).
class data_error : public error {
 public:
  explicit data_error(const std::string& what) : error(what) {}
  data_error(std::string file, std::size_t line, const std::string& what)
      : error(file + ":" + std::to_string(line) + ": " + what), file_(std::move(file)), line_(line) {}
  const std::string& file() const noexcept { return file_; }
  std::size_t line() const noexcept { return line_; }

 private:
  std::string file_;
  std::size_t line_ = 0;
};

/// The operating system refused a read, write, rename, lock or fsync.
class io_error : public error {
 public:
  using error::error;
};

namespace detail {
/// Throws invalid_argument with `what` unless `ok`. Keeps preconditions one line each.
inline void require(bool ok, const std::string& what) {
  if (!ok) throw invalid_argument(what);
}
}  // namespace detail

}  // namespace embargo

#endif
