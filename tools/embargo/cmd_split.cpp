// embargo split: train/test folds of the splitters as JSON, optionally drawn as an SVG diagram.
// purged-kfold and cpcv read events (t0,t1 bar positions); walk-forward and time-series take a
// count (--n) or events; holdout and dual-model read events. Indices in the output are 0-based.
#include "cli.hpp"

#include <memory>
#include <optional>

#include <embargo/core/atomic_file.hpp>
#include <embargo/data/events_csv.hpp>
#include <embargo/splitters.hpp>

namespace embargo::cli {
namespace {

// Each index, or (--runs) each run of consecutive indices as [begin, end): O(runs) output for
// the long series where listing every index would write gigabytes.
nlohmann::json indices_json(const index_set& s, bool runs) {
  if (!runs) return s.to_indices();
  nlohmann::json arr = nlohmann::json::array();
  for (const auto& r : s.runs()) arr.push_back({r.begin, r.end});
  return arr;
}

nlohmann::json folds_json(const std::vector<fold>& folds, bool runs) {
  nlohmann::json arr = nlohmann::json::array();
  for (const auto& f : folds) arr.push_back({{"train", indices_json(f.train, runs)}, {"test", indices_json(f.test, runs)}});
  return arr;
}

std::vector<interval> point_events(std::size_t n) {
  std::vector<interval> ev(n);
  for (std::size_t i = 0; i < n; ++i) ev[i] = {i, i};
  return ev;
}

// Common options of every split subcommand.
struct common {
  std::string events, out, svg;
  std::size_t n = 0;
  bool runs = false;
};

void add_common(CLI::App* cmd, common& c, bool events_required, bool allow_n) {
  auto* ev = cmd->add_option("--events", c.events, "Events CSV with columns t0,t1 (0-based bar positions, sorted by t0)");
  if (events_required) ev->required();
  if (allow_n)
    cmd->add_option("--n", c.n, "Number of observations (instead of --events; labels then span one bar)")->excludes(ev);
  cmd->add_option("--out", c.out, "Write the JSON here instead of stdout");
  cmd->add_option("--svg", c.svg, "Also draw the split diagram (rows = folds) into this SVG file");
  cmd->add_flag("--runs", c.runs, "List train and test as runs [begin, end) of consecutive indices instead of every index");
}

std::vector<interval> load_events(const common& c, const char* who) {
  if (!c.events.empty()) return read_events_csv(c.events);
  if (c.n == 0) throw invalid_argument(std::string("split ") + who + ": give --events FILE.csv or --n N (N >= 1)");
  return point_events(c.n);
}

void finish(const common& c, nlohmann::json j, const std::vector<fold>& folds, const std::vector<interval>& ev,
            const std::string& title) {
  if (!c.svg.empty()) write_file_atomically(c.svg, split_svg(folds, ev, title));
  j["folds"] = folds_json(folds, c.runs);
  emit(dump(j), c.out);
}

void add_split(CLI::App& app) {
  auto* split = app.add_subcommand("split", "Train/test folds: purged k-fold, CPCV, walk-forward, time-series, holdout");
  split->require_subcommand(1);

  {  // purged k-fold
    struct args : common {
      std::size_t folds = 5;
      double embargo = 0.01;
      std::optional<std::size_t> embargo_obs, embargo_bars;
      bool skfolio_groups = false;
    };
    auto a = std::make_shared<args>();
    auto* cmd = split->add_subcommand("purged-kfold", "Purged k-fold with embargo (López de Prado 2018, ch. 7)");
    add_common(cmd, *a, true, false);
    cmd->add_option("--folds", a->folds, "Number of folds K (>= 2)")->capture_default_str();
    auto* fr = cmd->add_option("--embargo", a->embargo, "Embargo as a fraction of the observations, floor(f n + 1e-9)")
                   ->capture_default_str();
    auto* ob = cmd->add_option("--embargo-obs", a->embargo_obs, "Embargo as a number of observations")->excludes(fr);
    cmd->add_option("--embargo-bars", a->embargo_bars, "Embargo as a time delta in bars (drop t0 <= T1 + delta)")
        ->excludes(fr)
        ->excludes(ob);
    cmd->add_flag("--skfolio-groups", a->skfolio_groups, "floor(n/K) per fold, remainder to the last (skfolio)");
    cmd->callback([a] {
      const auto ev = load_events(*a, "purged-kfold");
      std::vector<fold> folds;
      if (a->embargo_bars) {
        const purged_kfold_options o{.n_splits = a->folds, .embargo_size = a->embargo_bars};
        folds = a->skfolio_groups ? purged_kfold<time_embargo, floor_remainder_groups>(o).split(ev)
                                  : purged_kfold<time_embargo>(o).split(ev);
      } else {
        const purged_kfold_options o{.n_splits = a->folds, .embargo_fraction = a->embargo, .embargo_size = a->embargo_obs};
        folds = a->skfolio_groups ? purged_kfold<observation_embargo, floor_remainder_groups>(o).split(ev)
                                  : purged_kfold<>(o).split(ev);
      }
      finish(*a, {{"splitter", "purged_kfold"}, {"n_observations", ev.size()}}, folds, ev,
             "purged k-fold, K = " + std::to_string(a->folds));
    });
  }

  {  // CPCV
    struct args : common {
      std::size_t groups = 6, test_groups = 2;
      double embargo = 0.01;
      std::optional<std::size_t> embargo_obs;
    };
    auto a = std::make_shared<args>();
    auto* cmd = split->add_subcommand("cpcv", "Combinatorial purged CV with its backtest paths (López de Prado 2018, ch. 12)");
    add_common(cmd, *a, true, false);
    cmd->add_option("--groups", a->groups, "Number of groups N")->capture_default_str();
    cmd->add_option("--test-groups", a->test_groups, "Test groups per split k (1 <= k < N)")->capture_default_str();
    auto* fr = cmd->add_option("--embargo", a->embargo, "Embargo as a fraction of the observations")->capture_default_str();
    cmd->add_option("--embargo-obs", a->embargo_obs, "Embargo as a number of observations")->excludes(fr);
    cmd->callback([a] {
      const auto ev = load_events(*a, "cpcv");
      const combinatorial_purged_cv cv(
          {.n_groups = a->groups, .n_test_groups = a->test_groups, .embargo_fraction = a->embargo, .embargo_size = a->embargo_obs});
      const auto folds = cv.split(ev);
      nlohmann::json paths = nlohmann::json::array();
      for (const auto& p : cv.backtest_paths(ev.size())) {
        nlohmann::json jp = nlohmann::json::array();
        for (const auto& s : p) jp.push_back({{"group", s.group}, {"split", s.split}, {"begin", s.begin}, {"end", s.end}});
        paths.push_back(jp);
      }
      finish(*a,
             {{"splitter", "combinatorial_purged_cv"},
              {"n_observations", ev.size()},
              {"n_splits", cv.n_splits()},
              {"n_paths", cv.n_paths()},
              {"test_groups", cv.test_groups()},
              {"path_ids", cv.path_ids()},
              {"paths", paths}},
             folds, ev, "CPCV, N = " + std::to_string(a->groups) + ", k = " + std::to_string(a->test_groups));
    });
  }

  {  // walk-forward
    struct args : common {
      walk_forward_options o{.train_size = 0, .test_size = 0};
      std::optional<std::size_t> step;
      bool time = false, no_purge = false;
    };
    auto a = std::make_shared<args>();
    auto* cmd = split->add_subcommand("walk-forward", "Rolling or expanding walk-forward, purged by label end times");
    add_common(cmd, *a, false, true);
    cmd->add_option("--train", a->o.train_size, "Training window (observations; bars with --time)")->required();
    cmd->add_option("--test", a->o.test_size, "Test window (observations; bars with --time)")->required();
    cmd->add_option("--gap", a->o.gap, "Left out between train and test")->capture_default_str();
    cmd->add_option("--step", a->step, "Advance per split (default: the test window)");
    cmd->add_flag("--expanding", a->o.expanding, "Train from the first observation");
    cmd->add_flag("--reduce-test", a->o.reduce_test, "Emit a final shorter test window");
    cmd->add_flag("--time", a->time, "Windows in bars on the t0 axis instead of observation counts (needs --events)");
    cmd->add_flag("--no-purge", a->no_purge, "Keep training labels that reach into the test window");
    cmd->callback([a] {
      const auto ev = load_events(*a, "walk-forward");
      auto o = a->o;
      o.step = a->step;
      o.purge_labels = !a->no_purge;
      if (a->time && a->events.empty()) throw invalid_argument("split walk-forward: --time needs --events");
      const auto folds = a->time ? walk_forward<time_windows>(o).split(ev) : walk_forward<>(o).split(ev);
      finish(*a, {{"splitter", "walk_forward"}, {"n_observations", ev.size()}}, folds, ev,
             std::string(o.expanding ? "expanding" : "rolling") + " walk-forward, train " +
                 std::to_string(o.train_size) + ", test " + std::to_string(o.test_size) + ", gap " + std::to_string(o.gap));
    });
  }

  {  // time-series
    struct args : common {
      time_series_split_options o;
      std::optional<std::size_t> max_train, test_size;
    };
    auto a = std::make_shared<args>();
    auto* cmd = split->add_subcommand("time-series", "scikit-learn TimeSeriesSplit, exactly");
    add_common(cmd, *a, false, true);
    cmd->add_option("--folds", a->o.n_splits, "n_splits")->capture_default_str();
    cmd->add_option("--gap", a->o.gap, "Observations dropped before each test window")->capture_default_str();
    cmd->add_option("--max-train", a->max_train, "Keep only the last M training observations");
    cmd->add_option("--test-size", a->test_size, "Test window (default n / (folds + 1))");
    cmd->callback([a] {
      const auto ev = load_events(*a, "time-series");
      auto o = a->o;
      o.max_train_size = a->max_train;
      o.test_size = a->test_size;
      const auto folds = time_series_split(o).split(ev);
      finish(*a, {{"splitter", "time_series_split"}, {"n_observations", ev.size()}}, folds, ev,
             "TimeSeriesSplit, " + std::to_string(o.n_splits) + " splits, gap " + std::to_string(o.gap));
    });
  }

  {  // holdout and dual-model
    struct args : common {
      double fraction = 0.1;
      std::optional<std::size_t> size;
      std::size_t last = 30;
    };
    auto a = std::make_shared<args>();
    auto* cmd = split->add_subcommand("holdout", "One purged holdout: first (1 - f) train, the rest test");
    add_common(cmd, *a, true, false);
    auto* fr = cmd->add_option("--test-fraction", a->fraction, "Test fraction f in (0, 1)")->capture_default_str();
    cmd->add_option("--test-size", a->size, "Hold out the last N observations instead")->excludes(fr);
    cmd->callback([a] {
      const auto ev = load_events(*a, "holdout");
      const auto folds = holdout({.test_fraction = a->fraction, .test_size = a->size}).split(ev);
      finish(*a, {{"splitter", "holdout"}, {"n_observations", ev.size()}}, folds, ev, "purged holdout");
    });
    auto b = std::make_shared<args>();
    auto* dual = split->add_subcommand("dual-model", "Model A: first 90 % / last 10 %; model B: all but the last N");
    add_common(dual, *b, true, false);
    dual->add_option("--validation-fraction", b->fraction, "Model A's validation fraction")->capture_default_str();
    dual->add_option("--last", b->last, "Model B holds out the last N observations")->capture_default_str();
    dual->callback([b] {
      const auto ev = load_events(*b, "dual-model");
      const auto folds = dual_model_split({.validation_fraction = b->fraction, .holdout_size = b->last}).split(ev);
      finish(*b, {{"splitter", "dual_model"}, {"n_observations", ev.size()}, {"models", {"A", "B"}}}, folds, ev,
             "dual model: A (row 0), B (row 1)");
    });
  }
}

[[maybe_unused]] const bool registered = register_command("split", add_split);

}  // namespace
}  // namespace embargo::cli
