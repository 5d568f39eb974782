// The consensus as an exported model: its members are refitted like candidates of their own
// kinds, its weights are what the run's out-of-sample record teaches (each member's hit rate,
// counted here independently of the replay), its threshold is the adaptive one of its last
// decision; the served model applies that frozen rule, gives no position where |S| stays under
// the threshold, reloads bit for bit, learns nothing from after the bar it is cut at, and refuses
// files whose rule does not fit its members.
#include <catch2/catch.hpp>

#include <bit>
#include <cmath>
#include <fstream>
#include <numeric>

#include <embargo/lifecycle.hpp>

#include "lifecycle_support.hpp"

using namespace embargo;
using namespace embargo::lifecycle;

namespace {

research::research_options consensus_options_for_test() {
  auto o = lifecycle_test::loose_options();
  o.models.use = {"logit", "ridge", "stack_ridge_meta", "consensus"};
  return o;
}

// The run, with every trained symbol's candidate set to its consensus (whatever won on fitness).
const research::research_results& consensus_results() {
  static const research::research_results results = [] {
    auto r = research::research_job(consensus_options_for_test()).run(lifecycle_test::market());
    for (auto& s : r.symbols)
      for (std::size_t k = 0; k < s.research.models.size(); ++k)
        if (s.research.models[k].name == "consensus") s.candidate = k;
    return r;
  }();
  return results;
}

void write(const std::filesystem::path& p, const std::string& text) {
  std::ofstream(p, std::ios::binary) << text;
}

}  // namespace

TEST_CASE("consensus export: members refitted, weights from each member's out-of-sample hit rate") {
  const auto& results = consensus_results();
  const auto o = consensus_options_for_test();
  std::size_t exported = 0;
  for (const auto& s : results.symbols) {
    if (s.status != research::symbol_status::trained) continue;
    const auto e = export_candidate(s, o, "code", "2026-01-01T00:00:00Z");
    INFO(s.symbol() << ": " << e.reason);
    REQUIRE_FALSE(e.file.empty());
    ++exported;
    const auto f = parse_model_file(e.text, e.file);
    CHECK(f.kind == "consensus");
    const auto& tree = f.model;
    const auto& r = s.research;
    REQUIRE(tree["members"].size() == 3);
    for (std::size_t j = 0; j < 3; ++j) {
      CHECK(tree["members"][j]["kind"] == r.models[j].name);
      // Each member is the final fit of its own kind.
      const auto rows = training_rows_of(r);
      CHECK(tree["members"][j]["model"] == standard_codecs().at(r.models[j].name).fit(o, r.features, rows.y, rows.w));
    }
    // Counted directly: every tested event's trade has resolved once training is over.
    const std::size_t untested = r.folds.size();
    double tested = 0;
    for (std::size_t i = 0; i < r.labels.size(); ++i) tested += r.models[0].fold_of[i] != untested;
    CHECK(tree["learnt"]["votes"].get<double>() == tested);
    double weight_sum = 0;
    for (std::size_t j = 0; j < 3; ++j) {
      double hits = 0, calls = 0;
      for (std::size_t i = 0; i < r.labels.size(); ++i) {
        if (r.models[0].fold_of[i] == untested || r.models[j].position[i] == 0) continue;
        calls += 1;
        hits += (r.models[j].position[i] > 0) == (r.labels[i].ret > 0) ? 1.0 : 0.0;
      }
      REQUIRE(calls > 0);
      CHECK(tree["learnt"]["reliability"][j].get<double>() == hits / calls);
      const double w = tree["weights"][j].get<double>();
      CHECK(w >= 0);
      if (hits / calls <= 0.5) CHECK(w == 0);  // no skill, no say
      weight_sum += w;
    }
    CHECK((weight_sum == 0 || std::abs(weight_sum - 1) < 1e-12));
    // The threshold: max(0.1, sd of the last 50 scores S the run's consensus gave).
    std::vector<std::pair<std::size_t, double>> scores;  // (t0, S)
    const auto& c = r.models.back();
    REQUIRE(c.name == "consensus");
    for (std::size_t i = 0; i < r.labels.size(); ++i)
      if (c.fold_of[i] != untested) scores.emplace_back(r.labels[i].t0, 2 * c.probability[i] - 1);
    std::stable_sort(scores.begin(), scores.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    const std::size_t last = std::min<std::size_t>(50, scores.size());
    double mean = 0, ss = 0;
    for (std::size_t k = scores.size() - last; k < scores.size(); ++k) mean += scores[k].second / static_cast<double>(last);
    for (std::size_t k = scores.size() - last; k < scores.size(); ++k) ss += (scores[k].second - mean) * (scores[k].second - mean);
    CHECK(tree["threshold"].get<double>() == Approx(std::max(0.1, std::sqrt(ss / static_cast<double>(last - 1)))).margin(1e-12));
  }
  CHECK(exported > 0);
}

TEST_CASE("consensus export: the served model applies its frozen rule, stays out under the threshold, reloads bit for bit") {
  lifecycle_test::scratch_dir dir("consensus-serve");
  const auto& results = consensus_results();
  const auto o = consensus_options_for_test();
  std::size_t stayed_out = 0, traded = 0;
  for (const auto& s : results.symbols) {
    if (s.status != research::symbol_status::trained) continue;
    const auto e = export_candidate(s, o, "code", "2026-01-01T00:00:00Z");
    const auto path = dir.path / (s.symbol() + ".json");
    write(path, e.text);
    const serving_model m = load_model(path);
    const auto& X = s.research.features;
    const model_outputs out = m.predict(X);
    REQUIRE(out.level.size() == static_cast<std::size_t>(X.rows()));

    // Rebuilt from the parts: each member loaded on its own, S = Σ w_j (2 p_j − 1).
    const auto& tree = m.file.model;
    const double threshold = tree["threshold"].get<double>();
    std::vector<Eigen::VectorXd> p;
    for (const auto& member : tree["members"])
      p.push_back(standard_codecs().at(member["kind"].get<std::string>()).load(member["model"], "member", X.cols(), standard_codecs())(X).probability);
    for (Eigen::Index i = 0; i < X.rows(); ++i) {
      double score = 0;
      for (std::size_t j = 0; j < p.size(); ++j) score += tree["weights"][j].get<double>() * std::clamp(2 * p[j][i] - 1, -1.0, 1.0);
      CHECK(2 * out.probability[i] - 1 == Approx(score).margin(1e-12));
      const bool acts = std::abs(score) > threshold;
      CHECK((out.level[static_cast<std::size_t>(i)] != consensus_level::none) == acts);
      acts ? ++traded : ++stayed_out;
    }
    // Positions as the run's consensus stage books them: none where it stays out.
    symbol_research r;
    r.symbol = s.symbol();
    r.raw = s.research.raw;
    integrity_stage{o.integrity.to_options()}(r);
    for (const auto& row : predict_symbol(m, r)) {
      CHECK_FALSE(row.consensus.empty());
      CHECK((row.consensus == "none") == (row.position == 0));
      CHECK(row.score == 2 * row.probability - 1);
    }
    // A reload predicts the same bits.
    const model_outputs again = load_model(path).predict(X);
    for (Eigen::Index i = 0; i < X.rows(); ++i)
      CHECK(std::bit_cast<std::uint64_t>(again.probability[i]) == std::bit_cast<std::uint64_t>(out.probability[i]));
    CHECK(again.level == out.level);
  }
  INFO("rows traded " << traded << ", stayed out " << stayed_out);
  CHECK(traded > 0);
  CHECK(stayed_out > 0);
}

TEST_CASE("consensus replay: what it learns before a bar does not depend on anything after it") {
  const auto& s = *std::find_if(consensus_results().symbols.begin(), consensus_results().symbols.end(),
                                [](const auto& x) { return x.status == research::symbol_status::trained; });
  const auto& r = s.research;
  const std::size_t cut = r.labels[r.labels.size() * 2 / 3].t0;
  const auto before = replay_consensus(r, 3, consensus_options{}, static_cast<std::int64_t>(cut), [](std::size_t, const auto&) {});
  // Everything an honest replay may not know at `cut`: later votes, later outcomes.
  symbol_research later = r;
  std::size_t changed = 0;
  for (std::size_t i = 0; i < later.labels.size(); ++i) {
    for (std::size_t j = 0; j < 3; ++j)
      if (later.labels[i].t0 >= cut) later.models[j].probability[i] = 1 - later.models[j].probability[i], ++changed;
    if (later.labels[i].t1 >= cut) later.labels[i].ret = -later.labels[i].ret;
  }
  REQUIRE(changed > 0);
  const auto after = replay_consensus(later, 3, consensus_options{}, static_cast<std::int64_t>(cut), [](std::size_t, const auto&) {});
  CHECK(after.hits == before.hits);
  CHECK(after.calls == before.calls);
  CHECK(after.cast == before.cast);
  CHECK(after.vote_sum == before.vote_sum);
  CHECK(after.engine.threshold() == before.engine.threshold());
  // The whole record differs: the cut is what keeps the later events out.
  const auto whole = replay_consensus(later, 3, consensus_options{}, std::numeric_limits<std::int64_t>::max(), [](std::size_t, const auto&) {});
  CHECK(whole.cast > before.cast);
}

TEST_CASE("consensus export: the dual-model pair are consensus models learnt before their scored events") {
  const auto& results = consensus_results();
  const auto o = consensus_options_for_test();
  for (const auto& s : results.symbols) {
    if (s.status != research::symbol_status::trained) continue;
    const auto e = export_candidate(s, o, "code", "2026-01-01T00:00:00Z");
    INFO(s.symbol() << ": " << e.dual.reason);
    REQUIRE_FALSE(e.dual.file_a.empty());
    const auto a = parse_model_file(e.dual.text_a, e.dual.file_a), b = parse_model_file(e.dual.text_b, e.dual.file_b);
    CHECK(a.kind == "consensus");
    CHECK(b.kind == "consensus");
    // A learnt from fewer votes (before the validation events) than B (before the last 30 bars).
    CHECK(a.model["learnt"]["votes"].get<double>() < b.model["learnt"]["votes"].get<double>());
    CHECK(e.dual.validation_baseline["model_a"]["events"].get<std::size_t>() > 0);
  }
}

TEST_CASE("consensus model files: a rule that does not fit its members is refused with the key") {
  lifecycle_test::scratch_dir dir("consensus-corrupt");
  const auto& s = *std::find_if(consensus_results().symbols.begin(), consensus_results().symbols.end(),
                                [](const auto& x) { return x.status == research::symbol_status::trained; });
  const auto e = export_candidate(s, consensus_options_for_test(), "code", "2026-01-01T00:00:00Z");
  const auto good = parse_model_file(e.text, "good");
  auto refused = [&](auto change, const std::string& message) {
    model_file f = good;
    change(f.model);
    const auto path = dir.path / "bad.json";
    write(path, model_file_text(f));  // a valid checksum: only the content is wrong
    CHECK_THROWS_WITH(load_model(path), Catch::Contains(path.string()) && Catch::Contains(message));
  };
  refused([](nlohmann::json& t) { t["weights"].erase(0); }, ".weights: 2 weights for 3 members");
  refused([](nlohmann::json& t) { t["weights"][0] = -0.5; }, "non-negative weights summing to 1");
  refused([](nlohmann::json& t) { t["threshold"] = -1; }, ".threshold");
  refused([](nlohmann::json& t) { t["members"][1]["kind"] = "consensus"; }, "members[1].kind");
  refused([](nlohmann::json& t) { t["members"].erase(1), t["members"].erase(1); }, "at least two models");
  refused([](nlohmann::json& t) { t["members"][0]["model"]["type"] = "ridge_regression"; }, "members[0].model");
}
