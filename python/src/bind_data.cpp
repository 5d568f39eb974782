// Data: the market simulator, the integrity pass on one symbol's bars, the causal regime labeler.
#include <string>

#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include <embargo/archive/integrity_json.hpp>
#include <embargo/data/integrity.hpp>
#include <embargo/data/simulator.hpp>
#include <embargo/labelers/regime.hpp>

#include "arrays.hpp"
#include "bindings.hpp"
#include "panel.hpp"

namespace embargo::python {

void bind_data(py::module_& m) {
  m.def(
      "simulate_market",
      [](long long n_symbols, long long n_bars, long long seed, long long n_sectors, long long bar_seconds) {
        simulator_options o;
        o.n_symbols = read_count(n_symbols, "simulate_market: n_symbols", 1);
        o.n_bars = read_count(n_bars, "simulate_market: n_bars", 2);
        // Checked before allocating: symbols x bars x 6 doubles.
        if (o.n_symbols > 100000 || o.n_bars > 100000000 || o.n_symbols * o.n_bars > 200000000)
          throw invalid_argument("simulate_market: " + std::to_string(o.n_symbols) + " symbols x " + std::to_string(o.n_bars) +
                                 " bars is too large (at most 2e8 bars in all)");
        o.seed = static_cast<std::uint64_t>(read_count(seed, "simulate_market: seed"));
        o.n_sectors = read_count(n_sectors, "simulate_market: n_sectors", 1);
        if (bar_seconds < 1) throw invalid_argument("simulate_market: bar_seconds = " + std::to_string(bar_seconds) + " (expected >= 1)");
        o.bar_seconds = bar_seconds;
        simulated_market sim;
        {
          py::gil_scoped_release nogil;
          sim = simulate_market(o);
        }
        std::vector<std::uint8_t> reg(sim.true_regime.size());
        for (std::size_t i = 0; i < reg.size(); ++i) reg[i] = static_cast<std::uint8_t>(sim.true_regime[i]);
        return py::make_tuple(panel_columns(sim.bars), to_numpy(std::move(reg)), positions_to_numpy(sim.sector),
                              to_numpy(std::move(sim.beta)));
      },
      py::arg("n_symbols") = 8, py::arg("n_bars") = 1000, py::arg("seed") = 42, py::arg("n_sectors") = 4,
      py::arg("bar_seconds") = 86400);
  m.def(
      "regimes",
      [](py::handle close, long long window, long long min_history) {
        const auto c = read_f64(close, "close");
        regime_labeler_options o;
        o.window = read_count(window, "regimes: window", 2);
        o.min_history = read_count(min_history, "regimes: min_history");
        std::vector<regime> r;
        {
          py::gil_scoped_release nogil;
          r = label_regimes(c.values, o);
        }
        std::vector<std::uint8_t> codes(r.size());
        for (std::size_t i = 0; i < r.size(); ++i) codes[i] = static_cast<std::uint8_t>(r[i]);
        return to_numpy(std::move(codes));
      },
      py::arg("close"), py::arg("window") = 15, py::arg("min_history") = 60,
      "Causal regime codes per bar (0 low_vol, 1 normal, 2 high_vol, 3 crash, 4 recovery).");
  m.attr("regime_names") = py::make_tuple("low_vol", "normal", "high_vol", "crash", "recovery");
  m.def(
      "integrity",
      [](py::handle symbol_bars, py::handle reference, bool repair_gaps, bool adjust_splits, long long interval) {
        const bars b = read_bars(symbol_bars);
        bars ref;
        if (!reference.is_none()) ref = read_bars(reference);
        integrity_options o;
        o.repair_gaps = repair_gaps, o.adjust_splits = adjust_splits;
        if (interval < 0) throw invalid_argument("integrity: interval = " + std::to_string(interval) + " (expected >= 0 seconds)");
        o.interval = interval;
        integrity_result r;
        {
          py::gil_scoped_release nogil;
          r = check_integrity(b, reference.is_none() ? nullptr : &ref, o);
        }
        panel clean;
        clean.symbols.push_back(r.clean);
        std::vector<bool> syn = r.synthetic;
        py::array_t<bool> synthetic(static_cast<py::ssize_t>(syn.size()));
        for (std::size_t i = 0; i < syn.size(); ++i) synthetic.mutable_data()[i] = syn[i];
        return py::make_tuple(panel_columns(clean), synthetic, to_json(r.report, b).dump());
      },
      py::arg("bars"), py::arg("reference") = py::none(), py::arg("repair_gaps") = true, py::arg("adjust_splits") = true,
      py::arg("interval") = 0, "The integrity pass: clean bars, which are synthetic, and the report as JSON text.");
}

}  // namespace embargo::python
