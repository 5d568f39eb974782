// Command registry, output and error mapping of the embargo tool.
#include "cli.hpp"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <iostream>
#include <filesystem>
#include <map>
#include <new>

#include <embargo/core/error.hpp>
#include <embargo/core/atomic_file.hpp>
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

namespace {
std::string shortest(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.10g", v);
  return buf;
}

// The number in `s` (the whole of it), or nullopt.
std::optional<double> number_of(const std::string& s) {
  if (s.empty()) return std::nullopt;
  char* end = nullptr;
  errno = 0;
  const double v = std::strtod(s.c_str(), &end);
  if (end != s.c_str() + s.size()) return std::nullopt;
  return v;
}

CLI::Validator domain(std::string description, std::function<bool(double)> ok, std::string expected) {
  return CLI::Validator(
      [ok = std::move(ok), expected = std::move(expected)](std::string& s) -> std::string {
        const auto v = number_of(s);
        if (!v) return "expected a number, got '" + s + "'";
        if (!ok(*v)) return "must be " + expected + " (got " + s + ")";
        return {};
      },
      std::move(description));
}
}  // namespace

CLI::Validator at_least(double lo) {
  return domain(">= " + shortest(lo), [lo](double v) { return v >= lo; }, ">= " + shortest(lo));
}
CLI::Validator above(double lo) {
  return domain("> " + shortest(lo), [lo](double v) { return v > lo; }, "> " + shortest(lo));
}
CLI::Validator between(double lo, double hi) {
  const std::string range = "in [" + shortest(lo) + ", " + shortest(hi) + "]";
  return domain(range, [lo, hi](double v) { return v >= lo && v <= hi; }, range);
}

CLI::Validator above_up_to(double lo, double hi) {
  const std::string range = "in (" + shortest(lo) + ", " + shortest(hi) + "]";
  return domain(range, [lo, hi](double v) { return v > lo && v <= hi; }, range);
}

void add_domain_checks(CLI::App& app) {
  for (CLI::Option* opt : app.get_options()) {
    const std::string type = opt->get_type_name();
    if (type.rfind("UINT", 0) == 0) {
      opt->check(CLI::Validator(
          [](std::string& s) -> std::string {
            const auto at = s.find_first_not_of(" \t");
            return at != std::string::npos && s[at] == '-' ? "must be a whole number >= 0 (got " + s + ")" : std::string();
          },
          ""));
    } else if (type.rfind("FLOAT", 0) == 0) {
      opt->check(CLI::Validator(
          [](std::string& s) -> std::string {
            const auto v = number_of(s);
            return v && std::isnan(*v) ? "must be a number, not NaN" : std::string();
          },
          ""));
    }
  }
  for (CLI::App* sub : app.get_subcommands([](CLI::App*) { return true; })) add_domain_checks(*sub);
}

void check_limit(const char* option, double value, double limit, const char* what) {
  if (value > limit)
    throw invalid_argument(std::string(option) + " = " + shortest(value) + " is more than " + shortest(limit) + " " + what +
                           " (the documented limit; see docs/errors.md)");
}

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
  add_domain_checks(app);
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
  } catch (const std::filesystem::filesystem_error& e) {
    // A path the user named cannot be created, read or listed: their input, not our bug.
    std::string msg = e.path1().empty() ? e.code().message() : e.path1().string() + ": " + e.code().message();
    to_single_line(msg);
    std::cerr << "embargo: " << msg << "\n";
    return 2;
  } catch (const std::bad_alloc&) {
    std::cerr << "embargo: out of memory: the input or an option asks for more memory than this machine has\n";
    return 2;
  } catch (const std::exception& e) {
    std::string msg = e.what();
    to_single_line(msg);
    std::cerr << "embargo: internal error: " << msg << "\n";
    return 1;
  }
}

}  // namespace embargo::cli
