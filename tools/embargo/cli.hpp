// The embargo tool's shared plumbing: command registration, output, exit codes.
#ifndef EMBARGO_TOOLS_CLI_HPP
#define EMBARGO_TOOLS_CLI_HPP

#include <functional>
#include <string>
#include <string_view>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "exit_status.hpp"

namespace embargo {
struct bars;
struct panel;
}  // namespace embargo

namespace embargo::cli {

/// The bars of --symbol in `file`'s panel; a single-symbol file needs no --symbol, a multi-symbol
/// one does (invalid_argument), and an unknown symbol is a data_error naming the file.
const bars& pick_symbol(const panel& p, const std::string& file, const std::string& symbol);

/// Adds one subcommand (and its callback) to the program.
using command_adder = std::function<void(CLI::App&)>;

/// Called from a static initializer in each cmd_*.cpp: `static const bool r = register_command("simulate", add);`
bool register_command(std::string name, command_adder add);

/// Adds every registered command, sorted by name, so help lists them in a stable order.
void add_all_commands(CLI::App& app);

/// Runs the program on argv and returns the exit status: 0 ok, 2 bad input (with a one-line
/// message on stderr), 3 a run that finished with failed symbols, 1 internal failure.
int run(int argc, const char* const* argv);

/// Writes `text` to stdout, or atomically to `path` when it is not empty.
void emit(std::string_view text, const std::string& path);

/// JSON with two-space indentation and a trailing newline; non-finite numbers become null.
std::string dump(const nlohmann::json& j);

}  // namespace embargo::cli

#endif
