// embargo: monitoring the dual-model pair on new bars (the models-directory seed). For each
// symbol whose alias (champion by default) points at a run with a dual-model pair, the events of
// the bars after the run's training end are labelled as the run labels them, both models predict
// them, and each comparison window (window_bars bars) has a winner: the model whose trades earned
// more after costs. One line per symbol goes to monitoring_history.jsonl: both models' scores,
// the winner, B's win rate, and A's drift, the fall of its accuracy below its validation baseline
// in %. Alerts: drift in [warn, retrain) % warns, >= retrain % asks for retraining, and a drift
// that rose in each of the last `degrading_runs` runs is degrading. The switch rule
// (gates/dual_model_switch.hpp: B wins >= 75 % of the windows with A's drift < 10 % in each of the
// last 3 runs) moves the alias to model B through the registry, logged like every alert.
// embargo-requires: json
#ifndef EMBARGO_LIFECYCLE_MONITOR_HPP
#define EMBARGO_LIFECYCLE_MONITOR_HPP

#include <array>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include <embargo/core/json_number.hpp>
#include <embargo/archive/json_lines.hpp>
#include <embargo/archive/monitoring.hpp>
#include <embargo/archive/training_archive.hpp>
#include <embargo/core/enum_names.hpp>
#include <embargo/gates/dual_model_switch.hpp>
#include <embargo/lifecycle/decision_log.hpp>
#include <embargo/lifecycle/model_file.hpp>
#include <embargo/lifecycle/observability.hpp>
#include <embargo/lifecycle/registry.hpp>
#include <embargo/lifecycle/scoring.hpp>
#include <embargo/research/stages.hpp>

namespace embargo::lifecycle {

/// A's drift in a monitoring record ("status"): below warn_pct, in [warn_pct, retrain_pct),
/// at least retrain_pct, or unknown (no baseline accuracy, or no accuracy on the new bars).
enum class drift_status { ok, warn, retrain, unknown };

}  // namespace embargo::lifecycle

template <>
struct embargo::enum_names<embargo::lifecycle::drift_status> {
  static constexpr std::array<std::pair<std::string_view, lifecycle::drift_status>, 4> entries{
      {{"ok", lifecycle::drift_status::ok},
       {"warn", lifecycle::drift_status::warn},
       {"retrain", lifecycle::drift_status::retrain},
       {"unknown", lifecycle::drift_status::unknown}}};
};

namespace embargo::lifecycle {

struct monitor_options {
  std::string alias = "champion";
  std::size_t window_bars = 20;  ///< bars per comparison window
  double warn_pct = 5, retrain_pct = 10;
  std::size_t degrading_runs = 3;
  dual_model_switch_options rule{};
};

struct symbol_monitoring {
  std::string symbol;
  bool monitored = false;
  std::string reason;       ///< why not, when not monitored
  nlohmann::json record;    ///< the line appended to monitoring_history.jsonl
  std::vector<std::string> alerts;
  bool switched = false;    ///< the alias moved to model B in this run
};

struct monitor_report {
  std::vector<symbol_monitoring> symbols;
  std::size_t switches = 0, alerts = 0;
};

namespace detail {
inline nlohmann::json read_json_file(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) throw data_error(p.string() + ": missing (the run has no dual-model baselines)");
  try {
    return nlohmann::json::parse(in);
  } catch (const nlohmann::json::exception&) {
    throw data_error(p.string() + ": not valid JSON");
  }
}
inline void check_monitor_options(const monitor_options& o) {
  model_registry::check_alias_name(o.alias);
  if (o.window_bars < 1 || o.window_bars > 100'000) throw invalid_argument("monitor: window_bars must be in [1, 100000]");
  if (!(o.warn_pct >= 0 && o.warn_pct <= o.retrain_pct && std::isfinite(o.retrain_pct)))
    throw invalid_argument("monitor: need 0 <= warn_pct <= retrain_pct (finite)");
  if (o.degrading_runs < 2 || o.degrading_runs > 1000) throw invalid_argument("monitor: degrading_runs must be in [2, 1000]");
}
}  // namespace detail

/// Monitors one symbol's bars; appends nothing (monitor() writes).
inline symbol_monitoring monitor_symbol(const std::filesystem::path& archive, const bars& b, const model_version& version,
                                        const monitor_options& mo, const std::vector<nlohmann::json>& earlier) {
  symbol_monitoring out;
  out.symbol = b.symbol;
  const auto run_dir = archive / version.run;
  const std::string folder = "models/" + symbol_folder(b.symbol) + "/";
  std::error_code ec;
  if (!std::filesystem::is_regular_file(run_dir / (folder + "model_a.json"), ec) ||
      !std::filesystem::is_regular_file(run_dir / (folder + "model_b.json"), ec)) {
    out.reason = "run " + version.run + " exported no dual-model pair for the symbol";
    return out;
  }
  const serving_model a = load_model(run_dir / (folder + "model_a.json"));
  const serving_model m_b = load_model(run_dir / (folder + "model_b.json"));
  const model_file final_fit = read_model_file(run_dir / model_file_path(b.symbol));
  const auto baseline = detail::read_json_file(run_dir / "validation_baseline.json");
  const auto& base_acc_json = baseline.at("symbols").contains(b.symbol) ? baseline["symbols"][b.symbol]["model_a"]["accuracy"] : nlohmann::json();
  const double base_acc = base_acc_json.is_number() ? base_acc_json.get<double>() : std::numeric_limits<double>::quiet_NaN();
  const auto trained_to = parse_timestamp(final_fit.training_end);
  if (!trained_to) throw data_error((run_dir / model_file_path(b.symbol)).string() + ": training.end is not a timestamp");

  const auto& o = a.options;
  symbol_research r;
  r.symbol = b.symbol;
  r.raw = &b;
  if (o.integrity.enabled) integrity_stage{o.integrity.to_options()}(r);
  if (!r.keep) {
    out.reason = r.dropped_because.empty() ? "the bars fail the run's integrity checks" : r.dropped_because.front();
    return out;
  }
  research::event_stage{o.events}(r);  // may "drop" for too few events: the new window is judged anyway
  r.keep = true;
  research::label_stage{o.labels}(r);
  const auto& series = r.series();
  std::vector<std::size_t> rows, at;
  std::size_t first_new = series.size();
  for (std::size_t t = 0; t < series.size(); ++t)
    if (series.time[t] > *trained_to) {
      first_new = t;
      break;
    }
  for (std::size_t i = 0; i < r.labels.size(); ++i)
    if (r.labels[i].t0 >= first_new) rows.push_back(i), at.push_back(r.labels[i].t0);
  if (rows.empty()) {
    out.reason = "no labelled event after the training end (" + final_fit.training_end + ") yet";
    return out;
  }
  const std::size_t columns = o.features.set == research::feature_set_kind::returns4 ? 4u : 6u;
  const std::vector<std::string> names(return_features_stage::names().begin(),
                                       return_features_stage::names().begin() + static_cast<std::ptrdiff_t>(columns));
  a.check_features(names, b.symbol);
  m_b.check_features(names, b.symbol);
  const Eigen::MatrixXd X = return_features_stage::compute(series, r.volatility, at, columns);
  const model_outputs out_a = a.predict(X), out_b = m_b.predict(X);
  const Eigen::VectorXd &pa = out_a.probability, &pb = out_b.probability;
  // The decisions of a window (empty for a kind that leaves trading to the bet sizing).
  auto levels = [](const model_outputs& out, std::size_t from, std::size_t count) {
    return out.level.empty() ? std::span<const consensus_level>() : std::span<const consensus_level>(out.level.data() + from, count);
  };

  // Windows of window_bars bars from the first new bar; each with events gets a winner.
  nlohmann::json windows = nlohmann::json::array();
  std::size_t b_wins = 0, counted = 0;
  for (std::size_t k = 0; k < rows.size();) {
    const std::size_t w = (at[k] - first_new) / mo.window_bars;
    std::size_t e = k;
    while (e < rows.size() && (at[e] - first_new) / mo.window_bars == w) ++e;
    const std::span<const std::size_t> in(rows.data() + k, e - k);
    const auto sa = score_events(std::span<const double>(pa.data() + k, e - k), levels(out_a, k, e - k), r.labels, in, o);
    const auto sb = score_events(std::span<const double>(pb.data() + k, e - k), levels(out_b, k, e - k), r.labels, in, o);
    const bool b_won = sb.total_return > sa.total_return;
    b_wins += b_won, ++counted;
    windows.push_back({{"window", w}, {"start", format_timestamp(series.time[first_new + w * mo.window_bars])},
                       {"model_a", to_json(sa)}, {"model_b", to_json(sb)}, {"winner", b_won ? "B" : "A"}});
    k = e;
  }
  const auto all_a = score_events(std::span<const double>(pa.data(), rows.size()), levels(out_a, 0, rows.size()), r.labels, rows, o);
  const auto all_b = score_events(std::span<const double>(pb.data(), rows.size()), levels(out_b, 0, rows.size()), r.labels, rows, o);
  const double win_rate = static_cast<double>(b_wins) / static_cast<double>(counted);
  const double drift = base_acc > 0 && std::isfinite(all_a.accuracy) ? std::max(0.0, (base_acc - all_a.accuracy) / base_acc * 100.0)
                                                                     : std::numeric_limits<double>::quiet_NaN();
  const drift_status status = !std::isfinite(drift)       ? drift_status::unknown
                              : drift >= mo.retrain_pct   ? drift_status::retrain
                              : drift >= mo.warn_pct      ? drift_status::warn
                                                          : drift_status::ok;
  if (status == drift_status::warn) out.alerts.push_back("drift " + std::to_string(drift) + " % (warn at " + std::to_string(mo.warn_pct) + " %)");
  if (status == drift_status::retrain)
    out.alerts.push_back("drift " + std::to_string(drift) + " % >= " + std::to_string(mo.retrain_pct) + " %: retrain");
  // Degrading: the drift rose in each of the last degrading_runs runs (this one included).
  std::vector<double> drifts;
  for (const auto& rec : earlier) drifts.push_back(rec["drift"]["model_a_drift_pct"].is_number() ? rec["drift"]["model_a_drift_pct"].get<double>() : NAN);
  drifts.push_back(drift);
  bool degrading = drifts.size() > mo.degrading_runs;
  for (std::size_t k = drifts.size() - std::min(drifts.size(), mo.degrading_runs); degrading && k < drifts.size(); ++k)
    degrading = k > 0 && drifts[k] > drifts[k - 1];
  if (degrading) out.alerts.push_back("degrading: A's drift rose in each of the last " + std::to_string(mo.degrading_runs) + " runs");

  out.record = {{"timestamp", embargo::detail::archive_clock().iso}, {"symbol", b.symbol}, {"run", version.run},
                {"alias", mo.alias}, {"first_new_bar", format_timestamp(series.time[first_new])},
                {"last_bar", format_timestamp(series.time.back())}, {"windows", windows},
                {"comparison", {{"model_b_win_rate", win_rate}, {"windows", counted}, {"model_a", to_json(all_a)}, {"model_b", to_json(all_b)}}},
                {"winner", b_wins * 2 > counted ? "B" : "A"},
                {"drift", {{"model_a_drift_pct", number_or_null(drift)}, {"baseline_accuracy", number_or_null(base_acc)},
                           {"accuracy", number_or_null(all_a.accuracy)},
                           {"status", std::string(to_name(status))}}},
                {"alerts", out.alerts}};
  out.monitored = true;
  return out;
}

/// Monitors every symbol of `bars`, appends the records, logs alerts and applies the switch rule.
inline monitor_report monitor(const std::filesystem::path& archive, const panel& bars, const monitor_options& mo = {}) {
  detail::check_monitor_options(mo);
  const dual_model_switch_rule rule(mo.rule);
  std::error_code ec;
  if (!std::filesystem::is_directory(archive, ec)) throw data_error(archive.string() + ": not an archive folder");
  model_registry registry(archive);
  const training_archive ar(archive);
  const auto history = ar.monitoring_history().records;
  const auto aliases = registry.aliases();
  monitor_report report;
  std::vector<nlohmann::json> records, lines;
  std::vector<model_registry::alias_request> moves;
  for (const auto& b : bars.symbols) {
    std::vector<nlohmann::json> earlier;
    for (const auto& rec : history)
      if (rec.value("symbol", "") == b.symbol && rec.value("alias", "") == mo.alias) earlier.push_back(rec);
    const auto names = aliases.find(b.symbol);
    if (names == aliases.end() || !names->second.count(mo.alias)) {
      report.symbols.push_back({b.symbol, false, "no model under the alias \"" + mo.alias + "\"", nullptr, {}, false});
      continue;
    }
    const model_version& version = names->second.at(mo.alias);
    auto s = monitor_symbol(archive, b, version, mo, earlier);
    if (s.monitored) {
      records.push_back(s.record);
      for (const auto& alert : s.alerts)
        lines.push_back(decision("alert", b.symbol, {{"run", version.run}, {"why", alert}, {"numbers", s.record["drift"]}}));
      report.alerts += s.alerts.size();
      earlier.push_back(s.record);
      const auto d = rule.decide(monitoring_observations(earlier));
      const std::string file_b = "models/" + symbol_folder(b.symbol) + "/model_b.json";
      if (d.use_model_b && version.file != file_b) {
        moves.push_back({b.symbol, mo.alias, version.run, "dual-model switch: " + d.reason, file_b});
        lines.push_back(decision("switch", b.symbol,
                                 {{"run", version.run}, {"to", "model_b"}, {"why", d.reason},
                                  {"numbers", {{"qualifying_runs", d.qualifying_runs},
                                               {"model_b_win_rate", s.record["comparison"]["model_b_win_rate"]},
                                               {"model_a_drift_pct", s.record["drift"]["model_a_drift_pct"]}}}}));
        s.switched = true;
        ++report.switches;
      }
    }
    report.symbols.push_back(std::move(s));
  }
  std::size_t monitored = 0;
  for (const auto& s : report.symbols) monitored += s.monitored;
  lines.push_back(decision("monitor", "", {{"alias", mo.alias}, {"symbols", bars.size()}, {"monitored", monitored},
                                           {"alerts", report.alerts}, {"switches", report.switches}}));
  // One append per file for the whole panel: the records, then the decisions, then the aliases.
  append_json_lines(ar.monitoring_history_path(), records);
  log_decisions(archive, lines);
  registry.set_aliases(std::move(moves));
  refresh_observability(archive);
  return report;
}

}  // namespace embargo::lifecycle

#endif
