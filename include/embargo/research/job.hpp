// embargo: the research job as a library component. From bars to decisions, per symbol in
// parallel (merged in symbol order, so 1 and N threads give identical results): integrity ->
// universe -> events -> labels -> regimes -> features -> weights -> splits -> models (out of fold)
// -> [meta filter] -> [consensus]; then every model's out-of-sample evaluation, the deflated
// Sharpe over all (symbol, model) trials, each symbol's candidate and the gate. Writing the
// archive is research/archive_run.hpp (it needs the JSON companion); this header needs only the core.
// The standard model kinds are research/models.hpp: include it (or <embargo/research.hpp>) in at
// least one translation unit of the program (see standard_catalog below).
//
//   embargo::research::research_options o;           // or research_options_from_json(...)
//   embargo::research::research_job job(o);
//   job.add_stage("features", my_feature_stage{});    // a stage of your own, after a standard one
//   const auto results = job.run(my_panel);
#ifndef EMBARGO_RESEARCH_JOB_HPP
#define EMBARGO_RESEARCH_JOB_HPP

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <concepts>
#include <exception>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

#include <embargo/core/enum_names.hpp>
#include <embargo/data/bars.hpp>
#include <embargo/gates/regime_gate.hpp>
#include <embargo/gates/tiered_gate.hpp>
#include <embargo/pipeline/executor.hpp>
#include <embargo/pipeline/pipeline.hpp>
#include <embargo/pipeline/progress.hpp>
#include <embargo/pipeline/research.hpp>
#include <embargo/research/evaluation.hpp>
#include <embargo/research/options.hpp>
#include <embargo/research/validate.hpp>
#include <embargo/stats/dsr.hpp>

namespace embargo::research {

/// One per-symbol step of the job.
using stage_function = std::function<void(symbol_research&)>;
/// Builds the stage of one model kind from the configuration.
using model_factory = std::function<stage_function(const research_options&)>;

/// The model kinds a job can run (`models.use` names them) and the meta-label filter's stage.
/// Add your own kinds to `kinds`; a build with XGBoost adds "xgboost".
struct model_catalog {
  std::map<std::string, model_factory, std::less<>> kinds;
  model_factory meta_filter;
};

/// The standard kinds (research/models.hpp defines it; <embargo/research.hpp> includes both).
/// A template so that a program may compile the models in a translation unit of their own:
/// one that includes only this header calls it, another includes models.hpp and instantiates it
/// (`template embargo::research::model_catalog embargo::research::standard_catalog<>();`).
template <class = void>
model_catalog standard_catalog();

// The seam between metrics and gates is typed where a metric tag exists: the gate's criteria
// read the names the evaluation's metric set writes (research/evaluation.hpp, put_results).
static_assert(profit_factor_at_least::metric == tag::profit_factor::name);
static_assert(max_drawdown_at_most::metric == tag::max_drawdown::name);
static_assert(sortino_at_least::metric == tag::sortino::name);

/// One named step of the job's per-symbol plan.
struct named_stage {
  std::string name;
  stage_function run;
  bool custom = false;  ///< added with research_job::add_stage
};

/// The standard stages before the models, as the configuration chooses them (research/stages.hpp
/// defines it, a template for the same reason as standard_catalog).
template <class = void>
std::vector<named_stage> standard_stages(const research_options& o);

/// trained: the models ran; excluded: a stage dropped the symbol (integrity, universe, too few
/// events, ...); failed: a stage threw (the message is kept), the other symbols are unaffected.
enum class symbol_status { trained, excluded, failed };

struct symbol_result {
  symbol_research research;
  symbol_status status = symbol_status::trained;
  std::string failure;                 ///< failed: the stage and what it threw
  std::vector<evaluation> evaluations; ///< one per model, in model order
  std::size_t candidate = 0;           ///< the evaluation with the highest fitness (first on ties)
  assessment gate;                     ///< the candidate's
  /// With regime processing: the candidate judged per regime (cells under regimes.min_trades are
  /// not assessed); a regime whose verdict is not APPROVED would be switched off when trading.
  std::array<regime_decision, regime_count> regime_verdicts{};

  const std::string& symbol() const noexcept { return research.symbol; }
  const model_run* candidate_model() const noexcept {
    return status == symbol_status::trained && candidate < research.models.size() ? &research.models[candidate] : nullptr;
  }
  /// Every reason the symbol has no decision (excluded or failed).
  std::vector<std::string> reasons() const {
    if (status == symbol_status::failed) return {failure};
    return research.dropped_because;
  }
};

struct research_results {
  research_options options;
  std::vector<symbol_result> symbols;  ///< in the input's symbol order
  std::size_t trials = 0;              ///< (symbol, model) pairs with a defined Sharpe ratio: the DSR's trials
  unsigned threads = 1;                ///< what the run used (the results do not depend on it)
  double seconds = 0;                  ///< wall time of run() (what observability reports; nothing else reads it)

  /// True when no symbol failed (excluded symbols are decisions, not failures).
  bool complete() const noexcept {
    return std::none_of(symbols.begin(), symbols.end(), [](const auto& s) { return s.status == symbol_status::failed; });
  }
  std::size_t count(symbol_status s) const noexcept {
    return static_cast<std::size_t>(std::count_if(symbols.begin(), symbols.end(), [&](const auto& x) { return x.status == s; }));
  }
  std::size_t count(tier t) const noexcept {
    return static_cast<std::size_t>(std::count_if(symbols.begin(), symbols.end(), [&](const auto& x) {
      return x.status == symbol_status::trained && x.gate.classification == t;
    }));
  }
};

class research_job {
 public:
  /// Throws config_error (naming the key) for an invalid configuration, before any data is seen.
  explicit research_job(research_options options) : research_job(std::move(options), standard_catalog()) {}
  research_job(research_options options, model_catalog models) : options_(std::move(options)), models_(std::move(models)) {
    validate_options(options_);
    for (const auto& kind : options_.models.use)
      if (!models_.kinds.count(kind))
        throw config_error("models.use", "'" + kind + "' is not available in this build (registered: " + registered() + ")");
    if (options_.labels.meta_filter && options_.validation.method == validation_method::cpcv)
      throw config_error("labels.meta_filter", "the meta filter needs one prediction per event; CPCV has one per path");
    build_stages();
  }

  const research_options& options() const noexcept { return options_; }

  /// Inserts `s` right after the standard stage named `after` (see plan()); stages added after
  /// the same stage run in the order they were added. Throws invalid_argument for an unknown name.
  template <class S>
    requires std::invocable<const S&, symbol_research&>
  research_job& add_stage(std::string_view after, S s, std::string name = S::name) {
    auto it = std::find_if(stages_.begin(), stages_.end(), [&](const auto& st) { return st.name == after; });
    if (it == stages_.end()) throw invalid_argument("research_job::add_stage: no stage named '" + std::string(after) + "'");
    while (std::next(it) != stages_.end() && std::next(it)->custom) ++it;
    stages_.insert(std::next(it), named_stage{std::move(name), [s = std::move(s)](symbol_research& r) { s(r); }, true});
    return *this;
  }

  /// The stages in order, then the run-wide steps (what --dry-run prints).
  std::vector<std::string> plan() const {
    std::vector<std::string> out;
    for (const auto& s : stages_) out.push_back(s.name);
    out.insert(out.end(), {"evaluation", "deflated Sharpe over all trials", "candidate per symbol", "gate"});
    if (options_.regimes.enabled) out.push_back("regime gate");
    return out;
  }

  /// Worker threads for n symbols: `threads` (0: the cores), at most one per symbol and at most
  /// max_threads_per_core per core.
  unsigned threads_for(std::size_t n_symbols) const noexcept {
    const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
    unsigned t = options_.threads ? options_.threads : cores;
    t = std::min(t, cores * max_threads_per_core);
    return static_cast<unsigned>(std::max<std::size_t>(1, std::min<std::size_t>(t, n_symbols)));
  }

  /// Runs the job over `primary` (with a second vendor's bars for the same symbols when
  /// `reference` is not null). `progress`: a bar on stderr when it is a terminal.
  research_results run(const panel& primary, const panel* reference = nullptr, bool progress = false) const {
    const auto started = std::chrono::steady_clock::now();
    research_results out;
    out.options = options_;
    out.threads = threads_for(primary.size());
    {
      thread_pool pool(out.threads);
      progress_bar bar(primary.size(), "symbols", progress ? -1 : 0);
      out.symbols = parallel_map(pool, primary.size(), [&](std::size_t s) {
        symbol_result res = run_symbol(primary, s, reference);
        bar.tick(res.symbol());
        return res;
      });
    }
    conclude(out);
    out.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return out;
  }

  /// The first half of run() for one symbol: every stage and its models' evaluations. A symbol's
  /// own failure is its result (status failed), not an exception. Results of symbols computed
  /// anywhere (threads, MPI ranks, Dask workers: research/shipping.hpp moves them) go through
  /// conclude() together.
  symbol_result run_symbol(const panel& primary, std::size_t s, const panel* reference = nullptr) const {
    embargo::detail::require(s < primary.size(), "research_job::run_symbol: symbol " + std::to_string(s) + " of a panel of " +
                                                     std::to_string(primary.size()));
    return run_symbol(primary.symbols[s], reference);
  }

  /// The second half of run(), over every symbol's result in the panel's order: the deflated
  /// Sharpe over all trials, each symbol's candidate and its gate.
  void conclude(research_results& out) const {
    deflate(out);
    for (auto& s : out.symbols)
      if (s.status == symbol_status::trained) decide(s);
  }

  /// What a run would exclude and why, without training: every stage before the models runs on
  /// each symbol (integrity, universe, events, ... splits; custom stages among them too). A
  /// symbol that passes them all has status `trained` ("would train") and no evaluations.
  std::vector<symbol_result> screen(const panel& primary, const panel* reference = nullptr) const {
    thread_pool pool(threads_for(primary.size()));
    return parallel_map(pool, primary.size(), [&](std::size_t s) { return run_symbol(primary.symbols[s], reference, false); });
  }

 private:
  static bool is_model_stage(const named_stage& st) {
    return !st.custom && (st.name.rfind("model ", 0) == 0 || st.name == "meta_filter");
  }

  std::string registered() const {
    std::string out;
    for (const auto& [k, f] : models_.kinds) out += (out.empty() ? "" : ", ") + k;
    return out;
  }

  void build_stages() {
    const auto& o = options_;
    stages_ = standard_stages(o);
    for (const auto& kind : o.models.use)
      if (kind != "consensus") stages_.push_back({"model " + kind, models_.kinds.find(kind)->second(o)});
    if (o.labels.meta_filter) {
      embargo::detail::require(static_cast<bool>(models_.meta_filter), "research_job: the model catalog has no meta filter");
      stages_.push_back({"meta_filter", models_.meta_filter(o)});
    }
    if (std::find(o.models.use.begin(), o.models.use.end(), "consensus") != o.models.use.end())
      stages_.push_back({"model consensus", models_.kinds.find("consensus")->second(o)});
  }

  symbol_result run_symbol(const bars& raw, const panel* reference, bool train = true) const {
    symbol_result res;
    auto& r = res.research;
    r.raw = &raw;
    r.symbol = raw.symbol;
    if (reference) r.reference = reference->find(r.symbol);
    const named_stage* current = nullptr;
    try {
      for (const auto& st : stages_) {
        if (!train && is_model_stage(st)) break;
        current = &st;
        st.run(r);
      }
      current = nullptr;
      if (!r.keep) {
        res.status = symbol_status::excluded;
        return res;
      }
      if (!train) return res;
      if (r.models.empty()) throw error("no model ran");
      const double years = static_cast<double>(r.series().size()) / options_.periods_per_year;
      const double trades_per_year = static_cast<double>(r.labels.size()) / std::max(years, 1e-9);
      for (const auto& m : r.models) res.evaluations.push_back(evaluate(r, m, trades_per_year, options_.regimes.min_trades));
    } catch (const std::exception& e) {
      res.status = symbol_status::failed;
      res.failure = (current ? current->name : std::string("evaluation")) + ": " + e.what();
      res.evaluations.clear();
    }
    return res;
  }

  /// Deflated Sharpe: every (symbol, model) pair with a defined per-trade Sharpe is a trial.
  static void deflate(research_results& out) {
    std::vector<double> trial_sharpes;
    for (const auto& s : out.symbols)
      for (const auto& e : s.evaluations)
        if (std::isfinite(e.per_trade_sharpe)) trial_sharpes.push_back(e.per_trade_sharpe);
    out.trials = trial_sharpes.size();
    for (auto& s : out.symbols)
      for (auto& e : s.evaluations)
        e.metrics.set("dsr", trial_sharpes.size() >= 2 && e.trades.size() >= 3 ? deflated_sharpe_ratio(e.trades, trial_sharpes).dsr
                                                                                 : NAN);
  }

  /// The configured gate; `of` carries the candidate's validation interval.
  evidence_gate gate(const overfitting_options& of) const {
    const auto& g = options_.gate;
    evidence_gate::thresholds_type t;
    t.at<fitness_at_least>() = {g.fitness.approved, g.fitness.review};
    t.at<profit_factor_at_least>() = {g.profit_factor.approved, g.profit_factor.review};
    t.at<consistency_at_least>() = {g.consistency.approved, g.consistency.review};
    t.at<max_drawdown_at_most>() = {g.max_drawdown.approved, g.max_drawdown.review};
    t.at<trades_at_least>() = {static_cast<double>(g.min_trades), 0.0};
    t.at<test_windows_at_least>() = {static_cast<double>(g.min_test_windows), 0.0};
    return evidence_gate(t, of);
  }

  void decide(symbol_result& s) const {
    const auto& ev = s.evaluations;
    s.candidate = 0;
    for (std::size_t k = 1; k < ev.size(); ++k)
      if (ev[k].metrics.get("fitness").value_or(-1) > ev[s.candidate].metrics.get("fitness").value_or(-1)) s.candidate = k;
    const auto& e = ev[s.candidate];
    overfitting_options of;
    of.validation_interval = e.validation_interval;
    s.gate = gate(of).assess(e.metrics, e.fitness_history);
    if (!options_.regimes.enabled) return;
    std::map<regime, metrics_record> per_regime;
    for (std::size_t k = 0; k < regime_count; ++k) {
      const auto& sl = e.by_regime[k];
      if (sl.small_sample) continue;
      // Per-regime cells have no test windows of their own (no fitness history, no
      // consistency): the regime gate judges the edge of their trades, the mean trade.
      per_regime.emplace(all_regimes[k], metrics_record{{"mean_trade", sl.mean}});
    }
    using cell_gate = tiered_gate<mean_trade_positive>;
    s.regime_verdicts = regime_gate<cell_gate>(cell_gate{}).evaluate(per_regime);
  }

  /// A regime cell passes when its mean trade is positive (APPROVED) or at least zero (REVIEW).
  struct mean_trade_positive : embargo::detail::at_least_criterion {
    static constexpr std::string_view metric = "mean_trade";
    static constexpr std::string_view flag = "NEGATIVE_REGIME_EDGE";
    static constexpr tier_thresholds defaults{1e-12, 0.0};
  };

  research_options options_;
  model_catalog models_;
  std::vector<named_stage> stages_;
};

}  // namespace embargo::research

template <>
struct embargo::enum_names<embargo::research::symbol_status> {
  static constexpr std::array<std::pair<std::string_view, research::symbol_status>, 3> entries{
      {{"trained", research::symbol_status::trained}, {"excluded", research::symbol_status::excluded},
       {"failed", research::symbol_status::failed}}};
};

#endif
