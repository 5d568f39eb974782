// Sample weights and samplers over events given as bar positions [t0, t1]: concurrency,
// uniqueness, time decay, the sequential bootstrap.
#include <cstdint>
#include <limits>

#include <pybind11/numpy.h>

#include <embargo/samplers/numpy_random.hpp>
#include <embargo/samplers/sequential_bootstrap.hpp>
#include <embargo/samplers/time_decay.hpp>
#include <embargo/samplers/uniqueness.hpp>

#include "arrays.hpp"
#include "bindings.hpp"

namespace embargo::python {

namespace {
// n_bars defaults to one past the last t1 (every label inside the series).
std::size_t bars_for(const std::vector<interval>& ev, long long n_bars) {
  if (n_bars >= 0) return static_cast<std::size_t>(n_bars);
  std::size_t m = 0;
  for (const auto& e : ev) m = std::max(m, e.t1 + 1);
  return m;
}
}  // namespace

void bind_samplers(py::module_& m) {
  m.def(
      "concurrency",
      [](py::handle t0, py::handle t1, long long n_bars) {
        const auto ev = read_events(t0, t1);
        const auto nb = bars_for(ev, n_bars);
        std::vector<std::uint32_t> c;
        {
          py::gil_scoped_release nogil;
          c = concurrency(ev, nb);
        }
        return to_numpy(std::move(c));
      },
      py::arg("t0"), py::arg("t1"), py::arg("n_bars") = -1, "Number of labels alive at each bar.");
  m.def(
      "uniqueness",
      [](py::handle t0, py::handle t1, long long n_bars) {
        const auto ev = read_events(t0, t1);
        const auto nb = bars_for(ev, n_bars);
        std::vector<double> u;
        {
          py::gil_scoped_release nogil;
          u = average_uniqueness(ev, nb);
        }
        return to_numpy(std::move(u));
      },
      py::arg("t0"), py::arg("t1"), py::arg("n_bars") = -1, "Average uniqueness of each label (AFML 4.4).");
  m.def(
      "time_decay",
      [](py::handle uniqueness, double decay) {
        const auto u = read_f64(uniqueness, "uniqueness");
        return to_numpy(time_decay_weights(u.values, {.decay = decay}));
      },
      py::arg("uniqueness"), py::arg("decay") = 1.0, "Time-decay weights from chronological average uniqueness (AFML 4.7).");
  m.def(
      "sequential_bootstrap",
      [](py::handle t0, py::handle t1, long long n_draws, long long seed, py::handle warmup, bool exact) {
        const auto ev = read_events(t0, t1);
        const auto n = read_count(n_draws, "sequential_bootstrap: n_draws");
        // Each draw costs O(events); the cap keeps a typo from running for hours or exhausting memory.
        if (n > std::size_t{1} << 32) throw invalid_argument("sequential_bootstrap: n_draws = " + std::to_string(n) + " is too large");
        if (seed < 0 || seed > std::numeric_limits<std::uint32_t>::max())
          throw invalid_argument("sequential_bootstrap: seed = " + std::to_string(seed) + " (expected 0 <= seed < 2^32, numpy's RandomState)");
        std::vector<std::size_t> warm;
        if (!warmup.is_none()) warm = read_positions(warmup, "warmup");
        numpy_random_state rng(static_cast<std::uint32_t>(seed));
        bootstrap_result r;
        {
          py::gil_scoped_release nogil;
          r = exact ? sequential_bootstrap_exact(ev, n, rng, warm) : sequential_bootstrap_fast(ev, n, rng, warm);
        }
        return py::make_tuple(positions_to_numpy(r.indices), to_numpy(std::move(r.draw_probability)), r.average_uniqueness);
      },
      py::arg("t0"), py::arg("t1"), py::arg("n_draws") = 0, py::arg("seed") = 0, py::arg("warmup") = py::none(),
      py::arg("exact") = false,
      "Sequential bootstrap draws (indices of events) with numpy's RandomState(seed) stream, as mlfinlab.");
}

}  // namespace embargo::python
