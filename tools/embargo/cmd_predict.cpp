// embargo predict: the registry's models (champion by default) on new bars: per bar and symbol
// the probability, the position, the score (a consensus' S) and the rank per timestamp, and a
// consensus model's decision; symbols that may not
// trade go to a do-not-trade list with their reasons (include/embargo/lifecycle/predict.hpp).
#include "cli.hpp"

#include <filesystem>
#include <iostream>

#include <embargo/data/bars_csv.hpp>
#include <embargo/data/csv.hpp>
#include <embargo/lifecycle/predict.hpp>

namespace embargo::cli {
namespace {

struct predict_args {
  std::string archive, bars, alias = "champion", out, do_not_trade;
};

void predict_command(const predict_args& a) {
  std::error_code ec;
  if (!std::filesystem::is_directory(a.archive, ec)) throw data_error(a.archive + ": not an archive folder");
  const panel bars = read_bars_csv(a.bars);
  const auto p = lifecycle::predict(a.archive, bars, a.alias);
  std::string csv = "time,symbol,probability,position,score,rank,consensus\n";
  for (const auto& r : p.rows) {
    csv += format_timestamp(r.time) + ",";
    append_csv_field(csv, r.symbol);
    for (const double v : {r.probability, r.position, r.score}) {  // shortest text that reads back to the same double
      csv += ",";
      append_double(csv, v);
    }
    csv += "," + std::to_string(r.rank) + "," + r.consensus + "\n";
  }
  std::string dnt = "symbol,reason\n";
  for (const auto& d : p.do_not_trade)
    for (const auto& why : d.reasons) {
      append_csv_field(dnt, d.symbol);
      dnt += ",";
      append_csv_field(dnt, why);
      dnt += "\n";
    }
  emit(csv, a.out);
  std::string dnt_path = a.do_not_trade;
  if (dnt_path.empty() && !a.out.empty() && a.out != "-")
    dnt_path = (std::filesystem::path(a.out).parent_path() / "do_not_trade.csv").string();
  if (!dnt_path.empty()) emit(dnt, dnt_path);
  else
    for (const auto& d : p.do_not_trade)
      for (const auto& why : d.reasons) std::cerr << "embargo: do not trade " << d.symbol << ": " << why << "\n";
}

void add_predict(CLI::App& app) {
  auto a = std::make_shared<predict_args>();
  auto* cmd = app.add_subcommand("predict", "Predict with the archive's registered models on new bars (signals CSV)");
  cmd->add_option("--archive", a->archive, "Archive folder (with a registry: runs since models are exported)")->required();
  cmd->add_option("--bars", a->bars, "Bars CSV (long format), with enough history for the features")->required();
  cmd->add_option("--alias", a->alias, "Registry alias whose model predicts")->capture_default_str();
  cmd->add_option("--out", a->out, "Signals CSV (stdout when absent)");
  cmd->add_option("--do-not-trade", a->do_not_trade,
                  "Do-not-trade list CSV (default: do_not_trade.csv beside --out; on stderr without --out)");
  cmd->callback([a] { predict_command(*a); });
}

[[maybe_unused]] const bool registered = register_command("predict", add_predict);

}  // namespace
}  // namespace embargo::cli
