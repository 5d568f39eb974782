// What an output path names decides how it is written: an output never replaces a device, a FIFO
// or a symbolic link with a regular file, and a full disk leaves the old file whole.
#include <catch2/catch.hpp>

#include <fcntl.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <string>
#include <thread>

#include <embargo/core/atomic_file.hpp>
#include <embargo/data/csv.hpp>

#include "../test_support.hpp"

namespace fs = std::filesystem;

namespace {
std::size_t entries(const fs::path& dir) {
  std::size_t n = 0;
  for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir)) ++n;
  return n;
}
}  // namespace

TEST_CASE("an output on a character device is written in place and the device stays") {
  embargo::write_file_atomically("/dev/null", "discarded\n");
  struct stat st {};
  REQUIRE(::lstat("/dev/null", &st) == 0);
  CHECK(S_ISCHR(st.st_mode));
}

TEST_CASE("a full device reports an io_error naming the path") {
  if (!fs::exists("/dev/full")) {
    WARN("/dev/full is not available: case not run");
    return;
  }
  CHECK_THROWS_WITH(embargo::write_file_atomically("/dev/full", std::string(1 << 16, 'x')),
                    Catch::Contains("/dev/full") && Catch::Contains("write failed"));
}

TEST_CASE("an output on a FIFO is written into the FIFO, which stays a FIFO") {
  embargo::test::temp_dir dir;
  const fs::path fifo = dir / "pipe";
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  std::string received;
  std::thread reader([&] { received = embargo::read_text_file(fifo.string()); });
  embargo::write_file_atomically(fifo, "through the pipe\n");
  reader.join();
  CHECK(received == "through the pipe\n");
  CHECK(fs::is_fifo(fs::symlink_status(fifo)));
  CHECK(entries(dir.path()) == 1);
}

TEST_CASE("an output on a symbolic link replaces the link's target and keeps the link") {
  embargo::test::temp_dir dir;
  fs::create_directories(dir / "real");
  embargo::test::write_text(dir / "real" / "out.csv", "old\n");

  SECTION("absolute link") { fs::create_symlink(dir / "real" / "out.csv", dir / "link.csv"); }
  SECTION("relative link, resolved against the link's folder") { fs::create_symlink("real/out.csv", dir / "link.csv"); }
  SECTION("a chain of links") {
    fs::create_symlink("real/out.csv", dir / "middle.csv");
    fs::create_symlink("middle.csv", dir / "link.csv");
  }
  embargo::write_file_atomically(dir / "link.csv", "new\n");
  CHECK(fs::is_symlink(dir / "link.csv"));
  CHECK(embargo::read_text_file((dir / "real" / "out.csv").string()) == "new\n");
  CHECK(entries(dir / "real") == 1);  // no temporary beside the target
}

TEST_CASE("a dangling link gets its target created, a link loop is an io_error") {
  embargo::test::temp_dir dir;
  fs::create_symlink("target.csv", dir / "link.csv");
  embargo::write_file_atomically(dir / "link.csv", "created\n");
  CHECK(fs::is_symlink(dir / "link.csv"));
  CHECK(embargo::read_text_file((dir / "target.csv").string()) == "created\n");

  fs::create_symlink("b", dir / "a");
  fs::create_symlink("a", dir / "b");
  CHECK_THROWS_AS(embargo::write_file_atomically(dir / "a", "x"), embargo::io_error);
}

TEST_CASE("a directory is not an output file, and an existing file keeps its permissions") {
  embargo::test::temp_dir dir;
  CHECK_THROWS_WITH(embargo::write_file_atomically(dir.path(), "x"), Catch::Contains("is a directory"));
  const fs::path f = dir / "private.json";
  embargo::write_file_atomically(f, "1");
  fs::permissions(f, fs::perms::owner_read | fs::perms::owner_write);
  embargo::write_file_atomically(f, "2");
  CHECK((fs::status(f).permissions() & fs::perms::all) == (fs::perms::owner_read | fs::perms::owner_write));
}

TEST_CASE("a write that hits the file size limit fails naming the file and leaves the old file whole") {
  // A full disk as a process sees it: RLIMIT_FSIZE makes write() fail with EFBIG past the limit,
  // like ENOSPC on a full filesystem, without needing a mount. In a child, so the limit is its own.
  embargo::test::temp_dir dir;
  const fs::path f = dir / "summary.json";
  embargo::write_file_atomically(f, "old content\n");
  const pid_t pid = ::fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    ::signal(SIGXFSZ, SIG_IGN);
    const rlimit lim{4096, 4096};
    ::setrlimit(RLIMIT_FSIZE, &lim);
    try {
      embargo::write_file_atomically(f, std::string(1 << 20, 'x'));
    } catch (const embargo::io_error& e) {
      const std::string what = e.what();
      ::_exit(what.find(f.string()) != std::string::npos && what.find("write failed") != std::string::npos ? 0 : 3);
    } catch (...) {
      ::_exit(4);
    }
    ::_exit(5);  // the write did not fail
  }
  int status = 0;
  REQUIRE(::waitpid(pid, &status, 0) == pid);
  REQUIRE(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 0);
  CHECK(embargo::read_text_file(f.string()) == "old content\n");
  CHECK(entries(dir.path()) == 1);  // the temporary was removed
}

TEST_CASE("atomic-write temporaries are recognised by name") {
  CHECK(embargo::is_atomic_write_temporary(".index.json.tmp.Ab12Cd"));
  CHECK(embargo::is_atomic_write_temporary(".x.tmp.000000"));
  CHECK_FALSE(embargo::is_atomic_write_temporary("index.json"));
  CHECK_FALSE(embargo::is_atomic_write_temporary(".index.json.tmp."));
  CHECK_FALSE(embargo::is_atomic_write_temporary(".staging-20260101T000000Z"));
}
