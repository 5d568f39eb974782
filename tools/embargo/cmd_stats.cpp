// embargo stats: PSR, DSR, MinTRL, PBO, Sharpe-difference and drift tests from the command line.
// Every subcommand prints one JSON object; every key is documented in docs/stats.md.
// Inputs are per-period numbers (Sharpe ratios not annualised, kurtosis raw).
#include "cli.hpp"

#include <cmath>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include <embargo/data/csv.hpp>
#include <embargo/data/table_csv.hpp>
#include <embargo/stats.hpp>

namespace embargo::cli {
namespace {

using nlohmann::json;

bool is_time_name(const std::string& s) { return s == "date" || s == "time" || s == "timestamp" || s == "datetime"; }

// A CSV with an optional header row (detected: a first row that is not all numbers), by the table
// reader's rules (data/table_csv.hpp). Empty cells and "nan" read as NaN (the stats skip NaN); any
// other non-number is an error naming file and line. Time columns are not read (NaN).
struct csv_table {
  std::vector<std::string> names;                // empty when there is no header
  std::vector<std::vector<double>> rows;
  std::vector<std::size_t> lines;
};

csv_table read_table(const std::string& path) {
  csv_table t;
  std::vector<bool> is_time;
  const table_csv_options opt{.header = table_header::detect, .require_rows = false,
                              .expected = "numbers, with or without a header row"};
  for_each_table_row_in_file(
      path, opt,
      [&](const table_columns& cols) {
        t.names = cols.names();
        is_time.assign(cols.width(), false);
        for (std::size_t i = 0; i < t.names.size(); ++i) is_time[i] = is_time_name(t.names[i]);
      },
      [&](const table_row& r) {
        std::vector<double> row(r.size(), std::nan(""));
        for (std::size_t i = 0; i < r.size(); ++i)
          if (!is_time[i]) row[i] = r.number(i);
        t.rows.push_back(std::move(row));
        t.lines.push_back(r.line());
      });
  return t;
}

// One numeric column: --column NAME, else the only column, else the first column named return,
// returns, ret, value or x, else the last column.
std::vector<double> read_column(const std::string& path, const std::string& column) {
  const csv_table t = read_table(path);
  const std::size_t width = t.names.empty() ? (t.rows.empty() ? 0 : t.rows[0].size()) : t.names.size();
  std::optional<std::size_t> idx;
  if (!column.empty()) {
    if (t.names.empty()) throw data_error(path, 1, "--column " + column + " given but the file has no header row");
    for (std::size_t i = 0; i < t.names.size() && !idx; ++i)
      if (t.names[i] == detail::ascii_lower(column)) idx = i;
    if (!idx) throw data_error(path, 1, "no column named '" + column + "'");
  } else if (width == 1) {
    idx = 0;
  } else {
    for (const char* n : {"return", "returns", "ret", "value", "x"})
      for (std::size_t i = 0; i < t.names.size() && !idx; ++i)
        if (t.names[i] == n) idx = i;
    if (!idx) idx = width - 1;
  }
  if (!t.names.empty() && is_time_name(t.names[*idx])) throw data_error(path, 1, "the selected column is a time column");
  std::vector<double> v;
  v.reserve(t.rows.size());
  for (const auto& r : t.rows) v.push_back(r[*idx]);
  return v;
}

json num(double v) { return std::isfinite(v) ? json(v) : json(nullptr); }

json psr_json(const psr_result& r) {
  return {{"psr", num(r.psr)},           {"z", num(r.z)},
          {"sharpe", num(r.sharpe)},     {"benchmark", num(r.benchmark)},
          {"standard_error", num(r.standard_error)}, {"n", r.n},
          {"skewness", num(r.skewness)}, {"kurtosis", num(r.kurtosis)}};
}

struct moment_args {
  std::string returns, column;
  double sharpe = std::nan(""), skew = 0.0, kurtosis = 3.0;
  std::size_t n = 0;
};

void add_moment_options(CLI::App* cmd, moment_args& a) {
  cmd->add_option("--returns", a.returns, "CSV of per-period (excess) returns; replaces --sharpe/--n/--skew/--kurtosis");
  cmd->add_option("--column", a.column, "Column of --returns to use (default: the only, a 'return' column, or the last)");
  cmd->add_option("--sharpe", a.sharpe, "Per-period Sharpe ratio (NOT annualised)");
  cmd->add_option("--n", a.n, "Number of observations")->check(at_least(2));
  cmd->add_option("--skew", a.skew, "Skewness (population g1)")->capture_default_str();
  cmd->add_option("--kurtosis", a.kurtosis, "RAW kurtosis (3 for a normal; not excess)")->capture_default_str();
}

// Sharpe, n, skewness and kurtosis from --returns or from the explicit options.
return_moments resolve_moments(const moment_args& a, bool need_n) {
  if (!a.returns.empty()) {
    if (!std::isnan(a.sharpe) || a.n != 0) throw invalid_argument("give either --returns or --sharpe/--n, not both");
    return compute_return_moments(read_column(a.returns, a.column));
  }
  if (std::isnan(a.sharpe)) throw invalid_argument("--sharpe (or --returns) is required");
  if (need_n && a.n == 0) throw invalid_argument("--n (or --returns) is required");
  return_moments m;
  m.sharpe = a.sharpe;
  m.n = a.n;
  m.skewness = a.skew;
  m.kurtosis = a.kurtosis;
  return m;
}

void add_psr(CLI::App& stats) {
  struct args {
    moment_args m;
    double benchmark = 0.0;
  };
  auto a = std::make_shared<args>();
  auto* cmd = stats.add_subcommand("psr", "Probabilistic Sharpe ratio (Bailey & Lopez de Prado 2012)");
  add_moment_options(cmd, a->m);
  cmd->add_option("--benchmark", a->benchmark, "Per-period benchmark Sharpe ratio SR*")->capture_default_str();
  cmd->callback([a] {
    const auto m = resolve_moments(a->m, true);
    emit(dump(psr_json(probabilistic_sharpe_ratio(m.sharpe, m.n, m.skewness, m.kurtosis, a->benchmark))), "");
  });
}

void add_dsr(CLI::App& stats) {
  struct args {
    moment_args m;
    std::string trials_file, trials_column;
    double n_trials = 0.0, trial_variance = std::nan("");
    dsr_options opt;
  };
  auto a = std::make_shared<args>();
  auto* cmd = stats.add_subcommand("dsr", "Deflated Sharpe ratio (Bailey & Lopez de Prado 2014)");
  add_moment_options(cmd, a->m);
  cmd->add_option("--trials-sharpe", a->trials_file, "CSV of the per-period Sharpe ratios of ALL trials");
  cmd->add_option("--trials-column", a->trials_column, "Column of --trials-sharpe to use");
  cmd->add_option("--trials", a->n_trials, "Number of trials N (with --trial-variance instead of --trials-sharpe)");
  cmd->add_option("--trial-variance", a->trial_variance, "Variance of the trials' per-period Sharpe ratios");
  cmd->add_option("--trial-ddof", a->opt.trial_ddof, "ddof of the trials' SR variance (mlfinlab: 0)")->capture_default_str();
  cmd->add_option("--effective-trials", a->opt.effective_trials, "Effective number of independent trials (0: count)")
      ->capture_default_str();
  cmd->add_flag("--center", a->opt.center_on_trial_mean, "Add the trials' mean SR to the benchmark SR0");
  cmd->callback([a] {
    dsr_result r;
    if (!a->trials_file.empty()) {
      if (a->n_trials != 0.0 || !std::isnan(a->trial_variance))
        throw invalid_argument("give either --trials-sharpe or --trials/--trial-variance, not both");
      std::vector<double> trials = read_column(a->trials_file, a->trials_column);
      for (std::size_t i = 0; i < trials.size(); ++i)
        if (std::isnan(trials[i])) throw data_error(a->trials_file, 0, "a trial Sharpe ratio is missing (row " + std::to_string(i + 1) + ")");
      if (!a->m.returns.empty()) {
        r = deflated_sharpe_ratio(read_column(a->m.returns, a->m.column), trials, a->opt);
      } else {
        // moments given explicitly: build the trial variance the same way the span overload does
        const auto m = resolve_moments(a->m, true);
        double mean = 0.0, ss = 0.0;
        for (double t : trials) mean += t / static_cast<double>(trials.size());
        for (double t : trials) ss += (t - mean) * (t - mean);
        if (trials.empty()) throw invalid_argument("--trials-sharpe holds no values");
        const double k = static_cast<double>(trials.size());
        if (trials.size() > 1 && k <= static_cast<double>(a->opt.trial_ddof))
          throw invalid_argument("need more trials than --trial-ddof");
        const double var = trials.size() > 1 ? ss / (k - static_cast<double>(a->opt.trial_ddof)) : 0.0;
        r = deflated_sharpe_ratio(m.sharpe, m.n, m.skewness, m.kurtosis,
                                  a->opt.effective_trials > 0 ? a->opt.effective_trials : k, var,
                                  a->opt.center_on_trial_mean ? mean : 0.0);
        r.trial_sharpe_mean = mean;
      }
    } else {
      if (a->n_trials == 0.0 || std::isnan(a->trial_variance))
        throw invalid_argument("give --trials-sharpe T.csv, or --trials N and --trial-variance V");
      const auto m = resolve_moments(a->m, true);
      r = deflated_sharpe_ratio(m.sharpe, m.n, m.skewness, m.kurtosis, a->n_trials, a->trial_variance);
    }
    json j = {{"dsr", num(r.dsr)},
              {"sharpe", num(r.sharpe)},
              {"benchmark_sharpe", num(r.benchmark_sharpe)},
              {"expected_max_z", num(r.expected_max_z)},
              {"n_trials", r.n_trials},
              {"trial_sharpe_mean", num(r.trial_sharpe_mean)},
              {"trial_sharpe_sd", num(r.trial_sharpe_sd)},
              {"trial_ddof", a->opt.trial_ddof},
              {"z", num(r.z)},
              {"standard_error", num(r.standard_error)},
              {"n", r.n},
              {"skewness", num(r.skewness)},
              {"kurtosis", num(r.kurtosis)}};
    emit(dump(j), "");
  });
}

void add_min_trl(CLI::App& stats) {
  struct args {
    moment_args m;
    double benchmark = 0.0;
    min_track_record_options opt;
  };
  auto a = std::make_shared<args>();
  auto* cmd = stats.add_subcommand("min-trl", "Minimum track record length (Bailey & Lopez de Prado 2012)");
  add_moment_options(cmd, a->m);
  cmd->add_option("--benchmark", a->benchmark, "Per-period benchmark Sharpe ratio SR*")->capture_default_str();
  cmd->add_option("--probability", a->opt.probability, "Confidence level")->capture_default_str();
  cmd->add_option("--periods-per-year", a->opt.periods_per_year, "Also report years (0: no)")->capture_default_str();
  cmd->callback([a] {
    const auto m = resolve_moments(a->m, false);
    const auto r = min_track_record_length(m.sharpe, a->benchmark, m.skewness, m.kurtosis, a->opt);
    json j = {{"min_trl", num(r.observations)},
              {"min_trl_years", num(r.years)},
              {"defined", r.defined},
              {"sharpe", num(m.sharpe)},
              {"benchmark", a->benchmark},
              {"probability", a->opt.probability},
              {"skewness", num(m.skewness)},
              {"kurtosis", num(m.kurtosis)}};
    if (m.n > 0) {
      j["n"] = m.n;
      j["significant"] = r.defined && static_cast<double>(m.n) > r.observations;
    }
    emit(dump(j), "");
  });
}

void add_pbo(CLI::App& stats) {
  struct args {
    std::string matrix, statistic = "sharpe", rank = "n+1";
    pbo_options opt;
    bool details = false;
  };
  auto a = std::make_shared<args>();
  auto* cmd = stats.add_subcommand("pbo", "Probability of backtest overfitting via CSCV (Bailey et al. 2017)");
  cmd->add_option("--matrix", a->matrix, "CSV, rows = periods, columns = configurations' returns")->required();
  cmd->add_option("--partitions", a->opt.partitions, "S: even number of blocks")->capture_default_str();
  cmd->add_option("--statistic", a->statistic, "sharpe or mean")->capture_default_str();
  cmd->add_option("--rank", a->rank, "rank denominator: n+1 (paper, pypbo) or n (mrbcuda/pbo)")->capture_default_str();
  cmd->add_option("--loss-threshold", a->opt.loss_threshold, "prob_oos_loss counts OOS statistics below this")
      ->capture_default_str();
  cmd->add_flag("--details", a->details, "Also print the per-combination arrays");
  cmd->callback([a] {
    if (a->statistic == "sharpe") a->opt.statistic = pbo_statistic::sharpe;
    else if (a->statistic == "mean") a->opt.statistic = pbo_statistic::mean;
    else throw invalid_argument("--statistic must be sharpe or mean");
    if (a->rank == "n+1") a->opt.rank_denominator = pbo_rank_denominator::n_plus_one;
    else if (a->rank == "n") a->opt.rank_denominator = pbo_rank_denominator::n;
    else throw invalid_argument("--rank must be n+1 or n");
    const csv_table t = read_table(a->matrix);
    std::vector<std::size_t> cols;
    const std::size_t width = t.names.empty() ? (t.rows.empty() ? 0 : t.rows[0].size()) : t.names.size();
    for (std::size_t c = 0; c < width; ++c)
      if (t.names.empty() || !is_time_name(t.names[c])) cols.push_back(c);
    Eigen::MatrixXd m(static_cast<Eigen::Index>(t.rows.size()), static_cast<Eigen::Index>(cols.size()));
    for (std::size_t i = 0; i < t.rows.size(); ++i)
      for (std::size_t c = 0; c < cols.size(); ++c) {
        const double v = t.rows[i][cols[c]];
        if (std::isnan(v)) throw data_error(a->matrix, t.lines[i], "missing value in column " + std::to_string(cols[c] + 1));
        m(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(c)) = v;
      }
    const auto r = probability_of_backtest_overfitting(m, a->opt);
    double mean_logit = 0.0;
    std::size_t finite = 0;
    for (double l : r.logits)
      if (std::isfinite(l)) mean_logit += l, ++finite;
    json j = {{"pbo", num(r.pbo)},
              {"combinations", r.combinations},
              {"partitions", a->opt.partitions},
              {"configurations", cols.size()},
              {"rows_used", r.rows_used},
              {"rows_dropped", r.rows_dropped},
              {"block_size", r.block_size},
              {"statistic", a->statistic},
              {"rank_denominator", a->rank},
              {"mean_logit", finite ? num(mean_logit / static_cast<double>(finite)) : json(nullptr)},
              {"prob_oos_loss", num(r.prob_oos_loss)},
              {"degradation_slope", num(r.degradation_slope)},
              {"degradation_intercept", num(r.degradation_intercept)}};
    if (!t.names.empty()) {
      json names = json::array();
      for (auto c : cols) names.push_back(t.names[c]);
      j["names"] = names;
    }
    if (a->details) {
      json logits = json::array(), is = json::array(), oos = json::array();
      for (std::size_t c = 0; c < r.combinations; ++c) {
        logits.push_back(std::isinf(r.logits[c]) ? json(r.logits[c] > 0 ? "Infinity" : "-Infinity") : num(r.logits[c]));
        is.push_back(num(r.is_performance[c]));
        oos.push_back(num(r.oos_performance[c]));
      }
      j["train_blocks"] = r.train_blocks;
      j["n_star"] = r.n_star;
      j["oos_rank"] = r.oos_rank;
      j["logits"] = logits;
      j["is_performance"] = is;
      j["oos_performance"] = oos;
    }
    emit(dump(j), "");
  });
}

void add_sharpe_diff(CLI::App& stats) {
  struct args {
    std::string a, b, column;
    sharpe_bootstrap_options opt;
  };
  auto a = std::make_shared<args>();
  auto* cmd = stats.add_subcommand("sharpe-diff", "Champion (a) vs challenger (b): Jobson-Korkie/Memmel and a paired block bootstrap");
  cmd->add_option("--a", a->a, "CSV of the first series' per-period returns")->required();
  cmd->add_option("--b", a->b, "CSV of the second series' per-period returns (same periods)")->required();
  cmd->add_option("--column", a->column, "Column to use in both files");
  cmd->add_option("--resamples", a->opt.resamples, "Bootstrap resamples (0: no bootstrap)")->capture_default_str();
  cmd->add_option("--block-length", a->opt.block_length, "Bootstrap block length (0: ceil(T^(1/3)))")->capture_default_str();
  cmd->add_option("--seed", a->opt.seed, "Bootstrap seed")->capture_default_str();
  cmd->add_option("--confidence", a->opt.confidence, "Bootstrap interval level")->capture_default_str();
  cmd->callback([a] {
    const auto x = read_column(a->a, a->column), y = read_column(a->b, a->column);
    if (x.size() != y.size())
      throw data_error("--a has " + std::to_string(x.size()) + " rows and --b " + std::to_string(y.size()) + ": the series must be paired by period");
    const auto r = sharpe_difference_test(x, y);
    json j = {{"n", r.n},
              {"sharpe_a", num(r.sharpe_a)},
              {"sharpe_b", num(r.sharpe_b)},
              {"difference", num(r.difference)},
              {"memmel", {{"correlation", num(r.correlation)},
                          {"variance", num(r.variance)},
                          {"z", num(r.z)},
                          {"p_two_sided", num(r.p_two_sided)},
                          {"p_a_greater", num(r.p_a_greater)}}}};
    if (a->opt.resamples > 0) {
      const auto b = sharpe_difference_bootstrap(x, y, a->opt);
      j["bootstrap"] = {{"resamples", b.resamples},       {"degenerate", b.degenerate},
                        {"block_length", b.block_length}, {"seed", a->opt.seed},
                        {"p_two_sided", num(b.p_two_sided)}, {"p_a_greater", num(b.p_a_greater)},
                        {"ci_low", num(b.ci_low)},        {"ci_high", num(b.ci_high)},
                        {"confidence", a->opt.confidence}, {"standard_error", num(b.standard_error)}};
    }
    emit(dump(j), "");
  });
}

void add_drift(CLI::App& stats) {
  struct args {
    std::string reference, current, column, edges;
    std::size_t bins = 10;
    psi_options psi;
    ks_options ks;
    double baseline_metric = std::nan(""), current_metric = std::nan("");
    metric_drift_options drift;
    bool higher_is_better = false;
  };
  auto a = std::make_shared<args>();
  auto* cmd = stats.add_subcommand("drift", "Distribution drift (PSI, two-sample KS) and error-metric drift against a baseline");
  cmd->add_option("--reference", a->reference, "CSV of reference (training) values");
  cmd->add_option("--current", a->current, "CSV of current values");
  cmd->add_option("--column", a->column, "Column to use in both files");
  cmd->add_option("--bins", a->bins, "PSI bins at the reference's quantiles")->capture_default_str();
  cmd->add_option("--edges", a->edges, "Fixed interior PSI edges, comma-separated (replaces --bins)");
  cmd->add_option("--epsilon", a->psi.epsilon, "PSI floor for empty-bin proportions (no renormalisation)")->capture_default_str();
  cmd->add_option("--baseline-metric", a->baseline_metric, "Baseline error metric (e.g. validation RMSE)");
  cmd->add_option("--current-metric", a->current_metric, "Current value of the same metric");
  cmd->add_option("--warning", a->drift.warning, "Relative degradation that warns")->capture_default_str();
  cmd->add_option("--critical", a->drift.critical, "Relative degradation above which it is critical")->capture_default_str();
  cmd->add_flag("--higher-is-better", a->higher_is_better, "The metric improves upward (R^2, accuracy)");
  cmd->callback([a] {
    const bool samples = !a->reference.empty() || !a->current.empty();
    const bool metric = !std::isnan(a->baseline_metric) || !std::isnan(a->current_metric);
    if (!samples && !metric) throw invalid_argument("give --reference and --current, and/or --baseline-metric and --current-metric");
    json j = json::object();
    if (samples) {
      if (a->reference.empty() || a->current.empty()) throw invalid_argument("--reference and --current go together");
      const auto x = read_column(a->reference, a->column), y = read_column(a->current, a->column);
      std::vector<double> edges;
      if (!a->edges.empty()) {
        std::stringstream list(a->edges);
        for (std::string e; std::getline(list, e, ',');) {
          const auto v = parse_double(e);
          if (!v) throw invalid_argument("--edges: '" + e + "' is not a number");
          edges.push_back(*v);
        }
      } else {
        edges = reference_quantile_edges(x, a->bins);
      }
      const auto p = population_stability_index(x, y, edges, a->psi);
      json per_bin = json::array();
      for (double v : p.per_bin) per_bin.push_back(num(v));
      j["psi"] = {{"psi", num(p.psi)},
                  {"edges", edges},
                  {"per_bin", per_bin},
                  {"expected_share", p.expected_share},
                  {"actual_share", p.actual_share},
                  {"floored_bins", p.floored_bins},
                  {"epsilon", a->psi.epsilon},
                  {"skipped", p.skipped}};
      const auto k = ks_two_sample(x, y, a->ks);
      j["ks"] = {{"statistic", num(k.statistic)},       {"p_exact", num(k.p_exact)},
                 {"p_asymptotic", num(k.p_asymptotic)}, {"p_limit", num(k.p_limit)},
                 {"n", k.n},                            {"m", k.m},
                 {"skipped", k.skipped},                {"exact_computed", k.exact_computed}};
    }
    if (metric) {
      if (std::isnan(a->baseline_metric) || std::isnan(a->current_metric))
        throw invalid_argument("--baseline-metric and --current-metric go together");
      a->drift.higher_is_worse = !a->higher_is_better;
      const auto d = metric_drift(a->baseline_metric, a->current_metric, a->drift);
      j["metric"] = {{"baseline", num(d.baseline)}, {"current", num(d.current)},
                     {"change", num(d.change)},     {"percent", num(d.percent)},
                     {"degradation", num(d.degradation)}, {"level", std::string(to_string(d.level))},
                     {"warning", a->drift.warning}, {"critical", a->drift.critical}};
    }
    emit(dump(j), "");
  });
}

void add_stats(CLI::App& app) {
  auto* stats = app.add_subcommand("stats", "Statistical tests: psr, dsr, min-trl, pbo, sharpe-diff, drift (JSON)");
  stats->require_subcommand(1);
  add_psr(*stats);
  add_dsr(*stats);
  add_min_trl(*stats);
  add_pbo(*stats);
  add_sharpe_diff(*stats);
  add_drift(*stats);
}

[[maybe_unused]] const bool registered = register_command("stats", add_stats);

}  // namespace
}  // namespace embargo::cli
