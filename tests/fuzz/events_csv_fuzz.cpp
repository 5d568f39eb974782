// libFuzzer target: the events CSV reader (parse_events_csv), sorted and unsorted.
#include <embargo/data/events_csv.hpp>

#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text = embargo::fuzz::as_text(data, size);
  embargo::fuzz::expect_parse_or_embargo_error([&] { (void)embargo::parse_events_csv(text, "events.csv", true); });
  embargo::fuzz::expect_parse_or_embargo_error([&] { (void)embargo::parse_events_csv(text, "events.csv", false); });
  return 0;
}
