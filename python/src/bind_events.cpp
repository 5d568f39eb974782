// Events and volatility: cusum (fixed or per-bar threshold), ewm_volatility.
#include <string>

#include <pybind11/numpy.h>

#include <embargo/events/cusum.hpp>
#include <embargo/features/ewm_volatility.hpp>

#include "arrays.hpp"
#include "bindings.hpp"

namespace embargo::python {

namespace {
cusum_input parse_input(const std::string& s) {
  if (s == "log_return") return cusum_input::log_return;
  if (s == "difference") return cusum_input::difference;
  if (s == "pct_return") return cusum_input::pct_return;
  throw invalid_argument("cusum: input = '" + s + "' (expected log_return, difference or pct_return)");
}
cusum_reset parse_reset(const std::string& s) {
  if (s == "one_side") return cusum_reset::one_side;
  if (s == "both") return cusum_reset::both;
  throw invalid_argument("cusum: reset = '" + s + "' (expected one_side or both)");
}
}  // namespace

void bind_events(py::module_& m) {
  m.def(
      "cusum",
      [](py::handle close, py::handle threshold, const std::string& input, const std::string& reset) {
        const auto p = read_f64(close, "close");
        cusum_options o{.input = parse_input(input), .reset = parse_reset(reset)};
        std::vector<std::size_t> ev;
        if (py::isinstance<py::float_>(threshold) || py::isinstance<py::int_>(threshold)) {
          o.threshold = threshold.cast<double>();
          py::gil_scoped_release nogil;
          ev = cusum_filter(p.values, o);
        } else {
          const auto h = read_f64(threshold, "threshold");
          py::gil_scoped_release nogil;
          ev = cusum_filter(p.values, h.values, o);
        }
        return positions_to_numpy(ev);
      },
      py::arg("close"), py::arg("threshold"), py::arg("input") = "log_return", py::arg("reset") = "one_side",
      "Bar positions of the symmetric CUSUM filter's events (threshold: a number or one per bar).");
  m.def(
      "ewm_volatility",
      [](py::handle close, double span) {
        const auto p = read_f64(close, "close");
        std::vector<double> v;
        {
          py::gil_scoped_release nogil;
          v = ewm_volatility(p.values, {.span = span});
        }
        return to_numpy(std::move(v));
      },
      py::arg("close"), py::arg("span") = 100.0, "EWM standard deviation of simple returns (pandas' ewm(span).std()).");
}

}  // namespace embargo::python
