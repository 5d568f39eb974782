// embargo label triple-barrier | forward-return: labels of one symbol's bars as CSV, one row per
// labelled event with its span (t0, t1 as 0-based bar positions) so that the labels can be purged.
#include "cli.hpp"

#include <cmath>
#include <optional>
#include <sstream>

#include <embargo/core/enum_names.hpp>
#include <embargo/data/bars_csv.hpp>
#include <embargo/data/csv.hpp>
#include <embargo/data/table_csv.hpp>
#include <embargo/features/ewm_volatility.hpp>
#include <embargo/labelers/atr_target.hpp>
#include <embargo/labelers/forward_return.hpp>
#include <embargo/labelers/triple_barrier.hpp>

namespace embargo::cli {
namespace {

// Events file: a t0 column (other columns ignored, so `events cusum` and `t0,t1` files both work),
// plus the side column when asked for; the table reader's rules (data/table_csv.hpp).
void read_event_file(const std::string& path, const std::string& side_column, std::size_t n_bars,
                     std::vector<std::size_t>& t0, std::vector<double>& side) {
  std::size_t c0 = 0, cs = 0;
  const table_csv_options opt{.require_rows = false, .expected = "a header row with t0"};
  for_each_table_row_in_file(
      path, opt,
      [&](const table_columns& cols) {
        c0 = cols.require("t0");
        if (!side_column.empty()) cs = cols.require(side_column, "side column");
      },
      [&](const table_row& row) {
        const std::size_t t = row.index(c0, "t0");
        if (t >= n_bars)
          row.fail("t0 = " + std::to_string(t) + " is outside the bars (" + std::to_string(n_bars) + " bars)");
        if (!t0.empty() && t <= t0.back())
          row.fail("t0 = " + std::to_string(t) + " is not after the previous event's t0 = " + std::to_string(t0.back()) +
                   " (events must be sorted by t0, each once)");
        t0.push_back(t);
        if (!side_column.empty()) {
          const double s = row.number(cs, "side");
          if (s != 1.0 && s != -1.0) row.fail("side '" + std::string(row.text(cs)) + "' is not 1 or -1");
          side.push_back(s);
        }
      });
}

// --rule's words, every rule; the research configuration spells three of them its own way
// (enum_names<label_rule>, research/options.hpp).
constexpr name_table<label_rule, 5> cli_rules{{{"touch", label_rule::touch},
                                               {"sign", label_rule::sign},
                                               {"touch-else-sign", label_rule::touch_else_sign},
                                               {"meta", label_rule::meta},
                                               {"mlfinlab", label_rule::mlfinlab}}};

label_rule parse_rule(const std::string& s) {
  if (const auto r = parse_name(cli_rules, s)) return *r;
  throw invalid_argument("--rule: '" + s + "' (expected touch, sign, touch-else-sign, meta or mlfinlab)");
}

void add_label(CLI::App& app) {
  struct args {
    std::string bars, events, symbol, side_column, rule = "touch", out, horizons = "1";
    double pt = 1, sl = 1, min_ret = 0, vol_span = 100, threshold = 0;
    std::size_t vertical = 0, atr = 0, latency = 0, standardize = 0;
    bool intrabar = false, log_return = false;
  };
  auto a = std::make_shared<args>();
  auto* cmd = app.add_subcommand("label", "Label events (triple barrier, fixed horizon)");
  cmd->require_subcommand(1);

  auto* tb = cmd->add_subcommand("triple-barrier", "Triple-barrier labels: CSV t0,t1,ret,label,barrier,target,censored");
  tb->add_option("--bars", a->bars, "Bars CSV")->required();
  tb->add_option("--events", a->events, "Events CSV with a t0 column (default: every bar)");
  tb->add_option("--pt", a->pt, "Profit-take multiple of the target (0 disables)")->required();
  tb->add_option("--sl", a->sl, "Stop-loss multiple of the target (0 disables)")->required();
  tb->add_option("--vertical", a->vertical, "Vertical barrier in bars (>= 1)")->required();
  auto* vol_span = tb->add_option("--vol-span", a->vol_span, "Target = EWM std of simple returns with this span")->capture_default_str();
  tb->add_option("--atr", a->atr, "Target = Wilder ATR(N) / close instead of the EWM vol (e.g. --atr 14 --pt 1.75 --sl 1)")
      ->check(at_least(1))
      ->excludes(vol_span);
  tb->add_option("--min-ret", a->min_ret, "Drop events whose target is <= this")->capture_default_str();
  tb->add_option("--side-column", a->side_column, "Column of the events file with the primary side (+1/-1): meta-labelling");
  tb->add_option("--rule", a->rule, "Label: touch, sign, touch-else-sign, meta or mlfinlab (parity)")->capture_default_str();
  tb->add_flag("--intrabar", a->intrabar, "Test barriers on highs and lows, not only closes");
  tb->add_option("--symbol", a->symbol, "Symbol to use (required when the file has several)");
  tb->add_option("--out", a->out, "Output CSV (default: stdout)");
  tb->callback([a] {
    if (a->vertical < 1) throw invalid_argument("--vertical must be >= 1 bar");
    if (!(a->vol_span >= 1)) throw invalid_argument("--vol-span must be >= 1");
    if (!a->side_column.empty() && a->events.empty()) throw invalid_argument("--side-column needs --events");
    const panel p = read_bars_csv(a->bars);
    const bars& b = pick_symbol(p, a->bars, a->symbol);
    // A barrier no event can reach is a mistake, not a setting (every label would be censored).
    if (a->vertical >= b.size())
      throw invalid_argument("--vertical " + std::to_string(a->vertical) + " is longer than the " + std::to_string(b.size()) +
                             " bars of " + a->bars);
    std::vector<std::size_t> t0;
    std::vector<double> side;
    if (a->events.empty()) {
      t0.resize(b.size());
      for (std::size_t i = 0; i < t0.size(); ++i) t0[i] = i;
    } else {
      read_event_file(a->events, a->side_column, b.size(), t0, side);
    }
    const auto target = a->atr ? atr_target(b.high, b.low, b.close, {.period = a->atr})
                               : ewm_volatility(b.close, {.span = a->vol_span});
    const triple_barrier_options opt{.pt = a->pt, .sl = a->sl, .min_ret = a->min_ret, .vertical_bars = a->vertical,
                                     .rule = parse_rule(a->rule)};
    const barrier_prices px = a->intrabar ? barrier_prices{b.close, b.high, b.low} : barrier_prices{b.close};
    const auto labels = triple_barrier(px, t0, target, opt, side);
    std::string csv = side.empty() ? "t0,t1,ret,label,barrier,target,censored\n" : "t0,t1,ret,label,barrier,target,censored,side\n";
    for (const auto& e : labels) {
      // Appended piece by piece: GCC 12 warns (-Wrestrict, a false positive) on long string + chains.
      csv += std::to_string(e.t0);
      csv += ',';
      csv += std::to_string(e.t1);
      csv += ',';
      append_double(csv, e.ret);
      csv += ',';
      csv += std::to_string(e.label);
      csv += ',';
      csv += std::to_string(e.barrier);
      csv += ',';
      append_double(csv, e.target);
      csv += e.censored ? ",1" : ",0";
      if (!side.empty()) {
        csv += ',';
        csv += std::to_string(e.side);
      }
      csv += '\n';
    }
    emit(csv, a->out);
  });

  auto* fr = cmd->add_subcommand("forward-return", "Fixed-horizon labels: CSV horizon,t0,t1,ret,label");
  fr->add_option("--bars", a->bars, "Bars CSV")->required();
  fr->add_option("--horizon", a->horizons, "Horizon in bars, or a comma list for a batch (1,5,20)")->required();
  fr->add_option("--latency", a->latency, "Bars between the signal and the entry")->capture_default_str();
  fr->add_option("--threshold", a->threshold, "Label 0 when |ret| <= threshold")->capture_default_str();
  fr->add_flag("--log", a->log_return, "Log returns instead of simple returns");
  fr->add_option("--standardize", a->standardize, "Standardise over this many returns (mlfinlab; looks ahead)");
  fr->add_option("--symbol", a->symbol, "Symbol to use (required when the file has several)");
  fr->add_option("--out", a->out, "Output CSV (default: stdout)");
  fr->callback([a] {
    std::vector<std::size_t> hs;
    std::stringstream list(a->horizons);
    for (std::string h; std::getline(list, h, ',');) {
      const auto v = parse_index(h);
      if (!v || *v == 0) throw invalid_argument("--horizon: '" + h + "' is not a positive number of bars");
      hs.push_back(*v);
    }
    const panel p = read_bars_csv(a->bars);
    const bars& b = pick_symbol(p, a->bars, a->symbol);
    for (const std::size_t h : hs)
      if (h + a->latency >= b.size())
        throw invalid_argument("--horizon " + std::to_string(h) + (a->latency ? " plus --latency " + std::to_string(a->latency) : std::string()) +
                               " is longer than the " + std::to_string(b.size()) + " bars of " + a->bars + " (no event could be labelled)");
    const auto batch = fixed_horizon_labels_batch(
        b.close, hs, {.latency = a->latency, .threshold = a->threshold, .log_return = a->log_return, .standardize_window = a->standardize});
    std::string csv = "horizon,t0,t1,ret,label\n";
    for (std::size_t k = 0; k < hs.size(); ++k)
      for (const auto& l : batch[k]) {
        csv += std::to_string(hs[k]);
        csv += ',';
        csv += std::to_string(l.t0);
        csv += ',';
        csv += std::to_string(l.t1);
        csv += ',';
        append_double(csv, l.ret);
        csv += ',';
        csv += std::to_string(l.label);
        csv += '\n';
      }
    emit(csv, a->out);
  });
}

[[maybe_unused]] const bool registered = register_command("label", add_label);

}  // namespace
}  // namespace embargo::cli
