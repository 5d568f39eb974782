// embargo: append-only JSON Lines files (training_history.jsonl, monitoring_history.jsonl).
// Appends hold an flock and write one whole line; a line torn by a crash is fenced off by a
// newline before the next append, and readers skip invalid lines with a warning.
// embargo-requires: json
#ifndef EMBARGO_ARCHIVE_JSON_LINES_HPP
#define EMBARGO_ARCHIVE_JSON_LINES_HPP

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <span>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include <embargo/archive/file_lock.hpp>
#include <embargo/core/atomic_file.hpp>

namespace embargo {

/// Appends `records`, one line each, to `path` (created if absent). Holds LOCK_EX on the file
/// itself while it checks the last byte, writes and fsyncs (once for all the lines), so concurrent
/// appenders never interleave. If the file does not end with a newline (a torn line from a crash),
/// a newline is written first, so the torn fragment stays an invalid line of its own and the new
/// lines are whole. Throws io_error on a failed write and nlohmann::json::type_error on invalid
/// UTF-8 strings (before anything is written).
inline void append_json_lines(const std::filesystem::path& path, std::span<const nlohmann::json> records) {
  if (records.empty()) return;
  std::string lines;
  for (const auto& r : records) {
    lines += r.dump(-1, ' ', false, nlohmann::json::error_handler_t::strict);
    lines.push_back('\n');
  }
  file_lock lock(path);
  const int fd = lock.fd();
  const off_t end = ::lseek(fd, 0, SEEK_END);
  if (end < 0) throw io_error(path.string() + ": cannot seek: " + detail::errno_text());
  if (end > 0) {
    char last = '\n';
    if (::pread(fd, &last, 1, end - 1) != 1) throw io_error(path.string() + ": cannot read: " + detail::errno_text());
    if (last != '\n') lines.insert(lines.begin(), '\n');
  }
  detail::write_all(fd, lines, path.string());
  if (::fsync(fd) != 0) throw io_error(path.string() + ": fsync failed: " + detail::errno_text());
  if (end == 0) detail::fsync_directory(path.parent_path());  // a new file's name must survive a crash too
}

/// Appends `record` as one line (append_json_lines).
inline void append_json_line(const std::filesystem::path& path, const nlohmann::json& record) {
  append_json_lines(path, std::span<const nlohmann::json>(&record, 1));
}

/// Records of a JSON Lines file, and one warning per skipped line ("file:line: ...").
struct json_lines {
  std::vector<nlohmann::json> records;
  std::vector<std::string> warnings;
};

/// Reads every valid line of `path`; a missing file is empty. Blank lines are ignored; a line
/// that is not valid JSON (typically the torn last line of a crash) is skipped with a warning.
inline json_lines read_json_lines(const std::filesystem::path& path) {
  json_lines out;
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    if (std::filesystem::exists(path)) throw io_error(path.string() + ": cannot open for reading");
    return out;
  }
  std::string line;
  std::size_t n = 0;
  while (std::getline(in, line)) {
    ++n;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    nlohmann::json j = nlohmann::json::parse(line, nullptr, false);
    if (j.is_discarded())
      out.warnings.push_back(path.string() + ":" + std::to_string(n) +
                             ": skipped an invalid line (torn by an interrupted append?)");
    else
      out.records.push_back(std::move(j));
  }
  return out;
}

}  // namespace embargo

#endif
