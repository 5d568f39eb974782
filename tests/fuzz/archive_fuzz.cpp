// libFuzzer target: the training archive's readers of what is on disk. The input is written to a
// temporary archive's index.json, then read as the archive's index (training_archive::list, via
// read_json_file), as a model summary (parse_summary), as a run manifest (manifest_from_json) and
// as a JSON Lines history (read_json_lines: invalid lines are skipped with a warning, never thrown).
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include <embargo/archive/json_lines.hpp>
#include <embargo/archive/manifest.hpp>
#include <embargo/archive/model_summary.hpp>
#include <embargo/archive/training_archive.hpp>

#include "fuzz_support.hpp"

namespace {
const std::filesystem::path& archive_root() {
  static const std::filesystem::path root = [] {
    std::filesystem::path base = std::filesystem::exists("/dev/shm") ? "/dev/shm" : std::filesystem::temp_directory_path();
    auto p = base / ("embargo-fuzz-archive-" + std::to_string(::getpid()));
    std::filesystem::create_directories(p);
    std::atexit([] { std::error_code ec; std::filesystem::remove_all(archive_root(), ec); });
    return p;
  }();
  return root;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::filesystem::path file = archive_root() / "index.json";
  {
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  }
  embargo::fuzz::expect_parse_or_embargo_error([&] { (void)embargo::training_archive(archive_root()).list(); });
  embargo::fuzz::expect_parse_or_embargo_error([&] {
    const nlohmann::json j = embargo::read_json_file(file);
    embargo::fuzz::expect_parse_or_embargo_error([&] { (void)embargo::parse_summary(j, "model_assessments.json"); });
    embargo::fuzz::expect_parse_or_embargo_error([&] { (void)embargo::manifest_from_json(j, "manifest.json"); });
  });
  embargo::fuzz::expect_parse_or_embargo_error([&] {
    const embargo::json_lines lines = embargo::read_json_lines(file);
    for (const auto& r : lines.records) (void)r.dump();
  });
  return 0;
}
