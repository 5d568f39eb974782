// The same returns given as std::vector, std::span, an Eigen vector, an Eigen matrix row (strided)
// and, when the Armadillo companion is built, an arma::vec give identical metric sets.
#include <vector>

#include <Eigen/Core>
#include <catch2/catch.hpp>

#include <embargo/metrics.hpp>
#ifdef EMBARGO_HAS_ARMADILLO
#include <embargo/backend/armadillo.hpp>
#endif

namespace tag = embargo::tag;

namespace {
const std::vector<double> reference{0.01, 0.1, -0.04, 0.02, 0.03, 0.02, 0.01, -0.1, 0.005, -0.002, 0.0, 0.012};
using set = embargo::metric_set<tag::sharpe, tag::sortino, tag::max_drawdown, tag::skewness, tag::count>;

struct from_vector {
  static void push(set& s) { s.push(reference); }
};
struct from_span {
  static void push(set& s) { s.push(std::span<const double>(reference)); }
};
struct from_eigen_vector {
  static void push(set& s) {
    const Eigen::VectorXd v = Eigen::Map<const Eigen::VectorXd>(reference.data(), static_cast<Eigen::Index>(reference.size()));
    s.push(v);
  }
};
struct from_eigen_matrix_row {  // a row of a column-major matrix: inner stride 3
  static void push(set& s) {
    Eigen::MatrixXd m = Eigen::MatrixXd::Zero(3, static_cast<Eigen::Index>(reference.size()));
    for (std::size_t i = 0; i < reference.size(); ++i) m(1, static_cast<Eigen::Index>(i)) = reference[i];
    s.push(m.row(1));
  }
};
struct from_eigen_ref {
  static void push(set& s) {
    const Eigen::VectorXd v = Eigen::Map<const Eigen::VectorXd>(reference.data(), static_cast<Eigen::Index>(reference.size()));
    const Eigen::Ref<const Eigen::VectorXd> r(v);
    s.push(r);
  }
};
#ifdef EMBARGO_HAS_ARMADILLO
struct from_armadillo {
  static void push(set& s) {
    const arma::vec v(reference);
    s.push(embargo::as_span(v));
  }
};
using inputs = std::tuple<from_vector, from_span, from_eigen_vector, from_eigen_matrix_row, from_eigen_ref, from_armadillo>;
#else
using inputs = std::tuple<from_vector, from_span, from_eigen_vector, from_eigen_matrix_row, from_eigen_ref>;
#endif
}  // namespace

TEMPLATE_LIST_TEST_CASE("every input container gives the same metrics", "[metrics][inputs]", inputs) {
  set expected;
  for (double x : reference) expected.push(x);
  set got;
  TestType::push(got);
  const auto a = got.results(), b = expected.results();
  for (std::size_t i = 0; i < a.size(); ++i) {
    INFO(a[i].name);
    CHECK(a[i].value == Approx(b[i].value).epsilon(1e-14));
  }
}

TEST_CASE("a matrix is not a series") {
  set s;
  const Eigen::MatrixXd m = Eigen::MatrixXd::Ones(2, 2);
  CHECK_THROWS_AS(s.push(m), embargo::invalid_argument);
}
