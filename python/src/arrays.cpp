// numpy inputs: see arrays.hpp.
#include "arrays.hpp"

#include <cmath>
#include <string>

#include <embargo/core/error.hpp>

namespace embargo::python {

namespace {
py::array as_array(py::handle obj, const char* what) {
  if (obj.is_none()) throw invalid_argument(std::string(what) + ": expected an array, got None");
  py::array a = py::array::ensure(obj);  // no copy when it already is an ndarray
  if (!a) throw invalid_argument(std::string(what) + ": cannot be read as a numpy array");
  if (a.ndim() != 1)
    throw invalid_argument(std::string(what) + ": expected a 1-D array, got " + std::to_string(a.ndim()) + " dimensions");
  return a;
}

char kind_of(const py::array& a) { return a.dtype().kind(); }
}  // namespace

f64_input read_f64(py::handle obj, const char* what) {
  py::array a = as_array(obj, what);
  const char k = kind_of(a);
  if (k == 'f' && a.itemsize() == 8 && (a.flags() & py::array::c_style)) {
    return {a, {static_cast<const double*>(a.data()), static_cast<std::size_t>(a.size())}, false};
  }
  // Booleans, integers and other float widths are numbers; objects, strings, datetimes are not.
  if (k != 'f' && k != 'i' && k != 'u' && k != 'b')
    throw invalid_argument(std::string(what) + ": dtype '" + std::string(py::str(a.dtype())) +
                           "' cannot be read as float64 (expected a real number dtype)");
  auto c = py::array_t<double, py::array::c_style | py::array::forcecast>::ensure(a);
  if (!c) throw invalid_argument(std::string(what) + ": cannot be converted to float64");
  return {c, {c.data(), static_cast<std::size_t>(c.size())}, true};
}

std::vector<std::size_t> read_positions(py::handle obj, const char* what) {
  py::array a = as_array(obj, what);
  const char k = kind_of(a);
  std::vector<std::size_t> out(static_cast<std::size_t>(a.size()));
  if (k == 'i' || k == 'u' || k == 'b') {
    auto c = py::array_t<std::int64_t, py::array::c_style | py::array::forcecast>::ensure(a);
    for (std::size_t i = 0; i < out.size(); ++i) {
      if (c.data()[i] < 0)
        throw invalid_argument(std::string(what) + "[" + std::to_string(i) + "] = " + std::to_string(c.data()[i]) +
                               " is negative (expected a bar position >= 0)");
      out[i] = static_cast<std::size_t>(c.data()[i]);
    }
    return out;
  }
  if (k == 'f') {
    const auto f = read_f64(a, what);
    for (std::size_t i = 0; i < out.size(); ++i) {
      const double x = f.values[i];
      if (!(x >= 0 && x < 9.0e15 && std::floor(x) == x))
        throw invalid_argument(std::string(what) + "[" + std::to_string(i) + "] = " + std::to_string(x) +
                               " is not a bar position (expected a whole number >= 0)");
      out[i] = static_cast<std::size_t>(x);
    }
    return out;
  }
  throw invalid_argument(std::string(what) + ": dtype '" + std::string(py::str(a.dtype())) +
                         "' is not a bar position (expected integers)");
}

std::span<const std::size_t> view_positions(py::handle obj, const char* what, std::vector<std::size_t>& storage,
                                            py::array& keep) {
  static_assert(sizeof(std::size_t) == sizeof(std::int64_t));
  py::array a = as_array(obj, what);
  if ((kind_of(a) == 'i' || kind_of(a) == 'u') && a.itemsize() == 8 && (a.flags() & py::array::c_style)) {
    const auto* p = static_cast<const std::size_t*>(a.data());
    const auto n = static_cast<std::size_t>(a.size());
    if (kind_of(a) == 'i')
      for (std::size_t i = 0; i < n; ++i)
        if (static_cast<const std::int64_t*>(a.data())[i] < 0)
          throw invalid_argument(std::string(what) + "[" + std::to_string(i) + "] = " +
                                 std::to_string(static_cast<const std::int64_t*>(a.data())[i]) +
                                 " is negative (expected a bar position >= 0)");
    keep = a;
    return {p, n};
  }
  storage = read_positions(a, what);
  return storage;
}

std::vector<interval> read_events(py::handle t0, py::handle t1) {
  const auto a = read_positions(t0, "t0"), b = read_positions(t1, "t1");
  if (a.size() != b.size())
    throw invalid_argument("t0 has " + std::to_string(a.size()) + " values and t1 " + std::to_string(b.size()) +
                           " (expected one t1 per t0)");
  std::vector<interval> ev(a.size());
  for (std::size_t i = 0; i < a.size(); ++i) ev[i] = {a[i], b[i]};
  return ev;
}

std::size_t read_count(long long v, const char* what, long long min) {
  if (v < min) throw invalid_argument(std::string(what) + " = " + std::to_string(v) + " (expected >= " + std::to_string(min) + ")");
  return static_cast<std::size_t>(v);
}

py::array_t<std::int64_t> positions_to_numpy(const std::vector<std::size_t>& v) {
  std::vector<std::int64_t> out(v.begin(), v.end());
  return to_numpy(std::move(out));
}

py::array_t<std::int64_t> positions_to_numpy(const index_set& s) {
  py::array_t<std::int64_t> out(static_cast<py::ssize_t>(s.size()));
  auto* p = out.mutable_data();
  for (const auto& r : s.runs())
    for (std::size_t i = r.begin; i < r.end; ++i) *p++ = static_cast<std::int64_t>(i);
  return out;
}

}  // namespace embargo::python
