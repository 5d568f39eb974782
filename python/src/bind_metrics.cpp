// Return metrics (the `embargo metrics` set, docs/metrics.md): over a whole series, over rolling
// windows, and per group. Every statistic of the set is computed in one pass; the Python layer
// picks the names asked for (a subset costs the same pass).
#include <string>

#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include <embargo/metrics/grouped.hpp>
#include <embargo/metrics/rolling.hpp>
#include <embargo/metrics/standard_sets.hpp>

#include "arrays.hpp"
#include "bindings.hpp"

namespace embargo::python {

namespace {

embargo::metric_options options_of(double periods_per_year, double risk_free, double required_return,
                              double omega_threshold, double tail_cutoff, const std::string& nan) {
  embargo::metric_options o{.periods_per_year = periods_per_year, .risk_free = risk_free, .required_return = required_return,
                            .omega_threshold = omega_threshold, .tail_cutoff = tail_cutoff, .nan = embargo::parse_nan_policy(nan)};
  o.validate();
  return o;
}

template <class Set>
py::dict results_dict(const Set& s) {
  py::dict d;
  for (const auto& [name, v] : s.results()) d[py::str(std::string(name))] = v;
  return d;
}

#define EMBARGO_METRIC_OPTION_ARGS                                                                          \
  py::arg("periods_per_year") = 252.0, py::arg("risk_free") = 0.0, py::arg("required_return") = 0.0,      \
      py::arg("omega_threshold") = 0.0, py::arg("tail_cutoff") = 0.05, py::arg("nan_policy") = "skip"
}  // namespace

void bind_metrics(py::module_& m) {
  m.def(
      "metrics",
      [](py::handle returns, double ppy, double rf, double rr, double omega, double tail, const std::string& nan) {
        const auto r = read_f64(returns, "returns");
        embargo::return_metrics set(options_of(ppy, rf, rr, omega, tail, nan));
        {
          py::gil_scoped_release nogil;
          set.push(r.values);
        }
        return results_dict(set);
      },
      py::arg("returns"), EMBARGO_METRIC_OPTION_ARGS);
  m.def(
      "rolling_metrics",
      [](py::handle returns, long long window, double ppy, double rf, double rr, double omega, double tail,
         const std::string& nan) {
        const auto r = read_f64(returns, "returns");
        const auto w = read_count(window, "rolling_metrics: window", 1);
        embargo::rolling<embargo::rolling_return_metrics> roll(w, options_of(ppy, rf, rr, omega, tail, nan));
        // One row per full window, the first ending at value w - 1.
        const std::size_t rows = r.values.size() >= w ? r.values.size() - w + 1 : 0;
        std::vector<std::string> names;
        for (const auto& [name, v] : roll.window().results()) names.emplace_back(name);
        std::vector<std::vector<double>> cols(names.size(), std::vector<double>(rows));
        {
          py::gil_scoped_release nogil;
          roll.push(r.values, [&](std::size_t t, const embargo::rolling_return_metrics& win) {
            std::size_t j = 0;
            for (const auto& [name, v] : win.results()) cols[j++][t + 1 - w] = v;
          });
        }
        py::dict d;
        for (std::size_t j = 0; j < names.size(); ++j) d[py::str(names[j])] = to_numpy(std::move(cols[j]));
        return d;
      },
      py::arg("returns"), py::arg("window"), EMBARGO_METRIC_OPTION_ARGS);
  m.def(
      "grouped_metrics",
      [](py::handle codes, py::handle returns, double ppy, double rf, double rr, double omega, double tail,
         const std::string& nan) {
        const auto r = read_f64(returns, "returns");
        const auto keys = read_positions(codes, "groups");
        embargo::grouped<embargo::return_metrics, std::size_t> g(options_of(ppy, rf, rr, omega, tail, nan));
        {
          py::gil_scoped_release nogil;
          g.push(keys, r.values);
        }
        py::dict d;
        for (const auto& [k, set] : g) d[py::int_(k)] = results_dict(set);
        return d;
      },
      py::arg("codes"), py::arg("returns"), EMBARGO_METRIC_OPTION_ARGS,
      "Metrics per group: codes are integer group codes (pandas.factorize), one per return.");
}

}  // namespace embargo::python
