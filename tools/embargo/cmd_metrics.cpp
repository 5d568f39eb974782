// embargo metrics: the return metrics of one CSV column (docs/metrics.md), as one JSON object,
// per group (--group-column), or per rolling window as CSV (--rolling W).
#include "cli.hpp"

#include <cmath>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <embargo/core/error.hpp>
#include <embargo/data/csv.hpp>
#include <embargo/data/table_csv.hpp>
#include <embargo/metrics/grouped.hpp>
#include <embargo/metrics/json.hpp>
#include <embargo/metrics/rolling.hpp>
#include <embargo/metrics/standard_sets.hpp>

namespace embargo::cli {
namespace {

using json = nlohmann::json;

struct metrics_args {
  std::string input, column, group_column, nan = "skip", out;
  bool prices = false;
  std::size_t rolling = 0;
  embargo::metric_options opt;
};

// The selected value column (and group and time columns) of the input, with file lines.
struct series_input {
  std::vector<double> values;
  std::vector<std::string> groups, times;
  std::vector<std::size_t> lines;
};

// Header row required; the table reader's rules (data/table_csv.hpp). The value column: --column,
// else the first of return(s)/ret/close/price/value, else the only non-time column. Empty cells
// and "nan" are NaN (the NaN policy decides); anything else that is not a number is an error
// naming file and line.
series_input read_input(const metrics_args& a) {
  series_input s;
  std::size_t value_col = 0;
  std::optional<std::size_t> group_col, time_col;
  const table_csv_options opt{.expected = "a header row"};
  for_each_table_row_in_file(
      a.input, opt,
      [&](const table_columns& cols) {
        time_col = cols.find({"timestamp", "date", "time", "datetime"});
        std::optional<std::size_t> v;
        if (!a.column.empty()) {
          v = cols.find(a.column);
          if (!v) cols.fail("no column named '" + a.column + "'");
        } else {
          v = cols.find({"return", "returns", "ret", "close", "price", "value"});
          if (!v) {
            std::vector<std::size_t> candidates;
            for (std::size_t i = 0; i < cols.width(); ++i)
              if (i != time_col && cols.names()[i] != detail::ascii_lower(a.group_column)) candidates.push_back(i);
            if (candidates.size() != 1) cols.fail("several value columns: choose one with --column");
            v = candidates.front();
          }
        }
        value_col = *v;
        if (!a.group_column.empty()) {
          group_col = cols.find(a.group_column);
          if (!group_col) cols.fail("no column named '" + a.group_column + "'");
        }
      },
      [&](const table_row& row) {
        s.values.push_back(row.number(value_col));
        s.lines.push_back(row.line());
        if (group_col) s.groups.emplace_back(row.text(*group_col));
        if (time_col) s.times.emplace_back(row.text(*time_col));
      });
  return s;
}

// Prices to simple returns; a price must be a positive finite number (a NaN price is an error,
// not a gap: which return would it belong to?). The group of return t is the group of row t.
void to_returns(series_input& s, const std::string& file) {
  for (std::size_t i = 0; i < s.values.size(); ++i)
    if (!(std::isfinite(s.values[i]) && s.values[i] > 0))
      throw data_error(file, s.lines[i], "price " + std::to_string(s.values[i]) + " is not a positive number");
  if (s.values.size() < 2) throw data_error(file, s.lines.front(), "--prices needs at least two prices");
  for (std::size_t i = s.values.size() - 1; i > 0; --i) s.values[i] = s.values[i] / s.values[i - 1] - 1.0;
  s.values.erase(s.values.begin());
  s.lines.erase(s.lines.begin());
  if (!s.groups.empty()) s.groups.erase(s.groups.begin());
  if (!s.times.empty()) s.times.erase(s.times.begin());
}

std::string rolling_csv(const series_input& s, const metrics_args& a) {
  embargo::rolling<embargo::rolling_return_metrics> roll(a.rolling, a.opt);
  std::string csv = s.times.empty() ? "row" : "timestamp";
  for (const auto& [name, v] : roll.window().results()) csv += "," + std::string(name);
  csv += '\n';
  roll.push(s.values, [&](std::size_t t, const embargo::rolling_return_metrics& window) {
    csv += s.times.empty() ? std::to_string(s.lines[t] - 1) : s.times[t];
    for (const auto& [name, v] : window.results()) {
      csv += ',';
      if (!std::isnan(v)) append_double(csv, v);  // NaN: empty cell; ±inf prints as inf
    }
    csv += '\n';
  });
  return csv;
}

void add_metrics(CLI::App& app) {
  auto a = std::make_shared<metrics_args>();
  auto* cmd = app.add_subcommand("metrics", "Return metrics of a CSV column: JSON (overall, per group) or rolling CSV");
  cmd->add_option("--input", a->input, "CSV with a header row")->required();
  cmd->add_option("--column", a->column, "Value column (default: return/returns/ret/close/price/value, or the only one)");
  cmd->add_flag("--prices", a->prices, "The column holds prices: metrics of their simple returns");
  cmd->add_option("--periods-per-year", a->opt.periods_per_year, "Annualisation factor")->capture_default_str();
  cmd->add_option("--risk-free", a->opt.risk_free, "Risk-free rate PER PERIOD (Sharpe, Omega)")->capture_default_str();
  cmd->add_option("--required-return", a->opt.required_return, "Minimum acceptable return PER PERIOD (Sortino, downside risk)")
      ->capture_default_str();
  cmd->add_option("--omega-threshold", a->opt.omega_threshold, "Omega threshold per period, on top of --risk-free")
      ->capture_default_str();
  cmd->add_option("--tail-cutoff", a->opt.tail_cutoff, "VaR / CVaR quantile")->capture_default_str();
  cmd->add_option("--nan-policy", a->nan, "Empty or NaN cells: skip, zero or propagate")->capture_default_str();
  cmd->add_option("--group-column", a->group_column, "Also report metrics per value of this column (regime, fold, symbol)");
  cmd->add_option("--rolling", a->rolling, "Rolling window length: CSV of the metrics of every full window")->check(at_least(1));
  cmd->add_option("--out", a->out, "Output file (default: stdout), written atomically");
  cmd->callback([a] {
    a->opt.nan = embargo::parse_nan_policy(a->nan);
    a->opt.validate();
    series_input s = read_input(*a);
    if (a->prices) to_returns(s, a->input);
    if (a->rolling > 0) {
      if (!a->group_column.empty()) throw invalid_argument("--rolling and --group-column cannot be combined");
      if (a->rolling > s.values.size())
        throw invalid_argument("--rolling " + std::to_string(a->rolling) + " is longer than the " + std::to_string(s.values.size()) +
                               " values of " + a->input + " (no full window)");
      emit(rolling_csv(s, *a), a->out);
      return;
    }
    embargo::return_metrics all(a->opt);
    all.push(s.values);
    json out = {{"input", a->input}, {"kind", a->prices ? "prices" : "returns"}, {"conventions", embargo::options_json(a->opt)},
                {"metrics", embargo::results_json(all)}};
    if (!a->group_column.empty()) {
      embargo::grouped<embargo::return_metrics> g(a->opt);
      g.push(s.groups, s.values);
      json groups = json::object();
      for (const auto& [key, set] : g) groups[key] = embargo::results_json(set);
      out["group_column"] = a->group_column;
      out["groups"] = groups;
    }
    emit(dump(out), a->out);
  });
}

}  // namespace

[[maybe_unused]] static const bool registered = register_command("metrics", add_metrics);

}  // namespace embargo::cli
