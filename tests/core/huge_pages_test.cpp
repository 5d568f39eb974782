// Huge-page advice for large result buffers: the helpers keep std::vector's semantics, leave small
// buffers alone, and (where the kernel offers transparent huge pages on request) a large advised
// buffer is actually backed by huge pages once written.
#include <cmath>
#include <fstream>
#include <limits>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include <embargo/core/huge_pages.hpp>

namespace {

// "always [madvise] never" -> "madvise"; empty when the file is absent (not Linux, no THP).
std::string thp_mode() {
  std::ifstream f("/sys/kernel/mm/transparent_hugepage/enabled");
  std::string line;
  std::getline(f, line);
  const auto a = line.find('['), b = line.find(']');
  return a == std::string::npos || b == std::string::npos ? "" : line.substr(a + 1, b - a - 1);
}

// Sum of AnonHugePages over the mappings of this process, in kB.
long anon_huge_kb() {
  std::ifstream f("/proc/self/smaps");
  std::string key;
  long total = 0, kb = 0;
  while (f >> key) {
    if (key == "AnonHugePages:" && f >> kb) total += kb;
  }
  return total;
}

}  // namespace

TEST_CASE("reserve_large and filled_large behave as reserve and the fill constructor") {
  std::vector<double> v;
  embargo::detail::reserve_large(v, 10);
  CHECK(v.empty());
  CHECK(v.capacity() >= 10);
  const auto small = embargo::detail::filled_large(7, 2.5);
  CHECK(small == std::vector<double>(7, 2.5));
  const std::size_t big = embargo::detail::huge_page_min_bytes / sizeof(double) + 123;
  const auto nan = embargo::detail::filled_large(big, std::numeric_limits<double>::quiet_NaN());
  REQUIRE(nan.size() == big);
  CHECK(std::isnan(nan.front()));
  CHECK(std::isnan(nan.back()));
  // A reused buffer keeps its storage (no new advice, no reallocation).
  std::vector<int> w(100, 1);
  const int* before = w.data();
  embargo::detail::reserve_large(w, 50);
  CHECK(w.data() == before);
  CHECK(w == std::vector<int>(100, 1));
  // Null and tiny ranges are ignored.
  embargo::detail::advise_huge_pages(nullptr, std::size_t{1} << 30);
  embargo::detail::advise_huge_pages(w.data(), 3);
}

TEST_CASE("a large advised buffer is backed by huge pages when the kernel offers them on request") {
  const std::string mode = thp_mode();
  if (mode != "always" && mode != "madvise") {
    WARN("transparent huge pages are '" << mode << "' here: nothing to check");
    return;
  }
  const long before = anon_huge_kb();
  std::vector<double> v;
  embargo::detail::reserve_large(v, std::size_t{16} << 20 >> 3);  // 16 MiB
  v.assign(v.capacity(), 1.0);
  const long after = anon_huge_kb();
  INFO("AnonHugePages " << before << " kB -> " << after << " kB");
  // The kernel may refuse (fragmented memory, a container limit): then it is advice ignored, not
  // an error, so only report.
  if (after <= before) WARN("no huge page was granted for the advised buffer (advice only)");
  CHECK(v[v.size() / 2] == 1.0);
}
