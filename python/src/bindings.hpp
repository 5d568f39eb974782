// One bind_* function per binding file (python/src/bind_*.cpp), called by module.cpp.
#ifndef EMBARGO_PYTHON_BINDINGS_HPP
#define EMBARGO_PYTHON_BINDINGS_HPP

#include <pybind11/pybind11.h>

namespace embargo::python {

namespace py = pybind11;

void bind_errors(py::module_& m);
void bind_events(py::module_& m);
void bind_labels(py::module_& m);
void bind_samplers(py::module_& m);
void bind_metrics(py::module_& m);
void bind_stats(py::module_& m);
void bind_splitters(py::module_& m);
void bind_data(py::module_& m);
void bind_research(py::module_& m);

}  // namespace embargo::python

#endif
