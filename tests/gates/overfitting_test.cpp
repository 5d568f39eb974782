// Tests of the overfitting detector: the seed's example, decline and oscillation boundaries.
#include <catch2/catch.hpp>

#include <limits>
#include <vector>

#include <embargo/gates/overfitting_detector.hpp>

using namespace embargo;

TEST_CASE("overfitting detector: table of histories") {
  struct row {
    std::vector<double> history;
    bool use_checkpoint;
    std::size_t best_idx;
    bool unstable;
  };
  const std::vector<row> rows = {
      {{0.70, 0.75, 0.78, 0.75}, false, 2, false},  // the seed's own example: 3.85 % decline
      {{1.00, 0.951}, false, 0, false},              // 4.9 % decline: not beyond 5 %
      {{1.00, 0.94}, true, 0, false},                // 6 % decline, one 6 % fall
      {{0.5, 0.8, 0.6, 0.8, 0.7}, true, 1, true},    // first peak; fall 0.8 -> 0.6 is 25 %
      {{0.1, 0.5, 0.9}, false, 2, false},            // fast rises are not instability
      {{1.0, 0.89, 1.0}, false, 0, true},            // 11 % fall then recovery: unstable only
      {{1.0, 0.901, 1.0}, false, 0, false},          // 9.9 % fall: not beyond 10 %
      {{-1.0, -1.2}, true, 0, true},                 // negative values: relative to |peak|
      {{0.0, -0.06}, true, 0, false},                // zero peak: absolute fall 0.06
      {{0.42}, false, 0, false},
      {{}, false, 0, false},
  };
  const overfitting_detector det;
  for (const row& r : rows) {
    INFO("history size " << r.history.size() << " first " << (r.history.empty() ? 0.0 : r.history[0]));
    const overfitting_report rep = det.detect(r.history);
    CHECK(rep.use_checkpoint == r.use_checkpoint);
    CHECK(rep.best_idx == r.best_idx);
    CHECK(rep.unstable == r.unstable);
    CHECK_FALSE(rep.checkpoint_update.has_value());  // validation interval unknown
  }
}

TEST_CASE("overfitting detector: exactly at the thresholds is not beyond them") {
  // Binary-exact values so the boundary is the threshold itself, not a rounding artefact.
  const overfitting_detector det({.decline_threshold = 0.25, .oscillation_threshold = 0.25});
  const std::vector<double> at_decline{1.0, 0.75};
  CHECK(det.detect(at_decline).decline == 0.25);
  CHECK_FALSE(det.detect(at_decline).use_checkpoint);
  CHECK_FALSE(det.detect(at_decline).unstable);
  const std::vector<double> past_decline{1.0, 0.74};
  CHECK(det.detect(past_decline).use_checkpoint);
  CHECK(det.detect(past_decline).unstable);
}

TEST_CASE("overfitting detector: checkpoint update, decline value, bad input") {
  const overfitting_detector det({.validation_interval = 500});
  const std::vector<double> h{0.5, 0.9, 0.9, 0.6};
  const overfitting_report r = det.detect(h);
  CHECK(r.use_checkpoint);
  CHECK(r.best_idx == 1);
  CHECK(r.checkpoint_update == std::optional<std::uint64_t>(1000));
  CHECK(r.decline == Approx(1.0 / 3.0));
  CHECK(r.oscillation == Approx(1.0 / 3.0));

  const std::vector<double> seed{0.70, 0.75, 0.78, 0.75};
  CHECK(det.detect(seed).decline == Approx(0.03 / 0.78));
  CHECK_FALSE(det.detect(seed).checkpoint_update.has_value());

  const std::vector<double> with_nan{0.5, std::numeric_limits<double>::quiet_NaN()};
  CHECK_THROWS_WITH(det.detect(with_nan), Catch::Contains("history[1]"));
  CHECK_THROWS_AS(overfitting_detector({.decline_threshold = -0.1}), invalid_argument);
  CHECK_THROWS_AS(overfitting_detector({.oscillation_threshold = std::numeric_limits<double>::quiet_NaN()}),
                  invalid_argument);
  const overfitting_detector huge({.validation_interval = std::numeric_limits<std::uint64_t>::max()});
  const std::vector<double> late_peak{0.1, 0.9, 0.1};
  CHECK_THROWS_AS(huge.detect(late_peak), invalid_argument);
}
