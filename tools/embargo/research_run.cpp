// The research run's archiving half: the gate on each symbol's candidate, the summary, the
// report sections and the archive.
#include "research_run.hpp"

#include <cmath>
#include <cstdio>
#include <map>
#include <set>

#include <embargo/archive/training_archive.hpp>
#include <embargo/features/feature_set.hpp>
#include <embargo/gates/champion_challenger.hpp>
#include <embargo/gates/tiered_gate.hpp>
#include <embargo/stats/sharpe_difference.hpp>
#include <embargo/version.hpp>

#include "integrity_json.hpp"
#include "research_compute.hpp"
#include "research_config_json.hpp"

namespace embargo::cli {

research_result run_research(const research_config& cfg, const panel& primary, const panel* reference,
                             const std::string& archive_dir, const std::string& data_note) {
  auto outcomes = compute_research(cfg, primary, reference);
  training_archive archive(archive_dir);
  // Champions: each symbol's candidate in the latest archived run where it was APPROVED.
  std::map<std::string, std::string> champion_of;
  {
    const auto runs = archive.list();
    for (auto it = runs.rbegin(); it != runs.rend() && champion_of.size() < primary.size(); ++it) {
      const auto shown = archive.show(it->id);
      std::set<std::string> approved(it->approved.begin(), it->approved.end());
      if (shown["summary"].contains("symbols"))
        for (const auto& sj : shown["summary"]["symbols"])
          if (sj.contains("candidate") && approved.count(sj["symbol"].get<std::string>()))
            champion_of.try_emplace(sj["symbol"].get<std::string>(), sj["candidate"].get<std::string>());
    }
  }
  const champion_challenger promotion;
  std::string promotion_md = "## Champion / challenger\n\nA symbol's champion is its candidate in the latest earlier run where it was APPROVED; the challenger is this run's candidate. Both are evaluated on this run's out-of-sample trades (paired by event), and the challenger is promoted only if its Sharpe ratio is higher with a one-sided Jobson-Korkie-Memmel p-value below 0.05 over at least 63 trades.\n\n| symbol | champion | challenger | decision | reason |\n|---|---|---|---|---|\n";
  std::size_t promotions_considered = 0;
  const seed_gate gate;
  research_result result;
  run_record run;
  nlohmann::json symbols = nlohmann::json::array(), integrity = nlohmann::json::array();
  std::string integrity_md = "## Data integrity\n\n| symbol | gaps | filled bars | spikes | splits | stale runs | vendor mismatches | decision |\n|---|---|---|---|---|---|---|---|\n";
  std::string models_md = "## Models per symbol (out of fold)\n\n| symbol | model | fitness (PSR) | Sharpe | profit factor | consistency | max drawdown | DSR | trades |\n|---|---|---|---|---|---|---|---|---|\n";
  std::string regimes_md = "## Per regime (candidate models)\n\nAnnualised Sharpe ratio of the out-of-sample trades by the regime at the trade's start (causal regime labeler, docs/regimes.md), trades in brackets.\n\n| symbol | model | low_vol | normal | high_vol | crash | recovery |\n|---|---|---|---|---|---|---|\n";
  auto num = [](double v) {
    char b[32];
    std::snprintf(b, sizeof b, "%.3g", v);
    return std::string(b);
  };
  timestamp first = 0, last = 0;
  for (std::size_t s = 0; s < outcomes.size(); ++s) {
    const auto& o = outcomes[s];
    const auto& r = o.research;
    const auto& rep = r.integrity;
    integrity.push_back(to_json(rep, rep.reference_was_primary && r.reference ? *r.reference : *r.raw));
    integrity_md += "| " + r.symbol + " | " + std::to_string(rep.gaps.size()) + " | " + std::to_string(rep.filled_bars) +
                    " | " + std::to_string(rep.spikes.size()) + " | " + std::to_string(rep.splits.size()) + " | " +
                    std::to_string(rep.stale.size()) + " | " + std::to_string(rep.vendor.mismatches.size()) + " | " +
                    (r.keep ? "trained" : "excluded") + " |\n";
    const auto& b = r.series();
    if (!b.empty()) {
      first = s == 0 ? b.time.front() : std::min(first, b.time.front());
      last = std::max(last, b.time.back());
    }
    nlohmann::json js = {{"symbol", r.symbol}, {"kept", r.keep}, {"reasons", r.dropped_because}, {"events", r.labels.size()}};
    if (!r.keep) {
      research_row row{.symbol = r.symbol, .model = "-", .tier = "EXCLUDED", .flags = {}, .dropped_before_training = true};
      row.flags = r.dropped_because;
      result.rows.push_back(row);
      symbols.push_back(js);
      continue;
    }
    // The symbol's candidate is its model with the highest fitness (first on ties).
    std::size_t best = 0;
    for (std::size_t k = 1; k < o.evaluations.size(); ++k)
      if (o.evaluations[k].metrics.get("fitness").value_or(-1) > o.evaluations[best].metrics.get("fitness").value_or(-1)) best = k;
    js["models"] = nlohmann::json::array();
    for (std::size_t k = 0; k < o.evaluations.size(); ++k) {
      const auto& e = o.evaluations[k];
      nlohmann::json mj = {{"model", r.models[k].name}, {"fitness_history", e.fitness_history}};
      nlohmann::json per_regime = nlohmann::json::object();
      for (std::size_t g = 0; g < regime_count; ++g) {
        const auto& sl = e.by_regime[g];
        auto num_or_null = [](double v) { return std::isfinite(v) ? nlohmann::json(v) : nlohmann::json(nullptr); };
        per_regime[std::string(to_string(static_cast<regime>(g)))] = {
            {"trades", sl.trades}, {"mean_trade", num_or_null(sl.mean)}, {"sharpe", num_or_null(sl.sharpe)},
            {"hit_rate", num_or_null(sl.hit_rate)}};
      }
      mj["per_regime"] = per_regime;
      for (const auto& [name, v] : e.metrics.values()) mj[name] = std::isfinite(v) ? nlohmann::json(v) : nlohmann::json(nullptr);
      js["models"].push_back(mj);
      auto g = [&](const char* m) { return e.metrics.get(m).value_or(NAN); };
      models_md += "| " + r.symbol + " | " + r.models[k].name + (k == best ? " (candidate)" : "") + " | " + num(g("fitness")) +
                   " | " + num(g("sharpe")) + " | " + num(g("profit_factor")) + " | " + num(g("consistency")) + " | " +
                   num(g("max_drawdown")) + " | " + num(g("dsr")) + " | " + num(g("trades")) + " |\n";
    }
    js["candidate"] = r.models[best].name;
    regimes_md += "| " + r.symbol + " | " + r.models[best].name;
    for (std::size_t g = 0; g < regime_count; ++g) {
      const auto& sl = o.evaluations[best].by_regime[g];
      regimes_md += " | " + (sl.trades ? num(sl.sharpe) + " (" + std::to_string(sl.trades) + ")" : std::string("-"));
    }
    regimes_md += " |\n";
    if (auto c = champion_of.find(r.symbol); c != champion_of.end()) {
      ++promotions_considered;
      std::size_t k = 0;
      while (k < r.models.size() && r.models[k].name != c->second) ++k;
      nlohmann::json pj = {{"champion", c->second}, {"challenger", r.models[best].name}};
      if (k == r.models.size()) {
        pj["decision"] = "keep champion", pj["reason"] = "the champion's model is not among this run's trials";
      } else if (k == best) {
        pj["decision"] = "keep champion", pj["reason"] = "the challenger is the champion's model";
      } else {
        std::vector<double> champ, chall;  // paired by event: both models traded it
        for (std::size_t i = 0; i < r.labels.size(); ++i)
          if (std::isfinite(r.models[k].probability[i]) && std::isfinite(r.models[best].probability[i]))
            champ.push_back(r.models[k].trade_return[i]), chall.push_back(r.models[best].trade_return[i]);
        const auto d = promotion.decide(champ, chall, sharpe_difference_test);
        pj["decision"] = d.promote ? "promote challenger" : "keep champion";
        pj["reason"] = d.reason;
        pj["p_value"] = std::isfinite(d.test.p_value) ? nlohmann::json(d.test.p_value) : nlohmann::json(nullptr);
        pj["sharpe_difference"] = std::isfinite(d.test.difference) ? nlohmann::json(d.test.difference) : nlohmann::json(nullptr);
        pj["paired_trades"] = d.shadow_observations;
      }
      promotion_md += "| " + r.symbol + " | " + pj["champion"].get<std::string>() + " | " + pj["challenger"].get<std::string>() +
                      " | " + pj["decision"].get<std::string>() + " | " + pj["reason"].get<std::string>() + " |\n";
      js["promotion"] = pj;
    }
    symbols.push_back(js);

    const auto& e = o.evaluations[best];
    assessed_model am;
    am.model.symbol = r.symbol;
    am.model.metrics = e.metrics;
    am.model.fitness_history = e.fitness_history;
    am.model.validation_interval = e.validation_interval;
    overfitting_options of;
    of.validation_interval = e.validation_interval;
    am.result = seed_gate(cfg.gate, of).assess(e.metrics, e.fitness_history);
    const auto tier_name = [&] {
      switch (am.result.classification) {
        case tier::approved: return "APPROVED";
        case tier::review: return "REVIEW";
        default: return "DROP";
      }
    }();
    auto g = [&](const char* m) { return e.metrics.get(m).value_or(NAN); };
    research_row row{.symbol = r.symbol, .model = r.models[best].name, .tier = tier_name, .fitness = g("fitness"),
                     .sharpe = g("sharpe"), .profit_factor = g("profit_factor"), .consistency = g("consistency"),
                     .max_drawdown = g("max_drawdown"), .dsr = g("dsr"), .trades = static_cast<std::size_t>(g("trades")),
                     .flags = am.result.flags};
    result.rows.push_back(row);
    run.models.push_back(std::move(am));
  }
  (void)gate;

  result.summary = {{"version", version_string}, {"data", data_note}, {"seed", cfg.seed}, {"symbols", symbols}};
  run.summary = {{"models", nlohmann::json::array()}, {"symbols", symbols}, {"data", data_note}};
  for (const auto& am : run.models) {
    nlohmann::json m = {{"symbol", am.model.symbol}, {"fitness_history", am.model.fitness_history},
                        {"validation_interval", am.model.validation_interval}};
    for (const auto& [name, v] : am.model.metrics.values()) m[name] = std::isfinite(v) ? nlohmann::json(v) : nlohmann::json(nullptr);
    run.summary["models"].push_back(m);
  }
  run_manifest manifest;
  manifest.version = version_string;
  manifest.training_start = format_timestamp(first);
  manifest.training_end = format_timestamp(last);
  manifest.features_hash = feature_set_hash(return_features_stage::names());
  manifest.code_hash = std::string("embargo ") + version_string;
  manifest.seed = cfg.seed;
  run.report_sections = {"## Data\n\n" + data_note + "\n", integrity_md, models_md, regimes_md};
  if (promotions_considered == 0)
    promotion_md += "| - | - | - | - | no earlier run approved any of these symbols |\n";
  run.report_sections.push_back(promotion_md);
  run.config_hash = config_hash(cfg);
  manifest.config_hash = run.config_hash;
  run.manifest = manifest;
  run.extra_files = {{"integrity.json", integrity.dump(2) + "\n"}, {"config.json", to_json(cfg).dump(2) + "\n"}};
  result.run_id = archive.write_run(run);
  return result;
}

}  // namespace embargo::cli
