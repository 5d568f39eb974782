// Specified random streams: identical on every platform.
#include <catch2/catch.hpp>

#include <cmath>

#include <embargo/core/random.hpp>

TEST_CASE("splitmix64 reproduces the reference outputs") {
  // Reference values of SplitMix64 seeded with 1234567 (Vigna's reference implementation).
  embargo::splitmix64 g(1234567);
  CHECK(g() == 6457827717110365317ULL);
  CHECK(g() == 3203168211198807973ULL);
  CHECK(g() == 9817491932198370423ULL);
}

TEST_CASE("uniform and normal transforms have the right moments") {
  embargo::splitmix64 g(42);
  const int n = 200000;
  double s = 0, s2 = 0, u_min = 1, u_max = 0;
  for (int i = 0; i < n; ++i) {
    const double u = g.uniform();
    u_min = std::min(u_min, u), u_max = std::max(u_max, u);
  }
  CHECK(u_min >= 0.0);
  CHECK(u_max < 1.0);
  for (int i = 0; i < n; ++i) {
    const double z = embargo::standard_normal(g);
    s += z, s2 += z * z;
  }
  CHECK(std::abs(s / n) < 0.01);
  CHECK(std::abs(s2 / n - 1.0) < 0.01);
}
