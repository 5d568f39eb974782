// embargo's exceptions as Python's: bad arguments and bad data are ValueError (what a Python
// user expects from a bad input), the operating system's refusals OSError, anything else of
// ours RuntimeError; the message is the C++ one, unchanged.
#include "bindings.hpp"

#include <embargo/core/error.hpp>

namespace embargo::python {

void bind_errors(py::module_&) {
  py::register_exception_translator([](std::exception_ptr p) {
    try {
      if (p) std::rethrow_exception(p);
    } catch (const invalid_argument& e) {
      PyErr_SetString(PyExc_ValueError, e.what());
    } catch (const data_error& e) {
      PyErr_SetString(PyExc_ValueError, e.what());
    } catch (const io_error& e) {
      PyErr_SetString(PyExc_OSError, e.what());
    } catch (const error& e) {
      PyErr_SetString(PyExc_RuntimeError, e.what());
    }
  });
}

}  // namespace embargo::python
