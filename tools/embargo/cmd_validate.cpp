// embargo validate: checks a bars CSV; exit 2 with "file:line: what" on the first problem.
#include "cli.hpp"

#include <embargo/data/bars_csv.hpp>

namespace embargo::cli {
namespace {

void add_validate(CLI::App& app) {
  auto file = std::make_shared<std::string>();
  auto* cmd = app.add_subcommand("validate", "Check a bars CSV (columns, numbers, OHLC rules, sorted unique timestamps)");
  cmd->add_option("file", *file, "Bars CSV file")->required();
  cmd->callback([file] {
    const panel p = read_bars_csv(*file);
    nlohmann::json j;
    j["file"] = *file;
    j["valid"] = true;
    j["symbols"] = nlohmann::json::array();
    for (const auto& b : p.symbols) {
      const bool daily = b.time.front() % 86400 == 0 && b.time.back() % 86400 == 0;
      j["symbols"].push_back({{"symbol", b.symbol},
                              {"bars", b.size()},
                              {"first", format_timestamp(b.time.front(), daily)},
                              {"last", format_timestamp(b.time.back(), daily)}});
    }
    emit(dump(j), "");
  });
}

[[maybe_unused]] const bool registered = register_command("validate", add_validate);

}  // namespace
}  // namespace embargo::cli
