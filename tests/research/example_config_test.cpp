// examples/configs/research.json is what the docs tell users to copy: it must hold every key
// with its default, so it is checked against the declaration rather than kept by hand.
#include <catch2/catch.hpp>

#include <string>

#include <embargo/data/csv.hpp>
#include <embargo/research/config_json.hpp>

TEST_CASE("examples/configs/research.json holds every key with its default") {
  const std::string path = std::string(EMBARGO_SOURCE_DIR) + "/examples/configs/research.json";
  const auto file = nlohmann::ordered_json::parse(embargo::read_text_file(path));
  const auto defaults = embargo::research::to_json(embargo::research::research_options{}, true);
  INFO("regenerate with: build/tools/embargo run --print-defaults > examples/configs/research.json");
  CHECK(file == defaults);
}
