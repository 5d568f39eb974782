// embargo integrity: gaps, bad prints, stale runs, splits, vendor mismatches; repaired bars and
// a JSON report per symbol.
#include "cli.hpp"
#include <embargo/archive/integrity_json.hpp>

#include <embargo/data/bars_csv.hpp>
#include <embargo/data/integrity.hpp>

namespace embargo::cli {
namespace {

struct integrity_args {
  std::string bars, reference, interval, repair = "ffill", outliers = "winsorize", report, out, ohlc = "reject",
      primary = "input";
  std::int64_t max_fill = 3;
  double mismatch = 0.005;
};

void run_integrity(const integrity_args& a) {
  std::vector<std::size_t> repaired_lines, repaired_ref_lines;
  const auto policy = a.ohlc == "repair" ? ohlc_policy::repair : ohlc_policy::reject;
  const panel p = read_bars_csv(a.bars, {.ohlc = policy, .repaired_lines = &repaired_lines});
  panel ref;
  if (!a.reference.empty()) ref = read_bars_csv(a.reference, {.ohlc = policy, .repaired_lines = &repaired_ref_lines});
  integrity_options opt;
  if (!a.interval.empty()) {
    const auto iv = parse_interval(a.interval);
    if (!iv) throw invalid_argument("--interval '" + a.interval + "' is not a bar length such as 90s, 5m, 1h, 1d");
    opt.interval = *iv;
  }
  opt.repair_gaps = a.repair == "ffill";
  opt.gaps.max_fill = a.max_fill;
  opt.spikes = parse_name<outlier_policy>(a.outliers).value_or(outlier_policy::winsorize);  // --outliers checks the words
  opt.vendor.threshold = a.mismatch;
  opt.primary = a.primary == "fewer-issues" ? primary_source::fewer_issues : primary_source::input;
  nlohmann::json reports = nlohmann::json::array();
  panel clean;
  for (const auto& b : p.symbols) {
    const bars* r = nullptr;
    if (!a.reference.empty()) {
      r = ref.find(b.symbol);
      if (!r) throw data_error(a.reference + ": no bars for symbol '" + b.symbol + "' (the reference must cover every symbol of " + a.bars + ")");
    }
    auto res = check_integrity(b, r, opt);
    reports.push_back(to_json(res.report, res.report.reference_was_primary ? *r : b));
    if (res.report.keep) clean.symbols.push_back(std::move(res.clean));
  }
  const std::string text = dump({{"file", a.bars},
                                 {"ohlc_repaired_lines", repaired_lines},
                                 {"reference_ohlc_repaired_lines", repaired_ref_lines},
                                 {"symbols", reports}});
  if (!a.report.empty()) emit(text, a.report);
  if (!a.out.empty()) emit(format_bars_csv(clean), a.out);
  if (a.report.empty()) emit(text, "");
}

void add_integrity(CLI::App& app) {
  auto a = std::make_shared<integrity_args>();
  auto* cmd = app.add_subcommand("integrity", "Find and repair gaps, bad prints, stale runs, splits and vendor mismatches");
  cmd->add_option("--bars", a->bars, "Bars CSV")->required();
  cmd->add_option("--reference", a->reference, "A second vendor's bars for the same symbols");
  cmd->add_option("--interval", a->interval, "Expected bar length (90s, 5m, 1h, 1d); default: the median spacing");
  cmd->add_option("--repair", a->repair, "Small gaps: ffill (synthetic bars) or none")->capture_default_str()->check(CLI::IsMember({"none", "ffill"}));
  cmd->add_option("--max-fill", a->max_fill, "Longest gap (bars) that ffill repairs; longer gaps split the series")->capture_default_str();
  cmd->add_option("--outliers", a->outliers, "Spikes (bad prints): flag, winsorize or drop")->capture_default_str()->check(CLI::IsMember({"flag", "winsorize", "drop"}));
  cmd->add_option("--ohlc", a->ohlc, "Bars whose high/low do not contain open and close: reject or repair")
      ->capture_default_str()
      ->check(CLI::IsMember({"reject", "repair"}));
  cmd->add_option("--primary", a->primary, "With --reference: which vendor becomes the clean series (input or fewer-issues)")
      ->capture_default_str()
      ->check(CLI::IsMember({"input", "fewer-issues"}));
  cmd->add_option("--mismatch", a->mismatch, "Relative close difference that counts as a vendor mismatch")->capture_default_str();
  cmd->add_option("--report", a->report, "Write the JSON report here (default: stdout)");
  cmd->add_option("--out", a->out, "Write the repaired bars of the kept symbols here (CSV)");
  cmd->callback([a] { run_integrity(*a); });
}

[[maybe_unused]] const bool registered = register_command("integrity", add_integrity);

}  // namespace
}  // namespace embargo::cli
