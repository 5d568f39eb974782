// Labels: triple barrier, fixed-horizon (forward) returns, meta-labels.
#include <string>

#include <pybind11/numpy.h>

#include <embargo/labelers/forward_return.hpp>
#include <embargo/labelers/meta_label.hpp>
#include <embargo/labelers/triple_barrier.hpp>

#include "arrays.hpp"
#include "bindings.hpp"

namespace embargo::python {

namespace {
label_rule parse_rule(const std::string& s) {
  if (s == "touch") return label_rule::touch;
  if (s == "sign") return label_rule::sign;
  if (s == "touch_else_sign") return label_rule::touch_else_sign;
  if (s == "meta") return label_rule::meta;
  if (s == "mlfinlab") return label_rule::mlfinlab;
  throw invalid_argument("triple_barrier: rule = '" + s + "' (expected touch, sign, touch_else_sign, meta or mlfinlab)");
}

// Column arrays of the labels, in the order the pandas layer builds its DataFrame.
py::dict label_columns(const std::vector<barrier_label>& labels) {
  const std::size_t n = labels.size();
  std::vector<std::int64_t> t0(n), t1(n);
  std::vector<double> ret(n), target(n);
  std::vector<std::int8_t> label(n), barrier(n), side(n);
  std::vector<bool> censored(n);
  for (std::size_t i = 0; i < n; ++i) {
    const auto& l = labels[i];
    t0[i] = static_cast<std::int64_t>(l.t0), t1[i] = static_cast<std::int64_t>(l.t1);
    ret[i] = l.ret, target[i] = l.target, label[i] = l.label, barrier[i] = l.barrier, side[i] = l.side;
    censored[i] = l.censored;
  }
  py::array_t<bool> cens(static_cast<py::ssize_t>(n));
  for (std::size_t i = 0; i < n; ++i) cens.mutable_data()[i] = censored[i];
  py::dict d;
  d["t0"] = to_numpy(std::move(t0)), d["t1"] = to_numpy(std::move(t1)), d["ret"] = to_numpy(std::move(ret));
  d["label"] = to_numpy(std::move(label)), d["target"] = to_numpy(std::move(target));
  d["barrier"] = to_numpy(std::move(barrier)), d["side"] = to_numpy(std::move(side)), d["censored"] = cens;
  return d;
}
}  // namespace

void bind_labels(py::module_& m) {
  m.def(
      "triple_barrier",
      [](py::handle close, py::handle events, py::handle target, double pt, double sl, py::object vertical_bars,
         double min_ret, const std::string& rule, py::handle side, py::handle high, py::handle low) {
        const auto c = read_f64(close, "close"), tg = read_f64(target, "target");
        const auto ev = read_positions(events, "events");
        triple_barrier_options o{.pt = pt, .sl = sl, .min_ret = min_ret, .rule = parse_rule(rule)};
        if (!vertical_bars.is_none()) {
          const auto h = vertical_bars.cast<long long>();
          if (h < 1) throw invalid_argument("triple_barrier: vertical_bars = " + std::to_string(h) + " (expected >= 1 or None)");
          o.vertical_bars = static_cast<std::size_t>(h);
        }
        f64_input sd, hi, lo;
        if (!side.is_none()) sd = read_f64(side, "side");
        if (!high.is_none()) hi = read_f64(high, "high");
        if (!low.is_none()) lo = read_f64(low, "low");
        std::vector<barrier_label> out;
        {
          py::gil_scoped_release nogil;
          triple_barrier_into(out, {.close = c.values, .high = hi.values, .low = lo.values}, ev, tg.values, o, sd.values);
        }
        return label_columns(out);
      },
      py::arg("close"), py::arg("events"), py::arg("target"), py::arg("pt") = 1.0, py::arg("sl") = 1.0,
      py::arg("vertical_bars") = py::none(), py::arg("min_ret") = 0.0, py::arg("rule") = "touch",
      py::arg("side") = py::none(), py::arg("high") = py::none(), py::arg("low") = py::none(),
      "Triple-barrier labels of the events (bar positions); target is one value per bar.");
  m.def(
      "forward_return",
      [](py::handle close, long long horizon_, long long latency_, double threshold, bool log_return,
         long long window_) {
        const auto horizon = read_count(horizon_, "forward_return: horizon", 1);
        const auto latency = read_count(latency_, "forward_return: latency");
        const auto standardize_window = read_count(window_, "forward_return: standardize_window");
        const auto c = read_f64(close, "close");
        std::vector<forward_label> out;
        {
          py::gil_scoped_release nogil;
          out = fixed_horizon_labels(c.values, {.horizon = horizon, .latency = latency, .threshold = threshold,
                                                .log_return = log_return, .standardize_window = standardize_window});
        }
        const std::size_t n = out.size();
        std::vector<std::int64_t> t0(n), t1(n), label(n);
        std::vector<double> ret(n), z(n);
        for (std::size_t i = 0; i < n; ++i)
          t0[i] = static_cast<std::int64_t>(out[i].t0), t1[i] = static_cast<std::int64_t>(out[i].t1), ret[i] = out[i].ret,
          z[i] = out[i].z, label[i] = out[i].label;
        py::dict d;
        d["t0"] = to_numpy(std::move(t0)), d["t1"] = to_numpy(std::move(t1)), d["ret"] = to_numpy(std::move(ret));
        d["z"] = to_numpy(std::move(z)), d["label"] = to_numpy(std::move(label));
        return d;
      },
      py::arg("close"), py::arg("horizon") = 1, py::arg("latency") = 0, py::arg("threshold") = 0.0,
      py::arg("log_return") = false, py::arg("standardize_window") = 0);
  m.def(
      "meta_label",
      [](py::handle close, py::handle t0, py::handle t1, py::handle side, double min_return) {
        const auto c = read_f64(close, "close"), s = read_f64(side, "side");
        const auto ev = read_events(t0, t1);
        return to_numpy(meta_labels(c.values, ev, s.values, {.min_return = min_return}));
      },
      py::arg("close"), py::arg("t0"), py::arg("t1"), py::arg("side"), py::arg("min_return") = 0.0);
}

}  // namespace embargo::python
