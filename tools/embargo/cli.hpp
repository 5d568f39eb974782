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

/// Option domains, with messages a person can read (CLI11's own range checks print DBL_MAX with
/// 300 digits). They check the text before it is converted, so "-1" never wraps into a huge
/// unsigned number. Shown in --help as the option's type, e.g. "UINT:>= 1".
CLI::Validator at_least(double lo);           ///< a number >= lo
CLI::Validator above(double lo);              ///< a number > lo
CLI::Validator between(double lo, double hi); ///< a number in [lo, hi]
CLI::Validator above_up_to(double lo, double hi); ///< a number in (lo, hi]

/// Run on every option of every command before parsing: an unsigned option refuses a minus
/// sign (CLI11 would wrap -1 to 2^64 - 1) and a floating-point option refuses NaN (no domain
/// of ours contains it).
void add_domain_checks(CLI::App& app);

/// Refuses a size a user gave that is larger than `limit` (a documented limit of the command,
/// checked before anything is allocated): invalid_argument naming the option.
void check_limit(const char* option, double value, double limit, const char* what);

/// Writes `text` to stdout, or atomically to `path` when it is not empty.
void emit(std::string_view text, const std::string& path);

/// JSON with two-space indentation and a trailing newline; non-finite numbers become null.
std::string dump(const nlohmann::json& j);

}  // namespace embargo::cli

#endif
