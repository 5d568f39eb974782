// embargo: one symbol's research result as bytes (core/wire.hpp), so that symbols computed in
// other processes (MPI ranks: embargo/mpi.hpp; Dask workers: the Python module) are concluded
// and archived by one process exactly as if it had computed them: every double travels as its
// bits. The input bars are not shipped (every process has read them); the receiver re-attaches
// its own copy and checks that it holds the same symbol at the same position.
#ifndef EMBARGO_RESEARCH_SHIPPING_HPP
#define EMBARGO_RESEARCH_SHIPPING_HPP

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include <Eigen/Core>

#include <embargo/core/index_set.hpp>
#include <embargo/core/wire.hpp>
#include <embargo/gates/metrics_record.hpp>
#include <embargo/research/job.hpp>

namespace embargo::wire {

/// A fold's index set travels as its runs.
template <>
struct codec<index_set> {
  static void write(writer& w, const index_set& s) {
    w.size(s.runs().size());
    for (const auto& r : s.runs()) w.size(r.begin), w.size(r.end);
  }
  static void read(reader& r, index_set& s) {
    const std::size_t n = r.size(16);
    s = index_set{};
    for (std::size_t k = 0; k < n; ++k) {
      const std::size_t begin = r.size(0), end = r.size(0);
      if (begin >= end || (!s.empty() && begin <= s.back())) reader::fail("index_set runs not ascending");
      s.append(begin, end);
    }
  }
};

template <>
struct codec<metrics_record> {
  static void write(writer& w, const metrics_record& m) { w(m.values()); }
  static void read(reader& r, metrics_record& m) {
    std::map<std::string, double, std::less<>> values;
    r(values);
    m = metrics_record{};
    for (auto& [k, v] : values) m.set(k, v);
  }
};

template <>
struct codec<Eigen::MatrixXd> {
  static void write(writer& w, const Eigen::MatrixXd& x) {
    w.size(static_cast<std::size_t>(x.rows())), w.size(static_cast<std::size_t>(x.cols()));
    w.raw(x.data(), static_cast<std::size_t>(x.size()) * sizeof(double));
  }
  static void read(reader& r, Eigen::MatrixXd& x) {
    const std::size_t rows = r.size(0), cols = r.size(0);
    if (cols && rows > r.remaining() / sizeof(double) / cols) reader::fail("a matrix larger than the message");
    x.resize(static_cast<Eigen::Index>(rows), static_cast<Eigen::Index>(cols));
    r.raw(x.data(), rows * cols * sizeof(double));
  }
};

/// The input bars: not shipped, re-attached by the receiver (research::unship).
template <>
struct codec<const bars*> {
  static void write(writer&, const bars*) {}
  static void read(reader&, const bars*& p) { p = nullptr; }
};

}  // namespace embargo::wire

namespace embargo::research {

/// One symbol's result and its position in the panel, as decoded.
struct shipped_symbol {
  std::uint64_t index = 0;
  symbol_result result;
};

/// The bytes of `result`, the result of the symbol at position `index` of the panel.
inline std::vector<std::byte> ship(std::size_t index, const symbol_result& result) {
  return wire::encode(static_cast<std::uint64_t>(index), result);
}

/// Decodes what ship() made and re-attaches the input bars from `primary` (and `reference`):
/// throws data_error when the message is corrupt or `primary` holds another symbol at its position.
inline shipped_symbol unship(std::span<const std::byte> message, const panel& primary, const panel* reference = nullptr) {
  auto s = wire::decode<shipped_symbol>(message);
  auto& r = s.result.research;
  if (s.index >= primary.size() || primary.symbols[s.index].symbol != r.symbol)
    throw data_error("research::unship: the result of '" + r.symbol + "' at position " + std::to_string(s.index) +
                     (s.index < primary.size() ? " meets '" + primary.symbols[s.index].symbol + "' there" : " is beyond the panel of " +
                                                     std::to_string(primary.size()) + " symbols") +
                     ": every process must read the same bars");
  r.raw = &primary.symbols[s.index];
  if (reference) r.reference = reference->find(r.symbol);
  return s;
}

}  // namespace embargo::research

#endif
