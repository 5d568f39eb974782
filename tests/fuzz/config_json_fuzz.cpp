// libFuzzer target: the research job's JSON configuration, as `embargo run --config` reads it:
// parse_config_text, then research_options_from_json (which validates); a valid configuration
// is described, hashed and written back, and must read again.
#include <embargo/research/config_json.hpp>

#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text = embargo::fuzz::as_text(data, size);
  embargo::fuzz::expect_parse_or_embargo_error([&] {
    const nlohmann::json j = embargo::research::parse_config_text(text, "config.json");
    const embargo::research::research_options o = embargo::research::research_options_from_json(j, "config.json");
    (void)embargo::research::describe_options(o);
    (void)embargo::research::config_hash(o);
    const std::string back = embargo::research::to_json(o, true).dump();
    (void)embargo::research::research_options_from_json(embargo::research::parse_config_text(back, "back.json"), "back.json");
  });
  return 0;
}
