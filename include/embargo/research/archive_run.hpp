// embargo: the research job's results written to the training archive (archive/): champion /
// challenger against the latest earlier run that approved each symbol, summary.json, the
// Markdown report's sections, the manifest, config.json, integrity.json and the tear sheet's
// data (oos_trades.json, splits.json).
// embargo-requires: json
#ifndef EMBARGO_RESEARCH_ARCHIVE_RUN_HPP
#define EMBARGO_RESEARCH_ARCHIVE_RUN_HPP

#include <cmath>
#include <cstdio>
#include <map>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include <embargo/core/json_number.hpp>
#include <embargo/archive/integrity_json.hpp>
#include <embargo/archive/training_archive.hpp>
#include <embargo/core/enum_names.hpp>
#include <embargo/features/feature_set.hpp>
#include <embargo/gates/champion_challenger.hpp>
#include <embargo/lifecycle/decision_log.hpp>
#include <embargo/lifecycle/model_export.hpp>
#include <embargo/lifecycle/observability.hpp>
#include <embargo/lifecycle/registry.hpp>
#include <embargo/research/config_json.hpp>
#include <embargo/research/job.hpp>
#include <embargo/research/report_data.hpp>
#include <embargo/stats/sharpe_difference.hpp>
#include <embargo/version.hpp>

namespace embargo::research {

/// A champion / challenger decision for one symbol.
struct promotion {
  std::string symbol, champion, challenger, decision, reason;
  double p_value = NAN, sharpe_difference = NAN;
  std::size_t paired_trades = 0;
};

namespace detail {
inline std::string num(double v) {
  char b[32];
  std::snprintf(b, sizeof b, "%.3g", v);
  return b;
}
}  // namespace detail

/// Each symbol's champion: its candidate in the latest archived run where it was APPROVED.
inline std::map<std::string, std::string> champions(const training_archive& archive, std::size_t wanted) {
  std::map<std::string, std::string> out;
  const auto runs = archive.list();
  for (auto it = runs.rbegin(); it != runs.rend() && out.size() < wanted; ++it) {
    const auto shown = archive.show(it->id);
    const std::set<std::string> approved(it->approved.begin(), it->approved.end());
    if (shown["summary"].contains("symbols"))
      for (const auto& sj : shown["summary"]["symbols"])
        if (sj.contains("candidate") && approved.count(sj["symbol"].get<std::string>()))
          out.try_emplace(sj["symbol"].get<std::string>(), sj["candidate"].get<std::string>());
  }
  return out;
}

/// The challenger (this run's candidate) against the champion's model on this run's
/// out-of-sample trades, paired by event: promoted only on a significantly higher Sharpe ratio.
inline promotion challenge(const symbol_result& s, const std::string& champion_model) {
  const auto& r = s.research;
  promotion p;
  p.symbol = s.symbol(), p.champion = champion_model, p.challenger = r.models[s.candidate].name;
  std::size_t k = 0;
  while (k < r.models.size() && r.models[k].name != champion_model) ++k;
  p.decision = "keep champion";
  if (k == r.models.size()) {
    p.reason = "the champion's model is not among this run's trials";
  } else if (k == s.candidate) {
    p.reason = "the challenger is the champion's model";
  } else {
    std::vector<double> champ, chall;
    for (std::size_t i = 0; i < r.labels.size(); ++i)
      if (std::isfinite(r.models[k].probability[i]) && std::isfinite(r.models[s.candidate].probability[i]))
        champ.push_back(r.models[k].trade_return[i]), chall.push_back(r.models[s.candidate].trade_return[i]);
    const auto d = champion_challenger().decide(champ, chall, sharpe_difference_test);
    if (d.promote) p.decision = "promote challenger";
    p.reason = d.reason;
    p.p_value = d.test.p_value;
    p.sharpe_difference = d.test.difference;
    p.paired_trades = d.shadow_observations;
  }
  return p;
}

/// The summary of one symbol (summary.json's "symbols" entries); `regime_processing` adds the
/// regime gate's verdict per regime.
inline nlohmann::json symbol_json(const symbol_result& s, const promotion* promo, bool regime_processing) {
  const auto& r = s.research;
  nlohmann::json js = {{"symbol", r.symbol}, {"status", std::string(to_name(s.status))}, {"kept", s.status == symbol_status::trained},
                       {"reasons", s.reasons()}, {"events", r.labels.size()}};
  if (r.sampled_events) js["regime_balanced_sample"] = r.sampled_events;
  if (s.status != symbol_status::trained) return js;
  js["models"] = nlohmann::json::array();
  for (std::size_t k = 0; k < s.evaluations.size(); ++k) {
    const auto& e = s.evaluations[k];
    nlohmann::json mj = {{"model", r.models[k].name}, {"fitness_history", e.fitness_history}};
    nlohmann::json per_regime = nlohmann::json::object();
    for (std::size_t g = 0; g < regime_count; ++g) {
      const auto& sl = e.by_regime[g];
      per_regime[std::string(to_string(all_regimes[g]))] = {
          {"trades", sl.trades}, {"mean_trade", number_or_null(sl.mean)}, {"sharpe", number_or_null(sl.sharpe)},
          {"hit_rate", number_or_null(sl.hit_rate)}, {"small_sample", sl.small_sample}};
    }
    mj["per_regime"] = per_regime;
    if (!e.path_sharpe.empty()) {
      nlohmann::json paths = nlohmann::json::array();
      for (double v : e.path_sharpe) paths.push_back(number_or_null(v));
      mj["path_sharpe"] = paths;
    }
    for (const auto& [name, v] : e.metrics.values()) mj[name] = number_or_null(v);
    js["models"].push_back(mj);
  }
  js["candidate"] = r.models[s.candidate].name;
  js["classification"] = std::string(to_string(s.gate.classification));
  js["flags"] = s.gate.flags;
  if (regime_processing) {
    nlohmann::json rv = nlohmann::json::object();
    for (const auto& d : s.regime_verdicts)
      rv[std::string(to_string(d.which))] = d.assessed ? nlohmann::json(d.enabled ? "enabled" : "disabled") : nlohmann::json("not judged");
    js["regime_gate"] = rv;
  }
  if (promo)
    js["promotion"] = {{"champion", promo->champion}, {"challenger", promo->challenger}, {"decision", promo->decision},
                       {"reason", promo->reason}, {"p_value", number_or_null(promo->p_value)},
                       {"sharpe_difference", number_or_null(promo->sharpe_difference)},
                       {"paired_trades", promo->paired_trades}};
  return js;
}

/// What archive_results wrote.
struct archived_run {
  std::string run_id;
  std::vector<promotion> promotions;
  std::vector<lifecycle::symbol_export> exports;  ///< one per symbol: its model file, or why none
};

struct archive_options;
inline void record_decisions(const research_results& results, const archived_run& run, const std::string& archive_dir,
                             const archive_options& ao);

struct archive_options {
  /// The code that ran (lifecycle/model_file.hpp): the embargo tool passes its header hash.
  std::string code = lifecycle::default_code_identity();
  bool export_models = true;      ///< write <run>/models/ (the candidates' final fits)
  bool update_registry = true;    ///< move the champion / challenger aliases (lifecycle/registry.hpp)
};

/// Writes `results` as one run of the archive in `archive_dir` (created if needed) and returns
/// its id. `data_note` describes the data in the report. With the default options the run also
/// exports every symbol's candidate, logs each gate verdict and promotion to decisions.jsonl, and
/// updates the registry: an APPROVED candidate becomes the champion when the symbol has none or
/// when it beats the champion's model by the champion/challenger test; otherwise it becomes the
/// challenger.
inline archived_run archive_results(const research_results& results, const std::string& archive_dir, const std::string& data_note,
                                    const archive_options& ao = {}) {
  training_archive archive(archive_dir);
  lifecycle::model_registry registry(archive_dir, results.options.lifecycle.keep_backups);
  // The registry's champion where it has one; archives from before the registry: the candidate
  // of the latest run that approved the symbol.
  auto champion_of = champions(archive, results.symbols.size());
  for (const auto& [symbol, names] : registry.aliases())
    if (const auto c = names.find("champion"); c != names.end()) champion_of[symbol] = c->second.kind;
  archived_run out;
  run_record run;
  nlohmann::json symbols = nlohmann::json::array(), integrity = nlohmann::json::array();
  std::string integrity_md =
      "## Data integrity\n\n| symbol | gaps | filled bars | spikes | jumps | splits | stale runs | vendor mismatches | decision |\n"
      "|---|---|---|---|---|---|---|---|---|\n";
  std::string models_md =
      "## Models per symbol (out of sample)\n\n| symbol | model | fitness (PSR) | Sharpe | profit factor | consistency | "
      "max drawdown | DSR | trades | gross | costs |\n|---|---|---|---|---|---|---|---|---|---|---|\n";
  std::string regimes_md =
      "## Per regime (candidate models)\n\nAnnualised Sharpe ratio of the out-of-sample trades by the regime at the trade's "
      "start (causal regime labeler, docs/regimes.md), trades in brackets; a cell marked * has fewer than " +
      std::to_string(results.options.regimes.min_trades) +
      " trades (regimes.min_trades) and is not judged.\n\n| symbol | model | low_vol | normal | high_vol | crash | recovery |\n"
      "|---|---|---|---|---|---|---|\n";
  std::string failures_md;
  std::string promotion_md =
      "## Champion / challenger\n\nA symbol's champion is its candidate in the latest earlier run where it was APPROVED; the "
      "challenger is this run's candidate. Both are evaluated on this run's out-of-sample trades (paired by event), and the "
      "challenger is promoted only if its Sharpe ratio is higher with a one-sided Jobson-Korkie-Memmel p-value below 0.05 over "
      "at least 63 trades.\n\n| symbol | champion | challenger | decision | reason |\n|---|---|---|---|---|\n";
  timestamp first = 0, last = 0;
  bool any_time = false;
  std::vector<std::string> feature_names;
  for (const auto& s : results.symbols) {
    const auto& r = s.research;
    const auto& rep = r.integrity;
    if (r.raw && !rep.symbol.empty()) {
      integrity.push_back(to_json(rep, rep.reference_was_primary && r.reference ? *r.reference : *r.raw));
      integrity_md += "| " + r.symbol + " | " + std::to_string(rep.gaps.size()) + " | " + std::to_string(rep.filled_bars) + " | " +
                      std::to_string(rep.spikes.size()) + " | " + std::to_string(rep.jumps.size()) + " | " +
                      std::to_string(rep.splits.size()) + " | " + std::to_string(rep.stale.size()) + " | " +
                      std::to_string(rep.vendor.mismatches.size()) + " | " + std::string(to_name(s.status)) + " |\n";
    }
    if (r.raw) {
      const auto& b = r.series();
      if (!b.empty()) {
        first = any_time ? std::min(first, b.time.front()) : b.time.front();
        last = any_time ? std::max(last, b.time.back()) : b.time.back();
        any_time = true;
      }
    }
    if (s.status == symbol_status::failed) failures_md += "| " + r.symbol + " | " + s.failure + " |\n";
    if (s.status != symbol_status::trained) {
      symbols.push_back(symbol_json(s, nullptr, results.options.regimes.enabled));
      continue;
    }
    if (feature_names.empty()) feature_names = r.feature_names;
    for (std::size_t k = 0; k < s.evaluations.size(); ++k) {
      auto g = [&](const char* m) { return s.evaluations[k].metrics.get(m).value_or(NAN); };
      models_md += "| " + r.symbol + " | " + r.models[k].name + (k == s.candidate ? " (candidate)" : "") + " | " +
                   detail::num(g("fitness")) + " | " + detail::num(g("sharpe")) + " | " + detail::num(g("profit_factor")) + " | " +
                   detail::num(g("consistency")) + " | " + detail::num(g("max_drawdown")) + " | " + detail::num(g("dsr")) + " | " +
                   detail::num(g("trades")) + " | " + detail::num(g("gross_return")) + " | " + detail::num(g("costs")) + " |\n";
    }
    regimes_md += "| " + r.symbol + " | " + r.models[s.candidate].name;
    for (const auto& sl : s.evaluations[s.candidate].by_regime)
      regimes_md += " | " + (sl.trades ? detail::num(sl.sharpe) + " (" + std::to_string(sl.trades) + ")" + (sl.small_sample ? "*" : "")
                                       : std::string("-"));
    regimes_md += " |\n";
    const promotion* promo = nullptr;
    if (auto c = champion_of.find(r.symbol); c != champion_of.end()) {
      out.promotions.push_back(challenge(s, c->second));
      promo = &out.promotions.back();
      promotion_md += "| " + r.symbol + " | " + promo->champion + " | " + promo->challenger + " | " + promo->decision + " | " +
                      promo->reason + " |\n";
    }
    symbols.push_back(symbol_json(s, promo, results.options.regimes.enabled));
    symbols.back()["gate_criteria"] = gate_criteria_json(s.gate, results.options.gate);
    const auto& e = s.evaluations[s.candidate];
    assessed_model am;
    am.model.symbol = r.symbol;
    am.model.metrics = e.metrics;
    am.model.fitness_history = e.fitness_history;
    am.model.validation_interval = e.validation_interval;
    am.result = s.gate;
    run.models.push_back(std::move(am));
  }
  if (out.promotions.empty()) promotion_md += "| - | - | - | - | no earlier run approved any of these symbols |\n";

  run.summary = {{"models", nlohmann::json::array()}, {"symbols", symbols}, {"data", data_note}, {"trials", results.trials},
                 {"complete", results.complete()}, {"failed_symbols", results.count(symbol_status::failed)},
                 {"excluded_symbols", results.count(symbol_status::excluded)}};
  for (const auto& am : run.models) {
    nlohmann::json m = {{"symbol", am.model.symbol}, {"fitness_history", am.model.fitness_history},
                        {"validation_interval", am.model.validation_interval}};
    for (const auto& [name, v] : am.model.metrics.values()) m[name] = number_or_null(v);
    run.summary["models"].push_back(m);
  }
  run_manifest manifest;
  manifest.version = version_string;
  manifest.training_start = any_time ? format_timestamp(first) : "";
  manifest.training_end = any_time ? format_timestamp(last) : "";
  manifest.features_hash = feature_set_hash(feature_names.empty() ? return_features_stage::names() : feature_names);
  manifest.code_hash = ao.code;
  manifest.seed = results.options.seed;
  const auto& o = results.options;
  manifest.extra["pipeline"] = {{"validation", std::string(to_name(o.validation.method))},
                                {"models", o.models.use},
                                {"regime_processing", o.regimes.enabled},
                                {"sampler", o.regimes.enabled ? "regime_balanced" : "none"},
                                {"weights", {{"uniqueness", o.weights.uniqueness}, {"decay", o.weights.decay},
                                             {"recency_half_life", o.weights.recency_half_life},
                                             {"class_balance", o.weights.class_balance},
                                             {"regime", o.regimes.enabled ? nlohmann::json(o.regimes.weights) : nlohmann::json(nullptr)}}}};
  run.report_sections = {"## Data\n\n" + data_note + "\n", integrity_md, models_md, regimes_md};
  if (!failures_md.empty())
    run.report_sections.push_back("## Failed symbols\n\nA stage threw on these symbols; the others' results do not depend on "
                                  "them.\n\n| symbol | what failed |\n|---|---|\n" + failures_md);
  run.report_sections.push_back(promotion_md);
  run.config_hash = config_hash(o);
  manifest.config_hash = run.config_hash;
  run.manifest = manifest;
  // The tear sheet's data (report.html, archive/html_report.hpp): one line each, they are for programs.
  run.extra_files = {{"integrity.json", integrity.dump(2) + "\n"}, {"config.json", to_json(o).dump(2) + "\n"},
                     {"oos_trades.json", oos_trades_json(results).dump() + "\n"}, {"splits.json", splits_json(results).dump() + "\n"}};
  if (ao.export_models) {
    auto exported = lifecycle::export_run(results, ao.code, embargo::detail::archive_clock().iso);
    for (auto& f : exported.files) run.extra_files.push_back(std::move(f));
    out.exports = std::move(exported.symbols);
  }
  out.run_id = archive.write_run(run);
  record_decisions(results, out, archive_dir, ao);
  lifecycle::refresh_observability(archive_dir);
  return out;
}

/// After a run is written: each symbol's gate verdict and promotion into decisions.jsonl, and the
/// registry's champion / challenger aliases moved as archive_results says (in one batch each: a
/// run of thousands of symbols pays one lock and one fsync per file, not one per symbol).
inline void record_decisions(const research_results& results, const archived_run& run, const std::string& archive_dir,
                             const archive_options& ao) {
  lifecycle::model_registry registry(archive_dir, results.options.lifecycle.keep_backups);
  const auto current = registry.aliases();
  std::vector<nlohmann::json> lines;
  std::vector<lifecycle::model_registry::alias_request> moves;
  for (std::size_t i = 0; i < results.symbols.size(); ++i) {
    const auto& s = results.symbols[i];
    if (s.status != symbol_status::trained) {
      lines.push_back(lifecycle::decision("excluded", s.symbol(),
                                          {{"run", run.run_id}, {"status", std::string(to_name(s.status))}, {"why", s.reasons()}}));
      continue;
    }
    const auto& e = s.evaluations[s.candidate];
    nlohmann::json numbers = nlohmann::json::object(), criteria = nlohmann::json::array();
    for (const auto& [name, v] : e.metrics.values()) numbers[name] = number_or_null(v);
    for (const auto& c : s.gate.criteria)
      criteria.push_back({{"metric", c.metric}, {"value", number_or_null(c.value.value_or(NAN))},
                          {"tier", std::string(to_string(c.result))}});
    lines.push_back(lifecycle::decision("gate", s.symbol(),
                                        {{"run", run.run_id}, {"model", s.research.models[s.candidate].name},
                                         {"tier", std::string(to_string(s.gate.classification))}, {"why", s.gate.flags},
                                         {"criteria", criteria}, {"numbers", numbers}}));
    const promotion* promo = nullptr;
    for (const auto& p : run.promotions)
      if (p.symbol == s.symbol()) promo = &p;
    if (promo)
      lines.push_back(lifecycle::decision("promotion", s.symbol(),
                                          {{"run", run.run_id}, {"champion", promo->champion}, {"challenger", promo->challenger},
                                           {"decision", promo->decision}, {"why", promo->reason},
                                           {"numbers", {{"p_value", number_or_null(promo->p_value)},
                                                        {"sharpe_difference", number_or_null(promo->sharpe_difference)},
                                                        {"paired_trades", promo->paired_trades}}}}));
    if (!ao.update_registry || i >= run.exports.size() || run.exports[i].file.empty()) continue;
    const bool approved = s.gate.classification == tier::approved;
    const auto names = current.find(s.symbol());
    const bool has_champion = names != current.end() && names->second.count("champion");
    if (approved && !has_champion)
      moves.push_back({s.symbol(), "champion", run.run_id, "first APPROVED model of the symbol", ""});
    else if (approved && promo && promo->decision == "promote challenger")
      moves.push_back({s.symbol(), "champion", run.run_id, "beat the champion: " + promo->reason, ""});
    else
      moves.push_back({s.symbol(), "challenger", run.run_id,
                       approved ? "APPROVED but did not beat the champion"
                                : "latest candidate, " + std::string(to_string(s.gate.classification)),
                       ""});
  }
  lines.push_back(lifecycle::decision("run", "",
                                      {{"run", run.run_id}, {"duration_seconds", results.seconds}, {"trials", results.trials},
                                       {"approved", results.count(tier::approved)}, {"review", results.count(tier::review)},
                                       {"drop", results.count(tier::drop)}, {"excluded", results.count(symbol_status::excluded)},
                                       {"failed", results.count(symbol_status::failed)}}));
  lifecycle::log_decisions(archive_dir, lines);
  registry.set_aliases(std::move(moves));
}

}  // namespace embargo::research

#endif
