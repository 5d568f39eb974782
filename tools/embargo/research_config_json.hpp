// research_config <-> JSON for `embargo run --config` (strict: unknown keys and wrong types are
// errors naming their path) and the config hash written to the archive.
#ifndef EMBARGO_TOOLS_RESEARCH_CONFIG_JSON_HPP
#define EMBARGO_TOOLS_RESEARCH_CONFIG_JSON_HPP

#include <cstdio>
#include <string>

#include <nlohmann/json.hpp>

#include "research_run.hpp"
#include "strict_json.hpp"

namespace embargo::cli {

namespace detail_config {
template <class E>
std::string pick(const std::string& path, const std::string& value, std::initializer_list<std::pair<const char*, E>> options,
                 E& out) {
  std::string allowed;
  for (const auto& [name, e] : options) {
    if (value == name) {
      out = e;
      return value;
    }
    allowed += (allowed.empty() ? "" : ", ") + std::string(name);
  }
  throw data_error(path + ": '" + value + "' is not one of " + allowed);
}
}  // namespace detail_config

/// The research settings (what the results depend on). `threads` is left out on purpose: the
/// results do not depend on it, so neither does the config hash.
inline nlohmann::json to_json(const research_config& c) {
  const char* bet = c.bet == sizing::sign ? "sign" : c.bet == sizing::linear ? "linear" : "probit";
  nlohmann::json gate = nlohmann::json::object();
  for (const char* m : {"fitness", "profit_factor", "consistency", "max_drawdown"}) {
    auto g = c.gate;  // find() is non-const: it hands out a reference for configuration
    const tier_thresholds* t = g.find(m);
    gate[m] = {{"approved", t->approved}, {"review", t->review}};
  }
  const char* outliers = c.integrity.spikes == outlier_policy::flag ? "flag"
                         : c.integrity.spikes == outlier_policy::drop ? "drop" : "winsorize";
  return {{"seed", c.seed},
          {"periods_per_year", c.periods_per_year},
          {"integrity", {{"interval_seconds", c.integrity.interval},
                         {"repair_gaps", c.integrity.repair_gaps},
                         {"max_fill", c.integrity.gaps.max_fill},
                         {"outliers", outliers},
                         {"hampel_window", c.integrity.outliers.window},
                         {"hampel_threshold", c.integrity.outliers.threshold},
                         {"mismatch_threshold", c.integrity.vendor.threshold},
                         {"max_mismatch_share", c.integrity.max_mismatch_share}}},
          {"universe", {{"min_history", c.universe.min_history},
                        {"min_dollar_volume", c.universe.min_dollar_volume},
                        {"max_spread", c.universe.max_spread},
                        {"window", c.universe.window},
                        {"max_repaired_fraction", c.universe.max_repaired_fraction}}},
          {"events", {{"vol_span", c.vol_span}, {"cusum_multiplier", c.cusum_multiplier}}},
          {"labels", {{"pt", c.barriers.pt}, {"sl", c.barriers.sl}, {"vertical_bars", c.barriers.vertical_bars},
                      {"min_ret", c.barriers.min_ret}}},
          {"weights", {{"decay", c.decay}}},
          {"splits", {{"initial_train_fraction", c.initial_train_fraction}, {"n_tests", c.n_tests}}},
          {"costs", {{"fee", c.costs.fee}, {"spread", c.costs.spread}, {"slippage", c.costs.slippage},
                     {"funding", c.costs.funding}}},
          {"bet_sizing", bet},
          {"gate", gate}};
}

/// Reads a configuration; absent keys keep their defaults. `where` names the file in messages.
inline research_config research_config_from_json(const nlohmann::json& j, const std::string& where) {
  research_config c;
  strict_object root(j, where);
  root.get("seed", c.seed).get("threads", c.threads).get("periods_per_year", c.periods_per_year);
  std::string bet = "probit", outliers = "winsorize";
  root.get("bet_sizing", bet);
  detail_config::pick<sizing>(where + ".bet_sizing", bet, {{"sign", sizing::sign}, {"linear", sizing::linear}, {"probit", sizing::probit}}, c.bet);
  {
    auto o = root.child("integrity");
    o.get("interval_seconds", c.integrity.interval).get("repair_gaps", c.integrity.repair_gaps);
    o.get("max_fill", c.integrity.gaps.max_fill).get("outliers", outliers);
    o.get("hampel_window", c.integrity.outliers.window).get("hampel_threshold", c.integrity.outliers.threshold);
    o.get("mismatch_threshold", c.integrity.vendor.threshold).get("max_mismatch_share", c.integrity.max_mismatch_share);
    detail_config::pick<outlier_policy>(where + ".integrity.outliers", outliers,
                                        {{"flag", outlier_policy::flag}, {"winsorize", outlier_policy::winsorize},
                                         {"drop", outlier_policy::drop}},
                                        c.integrity.spikes);
    o.finish();
  }
  {
    auto o = root.child("universe");
    o.get("min_history", c.universe.min_history).get("min_dollar_volume", c.universe.min_dollar_volume);
    o.get("max_spread", c.universe.max_spread).get("window", c.universe.window);
    o.get("max_repaired_fraction", c.universe.max_repaired_fraction);
    o.finish();
  }
  {
    auto o = root.child("events");
    o.get("vol_span", c.vol_span).get("cusum_multiplier", c.cusum_multiplier);
    o.finish();
  }
  {
    auto o = root.child("labels");
    o.get("pt", c.barriers.pt).get("sl", c.barriers.sl).get("vertical_bars", c.barriers.vertical_bars).get("min_ret", c.barriers.min_ret);
    o.finish();
  }
  {
    auto o = root.child("weights");
    o.get("decay", c.decay);
    o.finish();
  }
  {
    auto o = root.child("splits");
    o.get("initial_train_fraction", c.initial_train_fraction).get("n_tests", c.n_tests);
    o.finish();
  }
  {
    auto o = root.child("costs");
    o.get("fee", c.costs.fee).get("spread", c.costs.spread).get("slippage", c.costs.slippage).get("funding", c.costs.funding);
    o.finish();
  }
  {
    auto o = root.child("gate");
    for (const char* m : {"fitness", "profit_factor", "consistency", "max_drawdown"}) {
      auto t = o.child(m);
      tier_thresholds* th = c.gate.find(m);
      t.get("approved", th->approved).get("review", th->review);
      t.finish();
    }
    o.finish();
    try {
      (void)seed_gate(c.gate);  // the gate checks its thresholds (APPROVED never laxer than REVIEW)
    } catch (const invalid_argument& e) {
      throw data_error(where + ".gate: " + e.what());
    }
  }
  root.finish();
  // Domain checks here, so a bad config fails before any data is read.
  c.costs.validate();
  if (!(c.periods_per_year > 0)) throw data_error(where + ".periods_per_year: must be positive");
  if (!(c.cusum_multiplier > 0)) throw data_error(where + ".events.cusum_multiplier: must be positive");
  if (!(c.vol_span >= 1)) throw data_error(where + ".events.vol_span: must be at least 1");
  if (!(c.initial_train_fraction > 0 && c.initial_train_fraction < 1))
    throw data_error(where + ".splits.initial_train_fraction: must lie in (0, 1)");
  if (c.n_tests < 1) throw data_error(where + ".splits.n_tests: must be at least 1");
  if (c.barriers.vertical_bars < 1) throw data_error(where + ".labels.vertical_bars: must be at least 1");
  return c;
}

/// FNV-1a (64-bit) of the configuration's canonical JSON (keys sorted): the archive's config_hash.
inline std::string config_hash(const research_config& c) {
  const std::string s = to_json(c).dump();
  std::uint64_t h = 1469598103934665603ULL;
  for (unsigned char ch : s) h = (h ^ ch) * 1099511628211ULL;
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
  return buf;
}

}  // namespace embargo::cli

#endif
