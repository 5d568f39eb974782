// embargo: an exclusive advisory lock (flock) on a file, held for the lifetime of the object.
// Serialises read-modify-write of index.json and appends to the histories across processes;
// the kernel drops the lock when the process dies, so a crash never leaves it held.
#ifndef EMBARGO_ARCHIVE_FILE_LOCK_HPP
#define EMBARGO_ARCHIVE_FILE_LOCK_HPP

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <string>

#include <embargo/core/error.hpp>

namespace embargo {

/// Opens (creating if needed) `path` and blocks until it holds LOCK_EX on it. Throws io_error
/// when the file cannot be opened or locked. Not copyable; movable is not needed.
class file_lock {
 public:
  explicit file_lock(const std::filesystem::path& path) {
    fd_ = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd_ < 0) throw io_error(path.string() + ": cannot open lock file: " + std::strerror(errno));
    int rc;
    do rc = ::flock(fd_, LOCK_EX);
    while (rc != 0 && errno == EINTR);
    if (rc != 0) {
      const std::string why = std::strerror(errno);
      ::close(fd_);
      throw io_error(path.string() + ": cannot lock: " + why);
    }
  }
  ~file_lock() {
    ::flock(fd_, LOCK_UN);
    ::close(fd_);
  }
  file_lock(const file_lock&) = delete;
  file_lock& operator=(const file_lock&) = delete;

  /// The locked descriptor (the history appends write through it).
  int fd() const noexcept { return fd_; }

 private:
  int fd_ = -1;
};

}  // namespace embargo

#endif
