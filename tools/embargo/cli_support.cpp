// Command registry, output and error mapping of the embargo tool.
#include "cli.hpp"

#include <algorithm>
#include <iostream>
#include <map>

#include <embargo/core/error.hpp>
#include <embargo/data/atomic_file.hpp>
#include <embargo/data/bars.hpp>
#include <embargo/version.hpp>

namespace embargo::cli {

const bars& pick_symbol(const panel& p, const std::string& file, const std::string& symbol) {
  if (symbol.empty()) {
    if (p.symbols.size() == 1) return p.symbols.front();
    throw invalid_argument(file + " holds " + std::to_string(p.symbols.size()) + " symbols; choose one with --symbol");
  }
  for (const auto& b : p.symbols)
    if (b.symbol == symbol) return b;
  throw data_error(file + ": no bars for symbol '" + symbol + "'");
}

namespace {
std::map<std::string, command_adder>& registry() {
  static std::map<std::string, command_adder> r;  // function-local: safe from init-order issues
  return r;
}

void to_single_line(std::string& s) {
  std::replace(s.begin(), s.end(), '\n', ' ');
  while (!s.empty() && s.back() == ' ') s.pop_back();
}
}  // namespace

bool register_command(std::string name, command_adder add) {
  registry().emplace(std::move(name), std::move(add));
  return true;
}

void add_all_commands(CLI::App& app) {
  for (auto& [name, add] : registry()) add(app);
}

void emit(std::string_view text, const std::string& path) {
  if (path.empty() || path == "-") {
    std::cout << text;
    std::cout.flush();
  } else {
    write_file_atomically(path, text);
  }
}

std::string dump(const nlohmann::json& j) {
  // nlohmann writes NaN/inf as null already; keep UTF-8 errors loud rather than replaced.
  return j.dump(2) + "\n";
}

int run(int argc, const char* const* argv) {
  CLI::App app{"embargo: leakage-free validation, labels, weights, metrics and gates for quant ML research"};
  app.name("embargo");
  app.set_version_flag("--version", std::string("embargo ") + version_string);
  app.require_subcommand(1);
  app.fallthrough(false);
  add_all_commands(app);
  if (argc > 1 && argv[1][0] != '-' && !registry().count(argv[1])) {
    std::cerr << "embargo: unknown command '" << argv[1] << "' (see --help for the commands)\n";
    return 2;
  }
  try {
    app.parse(argc, argv);
    return 0;
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    std::string msg = e.what();
    to_single_line(msg);
    std::cerr << "embargo: " << msg << " (see --help)\n";
    return 2;
  } catch (const incomplete_run& e) {
    std::cerr << "embargo: " << e.what() << "\n";
    return 3;
  } catch (const embargo::error& e) {  // bad input: data, arguments, unreadable or unwritable files
    std::string msg = e.what();
    to_single_line(msg);
    std::cerr << "embargo: " << msg << "\n";
    return 2;
  } catch (const std::exception& e) {
    std::string msg = e.what();
    to_single_line(msg);
    std::cerr << "embargo: internal error: " << msg << "\n";
    return 1;
  }
}

}  // namespace embargo::cli
