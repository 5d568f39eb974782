// The purged splitters on events given as positions [t0, t1] (sorted by t0). The scikit-learn
// classes (python/embargo/model_selection.py) map X's index and t1 to these positions.
#include <optional>

#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include <embargo/splitters/combinatorial_purged_cv.hpp>
#include <embargo/splitters/purged_kfold.hpp>
#include <embargo/splitters/walk_forward.hpp>

#include "arrays.hpp"
#include "bindings.hpp"

namespace embargo::python {

namespace {
py::list folds_to_list(const std::vector<fold>& folds) {
  py::list out;
  for (const auto& f : folds) out.append(py::make_tuple(positions_to_numpy(f.train), positions_to_numpy(f.test)));
  return out;
}
std::optional<std::size_t> embargo_size_of(const py::object& size) {
  if (size.is_none()) return std::nullopt;
  return read_count(size.cast<long long>(), "embargo_size");
}
}  // namespace

void bind_splitters(py::module_& m) {
  m.def(
      "purged_kfold_split",
      [](py::handle t0, py::handle t1, long long n_splits, double embargo_fraction, py::object embargo_size) {
        const auto ev = read_events(t0, t1);
        const purged_kfold<> s({.n_splits = read_count(n_splits, "purged_kfold: n_splits", 2),
                                .embargo_fraction = embargo_fraction, .embargo_size = embargo_size_of(embargo_size)});
        return folds_to_list(s.split(ev));
      },
      py::arg("t0"), py::arg("t1"), py::arg("n_splits") = 5, py::arg("embargo_fraction") = 0.01,
      py::arg("embargo_size") = py::none());
  m.def(
      "cpcv_split",
      [](py::handle t0, py::handle t1, long long n_groups, long long n_test_groups, double embargo_fraction,
         py::object embargo_size) {
        const auto ev = read_events(t0, t1);
        const combinatorial_purged_cv<> s({.n_groups = read_count(n_groups, "combinatorial_purged_cv: n_groups", 2),
                                           .n_test_groups = read_count(n_test_groups, "combinatorial_purged_cv: n_test_groups", 1),
                                           .embargo_fraction = embargo_fraction,
                                           .embargo_size = embargo_size_of(embargo_size)});
        const auto folds = s.split(ev);
        // Path segments: (path, group, split, begin, end) rows.
        std::vector<std::int64_t> rows;
        const auto paths = s.backtest_paths(ev.size());
        for (std::size_t p = 0; p < paths.size(); ++p)
          for (const auto& seg : paths[p])
            for (std::size_t v : {p, seg.group, seg.split, seg.begin, seg.end}) rows.push_back(static_cast<std::int64_t>(v));
        auto arr = to_numpy(std::move(rows));
        return py::make_tuple(folds_to_list(folds), arr.reshape({static_cast<py::ssize_t>(arr.size() / 5), py::ssize_t{5}}));
      },
      py::arg("t0"), py::arg("t1"), py::arg("n_groups") = 6, py::arg("n_test_groups") = 2,
      py::arg("embargo_fraction") = 0.01, py::arg("embargo_size") = py::none());
  m.def(
      "cpcv_n_splits",
      [](long long n_groups, long long n_test_groups) {
        const combinatorial_purged_cv<> s({.n_groups = read_count(n_groups, "combinatorial_purged_cv: n_groups", 2),
                                           .n_test_groups = read_count(n_test_groups, "combinatorial_purged_cv: n_test_groups", 1)});
        return py::make_tuple(s.test_groups().size(), s.n_paths());
      },
      py::arg("n_groups"), py::arg("n_test_groups"));
  m.def(
      "walk_forward_split",
      [](py::handle t0, py::handle t1, long long train_size, long long test_size, long long gap, py::object step,
         bool expanding, bool reduce_test, bool purge_labels) {
        const auto ev = read_events(t0, t1);
        walk_forward_options o{.train_size = read_count(train_size, "walk_forward: train_size", 1),
                               .test_size = read_count(test_size, "walk_forward: test_size", 1),
                               .gap = read_count(gap, "walk_forward: gap"),
                               .expanding = expanding, .reduce_test = reduce_test, .purge_labels = purge_labels};
        if (!step.is_none()) o.step = read_count(step.cast<long long>(), "walk_forward: step", 1);
        return folds_to_list(walk_forward<>(o).split(ev));
      },
      py::arg("t0"), py::arg("t1"), py::arg("train_size") = 252, py::arg("test_size") = 63, py::arg("gap") = 0,
      py::arg("step") = py::none(), py::arg("expanding") = false, py::arg("reduce_test") = false,
      py::arg("purge_labels") = true);
}

}  // namespace embargo::python
