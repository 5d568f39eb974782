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

// Column arrays of the labels, in the order the pandas layer builds its DataFrame, written in
// one pass straight into the numpy buffers (a large batch of labels is memory-bound).
py::dict label_columns(const std::vector<barrier_label>& labels) {
  const auto n = static_cast<py::ssize_t>(labels.size());
  py::array_t<std::int64_t> t0(n), t1(n);
  py::array_t<double> ret(n), target(n);
  py::array_t<std::int8_t> label(n), barrier(n), side(n);
  py::array_t<bool> censored(n);
  auto* p0 = t0.mutable_data();
  auto* p1 = t1.mutable_data();
  auto* pr = ret.mutable_data();
  auto* pt = target.mutable_data();
  auto* pl = label.mutable_data();
  auto* pb = barrier.mutable_data();
  auto* ps = side.mutable_data();
  auto* pc = censored.mutable_data();
  for (py::ssize_t i = 0; i < n; ++i) {
    const auto& l = labels[static_cast<std::size_t>(i)];
    p0[i] = static_cast<std::int64_t>(l.t0), p1[i] = static_cast<std::int64_t>(l.t1);
    pr[i] = l.ret, pt[i] = l.target, pl[i] = l.label, pb[i] = l.barrier, ps[i] = l.side, pc[i] = l.censored;
  }
  py::dict d;
  d["t0"] = t0, d["t1"] = t1, d["ret"] = ret, d["label"] = label, d["target"] = target;
  d["barrier"] = barrier, d["side"] = side, d["censored"] = censored;
  return d;
}
}  // namespace

void bind_labels(py::module_& m) {
  m.def(
      "triple_barrier",
      [](py::handle close, py::handle events, py::handle target, double pt, double sl, py::object vertical_bars,
         double min_ret, const std::string& rule, py::handle side, py::handle high, py::handle low) {
        const auto c = read_f64(close, "close"), tg = read_f64(target, "target");
        std::vector<std::size_t> ev_storage;
        py::array ev_keep;
        const auto ev = view_positions(events, "events", ev_storage, ev_keep);
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
