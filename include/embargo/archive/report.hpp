// embargo: the human report of a run, recommendations.md, and its SVG charts.
// Tier counts, one table with each model's metrics and flags, checkpoint advice, and two
// charts written beside it: fitness history per model (small multiples) and tier counts.
// embargo-requires: json
#ifndef EMBARGO_ARCHIVE_REPORT_HPP
#define EMBARGO_ARCHIVE_REPORT_HPP

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

#include <embargo/archive/model_summary.hpp>
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
inline std::string xml_escape(std::string_view s) {
  std::string o;
  for (char c : s) {
    switch (c) {
      case '&': o += "&amp;"; break;
      case '<': o += "&lt;"; break;
      case '>': o += "&gt;"; break;
      case '"': o += "&quot;"; break;
      default: o += c;
    }
  }
  return o;
}
inline std::array<std::size_t, 3> tier_counts(const std::vector<assessed_model>& ms) {
  std::array<std::size_t, 3> c{};
  for (const auto& m : ms) ++c[static_cast<std::size_t>(m.result.classification)];
  return c;
}
}  // namespace detail

/// tier_counts.svg: one bar per tier.
inline std::string render_tier_counts_svg(const std::vector<assessed_model>& models) {
  const auto c = detail::tier_counts(models);
  const std::size_t mx = std::max<std::size_t>(1, *std::max_element(c.begin(), c.end()));
  const char* colours[] = {"#2e7d32", "#f9a825", "#c62828"};
  std::string s = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"360\" height=\"220\" font-family=\"sans-serif\" font-size=\"12\">\n";
  s += "<text x=\"180\" y=\"18\" text-anchor=\"middle\">Models per tier</text>\n";
  for (std::size_t i = 0; i < 3; ++i) {
    const double h = 150.0 * static_cast<double>(c[i]) / static_cast<double>(mx);
    const double x = 40.0 + 100.0 * static_cast<double>(i);
    s += "<rect x=\"" + detail::fmt_num(x) + "\" y=\"" + detail::fmt_num(190.0 - h) + "\" width=\"80\" height=\"" +
         detail::fmt_num(h) + "\" fill=\"" + colours[i] + "\"/>\n";
    s += "<text x=\"" + detail::fmt_num(x + 40) + "\" y=\"206\" text-anchor=\"middle\">" +
         std::string(to_string(static_cast<tier>(i))) + " (" + std::to_string(c[i]) + ")</text>\n";
  }
  return s + "</svg>\n";
}

/// fitness_history.svg: one small panel per model (3 per row), the validation history as a
/// line, the recommended checkpoint as a dot. Models without a history get an empty panel.
inline std::string render_fitness_history_svg(const std::vector<assessed_model>& models) {
  const std::size_t cols = 3, pw = 240, ph = 140;
  const std::size_t rows = std::max<std::size_t>(1, (models.size() + cols - 1) / cols);
  std::string s = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + std::to_string(cols * pw) + "\" height=\"" +
                  std::to_string(rows * ph) + "\" font-family=\"sans-serif\" font-size=\"11\">\n";
  for (std::size_t k = 0; k < models.size(); ++k) {
    const auto& m = models[k];
    const double x0 = static_cast<double>((k % cols) * pw), y0 = static_cast<double>((k / cols) * ph);
    s += "<g transform=\"translate(" + detail::fmt_num(x0) + "," + detail::fmt_num(y0) + ")\">\n";
    s += "<rect x=\"5\" y=\"5\" width=\"" + std::to_string(pw - 10) + "\" height=\"" + std::to_string(ph - 10) +
         "\" fill=\"none\" stroke=\"#ccc\"/>\n";
    s += "<text x=\"12\" y=\"20\">" + detail::xml_escape(m.model.symbol) + " (" +
         std::string(to_string(m.result.classification)) + ")</text>\n";
    const auto& h = m.model.fitness_history;
    bool finite = !h.empty();
    for (double v : h) finite = finite && std::isfinite(v);
    if (finite) {
      const auto [lo_it, hi_it] = std::minmax_element(h.begin(), h.end());
      const double lo = *lo_it, span = *hi_it - *lo_it > 0 ? *hi_it - *lo_it : 1.0;
      auto px = [&](std::size_t i) { return 15.0 + 210.0 * (h.size() > 1 ? static_cast<double>(i) / static_cast<double>(h.size() - 1) : 0.5); };
      auto py = [&](double v) { return 125.0 - 95.0 * (v - lo) / span; };
      s += "<polyline fill=\"none\" stroke=\"#1565c0\" stroke-width=\"1.5\" points=\"";
      for (std::size_t i = 0; i < h.size(); ++i) s += detail::fmt_num(px(i), "%.1f") + "," + detail::fmt_num(py(h[i]), "%.1f") + " ";
      s += "\"/>\n";
      if (m.result.checkpoint.use_checkpoint) {
        const std::size_t b = m.result.checkpoint.best_idx;
        s += "<circle cx=\"" + detail::fmt_num(px(b), "%.1f") + "\" cy=\"" + detail::fmt_num(py(h[b]), "%.1f") +
             "\" r=\"4\" fill=\"#c62828\"/>\n";
      }
    } else {
      s += "<text x=\"12\" y=\"70\" fill=\"#888\">no validation history</text>\n";
    }
    s += "</g>\n";
  }
  return s + "</svg>\n";
}

/// recommendations.md. `extra_sections` (Markdown) are appended verbatim at the end.
inline std::string render_recommendations(std::string_view run_id, std::string_view created,
                                          const std::vector<assessed_model>& models,
                                          const std::vector<std::string>& extra_sections = {}) {
  const auto c = detail::tier_counts(models);
  std::string s = "# Training run " + std::string(run_id) + "\n\nCreated " + std::string(created) + ".\n\n";
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
