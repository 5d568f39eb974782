// Atomic file replacement: a reader or a crash sees the old file or the new one, never a mix.
#include <catch2/catch.hpp>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <string>

#include <embargo/core/atomic_file.hpp>
#include <embargo/data/csv.hpp>

#include "../test_support.hpp"

TEST_CASE("write_file_atomically replaces the file and leaves no temporary behind") {
  embargo::test::temp_dir dir;
  const auto path = dir / "out.json";
  embargo::write_file_atomically(path, "old");
  embargo::write_file_atomically(path, "new content");
  CHECK(embargo::read_text_file(path.string()) == "new content");
  std::size_t files = 0;
  for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator(dir.path())) ++files;
  CHECK(files == 1);
}

TEST_CASE("a failed write leaves the old file untouched") {
  embargo::test::temp_dir dir;
  const auto path = dir / "out.json";
  embargo::write_file_atomically(path, "old");
  // The target is a non-empty directory: rename fails after the temp file was written.
  const auto blocked = dir / "blocked";
  std::filesystem::create_directories(blocked / "child");
  CHECK_THROWS_AS(embargo::write_file_atomically(blocked, "x"), embargo::io_error);
  CHECK_THROWS_WITH(embargo::write_file_atomically(dir / "missing" / "f.txt", "x"),
                    Catch::Contains("cannot create a temporary file"));
  CHECK(embargo::read_text_file(path.string()) == "old");
  std::size_t files = 0;
  for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator(dir.path())) ++files;
  CHECK(files == 2);  // out.json and blocked/: no temporary left behind
}

TEST_CASE("a writer killed at a random moment leaves the old or the new file, whole") {
  embargo::test::temp_dir dir;
  const auto path = dir / "state.csv";
  const std::string a(1 << 20, 'a'), b(1 << 20, 'b');
  embargo::write_file_atomically(path, a);
  for (int trial = 0; trial < 40; ++trial) {
    const pid_t pid = ::fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {  // child: rewrite forever until killed
      for (int i = 0;; ++i) embargo::write_file_atomically(path, i % 2 ? a : b);
    }
    ::usleep(static_cast<useconds_t>(200 + 500 * trial));
    ::kill(pid, SIGKILL);
    int status = 0;
    ::waitpid(pid, &status, 0);
    const auto content = embargo::read_text_file(path.string());
    INFO("trial " << trial);
    REQUIRE(content.size() == a.size());
    REQUIRE((content == a || content == b));
  }
}
