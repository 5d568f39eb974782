// mapped_columns: the baselines' columnar float64 layout read in place; a file whose size does not
// match its shape, a directory, a FIFO or a missing file is refused before anything is read.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstring>
#include <fstream>
#include <string>
#include <vector>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <embargo/data/mapped_columns.hpp>
#include <embargo/features/ewm_volatility.hpp>

#include "../test_support.hpp"

using embargo::mapped_columns;

namespace {
void write_doubles(const std::filesystem::path& p, const std::vector<double>& v) {
  std::ofstream out(p, std::ios::binary);
  out.write(reinterpret_cast<const char*>(v.data()), static_cast<std::streamsize>(v.size() * sizeof(double)));
}
}  // namespace

TEST_CASE("mapped_columns reads each column in place, in the baselines' symbol-major layout", "[data][mapped]") {
  embargo::test::temp_dir dir;
  // 2 symbols x 3 fields x 4 rows; value = 100 * symbol + 10 * field + row.
  const std::size_t m = 2, f = 3, n = 4;
  std::vector<double> v;
  for (std::size_t s = 0; s < m; ++s)
    for (std::size_t k = 0; k < f; ++k)
      for (std::size_t i = 0; i < n; ++i) v.push_back(static_cast<double>(100 * s + 10 * k + i));
  write_doubles(dir / "x.bin", v);
  auto cols = mapped_columns::open((dir / "x.bin").string(), n, m * f);
  CHECK(cols.rows() == 4);
  CHECK(cols.columns() == 6);
  const auto c = cols.field(1, 2, f);
  CHECK(std::vector<double>(c.begin(), c.end()) == std::vector<double>{120, 121, 122, 123});
  CHECK(cols.column(0)[3] == 3.0);
  CHECK_THROWS_AS(cols.column(6), embargo::invalid_argument);
  CHECK_THROWS_AS(cols.field(2, 0, f), embargo::invalid_argument);
  CHECK_THROWS_AS(cols.field(0, 3, f), embargo::invalid_argument);
  mapped_columns moved = std::move(cols);
  CHECK(moved.column(5)[0] == 120.0);
}

TEST_CASE("a mapped column feeds a component as a span, with the same result as a vector", "[data][mapped]") {
  embargo::test::temp_dir dir;
  std::vector<double> close(5000);
  double p = 100;
  for (std::size_t i = 0; i < close.size(); ++i) close[i] = p *= std::exp(0.01 * std::sin(0.37 * static_cast<double>(i)));
  write_doubles(dir / "close.bin", close);
  const auto cols = mapped_columns::open((dir / "close.bin").string(), close.size(), 1);
  const auto a = embargo::ewm_volatility(cols.column(0), {.span = 50}), b = embargo::ewm_volatility(close, {.span = 50});
  REQUIRE(a.size() == b.size());
  CHECK(std::memcmp(a.data(), b.data(), a.size() * sizeof(double)) == 0);  // bit-identical, NaN lead included
}

TEST_CASE("mapped_columns refuses what it cannot map exactly", "[data][mapped][errors]") {
  embargo::test::temp_dir dir;
  write_doubles(dir / "x.bin", std::vector<double>(10, 1.0));
  const auto x = (dir / "x.bin").string();
  CHECK_THROWS_WITH(mapped_columns::open(x, 3, 3), Catch::Contains("holds 80 bytes") && Catch::Contains("are 72"));
  CHECK_THROWS_WITH(mapped_columns::open(x, 11, 1), Catch::Contains("holds 80 bytes"));
  CHECK_THROWS_AS(mapped_columns::open(x, 0, 1), embargo::invalid_argument);
  CHECK_THROWS_AS(mapped_columns::open(x, 1, 0), embargo::invalid_argument);
  CHECK_THROWS_WITH(mapped_columns::open(x, std::size_t{1} << 40, std::size_t{1} << 20), Catch::Contains("256 TiB"));
  CHECK_THROWS_WITH(mapped_columns::open((dir / "absent.bin").string(), 1, 1), Catch::Contains("cannot open"));
  CHECK_THROWS_WITH(mapped_columns::open(dir.path().string(), 1, 1), Catch::Contains("not a regular file"));
  write_doubles(dir / "empty.bin", {});
  CHECK_THROWS_AS(mapped_columns::open((dir / "empty.bin").string(), 1, 1), embargo::data_error);
  const auto fifo = (dir / "fifo").string();
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  CHECK_THROWS_WITH(mapped_columns::open(fifo, 1, 1), Catch::Contains("not a regular file"));  // refused, not blocked
  CHECK_THROWS_WITH(mapped_columns::open("/dev/null", 1, 1), Catch::Contains("not a regular file"));
}
