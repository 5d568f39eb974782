// embargo events cusum: CUSUM-filtered event bars of one symbol's closes, as CSV t0,timestamp
// (t0 = 0-based bar position), ready for `embargo label triple-barrier --events`.
#include "cli.hpp"

#include <embargo/data/bars_csv.hpp>
#include <embargo/events/cusum.hpp>

namespace embargo::cli {
namespace {

void add_events(CLI::App& app) {
  struct args {
    std::string bars, symbol, input = "log", reset = "one-side", out;
    double threshold = 0.01;
  };
  auto a = std::make_shared<args>();
  auto* cmd = app.add_subcommand("events", "Sample event bars");
  cmd->require_subcommand(1);
  auto* cusum = cmd->add_subcommand("cusum", "Symmetric CUSUM filter on closes (AFML snippet 2.4, mlfinlab cusum_filter)");
  cusum->add_option("--bars", a->bars, "Bars CSV")->required();
  cusum->add_option("--threshold", a->threshold, "Threshold h > 0, in the units of --input")->required();
  cusum->add_option("--input", a->input, "What is summed: log (log returns, mlfinlab), diff (price differences, AFML) or pct")
      ->capture_default_str();
  cusum->add_option("--reset", a->reset, "After an event reset one-side (peers) or both")->capture_default_str();
  cusum->add_option("--symbol", a->symbol, "Symbol to use (required when the file has several)");
  cusum->add_option("--out", a->out, "Output CSV (default: stdout)");
  cusum->callback([a] {
    cusum_options opt{.threshold = a->threshold};
    if (a->input == "log") opt.input = cusum_input::log_return;
    else if (a->input == "diff") opt.input = cusum_input::difference;
    else if (a->input == "pct") opt.input = cusum_input::pct_return;
    else throw invalid_argument("--input: '" + a->input + "' (expected log, diff or pct)");
    if (a->reset == "one-side") opt.reset = cusum_reset::one_side;
    else if (a->reset == "both") opt.reset = cusum_reset::both;
    else throw invalid_argument("--reset: '" + a->reset + "' (expected one-side or both)");
    const panel p = read_bars_csv(a->bars);
    const bars& b = pick_symbol(p, a->bars, a->symbol);
    const auto ev = cusum_filter(b.close, opt);
    const bool daily = b.time.front() % 86400 == 0 && b.time.back() % 86400 == 0;
    std::string csv = "t0,timestamp\n";
    for (const auto t : ev) {
      csv += std::to_string(t);
      csv += ',';
      csv += format_timestamp(b.time[t], daily);
      csv += '\n';
    }
    emit(csv, a->out);
  });
}

[[maybe_unused]] const bool registered = register_command("events", add_events);

}  // namespace
}  // namespace embargo::cli
