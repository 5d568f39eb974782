// embargo: crash-safe file writing (POSIX).
// The content goes to a temporary file in the same folder, is fsync'ed, then renamed over the
// target, and the folder is fsync'ed: a reader (or a crash) sees either the old file or the new
// one, never a half-written file.
#ifndef EMBARGO_CORE_ATOMIC_FILE_HPP
#define EMBARGO_CORE_ATOMIC_FILE_HPP

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

/// The file a write to `path` lands in: `path` itself, or the end of its chain of symbolic links
/// (a relative link resolves against the link's folder). The target may not exist yet.
inline std::filesystem::path resolve_output_path(const std::filesystem::path& path) {
  std::filesystem::path target = path;
  struct stat st {};
  for (int hops = 0; ::lstat(target.c_str(), &st) == 0 && S_ISLNK(st.st_mode); ++hops) {
    if (hops == 40) throw io_error(path.string() + ": too many levels of symbolic links");
    std::error_code ec;
    const std::filesystem::path link = std::filesystem::read_symlink(target, ec);
    if (ec) throw io_error(target.string() + ": cannot read the symbolic link: " + ec.message());
    target = link.is_absolute() ? link : target.parent_path() / link;
  }
  return target;
}

/// Replaces `path` with `content` atomically. Throws io_error on failure, leaving the old file
/// (if any) untouched and no temporary file behind.
/// What a path names decides how it is written, so that an output never destroys what it names:
/// - a regular file or a new name: a temporary in the same folder renamed over it (keeping an
///   existing file's permissions);
/// - a symbolic link: its target is written as above; the link stays a link;
/// - a device, a FIFO or a socket (`/dev/null`, `/dev/stdout`, a named pipe): written in place,
///   since renaming over it would replace the node with a file;
/// - a directory: io_error.
inline void write_file_atomically(const std::filesystem::path& requested, std::string_view content) {
  const std::filesystem::path path = resolve_output_path(requested);
  mode_t mode = 0644;
  struct stat st {};
  if (::stat(path.c_str(), &st) == 0) {
    if (S_ISDIR(st.st_mode)) throw io_error(requested.string() + ": is a directory, expected a file name");
    if (!S_ISREG(st.st_mode)) {
      const int fd = ::open(path.c_str(), O_WRONLY | O_CLOEXEC | O_NOCTTY);
      if (fd < 0) throw io_error(requested.string() + ": cannot open for writing: " + detail::errno_text());
      try {
        detail::write_all(fd, content, requested.string());
      } catch (...) {
        ::close(fd);
        throw;
      }
      ::close(fd);
      return;
    }
    mode = st.st_mode & 07777;
  } else if (errno != ENOENT) {
    throw io_error(requested.string() + ": cannot inspect: " + detail::errno_text());
  }
  const std::filesystem::path dir = path.parent_path();
  std::string tmpl = (dir.empty() ? std::filesystem::path(".") : dir).string() + "/." +
                     path.filename().string() + ".tmp.XXXXXX";
  const int fd = ::mkstemp(tmpl.data());
  if (fd < 0) throw io_error(requested.string() + ": cannot create a temporary file: " + detail::errno_text());
  try {
    detail::write_all(fd, content, requested.string());
    if (::fchmod(fd, mode) != 0 || ::fsync(fd) != 0)
      throw io_error(requested.string() + ": fsync failed: " + detail::errno_text());
  } catch (...) {
    ::close(fd);
    ::unlink(tmpl.c_str());
    throw;
  }
  if (::close(fd) != 0) {
    const std::string why = detail::errno_text();
    ::unlink(tmpl.c_str());
    throw io_error(requested.string() + ": close failed: " + why);
  }
  if (::rename(tmpl.c_str(), path.c_str()) != 0) {
    const std::string why = detail::errno_text();
    ::unlink(tmpl.c_str());
    throw io_error(requested.string() + ": cannot rename the temporary file into place: " + why);
  }
  detail::fsync_directory(dir);
}

/// Whether `name` is a temporary of write_file_atomically (".<file>.tmp.XXXXXX"), which only a
/// crash leaves behind.
inline bool is_atomic_write_temporary(std::string_view name) {
  constexpr std::string_view mark = ".tmp.";
  if (name.size() < 1 + 1 + mark.size() + 6 || name.front() != '.') return false;
  const std::size_t at = name.size() - 6 - mark.size();
  return name.substr(at, mark.size()) == mark;
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
