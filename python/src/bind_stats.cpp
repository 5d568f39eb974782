// Statistics of a strategy's returns: PSR, DSR, MinTRL, PBO.
#include <string>

#include <Eigen/Core>
#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include <embargo/stats/dsr.hpp>
#include <embargo/stats/min_track_record.hpp>
#include <embargo/stats/pbo.hpp>
#include <embargo/stats/psr.hpp>

#include "arrays.hpp"
#include "bindings.hpp"

namespace embargo::python {

void bind_stats(py::module_& m) {
  m.def(
      "psr",
      [](py::handle returns, double benchmark) {
        const auto r = read_f64(returns, "returns");
        const auto p = probabilistic_sharpe_ratio(r.values, benchmark);
        py::dict d;
        d["psr"] = p.psr, d["z"] = p.z, d["sharpe"] = p.sharpe, d["benchmark"] = p.benchmark;
        d["standard_error"] = p.standard_error, d["n"] = p.n, d["skewness"] = p.skewness, d["kurtosis"] = p.kurtosis;
        return d;
      },
      py::arg("returns"), py::arg("benchmark") = 0.0, "Probabilistic Sharpe ratio (per-period benchmark Sharpe).");
  m.def(
      "dsr",
      [](py::handle returns, py::handle trial_sharpes, long long trial_ddof, double effective_trials,
         bool center_on_trial_mean, double risk_free) {
        const auto r = read_f64(returns, "returns"), t = read_f64(trial_sharpes, "trial_sharpes");
        const dsr_options o{.trial_ddof = read_count(trial_ddof, "dsr: trial_ddof"), .effective_trials = effective_trials,
                            .center_on_trial_mean = center_on_trial_mean, .risk_free = risk_free};
        const auto x = deflated_sharpe_ratio(r.values, t.values, o);
        py::dict d;
        d["dsr"] = x.dsr, d["sharpe"] = x.sharpe, d["benchmark_sharpe"] = x.benchmark_sharpe;
        d["expected_max_z"] = x.expected_max_z, d["n_trials"] = x.n_trials, d["trial_sharpe_mean"] = x.trial_sharpe_mean;
        d["trial_sharpe_sd"] = x.trial_sharpe_sd, d["z"] = x.z, d["standard_error"] = x.standard_error, d["n"] = x.n;
        d["skewness"] = x.skewness, d["kurtosis"] = x.kurtosis;
        return d;
      },
      py::arg("returns"), py::arg("trial_sharpes"), py::arg("trial_ddof") = 1, py::arg("effective_trials") = 0.0,
      py::arg("center_on_trial_mean") = false, py::arg("risk_free") = 0.0,
      "Deflated Sharpe ratio of the selected strategy's returns given every trial's per-period Sharpe.");
  m.def(
      "min_trl",
      [](double sharpe, double benchmark, double skewness, double kurtosis, double probability, double periods_per_year) {
        const auto x = min_track_record_length(sharpe, benchmark, skewness, kurtosis,
                                               {.probability = probability, .periods_per_year = periods_per_year});
        py::dict d;
        d["observations"] = x.observations, d["years"] = x.years, d["defined"] = x.defined;
        return d;
      },
      py::arg("sharpe"), py::arg("benchmark") = 0.0, py::arg("skewness") = 0.0, py::arg("kurtosis") = 3.0,
      py::arg("probability") = 0.95, py::arg("periods_per_year") = 0.0, "Minimum track record length (per-period Sharpe).");
  m.def(
      "pbo",
      [](py::handle performance, long long partitions, const std::string& statistic, const std::string& rank_denominator,
         double loss_threshold) {
        // Rows are periods, columns configurations. Small (T x N): converted to Eigen's layout.
        auto a = py::array_t<double, py::array::c_style | py::array::forcecast>::ensure(performance);
        if (!a || a.ndim() != 2) throw invalid_argument("pbo: expected a 2-D array (rows: periods, columns: configurations)");
        Eigen::Map<const Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>> mat(a.data(), a.shape(0), a.shape(1));
        pbo_options o;
        o.partitions = read_count(partitions, "pbo: partitions", 2);
        if (statistic == "sharpe") o.statistic = pbo_statistic::sharpe;
        else if (statistic == "mean") o.statistic = pbo_statistic::mean;
        else throw invalid_argument("pbo: statistic = '" + statistic + "' (expected sharpe or mean)");
        if (rank_denominator == "n_plus_one") o.rank_denominator = pbo_rank_denominator::n_plus_one;
        else if (rank_denominator == "n") o.rank_denominator = pbo_rank_denominator::n;
        else throw invalid_argument("pbo: rank_denominator = '" + rank_denominator + "' (expected n_plus_one or n)");
        o.loss_threshold = loss_threshold;
        const Eigen::MatrixXd cm = mat;
        auto x = probability_of_backtest_overfitting(cm, o);
        py::dict d;
        d["pbo"] = x.pbo, d["combinations"] = x.combinations, d["rows_used"] = x.rows_used;
        d["rows_dropped"] = x.rows_dropped, d["block_size"] = x.block_size;
        d["logits"] = to_numpy(std::move(x.logits)), d["oos_rank"] = to_numpy(std::move(x.oos_rank));
        d["is_performance"] = to_numpy(std::move(x.is_performance));
        d["oos_performance"] = to_numpy(std::move(x.oos_performance));
        d["n_star"] = positions_to_numpy(x.n_star);
        d["prob_oos_loss"] = x.prob_oos_loss, d["degradation_slope"] = x.degradation_slope;
        d["degradation_intercept"] = x.degradation_intercept;
        return d;
      },
      py::arg("performance"), py::arg("partitions") = 16, py::arg("statistic") = "sharpe",
      py::arg("rank_denominator") = "n_plus_one", py::arg("loss_threshold") = 0.0,
      "Probability of backtest overfitting (CSCV) of a periods x configurations performance matrix.");
}

}  // namespace embargo::python
