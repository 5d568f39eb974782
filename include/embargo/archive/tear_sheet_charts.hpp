// embargo: the charts of the HTML tear sheet (archive/html_report.hpp), each drawn from a run's
// JSON documents with the SVG plotting module (report/): equity and underwater curves with costs,
// rolling Sharpe, monthly returns, per-regime bars, the split diagram, fitness history, DSR, tiers.
// embargo-requires: json
#ifndef EMBARGO_ARCHIVE_TEAR_SHEET_CHARTS_HPP
#define EMBARGO_ARCHIVE_TEAR_SHEET_CHARTS_HPP

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <array>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include <embargo/core/time.hpp>
#include <embargo/metrics/metric_set.hpp>
#include <embargo/metrics/rolling.hpp>
#include <embargo/metrics/sharpe.hpp>
#include <embargo/report.hpp>
#include <embargo/splitters/split_svg.hpp>

namespace embargo::tear_sheet {

/// A number of a JSON document: NaN when absent, null or not a number.
inline double number(const nlohmann::json& j, const char* key) {
  if (!j.is_object()) return NAN;
  const auto it = j.find(key);
  return it != j.end() && it->is_number() ? it->get<double>() : NAN;
}
inline std::vector<double> numbers(const nlohmann::json& j) {
  std::vector<double> v;
  if (j.is_array())
    for (const auto& x : j) v.push_back(x.is_number() ? x.get<double>() : NAN);
  return v;
}

/// One model's out-of-sample trades (oos_trades.json), in event order.
struct trades {
  std::string model;
  std::vector<double> time, gross, net;  ///< entry time (UTC seconds), return before / after costs
};
inline trades trades_of(const nlohmann::json& m) {
  trades t;
  t.model = m.value("model", std::string());
  t.time = numbers(m.value("time", nlohmann::json::array()));
  t.gross = numbers(m.value("gross", nlohmann::json::array()));
  t.net = numbers(m.value("net", nlohmann::json::array()));
  embargo::detail::require(t.gross.size() == t.time.size() && t.net.size() == t.time.size(),
                           "oos_trades.json: model " + t.model + " has time, gross and net lists of different lengths");
  return t;
}

/// Compounded wealth from 1 after each trade (the convention of tag::max_drawdown).
inline std::vector<double> wealth(const std::vector<double>& r) {
  std::vector<double> w(r.size());
  double x = 1;
  for (std::size_t i = 0; i < r.size(); ++i) w[i] = x *= 1 + (std::isfinite(r[i]) ? r[i] : 0.0);
  return w;
}
/// Drawdown below the running peak (start wealth 1 counts), in per cent (<= 0).
inline std::vector<double> underwater(const std::vector<double>& w) {
  std::vector<double> d(w.size());
  double peak = 1;
  for (std::size_t i = 0; i < w.size(); ++i) peak = std::max(peak, w[i]), d[i] = 100 * (w[i] / peak - 1);
  return d;
}

/// Ticks of a time axis (UTC seconds) on the first day of a month: every 1, 2, 3, 6, 12, 24 or
/// 60 months, whichever gives at most 7 intervals over the trades' span. `step` is the interval
/// in seconds (roughly), which date_tick reads to write years or months.
inline svg::axis_ticks time_ticks(const std::vector<double>& t) {
  const auto r = svg::finite_range({std::span<const double>(t)});
  if (!r) return svg::nice_ticks(0, 1);
  auto month_of = [](double secs) {
    const auto c = embargo::detail::civil_from_days(static_cast<std::int64_t>(std::floor(secs / 86400)));
    return c.y * 12 + static_cast<std::int64_t>(c.m) - 1;
  };
  auto seconds_of = [](std::int64_t month) {
    const std::int64_t y = month >= 0 ? month / 12 : (month - 11) / 12;
    return static_cast<double>(embargo::detail::days_from_civil(y, static_cast<unsigned>(month - y * 12 + 1), 1)) * 86400;
  };
  const std::int64_t m0 = month_of(r->lo), m1 = month_of(r->hi) + 1;
  std::int64_t step = 60;
  for (std::int64_t s : {1, 2, 3, 6, 12, 24, 60})
    if ((m1 - m0 + s - 1) / s <= 7) {
      step = s;
      break;
    }
  auto floor_to = [&](std::int64_t m) { return (m >= 0 ? m / step : (m - step + 1) / step) * step; };
  svg::axis_ticks a;
  const std::int64_t first = floor_to(m0), last = floor_to(m1 + step - 1);
  for (std::int64_t m = first; m <= last; m += step) a.values.push_back(seconds_of(m));
  a.lo = a.values.front(), a.hi = a.values.back(), a.step = static_cast<double>(step) * 30.4 * 86400;
  return a;
}

/// Tick labels of a time axis: "2021" for yearly ticks, "2021-03" otherwise.
inline std::string date_tick(double v, double step) {
  const std::string d = format_timestamp(static_cast<timestamp>(std::llround(v)), true);
  return step >= 360 * 86400 ? d.substr(0, d.size() - 6) : d.substr(0, d.size() - 3);
}

/// Net equity of every model and the candidate's gross (dashed grey: the gap is what costs took).
inline std::string equity_chart(const std::string& id, const std::string& symbol, const std::vector<trades>& models, std::size_t candidate) {
  std::vector<std::vector<double>> curves;
  for (const auto& m : models) curves.push_back(wealth(m.net));
  const bool has = candidate < models.size() && !models[candidate].time.empty();
  if (has) curves.push_back(wealth(models[candidate].gross));
  const auto r = svg::finite_range(curves);
  const std::string title = symbol + ": out-of-sample equity, after costs";
  if (!has || !r) return svg::empty_chart(id, 680, 250, title, "no out-of-sample trades");
  svg::plot_options o;
  o.width = 680, o.height = 270, o.title = title, o.x_label = "trade entry date (UTC)", o.y_label = "wealth (x initial)";
  o.top = 60, o.x_format = date_tick;  // room for two rows of legend
  svg::plot p(id, o, time_ticks(models[candidate].time), svg::nice_ticks(std::min(r->lo, 1.0), std::max(r->hi, 1.0)));
  p.reference_line(1, "", svg::stroked("#999999"));
  std::vector<svg::legend_entry> legend;
  svg::style gross = svg::stroked("#777777", 1.2);
  gross.dash = "3 3";
  svg::draw_line(p, models[candidate].time, curves.back(), gross);
  legend.push_back({models[candidate].model + " before costs", gross});
  for (std::size_t k = 0; k < models.size(); ++k) {
    auto s = svg::series_style(k);
    if (k == candidate) s.stroke_width = 2.4;
    svg::draw_line(p, models[k].time, curves[k], s);
    legend.push_back({models[k].model + (k == candidate ? " (candidate)" : ""), s});
  }
  svg::draw_legend(p.surface(), p.area().x, 36, legend, o.width - 10);
  return p.str();
}

/// The candidate's drawdown after costs (filled) and before costs (dashed line).
inline std::string underwater_chart(const std::string& id, const std::string& symbol, const trades& t) {
  const std::string title = symbol + ": drawdown of the candidate (" + t.model + ")";
  if (t.time.empty()) return svg::empty_chart(id, 680, 200, title, "no out-of-sample trades");
  const auto net = underwater(wealth(t.net)), gross = underwater(wealth(t.gross));
  const auto r = svg::finite_range({std::span<const double>(net), std::span<const double>(gross)});
  svg::plot_options o;
  o.width = 680, o.height = 200, o.title = title, o.x_label = "trade entry date (UTC)", o.y_label = "drawdown (%)";
  o.top = 44, o.x_format = date_tick;
  svg::plot p(id, o, time_ticks(t.time), svg::nice_ticks(std::min(r->lo, -0.1), 0));
  svg::style area = svg::filled("#D55E00", "#D55E00");
  area.opacity = 0.55;
  svg::draw_area(p, t.time, net, 0, area);
  svg::style before = svg::stroked("#000000", 1.2);
  before.dash = "3 3";
  svg::draw_line(p, t.time, gross, before);
  svg::draw_legend(p.surface(), p.area().x, 38, {{"after costs", area, true}, {"before costs", before}});
  return p.str();
}

/// Annualised Sharpe ratio of the candidate's last `window` trades (rolling), the
/// annualisation by the symbol's own trade rate (trades per year between first and last entry).
inline std::string rolling_sharpe_chart(const std::string& id, const std::string& symbol, const trades& t) {
  const std::string title = symbol + ": rolling Sharpe ratio of the candidate, after costs";
  const std::size_t n = t.net.size();
  if (n < 20) return svg::empty_chart(id, 680, 200, title, "fewer than 20 trades: no rolling window");
  const std::size_t window = std::min<std::size_t>(63, n / 3);
  const double years = (t.time.back() - t.time.front()) / (365.25 * 86400);
  metric_options mo;
  mo.periods_per_year = years > 0 ? static_cast<double>(n - 1) / years : 252.0;
  rolling<metric_set<tag::sharpe>> roll(window, mo);
  std::vector<double> sr(n, NAN);
  for (std::size_t i = 0; i < n; ++i) {
    roll.push(t.net[i]);
    if (roll.full()) sr[i] = roll.window().value<tag::sharpe>();
  }
  const auto r = svg::finite_range({std::span<const double>(sr)});
  if (!r) return svg::empty_chart(id, 680, 200, title, "the Sharpe ratio is undefined in every window");
  svg::plot_options o;
  o.width = 680, o.height = 200, o.title = title + " (" + std::to_string(window) + " trades)";
  o.x_label = "trade entry date (UTC)", o.y_label = "Sharpe (annualised)", o.x_format = date_tick;
  svg::plot p(id, o, time_ticks(t.time), svg::nice_ticks(std::min(r->lo, 0.0), std::max(r->hi, 0.0)));
  p.reference_line(0, "0", svg::stroked("#333333"));
  svg::draw_line(p, t.time, sr, svg::series_style(0));
  return p.str();
}

/// The candidate's return per calendar month of entry (compounded, after costs, %): years down,
/// months across.
inline std::string monthly_returns_heatmap(const std::string& id, const std::string& symbol, const trades& t) {
  std::map<long long, std::array<double, 12>> by_year;
  for (std::size_t i = 0; i < t.time.size(); ++i) {
    if (!std::isfinite(t.net[i])) continue;
    const std::string d = format_timestamp(static_cast<timestamp>(std::llround(t.time[i])), true);  // YYYY-MM-DD
    const long long y = std::stoll(d.substr(0, d.size() - 6));
    const int m = std::stoi(d.substr(d.size() - 5, 2)) - 1;
    auto [it, fresh] = by_year.try_emplace(y);
    if (fresh) it->second.fill(NAN);
    double& cell = it->second[static_cast<std::size_t>(m)];
    cell = (std::isnan(cell) ? 1.0 : 1 + cell / 100) * (1 + t.net[i]) * 100 - 100;
  }
  std::vector<std::string> rows;
  std::vector<double> values;
  for (const auto& [y, months] : by_year) {
    rows.push_back(std::to_string(y));
    values.insert(values.end(), months.begin(), months.end());
  }
  svg::heatmap_options o;
  o.title = symbol + ": monthly return of the candidate, after costs (%)";
  o.format = [](double v) { return svg::value_label(std::round(v * 10) / 10, 3); };
  o.note = "by the month of each trade's entry; blank: no trade";
  o.cell_width = 44;
  return svg::heatmap(id, rows, {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"}, values, o);
}

/// The candidate's annualised Sharpe ratio per regime (summary.json "per_regime"); cells with
/// too few trades to be judged hatched and starred.
inline std::string regime_chart(const std::string& id, const std::string& symbol, const nlohmann::json& per_regime) {
  std::vector<std::string> names;
  std::vector<double> sharpe;
  std::vector<bool> small;
  // The regimes in their own order (core/regime.hpp), not the JSON object's alphabetical one.
  std::vector<std::string> order = {"low_vol", "normal", "high_vol", "crash", "recovery"};
  if (per_regime.is_object())
    for (const auto& [name, cell] : per_regime.items())
      if (std::find(order.begin(), order.end(), name) == order.end()) order.push_back(name);
  for (const auto& name : order)
    if (per_regime.is_object() && per_regime.contains(name)) {
      const auto& cell = per_regime[name];
      names.push_back(name + " (" + std::to_string(static_cast<long long>(number(cell, "trades"))) + ")");
      sharpe.push_back(number(cell, "sharpe"));
      small.push_back(cell.value("small_sample", true));
    }
  svg::bar_chart_options o;
  o.plot.width = 680, o.plot.height = 220, o.plot.title = symbol + ": candidate's Sharpe ratio by regime at entry (trades)";
  o.plot.y_label = "Sharpe (annualised)", o.plot.x_label = "regime (causal labeler at the trade's entry)";
  o.marked_label = "too few trades to judge (regimes.min_trades)";
  if (names.empty()) return svg::empty_chart(id, 680, 120, o.plot.title, "no per-regime breakdown in this run");
  return svg::bar_chart(id, names, sharpe, small, o);
}

/// The validation's folds (splits.json) over the symbol's events (splitters/split_svg.hpp).
inline std::string split_chart(const std::string& id, const std::string& symbol, const std::string& method, const nlohmann::json& s) {
  const auto kinds = split_kinds();
  std::vector<std::vector<svg::span_run>> rows;
  for (const auto& f : s.value("folds", nlohmann::json::array())) {
    auto& row = rows.emplace_back();
    for (const auto& run : f) {
      const std::string k = run.at(0).get<std::string>();
      const auto kind = static_cast<std::size_t>(std::find_if(kinds.begin(), kinds.end(), [&](const auto& x) { return x.name == k; }) - kinds.begin());
      embargo::detail::require(kind < kinds.size(), "splits.json: unknown cell kind \"" + k + "\"");
      row.push_back({run.at(1).get<double>(), run.at(2).get<double>(), kind});
    }
  }
  const double n = number(s, "events");
  return split_diagram(id, rows, std::isfinite(n) && n > 0 ? static_cast<std::size_t>(n) : 0, symbol + ": " + method + " folds over the events");
}

/// Fitness (PSR) after each test window, one small panel per model on one shared y scale, the
/// recommended checkpoint marked.
struct fitness_panel {
  std::string label;
  std::vector<double> history;
  std::optional<std::size_t> checkpoint;
};
inline std::string fitness_chart(const std::string& id, const std::vector<fitness_panel>& panels) {
  const std::string title = "Fitness (PSR of the out-of-sample trades so far) after each test window, one scale for all";
  std::vector<std::vector<double>> all;
  for (const auto& p : panels) all.push_back(p.history);
  const auto r = svg::finite_range(all);
  if (!r) return svg::empty_chart(id, 720, 120, title, "no validation history");
  const auto y = svg::nice_ticks(std::min(r->lo, 0.0), std::max(r->hi, 1.0) > 1 ? r->hi : 1.0, 4);
  const std::size_t cols = 3;
  const double pw = 240, ph = 170;
  const std::size_t nrows = (panels.size() + cols - 1) / cols;
  svg::canvas c(id, pw * cols, 30 + ph * static_cast<double>(nrows), title);
  c.text(pw * cols / 2, 18, title, svg::anchor::middle, 13, "font-weight=\"bold\"");
  for (std::size_t k = 0; k < panels.size(); ++k) {
    const auto& h = panels[k].history;
    const std::string pid = id + "-" + std::to_string(k);
    const double px = pw * static_cast<double>(k % cols), py = 30 + ph * static_cast<double>(k / cols);
    if (svg::finite_range({std::span<const double>(h)})) {
      svg::plot_options o;
      o.width = pw, o.height = ph, o.title = panels[k].label, o.x_label = "test window", o.y_label = "PSR";
      o.left = 46, o.right = 10;
      std::vector<double> xs(h.size());
      for (std::size_t i = 0; i < h.size(); ++i) xs[i] = static_cast<double>(i);
      svg::plot p(pid, o, svg::nice_ticks(0, std::max<double>(1, static_cast<double>(h.size()) - 1), 4), y);
      svg::draw_line(p, xs, h, svg::series_style(0));
      if (panels[k].checkpoint && *panels[k].checkpoint < h.size())
        svg::draw_point(p, static_cast<double>(*panels[k].checkpoint), h[*panels[k].checkpoint], svg::filled("#D55E00", "#000000"),
                        "recommended checkpoint");
      c.embed(px, py, p.str());
    } else {
      c.embed(px, py, svg::empty_chart(pid, pw, ph, panels[k].label, "no validation history"));
    }
  }
  return c.str();
}

}  // namespace embargo::tear_sheet

#endif
