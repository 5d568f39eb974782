// Runs the embargo program as a user's script would and captures what it printed.
#ifndef EMBARGO_TESTS_CLI_RUN_TOOL_HPP
#define EMBARGO_TESTS_CLI_RUN_TOOL_HPP

#include <sys/wait.h>

#include <cstdio>
#include <cstdlib>
#include <string>

#include "../test_support.hpp"

namespace embargo::test {

struct tool_result {
  int status = -1;
  std::string out, err;
};

/// Runs `embargo <args>` through the shell (args are shell words: quote paths yourself).
inline tool_result run_tool(const std::string& args) {
  static int counter = 0;
  const auto err_path = std::filesystem::temp_directory_path() /
                        ("embargo-cli-err-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
  const std::string cmd = std::string("'") + EMBARGO_TOOL + "' " + args + " 2>'" + err_path.string() + "' </dev/null";
  tool_result r;
  FILE* p = ::popen(cmd.c_str(), "r");
  if (!p) return r;
  char buf[4096];
  std::size_t k;
  while ((k = std::fread(buf, 1, sizeof buf, p)) > 0) r.out.append(buf, k);
  const int st = ::pclose(p);
  r.status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
  std::ifstream e(err_path);
  r.err.assign(std::istreambuf_iterator<char>(e), {});
  std::filesystem::remove(err_path);
  return r;
}

}  // namespace embargo::test

#endif
