// embargo: the diffable report of a run, recommendations.md, and its SVG charts.
// Tier counts, one table with each model's metrics and flags, checkpoint advice, two charts
// written beside it (fitness history per model on one scale, tier counts), a link to report.html.
// embargo-requires: json
#ifndef EMBARGO_ARCHIVE_REPORT_HPP
#define EMBARGO_ARCHIVE_REPORT_HPP

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <string>
#include <optional>
#include <string_view>
#include <vector>

#include <embargo/archive/model_summary.hpp>
#include <embargo/archive/tear_sheet_charts.hpp>
#include <embargo/gates/assessment.hpp>
#include <embargo/gates/tier.hpp>

namespace embargo {

/// A model with its gate verdict: what a run is made of.
struct assessed_model {
  model_summary model;
  assessment result;
};

namespace detail {
inline std::string fmt_num(double v, const char* f = "%.4g") {
  if (std::isnan(v)) return "n/a";
  if (std::isinf(v)) return v > 0 ? "inf" : "-inf";
  char b[64];
  std::snprintf(b, sizeof b, f, v);
  return b;
}
inline std::string md_cell(std::string_view s) {  // a table cell must not break the row
  std::string o;
  for (char c : s) {
    if (c == '|') o += "\\|";
    else if (c == '\n' || c == '\r') o += ' ';
    else o += c;
  }
  return o;
}
inline std::array<std::size_t, 3> tier_counts(const std::vector<assessed_model>& ms) {
  std::array<std::size_t, 3> c{};
  for (const auto& m : ms) ++c[static_cast<std::size_t>(m.result.classification)];
  return c;
}
}  // namespace detail

/// tier_counts.svg: one bar per tier (the SVG plotting module, report/).
inline std::string render_tier_counts_svg(const std::vector<assessed_model>& models) {
  const auto c = detail::tier_counts(models);
  svg::bar_chart_options o;
  o.plot.width = 420, o.plot.height = 220, o.plot.title = "Models per tier", o.plot.y_label = "models";
  o.fill = "#555555";
  return svg::bar_chart("tier-counts", {"APPROVED", "REVIEW", "DROP"},
                        std::vector<double>{static_cast<double>(c[0]), static_cast<double>(c[1]), static_cast<double>(c[2])}, {}, o);
}

/// fitness_history.svg: one small panel per model (3 per row) on one shared y scale with axes,
/// the recommended checkpoint as a square; a model without a history gets a panel saying so.
inline std::string render_fitness_history_svg(const std::vector<assessed_model>& models) {
  std::vector<tear_sheet::fitness_panel> panels;
  for (const auto& m : models)
    panels.push_back({m.model.symbol + " (" + std::string(to_string(m.result.classification)) + ")", m.model.fitness_history,
                      m.result.checkpoint.use_checkpoint ? std::optional<std::size_t>(m.result.checkpoint.best_idx) : std::nullopt});
  return tear_sheet::fitness_chart("fitness-history", panels);
}

/// recommendations.md. `extra_sections` (Markdown) are appended verbatim at the end.
inline std::string render_recommendations(std::string_view run_id, std::string_view created,
                                          const std::vector<assessed_model>& models,
                                          const std::vector<std::string>& extra_sections = {}) {
  const auto c = detail::tier_counts(models);
  std::string s = "# Training run " + std::string(run_id) + "\n\nCreated " + std::string(created) +
                  ". Charts (equity, drawdown, rolling Sharpe, monthly returns, regimes, folds): [report.html](report.html).\n\n";
  s += "## Tier counts\n\n| Tier | Models | Action |\n|---|---|---|\n";
  s += "| APPROVED | " + std::to_string(c[0]) + " | deploy |\n";
  s += "| REVIEW | " + std::to_string(c[1]) + " | manual review |\n";
  s += "| DROP | " + std::to_string(c[2]) + " | do not deploy |\n\n![Models per tier](tier_counts.svg)\n\n";
  s += "## Models\n\n| Symbol | Tier | Fitness | Profit factor | Consistency | Max drawdown | Flags |\n|---|---|---|---|---|---|---|\n";
  auto metric = [](const metrics_record& r, std::string_view n) {
    const auto v = r.get(n);
    return v ? detail::fmt_num(*v) : std::string("missing");
  };
  for (const auto& m : models) {
    std::string flags;
    for (const auto& f : m.result.flags) flags += (flags.empty() ? "" : ", ") + f;
    s += "| " + detail::md_cell(m.model.symbol) + " | " + std::string(to_string(m.result.classification)) + " | " +
         metric(m.model.metrics, "fitness") + " | " + metric(m.model.metrics, "profit_factor") + " | " +
         metric(m.model.metrics, "consistency") + " | " + metric(m.model.metrics, "max_drawdown") + " | " +
         (flags.empty() ? "none" : flags) + " |\n";
  }
  s += "\n## Checkpoint advice\n\n";
  bool any = false;
  for (const auto& m : models) {
    const auto& k = m.result.checkpoint;
    if (!k.use_checkpoint) continue;
    any = true;
    s += "- " + detail::md_cell(m.model.symbol) + ": final fitness " + detail::fmt_num(k.final_value) + " is " +
         detail::fmt_num(100.0 * k.decline, "%.1f") + " % below the peak " + detail::fmt_num(k.peak) +
         " at validation point " + std::to_string(k.best_idx) + "; use that checkpoint" +
         (k.checkpoint_update ? " (update " + std::to_string(*k.checkpoint_update) + ")" : std::string(" (validation interval unknown)")) +
         ".\n";
  }
  if (!any) s += "No model declined past the threshold from its peak: use the final weights.\n";
  s += "\n![Fitness history per model](fitness_history.svg)\n";
  for (const auto& e : extra_sections) s += "\n" + e + (e.empty() || e.back() != '\n' ? "\n" : "");
  return s;
}

}  // namespace embargo

#endif
