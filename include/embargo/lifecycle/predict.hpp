// embargo: predicting with the registry's models. For each symbol of new bars: the model under an
// alias (champion by default) is loaded, the run's integrity and universe checks are applied to
// the bars, the features are computed causally at every usable bar exactly as the run computed
// them at its events (pipeline/research.hpp, return_features_stage::compute), and each bar gets the
// probability, the position the run's bet sizing and costs give it, and the score 2p - 1 (for a
// consensus model its score S, with its decision); the symbols are ranked by score per timestamp. A symbol that cannot be traded (no model under the
// alias, a DROP tier, the bars fail integrity or the universe) goes to the do-not-trade list with
// its reasons, and each such entry is logged to decisions.jsonl.
// embargo-requires: json
#ifndef EMBARGO_LIFECYCLE_PREDICT_HPP
#define EMBARGO_LIFECYCLE_PREDICT_HPP

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include <Eigen/Core>
#include <nlohmann/json.hpp>

#include <embargo/data/bars.hpp>
#include <embargo/features/ewm_volatility.hpp>
#include <embargo/labelers/atr_target.hpp>
#include <embargo/lifecycle/decision_log.hpp>
#include <embargo/lifecycle/model_file.hpp>
#include <embargo/lifecycle/observability.hpp>
#include <embargo/lifecycle/registry.hpp>
#include <embargo/lifecycle/scoring.hpp>
#include <embargo/pipeline/research.hpp>

namespace embargo::lifecycle {

struct signal_row {
  timestamp time = 0;
  std::string symbol;
  double probability = 0, position = 0;
  double score = 0;      ///< 2p − 1: for a consensus model its score S
  std::size_t rank = 0;  ///< 1 = the highest score among the symbols at this timestamp
  /// The consensus' decision (strong, moderate, weak; none = it stays out) where a consensus
  /// model serves the symbol; empty for the other kinds.
  std::string consensus;
};

struct do_not_trade_entry {
  std::string symbol;
  std::vector<std::string> reasons;
};

struct prediction_set {
  std::vector<signal_row> rows;  ///< by time, then rank
  std::vector<do_not_trade_entry> do_not_trade;
  std::map<std::string, std::string> served_by;  ///< symbol -> the run whose model predicted it
};

namespace detail {
/// The tier the run gave the symbol's exported candidate (models/manifest.json), "" if unknown.
inline std::string exported_tier(const std::filesystem::path& run_dir, const std::string& symbol) {
  std::ifstream in(run_dir / "models" / "manifest.json", std::ios::binary);
  if (!in) return "";
  try {
    const auto m = nlohmann::json::parse(in);
    for (const auto& e : m.at("models"))
      if (e.value("symbol", "") == symbol) return e.value("tier", "");
  } catch (const nlohmann::json::exception&) {
    throw data_error((run_dir / "models" / "manifest.json").string() + ": corrupt model manifest");
  }
  return "";
}
}  // namespace detail

/// The signals of one symbol's bars under a loaded model: rows at every usable bar (as the run's
/// event rule: known positive volatility, t >= events.warmup_bars, not a gap-filled bar), ranks unset.
inline std::vector<signal_row> predict_symbol(const serving_model& m, symbol_research& r) {
  const auto& o = m.options;
  const auto& b = r.series();
  const std::vector<double> vol = ewm_volatility(b.close, {.span = o.events.vol_span});
  std::vector<double> atr;
  if (o.labels.target == research::barrier_target::atr) atr = atr_target(b.high, b.low, b.close, {.period = o.labels.atr_period});
  const std::vector<double>& target = o.labels.target == research::barrier_target::atr ? atr : vol;
  std::vector<std::size_t> at;
  for (std::size_t t = 0; t < b.size(); ++t)
    if (t >= o.events.warmup_bars && std::isfinite(vol[t]) && vol[t] > 0 && (r.synthetic.empty() || !r.synthetic[t])) at.push_back(t);
  const std::size_t columns = o.features.set == research::feature_set_kind::returns4 ? 4u : 6u;
  std::vector<std::string> names(return_features_stage::names().begin(),
                                 return_features_stage::names().begin() + static_cast<std::ptrdiff_t>(columns));
  m.check_features(names, r.symbol);
  std::vector<signal_row> rows;
  if (at.empty()) return rows;
  const Eigen::MatrixXd X = return_features_stage::compute(b, vol, at, columns);
  const model_outputs out = m.predict(X);
  const cost_model costs = o.costs.to_model();
  for (std::size_t i = 0; i < at.size(); ++i) {
    const double pi = out.probability[static_cast<Eigen::Index>(i)];
    barrier_label l;
    l.t0 = at[i];
    l.target = std::isfinite(target[at[i]]) ? target[at[i]] : 0.0;
    const consensus_level* level = out.level.empty() ? nullptr : &out.level[i];
    rows.push_back({b.time[at[i]], r.symbol, pi, served_position(pi, level, l, o, costs), 2 * pi - 1, 0,
                    level ? std::string(to_string(*level)) : std::string()});
  }
  return rows;
}

/// Every symbol of `bars` under `alias` of the archive's registry.
inline prediction_set predict(const std::filesystem::path& archive, const panel& bars, const std::string& alias = "champion") {
  model_registry::check_alias_name(alias);
  const model_registry registry(archive);
  const auto aliases = registry.aliases();
  prediction_set out;
  std::vector<nlohmann::json> lines;
  for (const auto& b : bars.symbols) {
    auto refuse = [&](std::vector<std::string> reasons) {
      lines.push_back(decision("do_not_trade", b.symbol, {{"alias", alias}, {"why", reasons}}));
      out.do_not_trade.push_back({b.symbol, std::move(reasons)});
    };
    const auto s = aliases.find(b.symbol);
    if (s == aliases.end() || !s->second.count(alias)) {
      refuse({"no model under the alias \"" + alias + "\""});
      continue;
    }
    const model_version& version = s->second.at(alias);
    const serving_model m = load_model(registry.model_path(version));
    if (detail::exported_tier(archive / version.run, b.symbol) == "DROP") {
      refuse({"the model's tier is DROP (run " + version.run + ")"});
      continue;
    }
    symbol_research r;
    r.symbol = b.symbol;
    r.raw = &b;
    if (m.options.integrity.enabled) integrity_stage{m.options.integrity.to_options()}(r);
    if (m.options.universe.enabled) universe_stage{m.options.universe.to_options()}(r);
    if (!r.keep) {
      refuse(r.dropped_because);
      continue;
    }
    auto rows = predict_symbol(m, r);
    if (rows.empty()) {
      refuse({"no usable bar: the bars are shorter than the warm-up (" + std::to_string(m.options.events.warmup_bars) + " bars)"});
      continue;
    }
    out.served_by[b.symbol] = version.run;
    out.rows.insert(out.rows.end(), std::make_move_iterator(rows.begin()), std::make_move_iterator(rows.end()));
  }
  std::stable_sort(out.rows.begin(), out.rows.end(), [](const signal_row& a, const signal_row& c) {
    return a.time != c.time ? a.time < c.time : a.score > c.score;
  });
  for (std::size_t i = 0; i < out.rows.size();) {
    std::size_t j = i;
    for (std::size_t rank = 1; j < out.rows.size() && out.rows[j].time == out.rows[i].time; ++j, ++rank) out.rows[j].rank = rank;
    i = j;
  }
  if (!lines.empty()) {
    log_decisions(archive, lines);
    refresh_observability(archive);  // the daily summary counts them
  }
  return out;
}

}  // namespace embargo::lifecycle

#endif
