// libFuzzer target: the bars CSV reader (parse_bars_csv), both OHLC policies; a parsed panel is
// written back and must read again.
#include <embargo/data/bars_csv.hpp>

#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text = embargo::fuzz::as_text(data, size);
  embargo::fuzz::expect_parse_or_embargo_error([&] {
    embargo::panel p = embargo::parse_bars_csv(text, "fuzz.csv");
    // What we write we must read back.
    (void)embargo::parse_bars_csv(embargo::format_bars_csv(p), "roundtrip.csv");
  });
  embargo::fuzz::expect_parse_or_embargo_error([&] {
    std::vector<std::size_t> repaired;
    embargo::bars_csv_options opt;
    opt.ohlc = embargo::ohlc_policy::repair;
    opt.repaired_lines = &repaired;
    (void)embargo::parse_bars_csv(text, "fuzz.csv", opt);
  });
  return 0;
}
