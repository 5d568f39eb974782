// The run's export, the registry and predicting: the exported model on the training bars gives
// the run's final fit bit for bit; aliases move as documented, with a transition log, decision
// log and rotated backups; predict ranks symbols and lists those that may not trade.
#include <catch2/catch.hpp>

#include <bit>
#include <set>

#include <embargo/data/csv.hpp>
#include <embargo/lifecycle.hpp>

#include "lifecycle_support.hpp"

using namespace embargo;
using namespace embargo::lifecycle;

namespace {

std::size_t lines(const std::filesystem::path& p) {
  return read_json_lines(p).records.size();
}

std::vector<nlohmann::json> decisions(const std::filesystem::path& archive, const std::string& what) {
  std::vector<nlohmann::json> out;
  for (auto& r : read_json_lines(decision_log_path(archive)).records)
    if (r["what"] == what) out.push_back(std::move(r));
  return out;
}

}  // namespace

TEST_CASE("export: the exported model on the training bars reproduces the run's final fit") {
  lifecycle_test::scratch_dir dir("export");
  const auto o = lifecycle_test::loose_options();
  const auto results = research::research_job(o).run(lifecycle_test::market());
  const auto run = research::archive_results(results, dir.path.string(), "test");
  REQUIRE(run.exports.size() == results.symbols.size());
  std::set<std::string> kinds;
  for (std::size_t i = 0; i < results.symbols.size(); ++i) {
    const auto& s = results.symbols[i];
    REQUIRE(s.status == research::symbol_status::trained);
    const auto& e = run.exports[i];
    REQUIRE_FALSE(e.file.empty());
    CHECK(e.file == model_file_path(s.symbol()));
    const serving_model m = load_model(dir.path / run.run_id / e.file);
    CHECK(m.file.kind == s.research.models[s.candidate].name);
    CHECK(m.file.config_hash == research::config_hash(o));
    CHECK(m.file.training_events == s.research.labels.size());
    kinds.insert(m.file.kind);

    // The final fit, as the run's model stage would fit it on every event.
    const auto rows = training_rows_of(s.research);
    const auto tree = standard_codecs().at(m.file.kind).fit(o, s.research.features, rows.y, rows.w);
    const auto final_fit = standard_codecs().at(m.file.kind).load(tree, "final fit", s.research.features.cols(), standard_codecs());
    const Eigen::VectorXd expected = final_fit(s.research.features).probability;

    // Predicting on the training bars: features recomputed from the bars at the event bars.
    symbol_research r;
    r.symbol = s.symbol();
    r.raw = s.research.raw;
    integrity_stage{o.integrity.to_options()}(r);
    const auto signals = predict_symbol(m, r);
    std::map<timestamp, double> p_at;
    for (const auto& row : signals) p_at[row.time] = row.probability;
    const auto& bars = s.research.series();
    for (Eigen::Index k = 0; k < expected.size(); ++k) {
      const auto t = bars.time[s.research.labels[static_cast<std::size_t>(k)].t0];
      REQUIRE(p_at.count(t));
      CHECK(std::bit_cast<std::uint64_t>(p_at[t]) == std::bit_cast<std::uint64_t>(expected[k]));
    }
  }
  INFO("kinds exported: " << kinds.size());
  const auto manifest = nlohmann::json::parse(read_text_file((dir.path / run.run_id / "models" / "manifest.json").string()));
  CHECK(manifest["models"].size() == results.symbols.size());
  CHECK(manifest["config_hash"] == research::config_hash(o));
  const auto run_manifest = nlohmann::json::parse(read_text_file((dir.path / run.run_id / "manifest.json").string()));
  CHECK(run_manifest["code_hash"] == research::archive_options{}.code);
}

TEST_CASE("export: a symbol without a trained candidate is listed with its reason") {
  lifecycle_test::scratch_dir dir("export-excluded");
  auto o = lifecycle_test::loose_options();
  o.events.min_events = 100000;  // every symbol is excluded
  const auto results = research::research_job(o).run(lifecycle_test::market());
  const auto run = research::archive_results(results, dir.path.string(), "test");
  for (const auto& e : run.exports) {
    CHECK(e.file.empty());
    CHECK_THAT(e.reason, Catch::Contains("excluded"));
  }
  CHECK(model_registry(dir.path).aliases().empty());
  CHECK(decisions(dir.path, "excluded").size() == results.symbols.size());
}

TEST_CASE("registry: runs move the champion and challenger aliases, changes are logged and backed up") {
  lifecycle_test::scratch_dir dir("registry");
  const auto o = lifecycle_test::loose_options();
  const auto results = research::research_job(o).run(lifecycle_test::market());
  const auto first = research::archive_results(results, dir.path.string(), "test");
  model_registry reg(dir.path, 2);
  std::size_t approved = 0;
  for (const auto& s : results.symbols) {
    if (s.gate.classification != tier::approved) {
      CHECK_FALSE(reg.resolve(s.symbol(), "champion"));
      CHECK(reg.resolve(s.symbol(), "challenger")->run == first.run_id);
      continue;
    }
    ++approved;
    const auto c = reg.resolve(s.symbol(), "champion");
    REQUIRE(c);
    CHECK(c->run == first.run_id);
    CHECK(c->kind == s.research.models[s.candidate].name);
  }
  REQUIRE(approved > 0);  // the loose gates approve some symbol
  CHECK(decisions(dir.path, "gate").size() == results.symbols.size());
  CHECK(lines(reg.transitions_path()) == results.symbols.size());

  // A second run: the champion stays unless beaten (the same data: the challenger is the
  // champion's own model), so only challenger aliases move.
  const auto second = research::archive_results(results, dir.path.string(), "test");
  for (const auto& s : results.symbols) {
    if (s.gate.classification == tier::approved) {
      CHECK(reg.resolve(s.symbol(), "champion")->run == first.run_id);
      CHECK(reg.resolve(s.symbol(), "challenger")->run == second.run_id);
    }
  }
  CHECK(decisions(dir.path, "promotion").size() == approved);

  // By hand: the champion moves to the second run, then back; each move backs up the model it
  // leaves, and only the newest two backups are kept.
  const std::string sym = [&] {
    for (const auto& s : results.symbols)
      if (s.gate.classification == tier::approved) return s.symbol();
    return std::string();
  }();
  const auto third = research::archive_results(results, dir.path.string(), "test");
  const auto before = reg.history(sym).size();
  reg.set_alias(sym, "champion", second.run_id, "test: move to the second run");
  reg.set_alias(sym, "champion", third.run_id, "test: move to the third run");
  reg.set_alias(sym, "champion", first.run_id, "test: back to the first run");
  reg.set_alias(sym, "champion", first.run_id, "test: no-op");
  const auto h = reg.history(sym);
  REQUIRE(h.size() == before + 3);
  CHECK(h.back()["from"] == third.run_id);
  CHECK(h.back()["to"] == first.run_id);
  CHECK(h.back()["reason"] == "test: back to the first run");
  std::vector<std::string> backups;
  for (const auto& e : std::filesystem::directory_iterator(reg.backups_path() / symbol_folder(sym))) backups.push_back(e.path().filename());
  std::sort(backups.begin(), backups.end());
  CHECK(backups == std::vector<std::string>{second.run_id, third.run_id});
  CHECK(std::filesystem::is_regular_file(reg.backups_path() / symbol_folder(sym) / third.run_id / "model.json"));

  // A custom alias, then removed.
  reg.set_alias(sym, "paper-trading", second.run_id, "test");
  CHECK(reg.resolve(sym, "paper-trading")->run == second.run_id);
  reg.set_alias(sym, "paper-trading", "", "test: removed");
  CHECK_FALSE(reg.resolve(sym, "paper-trading"));

  CHECK_THROWS_AS(reg.set_alias(sym, "Champion!", first.run_id, "bad name"), invalid_argument);
  CHECK_THROWS_WITH(reg.set_alias(sym, "champion", "20990101_000000_000000", "no such run"), Catch::Contains("exported no such model"));
  CHECK_THROWS_WITH(reg.set_alias("NOSUCH", "champion", first.run_id, "no such symbol"), Catch::Contains("exported no such model"));
  CHECK(decisions(dir.path, "alias").size() == lines(reg.transitions_path()));
}

TEST_CASE("predict: ranks the symbols per timestamp and lists those that may not trade") {
  lifecycle_test::scratch_dir dir("predict");
  const auto o = lifecycle_test::loose_options();
  const auto results = research::research_job(o).run(lifecycle_test::market());
  research::archive_results(results, dir.path.string(), "test");
  std::set<std::string> served;
  for (const auto& s : results.symbols)
    if (s.gate.classification == tier::approved) served.insert(s.symbol());
  REQUIRE_FALSE(served.empty());
  const auto p = predict(dir.path, lifecycle_test::market());  // the champions
  CHECK(p.served_by.size() == served.size());
  CHECK(p.do_not_trade.size() == lifecycle_test::market().size() - served.size());
  REQUIRE_FALSE(p.rows.empty());
  for (std::size_t i = 1; i < p.rows.size(); ++i) {
    const auto &a = p.rows[i - 1], &b = p.rows[i];
    CHECK(a.time <= b.time);
    if (a.time == b.time) {
      CHECK(a.score >= b.score);
      CHECK(b.rank == a.rank + 1);
    } else {
      CHECK(b.rank == 1);
    }
  }
  for (const auto& r : p.rows) {
    CHECK(r.score == 2 * r.probability - 1);
    CHECK(served.count(r.symbol));
  }
  // No model under an alias nobody set: every symbol refused, each logged.
  const auto none = predict(dir.path, lifecycle_test::market(), "nobody");
  CHECK(none.rows.empty());
  CHECK(none.do_not_trade.size() == lifecycle_test::market().size());
  CHECK_THAT(none.do_not_trade[0].reasons.front(), Catch::Contains("no model under the alias \"nobody\""));
  CHECK(decisions(dir.path, "do_not_trade").size() == p.do_not_trade.size() + none.do_not_trade.size());

  // A run with the default (strict) gates: its DROP models are refused when an alias serves them.
  auto strict = o;
  strict.gate = research::gate_section{};
  const auto strict_results = research::research_job(strict).run(lifecycle_test::market());
  const auto strict_run = research::archive_results(strict_results, dir.path.string(), "test", {.update_registry = false});
  model_registry reg(dir.path);
  std::size_t dropped = 0;
  for (const auto& s : strict_results.symbols) {
    reg.set_alias(s.symbol(), "strict", strict_run.run_id, "test");
    dropped += s.gate.classification == tier::drop;
  }
  const auto q = predict(dir.path, lifecycle_test::market(), "strict");
  CHECK(q.do_not_trade.size() == dropped);
  for (const auto& d : q.do_not_trade) CHECK_THAT(d.reasons.front(), Catch::Contains("tier is DROP"));

  // Bars the run's universe would exclude (300 bars of history, 500 needed): refused with its reasons.
  panel short_history = lifecycle_test::market();
  for (auto& b : short_history.symbols) {
    for (auto* column : {&b.open, &b.high, &b.low, &b.close, &b.volume}) column->resize(300);
    b.time.resize(300);
  }
  const auto refused = predict(dir.path, short_history);
  CHECK(refused.rows.empty());
  REQUIRE(refused.do_not_trade.size() == short_history.size());
  for (const auto& d : refused.do_not_trade)
    if (served.count(d.symbol)) CHECK_THAT(d.reasons.front(), Catch::Contains("universe: history 300 bars < 500"));
}
