// embargo features: named features of a bars CSV as CSV, one column per feature (docs/features.md).
// Timestamp first (a symbol column before it when a multi-symbol file is used without --symbol);
// warm-up positions, where R's TTR has NA, are empty fields.
#include "cli.hpp"

#include <embargo/data/bars_csv.hpp>
#include <embargo/data/csv.hpp>
#include <embargo/core/time.hpp>
#include <embargo/features/feature_set.hpp>

namespace embargo::cli {
namespace {

void add_features(CLI::App& app) {
  struct args {
    std::string bars, set, symbol, out;
  };
  auto a = std::make_shared<args>();
  auto* cmd = app.add_subcommand("features", "Technical features of bars (R TTR conventions), CSV one column per feature");
  cmd->add_option("--bars", a->bars, "Bars CSV")->required();
  cmd->add_option("--set", a->set, "Comma list: sma20,ema12,rsi14,atr14,tr,macd,macd_signal,bb_pctb20,vol20,...")->required();
  cmd->add_option("--symbol", a->symbol, "Only this symbol (default: every symbol, with a symbol column when several)");
  cmd->add_option("--out", a->out, "Output CSV (default: stdout)");
  cmd->callback([a] {
    const panel p = read_bars_csv(a->bars);
    const auto names = parse_feature_list(a->set);
    std::vector<const bars*> chosen;
    for (const auto& b : p.symbols)
      if (a->symbol.empty() || b.symbol == a->symbol) chosen.push_back(&b);
    if (chosen.empty()) throw data_error(a->bars + ": no bars for symbol '" + a->symbol + "'");
    const bool with_symbol = chosen.size() > 1;
    std::string csv = with_symbol ? "symbol,timestamp" : "timestamp";
    for (const auto& n : names) csv += "," + n;
    csv += '\n';
    for (const bars* b : chosen) {
      feature_matrix m;
      try {
        m = compute_features(*b, names);
      } catch (const data_error& e) {
        throw data_error(a->bars + ": symbol " + b->symbol + ": " + e.what());
      }
      const bool daily = b->time.front() % 86400 == 0 && b->time.back() % 86400 == 0;
      for (std::size_t t = 0; t < b->size(); ++t) {
        if (with_symbol) {
          append_csv_field(csv, b->symbol);
          csv += ',';
        }
        csv += format_timestamp(b->time[t], daily);
        for (const auto& col : m.columns) {
          csv += ',';
          append_double(csv, col[t]);
        }
        csv += '\n';
      }
    }
    emit(csv, a->out);
  });
}

[[maybe_unused]] const bool registered = register_command("features", add_features);

}  // namespace
}  // namespace embargo::cli
