// Exit statuses that a command raises as exceptions, in a header light enough for every
// translation unit (cli.hpp brings CLI11, which costs seconds to parse).
#ifndef EMBARGO_TOOLS_EXIT_STATUS_HPP
#define EMBARGO_TOOLS_EXIT_STATUS_HPP

#include <stdexcept>

namespace embargo::cli {

/// Thrown by a command whose work finished but is incomplete (a research run with failed
/// symbols): its output is written, and the program exits with status 3.
class incomplete_run : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace embargo::cli

#endif
