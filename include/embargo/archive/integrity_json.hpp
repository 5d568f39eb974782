// embargo: the integrity report as JSON (the CLI's --report and every run's integrity.json);
// kept out of the core headers, which do not depend on a JSON library.
// embargo-requires: json
#ifndef EMBARGO_ARCHIVE_INTEGRITY_JSON_HPP
#define EMBARGO_ARCHIVE_INTEGRITY_JSON_HPP

#include <nlohmann/json.hpp>

#include <embargo/data/integrity.hpp>

namespace embargo {

inline nlohmann::json to_json(const integrity_report& r, const bars& input) {
  auto when = [&](std::size_t i) { return format_timestamp(input.time[i], r.interval % 86400 == 0); };
  nlohmann::json j = {{"symbol", r.symbol},
                      {"bars_in", r.bars_in},
                      {"bars_out", r.bars_out},
                      {"interval_seconds", r.interval},
                      {"keep", r.keep},
                      {"primary", r.reference_was_primary ? "reference" : "input"},
                      {"reasons", r.reasons},
                      {"filled_bars", r.filled_bars},
                      {"segments", r.segment_starts.size()}};
  j["gaps"] = nlohmann::json::array();
  for (const auto& g : r.gaps) j["gaps"].push_back({{"index", g.index}, {"after", when(g.index - 1)}, {"before", when(g.index)}, {"missing", g.missing}});
  for (const auto* list : {&r.spikes, &r.jumps}) {
    auto& arr = j[list == &r.spikes ? "spikes" : "jumps"] = nlohmann::json::array();
    for (const auto& o : *list) arr.push_back({{"index", o.index}, {"time", when(o.index)}, {"log_return", o.log_return}, {"score", o.score}});
  }
  j["splits"] = nlohmann::json::array();
  for (const auto& s : r.splits) j["splits"].push_back({{"index", s.index}, {"time", when(s.index)}, {"ratio", s.ratio}});
  j["stale_runs"] = nlohmann::json::array();
  for (const auto& s : r.stale) j["stale_runs"].push_back({{"first", s.first}, {"time", when(s.first)}, {"length", s.length}});
  if (r.compared_with_reference) {
    nlohmann::json v = {{"common_bars", r.vendor.common_bars},
                        {"only_primary", r.vendor.only_primary},
                        {"only_reference", r.vendor.only_reference},
                        {"mismatch_share", r.vendor.mismatch_share()},
                        {"mismatches", nlohmann::json::array()}};
    for (std::size_t k = 0; k < r.vendor.mismatches.size(); ++k)
      v["mismatches"].push_back({{"index", r.vendor.mismatches[k]}, {"time", when(r.vendor.mismatches[k])},
                                 {"relative_difference", r.vendor.relative_difference[k]}});
    j["vendor"] = v;
  }
  return j;
}

}  // namespace embargo

#endif
