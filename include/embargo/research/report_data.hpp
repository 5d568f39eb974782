// embargo: what the HTML tear sheet (archive/html_report.hpp) needs from a run and the archive
// did not keep: every model's out-of-sample trades (oos_trades.json), each symbol's split diagram
// as runs of cells (splits.json), and the gate's criteria with their thresholds.
// embargo-requires: json
#ifndef EMBARGO_RESEARCH_REPORT_DATA_HPP
#define EMBARGO_RESEARCH_REPORT_DATA_HPP

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>

#include <nlohmann/json.hpp>

#include <embargo/core/json_number.hpp>
#include <embargo/core/enum_names.hpp>
#include <embargo/research/job.hpp>
#include <embargo/splitters/split_svg.hpp>

namespace embargo::research {

namespace detail {
/// 7 significant digits: the trade files stay about a third of full precision's size, and a
/// chart or a monthly sum cannot show the difference.
inline nlohmann::json short_number(double v) {
  if (!std::isfinite(v)) return nullptr;
  char b[32];
  std::snprintf(b, sizeof b, "%.7g", v);
  return std::strtod(b, nullptr);
}
}  // namespace detail

/// oos_trades.json: per trained symbol, per model, the traded events in event order: entry time
/// (UTC seconds of the label's t0), the return before costs and after costs (the difference is the
/// trade's fees, spread, slippage and funding). The events evaluate() counts, no others.
inline nlohmann::json oos_trades_json(const research_results& results) {
  nlohmann::json symbols = nlohmann::json::array();
  for (const auto& s : results.symbols) {
    if (s.status != symbol_status::trained) continue;
    const auto& r = s.research;
    const auto& time = r.series().time;
    nlohmann::json models = nlohmann::json::array();
    for (const auto& m : r.models) {
      nlohmann::json t = nlohmann::json::array(), gross = nlohmann::json::array(), net = nlohmann::json::array();
      for (std::size_t i = 0; i < m.trade_return.size(); ++i) {
        if (m.position[i] == 0 || std::isnan(m.probability[i])) continue;
        t.push_back(time[r.labels[i].t0]);
        gross.push_back(detail::short_number(m.position[i] * r.labels[i].ret));
        net.push_back(detail::short_number(m.trade_return[i]));
      }
      models.push_back({{"model", m.name}, {"time", t}, {"gross", gross}, {"net", net}});
    }
    symbols.push_back({{"symbol", r.symbol}, {"candidate", r.models[s.candidate].name}, {"models", models}});
  }
  return {{"symbols", symbols}};
}

/// splits.json: per trained symbol, the validation's folds over its events as runs
/// [kind, first event, one past the last] of train, test, purged and embargoed cells
/// (classify_split_cells; unused cells are left out), so the report can draw the diagram.
inline nlohmann::json splits_json(const research_results& results) {
  static constexpr const char* kinds[] = {"unused", "train", "test", "purged", "embargoed"};
  nlohmann::json symbols = nlohmann::json::array();
  for (const auto& s : results.symbols) {
    if (s.status != symbol_status::trained) continue;
    const auto& r = s.research;
    nlohmann::json folds = nlohmann::json::array();
    for (const auto& row : classify_split_cells(r.folds, r.events)) {
      nlohmann::json runs = nlohmann::json::array();
      for (std::size_t i = 0; i < row.size();) {
        std::size_t j = i;
        while (j < row.size() && row[j] == row[i]) ++j;
        if (row[i] != split_cell::unused) runs.push_back({kinds[static_cast<std::size_t>(row[i])], i, j});
        i = j;
      }
      folds.push_back(runs);
    }
    symbols.push_back({{"symbol", r.symbol}, {"events", r.events.size()}, {"folds", folds}});
  }
  return {{"method", std::string(to_name(results.options.validation.method))}, {"symbols", symbols}};
}

/// The candidate's gate criteria with the thresholds they were judged against (the gate section
/// of the configuration: research_job::gate builds the gate from the same numbers). "at_least":
/// APPROVED needs value >= approved, REVIEW value >= review; "at_most" the reverse.
inline nlohmann::json gate_criteria_json(const assessment& a, const gate_section& g) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& c : a.criteria) {
    double approved = NAN, review = NAN;
    std::string direction = "at_least";
    if (c.metric == "fitness") approved = g.fitness.approved, review = g.fitness.review;
    else if (c.metric == "profit_factor") approved = g.profit_factor.approved, review = g.profit_factor.review;
    else if (c.metric == "consistency") approved = g.consistency.approved, review = g.consistency.review;
    else if (c.metric == "max_drawdown") approved = g.max_drawdown.approved, review = g.max_drawdown.review, direction = "at_most";
    else if (c.metric == "trades") approved = static_cast<double>(g.min_trades), review = 0;
    else if (c.metric == "test_windows") approved = static_cast<double>(g.min_test_windows), review = 0;
    const double v = c.value.value_or(NAN);
    out.push_back({{"metric", c.metric}, {"value", number_or_null(v)},
                   {"tier", std::string(to_string(c.result))}, {"direction", direction},
                   {"approved", number_or_null(approved)},
                   {"review", number_or_null(review)}});
  }
  return out;
}

}  // namespace embargo::research

#endif
