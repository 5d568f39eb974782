// Huge-page advice for large result buffers: the helpers keep std::vector's semantics, leave small
// buffers alone, and (where the kernel has transparent huge pages) a large buffer's mapping carries
// the advice before the first write.
#include <cmath>
#include <cstdint>
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

// The VmFlags line of the mapping that holds p ("" when not found).
std::string vm_flags_of(const void* p) {
  std::ifstream f("/proc/self/smaps");
  const auto addr = reinterpret_cast<std::uintptr_t>(p);
  std::string line;
  bool inside = false;
  while (std::getline(f, line)) {
    const auto dash = line.find('-'), space = line.find(' ');
    if (dash != std::string::npos && space != std::string::npos && dash < space &&
        line.find_first_not_of("0123456789abcdef") == dash) {  // a mapping header "start-end perms ..."
      const auto lo = std::stoull(line.substr(0, dash), nullptr, 16), hi = std::stoull(line.substr(dash + 1, space - dash - 1), nullptr, 16);
      inside = addr >= lo && addr < hi;
    } else if (inside && line.rfind("VmFlags:", 0) == 0) {
      return line;
    }
  }
  return "";
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

TEST_CASE("a large buffer is advised for huge pages (VmFlags hg) before its first write") {
  if (thp_mode().empty()) {
    WARN("no transparent huge pages on this kernel: the advice is a no-op here");
    return;
  }
  std::vector<double> v;
  embargo::detail::reserve_large(v, std::size_t{16} << 20 >> 3);  // 16 MiB, untouched
  // The advice covers the whole pages inside the buffer: its first bytes share a page with the
  // allocator's header, so look 1 MiB in.
  const std::string flags = vm_flags_of(v.data() + (std::size_t{1} << 20 >> 3));
  INFO("mapping of the buffer: " << flags);
  CHECK(flags.find(" hg") != std::string::npos);
  v.assign(v.capacity(), 1.0);
  // Whether the kernel then grants 2 MiB pages depends on free memory: reported, not required.
  INFO("AnonHugePages " << anon_huge_kb() << " kB");
  CHECK(v[v.size() / 2] == 1.0);
}
