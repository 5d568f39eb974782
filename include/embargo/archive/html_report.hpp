// embargo: report.html, the tear sheet of one run: one self-contained HTML page (inline SVG and
// CSS, no script, no font or image from anywhere: it opens offline and prints), built from the
// run's JSON documents (archive/run_documents.hpp), the charts from archive/tear_sheet_charts.hpp.
// embargo-requires: json
#ifndef EMBARGO_ARCHIVE_HTML_REPORT_HPP
#define EMBARGO_ARCHIVE_HTML_REPORT_HPP

#include <array>
#include <cmath>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include <embargo/archive/run_documents.hpp>
#include <embargo/archive/tear_sheet_charts.hpp>
#include <embargo/report.hpp>
#include <embargo/version.hpp>

namespace embargo {

struct html_report_options {
  /// Symbols with their own section of charts (equity, drawdown, rolling Sharpe, months, regimes,
  /// folds); the tables list every symbol. A run of thousands would otherwise be a page of
  /// hundreds of megabytes.
  std::size_t max_symbol_sections = 50;
};

namespace detail {
inline std::string h(std::string_view s) { return svg::escape(s); }
inline std::string cell_number(const nlohmann::json& j, const char* key, int digits = 3) {
  if (j.is_object() && j.contains(std::string(key) + "_infinite")) return j[std::string(key) + "_infinite"] == true ? "inf" : "-inf";
  return svg::value_label(tear_sheet::number(j, key), digits);
}
inline const nlohmann::json& field(const nlohmann::json& j, const char* key) {
  static const nlohmann::json none;
  if (!j.is_object()) return none;
  const auto it = j.find(key);
  return it == j.end() ? none : *it;
}
inline std::string text_of(const nlohmann::json& j, const char* key) {
  const auto& f = field(j, key);
  return f.is_string() ? f.get<std::string>() : f.is_null() ? std::string() : f.dump();
}
inline std::string joined(const nlohmann::json& a) {
  std::string s;
  if (a.is_array())
    for (const auto& x : a) s += (s.empty() ? "" : ", ") + (x.is_string() ? x.get<std::string>() : x.dump());
  return s;
}
inline const char* tier_action(std::string_view t) { return t == "APPROVED" ? "deploy" : t == "REVIEW" ? "manual review" : "do not deploy"; }

/// The stylesheet: system fonts only, tables and charts that fit an A4 page when printed. Tiers
/// are written as words (bold APPROVED, italic REVIEW), never told by colour alone.
inline constexpr const char* report_css =
    "body{font-family:system-ui,-apple-system,\"Segoe UI\",Roboto,\"DejaVu Sans\",sans-serif;margin:24px auto;max-width:1100px;color:#111;background:#fff;padding:0 16px}\n"
    "h1{font-size:1.6em;margin-bottom:.2em}h2{border-bottom:2px solid #333;padding-bottom:2px;margin-top:1.8em}h3{margin-bottom:.3em}\n"
    "table{border-collapse:collapse;margin:.6em 0;font-size:.9em;max-width:100%}th,td{border:1px solid #bbb;padding:3px 7px;text-align:right}\n"
    "th{background:#f0f0f0}td.l,th.l{text-align:left}.meta td{text-align:left}.note{color:#333;font-size:.9em;max-width:60em}\n"
    ".tier-APPROVED{font-weight:bold}.tier-REVIEW{font-style:italic}\n"
    ".charts{display:flex;flex-wrap:wrap;gap:10px}svg.chart{max-width:100%;height:auto;border:1px solid #ddd}\n"
    "@media print{body{margin:0;max-width:none}section.symbol,figure{break-inside:avoid}h2{break-after:avoid}}\n";
}  // namespace detail

/// The page. Never throws for a run of an older version that lacks a document: that part of the
/// page says what is missing. Throws data_error for documents of the wrong shape.
inline std::string render_html_report(const run_documents& d, const html_report_options& opt = {}) {
  using detail::h;
  const auto& summary = d.summary;
  const nlohmann::json& sym_list = detail::field(summary, "symbols");
  const nlohmann::json& assessed = detail::field(d.assessments, "models");
  const double trials = tear_sheet::number(summary, "trials");
  std::string s = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>embargo run " + h(d.id) +
                  "</title>\n<style>\n" + detail::report_css + "</style>\n</head>\n<body>\n";
  s += "<h1>Training run " + h(d.id) + "</h1>\n<table class=\"meta\" id=\"run-meta\">\n";
  auto meta = [&](const char* k, const std::string& v) {
    if (!v.empty()) s += "<tr><th class=\"l\">" + std::string(k) + "</th><td>" + h(v) + "</td></tr>\n";
  };
  meta("created (UTC)", d.created);
  meta("data", detail::text_of(summary, "data"));
  meta("embargo version", detail::text_of(d.manifest, "version"));
  const auto& window = detail::field(d.manifest, "training_window");
  if (window.is_object()) meta("training window", detail::text_of(window, "start") + " to " + detail::text_of(window, "end"));
  meta("validation", detail::text_of(detail::field(d.manifest, "pipeline"), "validation"));
  meta("config hash", detail::text_of(d.manifest, "config_hash"));
  meta("trials (for the DSR)", std::isfinite(trials) ? svg::value_label(trials, 10) : "");
  s += "</table>\n<p class=\"note\">Every number is out of sample, after costs unless marked. The Markdown report "
       "(recommendations.md) holds the same tables in a diffable form.</p>\n";

  // Tiers.
  std::array<std::size_t, 3> counts{};
  const std::array<std::string, 3> tiers = {"APPROVED", "REVIEW", "DROP"};
  if (assessed.is_array())
    for (const auto& m : assessed)
      for (std::size_t t = 0; t < 3; ++t)
        if (detail::text_of(m, "classification") == tiers[t]) ++counts[t];
  s += "<h2>Tiers</h2>\n<div class=\"charts\"><table id=\"tier-table\"><tr><th class=\"l\">tier</th><th>models</th><th class=\"l\">action</th></tr>\n";
  for (std::size_t t = 0; t < 3; ++t)
    s += "<tr><td class=\"l tier-" + tiers[t] + "\">" + tiers[t] + "</td><td>" + std::to_string(counts[t]) + "</td><td class=\"l\">" +
         detail::tier_action(tiers[t]) + "</td></tr>\n";
  const double excluded = tear_sheet::number(summary, "excluded_symbols"), failed = tear_sheet::number(summary, "failed_symbols");
  s += "<tr><td class=\"l\">excluded symbols</td><td>" + svg::value_label(excluded, 10) + "</td><td class=\"l\">no decision</td></tr>\n";
  s += "<tr><td class=\"l\">failed symbols</td><td>" + svg::value_label(failed, 10) + "</td><td class=\"l\">see the Markdown report</td></tr>\n</table>\n";
  {
    svg::bar_chart_options o;
    o.plot.width = 420, o.plot.height = 220, o.plot.title = "Models per tier", o.plot.y_label = "models";
    o.fill = "#555555";
    const std::vector<double> v(counts.begin(), counts.end());
    s += svg::bar_chart("tier-counts", {tiers.begin(), tiers.end()}, v, {}, o) + "</div>\n";
  }

  // Candidates, DSR and PSR.
  s += "<h2>Candidates</h2>\n<p class=\"note\">Each symbol's candidate is its model with the highest fitness. Fitness is the "
       "probabilistic Sharpe ratio PSR(0) of its out-of-sample trades; DSR deflates that Sharpe ratio for the " +
       (std::isfinite(trials) ? svg::value_label(trials, 10) : std::string("(unknown)")) +
       " trials of this run (every symbol and model with a defined Sharpe ratio).</p>\n<table id=\"candidates\"><tr><th class=\"l\">symbol</th>"
       "<th class=\"l\">model</th><th class=\"l\">tier</th><th>PSR (fitness)</th><th>DSR</th><th>Sharpe</th><th>profit factor</th>"
       "<th>consistency</th><th>max drawdown</th><th>trades</th><th>gross</th><th>costs</th><th class=\"l\">flags</th></tr>\n";
  std::vector<std::string> dsr_names;
  std::vector<double> dsr_values, psr_values;
  std::vector<tear_sheet::fitness_panel> panels;
  std::vector<const nlohmann::json*> trained;
  if (sym_list.is_array())
    for (const auto& sj : sym_list) {
      if (!sj.value("kept", false) || !sj.contains("candidate")) continue;
      trained.push_back(&sj);
      const std::string sym = detail::text_of(sj, "symbol"), cand = detail::text_of(sj, "candidate");
      const nlohmann::json* cm = nullptr;
      for (const auto& m : detail::field(sj, "models"))
        if (detail::text_of(m, "model") == cand) cm = &m;
      const nlohmann::json& m = cm ? *cm : detail::field(sj, "none");
      const std::string tier = detail::text_of(sj, "classification");
      s += "<tr><td class=\"l\">" + h(sym) + "</td><td class=\"l\">" + h(cand) + "</td><td class=\"l tier-" + h(tier) + "\">" + h(tier) +
           "</td><td>" + detail::cell_number(m, "fitness") + "</td><td>" + detail::cell_number(m, "dsr") + "</td><td>" +
           detail::cell_number(m, "sharpe") + "</td><td>" + detail::cell_number(m, "profit_factor") + "</td><td>" +
           detail::cell_number(m, "consistency") + "</td><td>" + detail::cell_number(m, "max_drawdown") + "</td><td>" +
           detail::cell_number(m, "trades", 10) + "</td><td>" + detail::cell_number(m, "gross_return") + "</td><td>" +
           detail::cell_number(m, "costs") + "</td><td class=\"l\">" + h(detail::joined(detail::field(sj, "flags"))) + "</td></tr>\n";
      dsr_names.push_back(sym);
      dsr_values.push_back(tear_sheet::number(m, "dsr"));
      psr_values.push_back(tear_sheet::number(m, "fitness"));
      tear_sheet::fitness_panel p{sym + " " + cand, tear_sheet::numbers(detail::field(m, "fitness_history")), std::nullopt};
      if (assessed.is_array())
        for (const auto& a : assessed)
          if (detail::text_of(a, "symbol") == sym && a.value("use_checkpoint", false) && a["best_idx"].is_number())
            p.checkpoint = a["best_idx"].get<std::size_t>();
      panels.push_back(std::move(p));
    }
  s += "</table>\n<div class=\"charts\">\n";
  {
    svg::bar_chart_options o;
    o.plot.width = 540, o.plot.height = 230, o.plot.y_label = "probability";
    o.plot.title = "PSR(0) of each candidate";
    s += svg::bar_chart("psr", dsr_names, psr_values, {}, o);
    o.plot.title = "DSR of each candidate over " + (std::isfinite(trials) ? svg::value_label(trials, 10) : std::string("?")) + " trials";
    o.fill = "#D55E00";
    s += svg::bar_chart("dsr", dsr_names, dsr_values, {}, o);
  }
  s += "</div>\n<h2>Fitness history</h2>\n<p class=\"note\">The validation history the overfitting detector reads; a square marks "
       "a recommended checkpoint (fitness declined past the threshold after it). All panels share one y scale.</p>\n" +
       tear_sheet::fitness_chart("fitness-history", panels);

  // Gate criteria against their thresholds.
  s += "<h2>Gate criteria</h2>\n<p class=\"note\">Each candidate's value against the APPROVED and REVIEW thresholds of its "
       "criterion (at least / at most); the worst criterion sets the tier.</p>\n<table id=\"gate-criteria\"><tr><th class=\"l\">symbol</th>"
       "<th class=\"l\">criterion</th><th>value</th><th class=\"l\">rule</th><th>APPROVED at</th><th>REVIEW at</th><th class=\"l\">result</th></tr>\n";
  for (const auto* sj : trained) {
    const auto& crit = detail::field(*sj, "gate_criteria");
    if (!crit.is_array()) {
      s += "<tr><td class=\"l\">" + h(detail::text_of(*sj, "symbol")) + "</td><td class=\"l\" colspan=\"6\">not in this archive (a run "
           "written before the report kept the criteria)</td></tr>\n";
      continue;
    }
    for (const auto& c : crit) {
      const std::string rule = detail::text_of(c, "direction") == "at_most" ? "at most" : "at least", tier = detail::text_of(c, "tier");
      s += "<tr><td class=\"l\">" + h(detail::text_of(*sj, "symbol")) + "</td><td class=\"l\">" + h(detail::text_of(c, "metric")) +
           "</td><td>" + detail::cell_number(c, "value", 4) + "</td><td class=\"l\">" + rule + "</td><td>" + detail::cell_number(c, "approved", 4) +
           "</td><td>" + detail::cell_number(c, "review", 4) + "</td><td class=\"l tier-" + h(tier) + "\">" + h(tier) + "</td></tr>\n";
    }
  }
  s += "</table>\n";

  // Integrity.
  s += "<h2>Data integrity</h2>\n<p class=\"note\">What the integrity pass found in each symbol's bars (docs/integrity.md), "
       "with the first findings' dates.</p>\n<table id=\"integrity\"><tr><th class=\"l\">symbol</th><th>bars in</th><th>gaps</th>"
       "<th>filled bars</th><th>spikes</th><th>jumps</th><th>splits</th><th>stale runs</th><th>vendor mismatches</th>"
       "<th class=\"l\">kept</th><th class=\"l\">first findings</th></tr>\n";
  if (!d.integrity.is_array()) s += "<tr><td class=\"l\" colspan=\"11\">integrity.json is not in this run</td></tr>\n";
  else
    for (const auto& r : d.integrity) {
      auto size = [&](const char* k) { return std::to_string(detail::field(r, k).is_array() ? detail::field(r, k).size() : 0); };
      const auto& vendor = detail::field(r, "vendor");
      std::string first;
      for (const char* k : {"gaps", "spikes", "jumps", "splits", "stale_runs"}) {
        const auto& list = detail::field(r, k);
        if (!list.is_array() || list.empty()) continue;
        std::string when;
        for (std::size_t i = 0; i < std::min<std::size_t>(list.size(), 3); ++i) {
          const auto& f = list[i];
          std::string t = detail::text_of(f, f.contains("time") ? "time" : "before");
          when += (when.empty() ? "" : ", ") + t.substr(0, 10);
        }
        first += (first.empty() ? "" : "; ") + std::string(k) + " " + when + (list.size() > 3 ? ", ..." : "");
      }
      s += "<tr><td class=\"l\">" + h(detail::text_of(r, "symbol")) + "</td><td>" + detail::cell_number(r, "bars_in", 10) + "</td><td>" +
           size("gaps") + "</td><td>" + detail::cell_number(r, "filled_bars", 10) + "</td><td>" + size("spikes") + "</td><td>" + size("jumps") +
           "</td><td>" + size("splits") + "</td><td>" + size("stale_runs") + "</td><td>" +
           std::to_string(detail::field(vendor, "mismatches").is_array() ? detail::field(vendor, "mismatches").size() : 0) +
           "</td><td class=\"l\">" + (r.value("keep", true) ? "yes" : "no: " + h(detail::joined(detail::field(r, "reasons")))) +
           "</td><td class=\"l\">" + h(first.empty() ? "none" : first) + "</td></tr>\n";
    }
  s += "</table>\n";

  // Per symbol.
  const std::string method = detail::text_of(d.splits, "method");
  s += "<h2>Per symbol</h2>\n";
  if (trained.size() > opt.max_symbol_sections)
    s += "<p class=\"note\">Charts for the first " + std::to_string(opt.max_symbol_sections) + " of " + std::to_string(trained.size()) +
         " trained symbols (the tables above list all).</p>\n";
  for (std::size_t k = 0; k < trained.size() && k < opt.max_symbol_sections; ++k) {
    const auto& sj = *trained[k];
    const std::string sym = detail::text_of(sj, "symbol"), cand = detail::text_of(sj, "candidate"), n = std::to_string(k);
    s += "<section class=\"symbol\" id=\"symbol-" + n + "\">\n<h3>" + h(sym) + " &middot; candidate " + h(cand) + " &middot; " +
         h(detail::text_of(sj, "classification")) + "</h3>\n<div class=\"charts\">\n";
    std::vector<tear_sheet::trades> models;
    std::size_t candidate = 0;
    for (const auto& ts : detail::field(d.oos_trades, "symbols"))
      if (detail::text_of(ts, "symbol") == sym)
        for (const auto& m : detail::field(ts, "models")) {
          models.push_back(tear_sheet::trades_of(m));
          if (models.back().model == cand) candidate = models.size() - 1;
        }
    if (models.empty()) {
      const std::string why = d.oos_trades.is_null() ? "oos_trades.json is not in this run" : "no trades recorded";
      for (const char* c : {"equity", "underwater", "rolling-sharpe", "monthly-returns"})
        s += svg::empty_chart(std::string(c) + "-" + n, 680, 120, sym + ": " + c, why);
    } else {
      const auto& t = models[candidate];
      const double gross = t.gross.empty() ? NAN : tear_sheet::wealth(t.gross).back() - 1, net = t.net.empty() ? NAN : tear_sheet::wealth(t.net).back() - 1;
      s += "<p class=\"note\">Candidate " + h(cand) + ": " + std::to_string(t.net.size()) + " trades, compounded return " +
           svg::value_label(100 * gross, 3) + " % before costs, " + svg::value_label(100 * net, 3) + " % after (fees, spread, slippage, funding).</p>\n";
      s += tear_sheet::equity_chart("equity-" + n, sym, models, candidate);
      s += tear_sheet::underwater_chart("underwater-" + n, sym, t);
      s += tear_sheet::rolling_sharpe_chart("rolling-sharpe-" + n, sym, t);
      s += tear_sheet::monthly_returns_heatmap("monthly-returns-" + n, sym, t);
    }
    const nlohmann::json* per_regime = nullptr;
    for (const auto& m : detail::field(sj, "models"))
      if (detail::text_of(m, "model") == cand) per_regime = &detail::field(m, "per_regime");
    s += tear_sheet::regime_chart("regimes-" + n, sym, per_regime ? *per_regime : nlohmann::json());
    const nlohmann::json* split = nullptr;
    for (const auto& sp : detail::field(d.splits, "symbols"))
      if (detail::text_of(sp, "symbol") == sym) split = &sp;
    s += split ? tear_sheet::split_chart("splits-" + n, sym, method, *split)
               : svg::empty_chart("splits-" + n, 680, 120, sym + ": folds", "splits.json is not in this run");
    s += "</div>\n</section>\n";
  }
  s += "<footer><p class=\"note\">Written by embargo " + std::string(version_string) +
       ". This page is self-contained: no script, no font or image from the network.</p></footer>\n</body>\n</html>\n";
  return s;
}

}  // namespace embargo

#endif
