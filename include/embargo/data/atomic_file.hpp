// embargo: crash-safe file writing (POSIX).
// The content goes to a temporary file in the same folder, is fsync'ed, then renamed over the
// target, and the folder is fsync'ed: a reader (or a crash) sees either the old file or the new
// one, never a half-written file.
#ifndef EMBARGO_DATA_ATOMIC_FILE_HPP
#define EMBARGO_DATA_ATOMIC_FILE_HPP

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <string>
#include <string_view>

#include <embargo/core/error.hpp>

namespace embargo {

namespace detail {
inline std::string errno_text() { return std::strerror(errno); }

inline void write_all(int fd, std::string_view data, const std::string& path) {
  while (!data.empty()) {
    const ssize_t w = ::write(fd, data.data(), data.size());
    if (w < 0) {
      if (errno == EINTR) continue;
      throw io_error(path + ": write failed: " + errno_text());
    }
    data.remove_prefix(static_cast<std::size_t>(w));
  }
}

inline void fsync_directory(const std::filesystem::path& dir) {
  const int fd = ::open(dir.empty() ? "." : dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;  // some filesystems do not allow it; the rename is still atomic
  (void)::fsync(fd);
  ::close(fd);
}
}  // namespace detail

/// Replaces `path` with `content` atomically. Throws io_error on failure, leaving the old file
/// (if any) untouched and no temporary file behind.
inline void write_file_atomically(const std::filesystem::path& path, std::string_view content) {
  const std::filesystem::path dir = path.parent_path();
  std::string tmpl = (dir.empty() ? std::filesystem::path(".") : dir).string() + "/." +
                     path.filename().string() + ".tmp.XXXXXX";
  const int fd = ::mkstemp(tmpl.data());
  if (fd < 0) throw io_error(path.string() + ": cannot create a temporary file: " + detail::errno_text());
  try {
    detail::write_all(fd, content, path.string());
    if (::fchmod(fd, 0644) != 0 || ::fsync(fd) != 0)
      throw io_error(path.string() + ": fsync failed: " + detail::errno_text());
  } catch (...) {
    ::close(fd);
    ::unlink(tmpl.c_str());
    throw;
  }
  if (::close(fd) != 0) {
    const std::string why = detail::errno_text();
    ::unlink(tmpl.c_str());
    throw io_error(path.string() + ": close failed: " + why);
  }
  if (::rename(tmpl.c_str(), path.c_str()) != 0) {
    const std::string why = detail::errno_text();
    ::unlink(tmpl.c_str());
    throw io_error(path.string() + ": cannot rename the temporary file into place: " + why);
  }
  detail::fsync_directory(dir);
}

/// Writes a new file that nobody reads until its folder is published: a folder staged under a
/// hidden name and renamed into place after sync_filesystem (training_archive::write_run). No
/// temporary, no fsync per file: a run of 10000 symbols writes 30000 model files, and one
/// filesystem sync before the folder's rename makes them all durable at once. Fails (io_error)
/// if the file exists.
inline void write_new_file(const std::filesystem::path& path, std::string_view content) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd < 0) throw io_error(path.string() + ": cannot create: " + detail::errno_text());
  try {
    detail::write_all(fd, content, path.string());
  } catch (...) {
    ::close(fd);
    throw;
  }
  if (::close(fd) != 0) throw io_error(path.string() + ": close failed: " + detail::errno_text());
}

/// Flushes every file of the filesystem holding `dir` to disk (syncfs): what write_new_file wrote
/// there is durable once this returns. io_error when the sync fails (a full or failing disk).
inline void sync_filesystem(const std::filesystem::path& dir) {
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) throw io_error(dir.string() + ": cannot open: " + detail::errno_text());
#if defined(__linux__)
  const int rc = ::syncfs(fd);
#else
  ::sync();  // POSIX: schedules the writes; no error to report
  const int rc = 0;
#endif
  const std::string why = rc != 0 ? detail::errno_text() : "";
  ::close(fd);
  if (rc != 0) throw io_error(dir.string() + ": sync failed: " + why);
}

}  // namespace embargo

#endif
