// Example 08: the research job inside a backtester of your own. The job (embargo/research.hpp)
// is what `embargo run` executes, but it is a library component: your program brings its own
// bars, configures it in code, adds a stage of its own, and archives the results where it likes.
// Needs the JSON companion (link embargo::json) for the archive.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <random>
#include <string>

#include <embargo/archive/training_archive.hpp>
#include <embargo/data.hpp>
#include <embargo/research.hpp>

namespace {

// Uniform in [0, 1) from the raw 64 bits: std::normal_distribution and friends differ between
// standard libraries, so they would make the expected output platform-dependent.
double uniform(std::mt19937_64& rng) { return static_cast<double>(rng() >> 11) * 0x1.0p-53; }
double normal(std::mt19937_64& rng) {
  const double u = 1.0 - uniform(rng), v = uniform(rng);
  return std::sqrt(-2.0 * std::log(u)) * std::cos(6.283185307179586 * v);
}

// Stands in for "load the bars from my own store": daily bars whose log returns follow an AR(1)
// with coefficient `momentum`; at 0 the prices are a random walk and there is nothing to find.
embargo::bars make_bars(const std::string& symbol, double momentum, double mean_volume, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  embargo::bars b;
  b.symbol = symbol;
  constexpr std::size_t n = 1500;
  constexpr embargo::timestamp start = 1546300800;  // 2019-01-01 00:00 UTC, then one bar a day
  b.reserve(n);
  double close = 100, ret = 0;
  for (std::size_t t = 0; t < n; ++t) {
    ret = momentum * ret + 0.015 * normal(rng);
    const double open = close;
    close = open * std::exp(ret);
    const double high = std::max(open, close) * (1 + 0.004 * uniform(rng));
    const double low = std::min(open, close) * (1 - 0.004 * uniform(rng));
    b.push_back(start + static_cast<embargo::timestamp>(t) * 86400, open, high, low, close,
                mean_volume * (0.5 + uniform(rng)));
  }
  return b;
}

// Our own feature, added to the standard ones: where the event's close sits in the range of the
// last 20 closes (0: at the low, 1: at the high). Only bars up to the event's start t0 are read,
// so the feature is causal; the job's purged validation cannot protect against a feature that peeks.
struct range_position_stage {
  static constexpr const char* name = "range_position";
  void operator()(embargo::symbol_research& r) const {
    if (!r.keep) return;  // a symbol an earlier stage dropped has no events to describe
    const auto& close = r.series().close;
    const Eigen::Index rows = r.features.rows(), col = r.features.cols();
    r.features.conservativeResize(rows, col + 1);
    r.feature_names.push_back("range_position20");
    for (Eigen::Index i = 0; i < rows; ++i) {
      const std::size_t t = r.labels[static_cast<std::size_t>(i)].t0, from = t >= 19 ? t - 19 : 0;
      double lo = close[t], hi = close[t];
      for (std::size_t j = from; j <= t; ++j) lo = std::min(lo, close[j]), hi = std::max(hi, close[j]);
      r.features(i, col) = hi > lo ? (close[t] - lo) / (hi - lo) : 0.5;
    }
  }
};

}  // namespace

int main() {
  namespace research = embargo::research;
  embargo::panel bars;
  bars.symbols = {make_bars("AAA", 0.4, 2e5, 1), make_bars("BBB", 0.0, 3e5, 2), make_bars("THIN", 0.05, 50, 3)};

  // Only what differs from the defaults (the defaults reproduce `embargo demo`). THIN trades a
  // few thousand dollars a day: the universe's dollar-volume floor excludes it, reason kept.
  research::research_options options;
  options.integrity.interval_seconds = 86400;
  options.universe.min_dollar_volume = 1e6;
  options.validation.method = research::validation_method::purged_kfold;
  options.models.use = {"logit", "ridge"};
  options.threads = 1;  // results do not depend on it; one thread keeps the example light

  research::research_job job(options);  // checks the configuration before any data is read
  job.add_stage("features", range_position_stage{});
  std::printf("plan:");
  for (const auto& stage : job.plan()) std::printf(" [%s]", stage.c_str());
  std::printf("\n\n");

  const research::research_results results = job.run(bars);
  // One row per input symbol, in input order. The tier is the gate's verdict on the candidate
  // (its best model by fitness); a profit factor under gate.profit_factor.approved (1.8) caps it at REVIEW.
  std::printf("%-6s %-9s %-9s %-7s %6s %8s %7s %6s\n", "symbol", "status", "candidate", "tier", "trades", "features",
              "fitness", "pf");
  for (const auto& s : results.symbols) {
    const auto status = embargo::to_name(s.status);
    if (const auto* model = s.candidate_model()) {
      const auto& e = s.evaluations[s.candidate];
      const auto tier = embargo::to_string(s.gate.classification);
      std::printf("%-6s %-9.*s %-9s %-7.*s %6zu %8zu %7.3f %6.2f\n", s.symbol().c_str(), static_cast<int>(status.size()),
                  status.data(), model->name.c_str(), static_cast<int>(tier.size()), tier.data(), e.trades.size(),
                  s.research.feature_names.size(), e.metrics.get("fitness").value_or(NAN),
                  e.metrics.get("profit_factor").value_or(NAN));
    } else {
      std::printf("%-6s %-9.*s %s\n", s.symbol().c_str(), static_cast<int>(status.size()), status.data(),
                  s.reasons().empty() ? "" : s.reasons().front().c_str());
    }
  }
  std::printf("deflated Sharpe trials: %zu\n\n", results.trials);

  // The archive is the run's record (summary, report, manifest, the exact configuration). A
  // unique folder under the system's temp directory, removed at the end, stands in for yours.
  const auto dir = [] {
    for (std::random_device rd;;) {
      auto p = std::filesystem::temp_directory_path() / ("embargo_example_08_" + std::to_string(rd()));
      if (std::filesystem::create_directory(p)) return p;
    }
  }();
  struct remove_at_exit {
    std::filesystem::path p;
    ~remove_at_exit() {
      std::error_code ec;
      std::filesystem::remove_all(p, ec);
    }
  } cleanup{dir};

  research::archive_results(results, dir.string(), "3 simulated daily symbols (example 08)");
  const embargo::training_archive archive(dir);
  const auto runs = archive.list();
  const auto shown = archive.show(runs.back().id);
  std::printf("archived runs: %zu, models in the run: %zu (approved %zu, review %zu, dropped %zu)\n", runs.size(),
              runs.back().model_count, runs.back().approved_count, runs.back().review_count, runs.back().dropped_count);
  // The hash identifies the configuration, not the data: rerun these options on other bars and
  // the archive can tell you both runs were configured alike.
  std::printf("manifest config_hash == config_hash(options): %s\n",
              shown["manifest"]["config_hash"] == research::config_hash(options) ? "yes" : "no");
  std::printf("files:");
  for (const auto& f : shown["files"]) std::printf(" %s", f.get<std::string>().c_str());
  std::printf("\n");
}
