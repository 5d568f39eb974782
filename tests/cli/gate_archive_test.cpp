// The gate and archive commands: assessments, seed names, malformed summaries, archive queries.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "run_tool.hpp"

using embargo::test::run_tool;
using embargo::test::temp_dir;
using embargo::test::write_text;

namespace {
std::string q(const std::filesystem::path& p) {
  std::string s(1, '\'');  // appended piecewise: GCC 12 -O3 warns (-Wrestrict, false positive) on "'" + s + "'"
  s += p.string();
  s += '\'';
  return s;
}

const char* const good_summary = R"({"models":[
  {"symbol":"AAPL","fitness":0.75,"profit_factor":1.9,"consistency":0.88,"max_drawdown":0.06,
   "fitness_history":[0.70,0.75,0.78,0.75],"validation_interval":1000},
  {"symbol":"BTC/USDT","final_fitness":0.8,"final_pf":1.5,"final_consistency":0.9,"final_max_dd":0.05,
   "fitness_history":[0.5,0.9,0.8],"validation_interval":1000},
  {"symbol":"Soci\u00e9t\u00e9","fitness":0.4,"profit_factor":1.9,"consistency":0.88}]})";
}  // namespace

TEST_CASE("gate prints one assessment per model, seed argument names accepted") {
  temp_dir dir;
  write_text(dir / "s.json", good_summary);
  const auto r = run_tool("gate --summary " + q(dir / "s.json"));
  REQUIRE(r.status == 0);
  const auto j = nlohmann::json::parse(r.out);
  REQUIRE(j.size() == 3);
  CHECK(j[0] == nlohmann::json::parse(R"({"symbol":"AAPL","classification":"APPROVED","flags":[],
      "use_checkpoint":false,"best_idx":2,"checkpoint_update":null})"));
  CHECK(j[1]["classification"] == "REVIEW");
  CHECK(j[1]["flags"] == nlohmann::json::parse(R"(["FITNESS_DECLINE","UNSTABLE_TRAINING"])"));  // PF 1.5: REVIEW, no seed flag
  CHECK(j[1]["checkpoint_update"] == 2000);
  CHECK(j[2]["symbol"] == "Soci\xc3\xa9t\xc3\xa9");
  CHECK(j[2]["classification"] == "DROP");
  CHECK(j[2]["flags"] == nlohmann::json::parse(R"(["LOW_FITNESS","MISSING_MAX_DRAWDOWN"])"));
  CHECK(j[2]["best_idx"].is_null());

  write_text(dir / "g.json", R"({"approved_min_pf":1.4})");
  const auto c = run_tool("gate --summary " + q(dir / "s.json") + " --config " + q(dir / "g.json"));
  REQUIRE(c.status == 0);
  CHECK(nlohmann::json::parse(c.out)[1]["classification"] == "APPROVED");
  write_text(dir / "g2.json", R"({"approved_min_pf":1.0})");  // laxer than the review threshold 1.3
  const auto c2 = run_tool("gate --summary " + q(dir / "s.json") + " --config " + q(dir / "g2.json"));
  CHECK(c2.status == 2);
  CHECK_THAT(c2.err, Catch::Contains("g2.json") && Catch::Contains("profit_factor thresholds"));
}

TEST_CASE("malformed summaries exit 2 with one line naming the field") {
  temp_dir dir;
  struct row {
    std::string content;
    const char* message;
  };
  const std::vector<row> rows = {
      {"", "the file is empty"},
      {"{\"models\": [", "not valid JSON"},
      {"{\"models\":[{\"symbol\":\"A\xff\"}]}", "in the value of \"symbol\": invalid UTF-8 (byte 0xff)"},
      {"{\"models\":[{\"symbol\":\"A\",\"note\":\"\xc3\x28\"}]}", "in the value of \"note\": invalid UTF-8 (byte 0xc3)"},
      {R"({"models":[{"symbol":"A","fitness":"high"}]})", "models[0].fitness: expected a number or null, got string"},
      {R"({"models":[{"symbol":"A","final_pf":[1]}]})", "models[0].final_pf: expected a number or null, got array"},
      {R"({"models":[{"fitness":0.8}]})", "models[0].symbol: missing"},
      {R"({"models":[{"symbol":"A","fitness_history":[0.1,null]}]})", "models[0].fitness_history[1]: expected a number"},
      {R"({"models":[]})", "models: expected a non-empty array"},
      {R"({"runs":[]})", "models: missing"},
      {R"({"models":[{"symbol":"A","consistency":85}]})", "models[0].consistency: expected a fraction in [0, 1]"},
  };
  for (const row& r : rows) {
    INFO(r.content);
    write_text(dir / "s.json", r.content);
    const auto res = run_tool("gate --summary " + q(dir / "s.json"));
    CHECK(res.status == 2);
    CHECK_THAT(res.err, Catch::Contains("s.json") && Catch::Contains(r.message));
    CHECK(res.err.find('\n') == res.err.size() - 1);
    CHECK(res.out.empty());
  }
  const auto missing = run_tool("gate --summary " + q(dir / "nope.json"));
  CHECK(missing.status == 2);
  CHECK_THAT(missing.err, Catch::Contains("nope.json: cannot open"));
}

TEST_CASE("gate --archive archives the run, then archive list, show, approved, history, reindex") {
  temp_dir dir;
  write_text(dir / "s.json", good_summary);
  const auto arch = dir / "archive";
  const auto g1 = run_tool("gate --summary " + q(dir / "s.json") + " --archive " + q(arch));
  REQUIRE(g1.status == 0);
  const std::string id1 = nlohmann::json::parse(g1.out)["timestamp"];
  const auto g2 = run_tool("gate --summary " + q(dir / "s.json") + " --archive " + q(arch));
  REQUIRE(g2.status == 0);
  const std::string id2 = nlohmann::json::parse(g2.out)["timestamp"];
  CHECK(id1 != id2);
  CHECK(std::filesystem::exists(arch / id1 / "manifest.json"));

  const auto list = run_tool("archive list --archive " + q(arch));
  REQUIRE(list.status == 0);
  const auto runs = nlohmann::json::parse(list.out)["runs"];
  REQUIRE(runs.size() == 2);
  CHECK(runs[0]["timestamp"] == id1);
  CHECK(runs[0]["approved_count"] == 1);
  CHECK(runs[0]["review_count"] == 1);
  CHECK(runs[0]["dropped_count"] == 1);

  const auto show = run_tool("archive --archive " + q(arch) + " show " + id1);  // --archive before the verb too
  REQUIRE(show.status == 0);
  CHECK(nlohmann::json::parse(show.out)["assessments"]["models"].size() == 3);

  const auto approved = run_tool("archive approved --archive " + q(arch));
  REQUIRE(approved.status == 0);
  CHECK(nlohmann::json::parse(approved.out) == nlohmann::json{{"timestamp", id2}, {"approved", {"AAPL"}}});

  const auto history = run_tool("archive history 'BTC/USDT' --archive " + q(arch));
  REQUIRE(history.status == 0);
  const auto h = nlohmann::json::parse(history.out)["runs"];
  REQUIRE(h.size() == 2);
  CHECK(h[0]["timestamp"] == id1);
  CHECK(h[1]["classification"] == "REVIEW");
  const auto utf8 = run_tool("archive history 'Soci\xc3\xa9t\xc3\xa9' --archive " + q(arch));
  CHECK(nlohmann::json::parse(utf8.out)["runs"].size() == 2);

  write_text(arch / "index.json", "{\"runs\": [");
  const auto broken = run_tool("archive list --archive " + q(arch));
  CHECK(broken.status == 2);
  CHECK_THAT(broken.err, Catch::Contains("index.json") && Catch::Contains("embargo archive reindex"));
  const auto re = run_tool("archive reindex --archive " + q(arch));
  REQUIRE(re.status == 0);
  CHECK(nlohmann::json::parse(re.out)["runs"] == 2);
  CHECK(nlohmann::json::parse(run_tool("archive list --archive " + q(arch)).out)["runs"].size() == 2);

  // Built with append: GCC 12 at -O3 warns (-Wrestrict, a false positive) on chained operator+.
  std::vector<std::string> bad_calls(4);
  bad_calls[0].append("archive show nope --archive ").append(q(arch));
  bad_calls[1].append("archive list");
  bad_calls[2].append("archive --archive ").append(q(arch));
  bad_calls[3].append("archive approved --archive ").append(q(dir / "empty"));
  for (const std::string& args : bad_calls) {
    INFO(args);
    const auto r = run_tool(args);
    CHECK(r.status == 2);
    CHECK(r.err.find('\n') == r.err.size() - 1);
  }
}
