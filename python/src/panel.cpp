// Bars from and to Python: see panel.hpp.
#include "panel.hpp"

#include <string>

#include <pybind11/numpy.h>

#include "arrays.hpp"

namespace embargo::python {

bars read_bars(py::handle h) {
  const auto t = py::reinterpret_borrow<py::tuple>(h);
  if (t.size() != 7) throw invalid_argument("bars: expected (symbol, time, open, high, low, close, volume)");
  bars b;
  b.symbol = t[0].cast<std::string>();
  auto time = py::array_t<std::int64_t, py::array::c_style | py::array::forcecast>::ensure(t[1]);
  if (!time || time.ndim() != 1) throw invalid_argument("bars '" + b.symbol + "': time must be a 1-D integer array (UTC seconds)");
  b.time.assign(time.data(), time.data() + time.size());
  const char* names[] = {"open", "high", "low", "close", "volume"};
  std::vector<double>* cols[] = {&b.open, &b.high, &b.low, &b.close, &b.volume};
  for (int i = 0; i < 5; ++i) {
    const auto v = read_f64(t[static_cast<std::size_t>(i) + 2], names[i]);
    cols[i]->assign(v.values.begin(), v.values.end());
  }
  validate_bars(b);
  return b;
}

panel read_panel(py::handle h) {
  panel p;
  for (auto item : py::reinterpret_borrow<py::list>(h)) p.symbols.push_back(read_bars(item));
  if (p.symbols.empty()) throw data_error("bars: no symbols");
  return p;
}

py::dict panel_columns(const panel& p) {
  std::size_t n = 0;
  for (const auto& b : p.symbols) n += b.size();
  py::list symbol;
  std::vector<std::int64_t> time;
  std::vector<double> o, hi, lo, c, v;
  time.reserve(n), o.reserve(n), hi.reserve(n), lo.reserve(n), c.reserve(n), v.reserve(n);
  for (const auto& b : p.symbols) {
    const py::str name(b.symbol);
    for (std::size_t i = 0; i < b.size(); ++i) symbol.append(name);
    time.insert(time.end(), b.time.begin(), b.time.end());
    o.insert(o.end(), b.open.begin(), b.open.end()), hi.insert(hi.end(), b.high.begin(), b.high.end());
    lo.insert(lo.end(), b.low.begin(), b.low.end()), c.insert(c.end(), b.close.begin(), b.close.end());
    v.insert(v.end(), b.volume.begin(), b.volume.end());
  }
  py::dict d;
  d["symbol"] = symbol, d["time"] = to_numpy(std::move(time)), d["open"] = to_numpy(std::move(o));
  d["high"] = to_numpy(std::move(hi)), d["low"] = to_numpy(std::move(lo)), d["close"] = to_numpy(std::move(c));
  d["volume"] = to_numpy(std::move(v));
  return d;
}

}  // namespace embargo::python
