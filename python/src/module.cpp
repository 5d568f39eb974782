// The compiled part of the `embargo` Python package: numpy in, numpy out. The pandas and
// scikit-learn layers are Python (python/embargo/), which imports this as embargo._embargo.
#include "arrays.hpp"
#include "bindings.hpp"

PYBIND11_MODULE(_embargo, m) {
  using namespace embargo::python;
  m.doc() = "embargo's C++ kernels (use the embargo package, not this module)";
  m.attr("__version__") = EMBARGO_VERSION_STRING;
  bind_errors(m);
  // The address a float64 input is read from, and whether it had to be converted: lets the
  // tests check that a float64 C-contiguous array is read in place.
  m.def("_input_view", [](py::handle obj) {
    const auto in = read_f64(obj, "array");
    return py::make_tuple(reinterpret_cast<std::uintptr_t>(in.values.data()), in.copied);
  });
  bind_events(m);
  bind_labels(m);
  bind_samplers(m);
  bind_metrics(m);
  bind_stats(m);
  bind_splitters(m);
  bind_data(m);
  bind_research(m);
}
