// Configuration keys: unknown keys and wrong types are errors that name their path.
#include <catch2/catch.hpp>

#include "../../tools/embargo/strict_json.hpp"

using embargo::cli::strict_object;

TEST_CASE("strict configuration reading") {
  const auto j = nlohmann::json::parse(R"({"seed": 7, "integrity": {"max_fill": 2, "repair": true}, "name": "x"})");
  int seed = 0;
  std::size_t max_fill = 3;
  bool repair = false;
  double unused = 1.5;
  std::string name;
  strict_object root(j, "config.json");
  root.get("seed", seed).get("name", name).get("absent", unused);
  auto integrity = root.child("integrity");
  integrity.get("max_fill", max_fill).get("repair", repair);
  CHECK_NOTHROW(integrity.finish());
  CHECK_NOTHROW(root.finish());
  CHECK(seed == 7);
  CHECK(max_fill == 2);
  CHECK(repair);
  CHECK(unused == 1.5);  // absent keys keep their defaults

  const auto typo = nlohmann::json::parse(R"({"integrity": {"max_fil": 2}})");
  strict_object r2(typo, "config.json");
  auto c2 = r2.child("integrity");
  c2.get("max_fill", max_fill);
  CHECK_THROWS_WITH(c2.finish(), "config.json.integrity: unknown key 'max_fil'");

  const auto wrong = nlohmann::json::parse(R"({"seed": "7", "max_fill": -1, "ratio": true})");
  strict_object r3(wrong, "c.json");
  CHECK_THROWS_WITH(r3.get("seed", seed), "c.json.seed: expected an integer, found \"7\"");
  CHECK_THROWS_WITH(r3.get("max_fill", max_fill), "c.json.max_fill: expected an integer, found -1");
  CHECK_THROWS_WITH(r3.get("ratio", unused), "c.json.ratio: expected a number, found true");
  CHECK_THROWS_WITH(strict_object(nlohmann::json::array(), "c.json"), "c.json: expected a JSON object, found array");
}
