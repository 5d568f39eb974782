// embargo: injects the faults real data has (gaps, bad prints, stale feeds, unadjusted splits,
// a second vendor that disagrees) into clean bars, keeping the truth, so the integrity stage can
// be scored for recall and precision and exercised end to end by the demo.
#ifndef EMBARGO_DATA_FAULTS_HPP
#define EMBARGO_DATA_FAULTS_HPP

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include <embargo/core/error.hpp>
#include <embargo/core/random.hpp>
#include <embargo/data/bars.hpp>

namespace embargo {

struct fault_options {
  bool gaps = true, spikes = true, stale = true, splits = true, vendor = true;
  std::size_t gaps_per_symbol = 3;     ///< each removes 1..max_gap consecutive bars
  std::size_t max_gap = 3;
  std::size_t spikes_per_symbol = 3;   ///< close moved by ±15..40 % for one bar
  std::size_t stale_per_symbol = 1;    ///< a run of stale_length bars repeating the last close
  std::size_t stale_length = 6;
  double split_probability = 0.5;      ///< chance that a symbol has one unadjusted split (ratio 1/2, 1/3 or 1/4)
  double vendor_noise = 1e-5;          ///< relative noise of the reference vendor's prices
  std::size_t vendor_errors_per_symbol = 4;  ///< reference closes off by ±1..3 %
  std::size_t spacing = 60;            ///< clean bars between two faults (the detectors' window is 50)
};

/// What was injected into one symbol, by timestamp (positions move when bars are removed).
struct symbol_faults {
  std::string symbol;
  std::vector<timestamp> missing;        ///< timestamps of removed bars
  std::vector<timestamp> spikes;
  std::vector<timestamp> stale;          ///< every bar of every stale run
  std::vector<timestamp> splits;         ///< first bar at the new level
  std::vector<double> split_ratios;
  std::vector<timestamp> vendor_errors;  ///< bars where the reference vendor is wrong
};

struct faulty_market {
  panel bars;                       ///< the primary vendor, with faults
  panel reference;                  ///< the second vendor (same splits, own small noise and errors)
  std::vector<symbol_faults> truth; ///< per symbol, same order as bars
};

namespace detail {
/// Hands out fault positions in disjoint slots of `slot` bars between the margins, in random
/// slot order, so faults never overlap and each has `spacing` clean bars around it.
class fault_slots {
 public:
  fault_slots(splitmix64& g, std::size_t n, std::size_t margin, std::size_t slot, std::size_t needed,
              const std::string& symbol)
      : g_(g), margin_(margin), slot_(slot) {
    const std::size_t available = n > 2 * margin ? (n - 2 * margin) / slot : 0;
    if (needed > available)
      throw invalid_argument("inject_faults: '" + symbol + "' has " + std::to_string(n) + " bars, room for " +
                             std::to_string(available) + " faults " + std::to_string(slot) + " bars apart, " +
                             std::to_string(needed) + " requested (use more bars or fewer faults)");
    order_.resize(available);
    for (std::size_t i = 0; i < available; ++i) order_[i] = i;
    for (std::size_t i = available; i > 1; --i) {  // Fisher-Yates with the specified generator
      const auto j = static_cast<std::size_t>(g_.uniform() * static_cast<double>(i));
      std::swap(order_[i - 1], order_[std::min(j, i - 1)]);
    }
  }
  /// The start of the next free slot plus a random offset in its first `jitter` bars.
  std::size_t next(std::size_t jitter) {
    const std::size_t base = margin_ + order_[used_++] * slot_;
    return base + static_cast<std::size_t>(g_.uniform() * static_cast<double>(jitter));
  }

 private:
  splitmix64& g_;
  std::size_t margin_, slot_, used_ = 0;
  std::vector<std::size_t> order_;
};
}  // namespace detail

/// Injects faults into each symbol of `clean`. Deterministic from the seed. Throws
/// invalid_argument when a series is too short for the requested faults at the given spacing.
inline faulty_market inject_faults(const panel& clean, fault_options opt = {}, std::uint64_t seed = 1) {
  faulty_market m;
  for (std::size_t s = 0; s < clean.symbols.size(); ++s) {
    const bars& src = clean.symbols[s];
    const std::size_t n = src.size();
    splitmix64 g(derive_seed(seed, s, 0xFA017));
    symbol_faults truth;
    truth.symbol = src.symbol;
    const std::size_t margin = opt.spacing;
    const std::size_t extent = std::max(opt.stale_length, opt.max_gap);  // longest fault
    const std::size_t slot = opt.spacing + extent;
    const std::size_t needed = (opt.splits ? 1 : 0) + (opt.spikes ? opt.spikes_per_symbol : 0) +
                               (opt.stale ? opt.stale_per_symbol : 0) + (opt.vendor ? opt.vendor_errors_per_symbol : 0) +
                               (opt.gaps ? opt.gaps_per_symbol : 0);
    detail::fault_slots slots(g, n, margin, slot, needed, src.symbol);
    const std::size_t jitter = slot - extent - opt.spacing / 2;  // keep half the spacing after the fault
    bars raw = src;  // the truth both vendors see, including any split
    if (opt.splits && g.uniform() < opt.split_probability) {
      const double ratios[] = {1.0 / 2, 1.0 / 3, 1.0 / 4};
      const double ratio = ratios[static_cast<std::size_t>(g.uniform() * 3) % 3];
      {
        const std::size_t t = slots.next(jitter);
        for (std::size_t i = t; i < n; ++i) {
          raw.open[i] *= ratio, raw.high[i] *= ratio, raw.low[i] *= ratio, raw.close[i] *= ratio;
          raw.volume[i] = std::round(raw.volume[i] / ratio);
        }
        truth.splits.push_back(raw.time[t]);
        truth.split_ratios.push_back(ratio);
      }
    }
    bars primary = raw, reference = raw;
    if (opt.vendor) {
      for (std::size_t i = 0; i < n; ++i) {
        const double f = 1.0 + opt.vendor_noise * standard_normal(g);
        reference.close[i] *= f;
        reference.high[i] = std::max(reference.high[i], reference.close[i]);
        reference.low[i] = std::min(reference.low[i], reference.close[i]);
      }
    }
    if (opt.spikes)
      for (std::size_t k = 0; k < opt.spikes_per_symbol; ++k) {
        const std::size_t t = slots.next(jitter);
        const double size = 0.15 + 0.25 * g.uniform();
        primary.close[t] *= g.uniform() < 0.5 ? 1.0 + size : 1.0 / (1.0 + size);
        primary.high[t] = std::max(primary.high[t], primary.close[t]);
        primary.low[t] = std::min(primary.low[t], primary.close[t]);
        truth.spikes.push_back(primary.time[t]);
      }
    if (opt.stale)
      for (std::size_t k = 0; k < opt.stale_per_symbol; ++k) {
        const std::size_t t = slots.next(jitter);
        const double c = primary.close[t - 1];
        for (std::size_t i = t; i < t + opt.stale_length; ++i) {
          primary.open[i] = primary.high[i] = primary.low[i] = primary.close[i] = c;
          truth.stale.push_back(primary.time[i]);
        }
      }
    if (opt.vendor)
      for (std::size_t k = 0; k < opt.vendor_errors_per_symbol; ++k) {
        const std::size_t t = slots.next(jitter);
        const double err = (0.01 + 0.02 * g.uniform()) * (g.uniform() < 0.5 ? -1 : 1);
        reference.close[t] *= 1.0 + err;
        reference.high[t] = std::max(reference.high[t], reference.close[t]);
        reference.low[t] = std::min(reference.low[t], reference.close[t]);
        truth.vendor_errors.push_back(reference.time[t]);
      }
    std::vector<bool> remove(n, false);
    if (opt.gaps)
      for (std::size_t k = 0; k < opt.gaps_per_symbol; ++k) {
        const std::size_t t = slots.next(jitter);
        const std::size_t len = 1 + static_cast<std::size_t>(g.uniform() * static_cast<double>(opt.max_gap)) % opt.max_gap;
        for (std::size_t i = t; i < t + len; ++i) remove[i] = true, truth.missing.push_back(primary.time[i]);
      }
    bars out;
    out.symbol = primary.symbol;
    out.reserve(n);
    for (std::size_t i = 0; i < n; ++i)
      if (!remove[i]) out.push_back(primary.time[i], primary.open[i], primary.high[i], primary.low[i], primary.close[i], primary.volume[i]);
    for (auto* v : {&truth.missing, &truth.spikes, &truth.stale, &truth.vendor_errors}) std::sort(v->begin(), v->end());
    m.bars.symbols.push_back(std::move(out));
    if (opt.vendor) m.reference.symbols.push_back(std::move(reference));
    m.truth.push_back(std::move(truth));
  }
  return m;
}

}  // namespace embargo

#endif
