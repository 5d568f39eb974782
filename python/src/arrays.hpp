// Reading numpy inputs without copying them: a float64 C-contiguous 1-D array is read in place
// (the span points into the caller's buffer, kept alive by `owner`); any other real dtype is
// converted once; what cannot be a number (objects, strings, datetimes, 2-D) is a ValueError.
#ifndef EMBARGO_PYTHON_ARRAYS_HPP
#define EMBARGO_PYTHON_ARRAYS_HPP

#include <cstddef>
#include <span>
#include <vector>

#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>

#include <embargo/core/index_set.hpp>
#include <embargo/core/interval.hpp>

namespace embargo::python {

namespace py = pybind11;

/// A read-only view of a 1-D float64 input; `owner` is the caller's array (no copy) or the one
/// conversion made.
struct f64_input {
  py::array owner;
  std::span<const double> values;
  bool copied = false;
};

/// `what` names the argument in errors ("close", "target"). Throws embargo::invalid_argument.
f64_input read_f64(py::handle obj, const char* what);

/// Non-negative integer positions (bar indices): integer dtypes, or floats that are whole numbers.
std::vector<std::size_t> read_positions(py::handle obj, const char* what);

/// Bar positions read in place when they are int64/uint64 C-contiguous (numpy's index type:
/// the size_t view aliases legally, a signed/unsigned pair of one width), checked >= 0 in one
/// pass; other dtypes through read_positions into `storage`.
std::span<const std::size_t> view_positions(py::handle obj, const char* what, std::vector<std::size_t>& storage,
                                            py::array& keep);

/// Events [t0[k], t1[k]] from two arrays of positions of equal length.
std::vector<interval> read_events(py::handle t0, py::handle t1);

/// A new numpy array owning `v` (moved, not copied).
template <class T>
py::array_t<T> to_numpy(std::vector<T>&& v) {
  auto* heap = new std::vector<T>(std::move(v));
  py::capsule free_when_done(heap, [](void* p) { delete static_cast<std::vector<T>*>(p); });
  return py::array_t<T>(static_cast<py::ssize_t>(heap->size()), heap->data(), free_when_done);
}

/// A count or size the caller gave (n_bars, n_draws, horizon): checked before anything is
/// allocated, so that -1 is a ValueError and not 2^64 - 1.
std::size_t read_count(long long v, const char* what, long long min = 0);

/// Positions as int64 (numpy's index type).
py::array_t<std::int64_t> positions_to_numpy(const std::vector<std::size_t>& v);
/// A fold's indices as int64, written straight from its runs (no intermediate vector).
py::array_t<std::int64_t> positions_to_numpy(const index_set& s);

}  // namespace embargo::python

#endif
