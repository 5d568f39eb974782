// embargo: transparent huge pages for large result buffers. A fresh buffer is mapped page by page
// on first touch; on the VMs we measured, each 4 KiB fault costs ~2 µs, so writing 5 MB of labels
// to fresh memory took as long as computing them. Advised memory faults in 2 MiB pages (one fault,
// one kernel zeroing pass per 2 MiB). numpy does the same for its arrays of 4 MiB and more, so the
// Python baselines already get it for their large outputs. Advice only: where the kernel does not
// support it (or THP is "never"), nothing changes.
#ifndef EMBARGO_CORE_HUGE_PAGES_HPP
#define EMBARGO_CORE_HUGE_PAGES_HPP

#include <cstddef>
#include <cstdint>
#include <vector>

#if defined(__linux__)
#include <sys/mman.h>
#include <unistd.h>
#endif

namespace embargo::detail {

/// Buffers below this size are left alone (numpy's threshold).
inline constexpr std::size_t huge_page_min_bytes = std::size_t{4} << 20;

/// Advises the pages inside [data, data + bytes) for huge pages, before the first write.
inline void advise_huge_pages([[maybe_unused]] const void* data, [[maybe_unused]] std::size_t bytes) noexcept {
#if defined(__linux__) && defined(MADV_HUGEPAGE)
  if (data == nullptr || bytes < huge_page_min_bytes) return;
  const long page_size = ::sysconf(_SC_PAGESIZE);
  if (page_size <= 0) return;
  const auto page = static_cast<std::uintptr_t>(page_size);
  const auto first = reinterpret_cast<std::uintptr_t>(data);
  const std::uintptr_t begin = (first + page - 1) & ~(page - 1), end = (first + bytes) & ~(page - 1);
  if (end > begin) (void)::madvise(reinterpret_cast<void*>(begin), end - begin, MADV_HUGEPAGE);  // advice: errors ignored
#endif
}

/// v.reserve(n), then huge-page advice on the new storage if it is large and untouched.
template <class T, class A>
void reserve_large(std::vector<T, A>& v, std::size_t n) {
  const bool fresh = v.capacity() < n;
  v.reserve(n);
  if (fresh) advise_huge_pages(v.data(), n * sizeof(T));
}

/// Appends [first, last) to v. When v must grow, its new storage (twice the capacity at least)
/// is advised before anything is copied into it: a result that grows past the first guess of its
/// size would otherwise fault its larger copy in page by page.
template <class T, class A>
void append_large(std::vector<T, A>& v, const T* first, const T* last) {
  const auto n = static_cast<std::size_t>(last - first);
  if (v.size() + n > v.capacity()) {
    const std::size_t doubled = v.capacity() * 2, needed = v.size() + n;
    std::vector<T, A> grown;
    reserve_large(grown, doubled > needed ? doubled : needed);
    grown.insert(grown.end(), v.begin(), v.end());
    v.swap(grown);
  }
  v.insert(v.end(), first, last);
}

/// A vector of n copies of value whose storage, if large, was advised before it was filled.
template <class T>
std::vector<T> filled_large(std::size_t n, const T& value) {
  std::vector<T> v;
  reserve_large(v, n);
  v.assign(n, value);
  return v;
}

}  // namespace embargo::detail

#endif
