// Bars from Python: one (symbol, time, open, high, low, close, volume) tuple per symbol, the
// pandas layer having split a long-format DataFrame by symbol (first-appearance order, like the
// CSV reader) and turned its timestamps into UTC seconds. Validated as a file's bars are.
#ifndef EMBARGO_PYTHON_PANEL_HPP
#define EMBARGO_PYTHON_PANEL_HPP

#include <pybind11/pybind11.h>

#include <embargo/data/bars.hpp>

namespace embargo::python {

namespace py = pybind11;

bars read_bars(py::handle symbol_tuple);
panel read_panel(py::handle list_of_symbol_tuples);
/// Long-format columns of `p`: symbol, time (UTC seconds), open, high, low, close, volume.
py::dict panel_columns(const panel& p);

}  // namespace embargo::python

#endif
