// embargo regimes: causal regime per bar of a bars CSV (docs/regimes.md), CSV timestamp,regime.
// One symbol (or --symbol) is labelled on its own closes; a multi-symbol file without --symbol
// is labelled on its equal-weighted market index (the symbols must share their timestamps).
#include "cli.hpp"

#include <embargo/data/bars_csv.hpp>
#include <embargo/core/time.hpp>
#include <embargo/labelers/regime.hpp>

namespace embargo::cli {
namespace {

void add_regimes(CLI::App& app) {
  struct args {
    std::string bars, symbol, out;
    regime_labeler_options opt;
  };
  auto a = std::make_shared<args>();
  auto* cmd = app.add_subcommand("regimes", "Regime per bar (low_vol, normal, high_vol, crash, recovery) from causal rules");
  cmd->add_option("--bars", a->bars, "Bars CSV")->required();
  cmd->add_option("--symbol", a->symbol, "Label this symbol (default: the only symbol, or the market index)");
  cmd->add_option("--window", a->opt.window, "Bars in the rolling return and volatility (>= 2)")->capture_default_str();
  cmd->add_option("--min-history", a->opt.min_history, "Bars labelled normal before the baseline is trusted")->capture_default_str();
  cmd->add_option("--crash-z", a->opt.crash_z, "Crash: rolling z-return at most this")->capture_default_str();
  cmd->add_option("--crash-vol-ratio", a->opt.crash_vol_ratio, "Crash: volatility ratio at least this")->capture_default_str();
  cmd->add_option("--recovery-z", a->opt.recovery_z, "Recovery: rolling z-return at least this")->capture_default_str();
  cmd->add_option("--recovery-vol-ratio", a->opt.recovery_vol_ratio, "Recovery: volatility ratio at least this")->capture_default_str();
  cmd->add_option("--high-vol-ratio", a->opt.high_vol_ratio, "High volatility: ratio at least this")->capture_default_str();
  cmd->add_option("--low-vol-ratio", a->opt.low_vol_ratio, "Low volatility: ratio at most this")->capture_default_str();
  cmd->add_option("--out", a->out, "Output CSV (default: stdout)");
  cmd->callback([a] {
    const panel p = read_bars_csv(a->bars);
    const bars* one = nullptr;
    if (!a->symbol.empty()) {
      for (const auto& b : p.symbols)
        if (b.symbol == a->symbol) one = &b;
      if (!one) throw data_error(a->bars + ": no bars for symbol '" + a->symbol + "'");
    } else if (p.size() == 1) {
      one = &p.symbols.front();
    }
    const bars& ref = one ? *one : p.symbols.front();
    if (!one)
      for (const auto& b : p.symbols)
        if (b.time != ref.time)
          throw data_error(a->bars + ": symbol " + b.symbol + " does not share the timestamps of " + ref.symbol +
                           " (the market index needs aligned bars; choose one with --symbol)");
    // A window or a warm-up longer than the series would label every bar normal: a mistake, not a result.
    if (a->opt.window > ref.size())
      throw invalid_argument("--window " + std::to_string(a->opt.window) + " is longer than the " + std::to_string(ref.size()) +
                             " bars of " + a->bars);
    if (a->opt.min_history >= ref.size())
      throw invalid_argument("--min-history " + std::to_string(a->opt.min_history) + " leaves no bar of the " +
                             std::to_string(ref.size()) + " bars of " + a->bars + " to label");
    std::vector<regime> lab;
    try {
      lab = one ? label_regimes(one->close, a->opt) : label_regimes(market_index(p), a->opt);
    } catch (const data_error& e) {
      throw data_error(a->bars + ": " + e.what());
    }
    const bool daily = ref.time.front() % 86400 == 0 && ref.time.back() % 86400 == 0;
    std::string csv = "timestamp,regime\n";
    for (std::size_t t = 0; t < lab.size(); ++t) {
      csv += format_timestamp(ref.time[t], daily);
      csv += ',';
      csv += to_string(lab[t]);
      csv += '\n';
    }
    emit(csv, a->out);
  });
}

[[maybe_unused]] const bool registered = register_command("regimes", add_regimes);

}  // namespace
}  // namespace embargo::cli
