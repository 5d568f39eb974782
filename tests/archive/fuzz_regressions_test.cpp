// Regression cases found by fuzzing the archive's readers (tests/fuzz/archive_fuzz.cpp,
// docs/fuzzing.md). Each input is also in the seed corpus tests/fuzz/corpus/archive/.
#include <catch2/catch.hpp>

#include <fstream>
#include <string>

#include <embargo/archive.hpp>

#include "../test_support.hpp"

using namespace embargo;
using embargo::test::temp_dir;

namespace {
void write(const std::filesystem::path& p, const std::string& text) {
  std::ofstream out(p, std::ios::binary);
  out << text;
}
}  // namespace

TEST_CASE("fuzz regression: a JSON number beyond a double is a data_error naming the file, not an internal error") {
  // Found as '0.40721e40073410316' in an index.json; nlohmann throws out_of_range 406 for it.
  temp_dir dir;
  const auto file = dir.path() / "model_assessments.json";
  write(file, R"({"models": [{"symbol": "A", "fitness": 1e400}]})");
  try {
    (void)read_json_file(file);
    FAIL("no exception");
  } catch (const data_error& e) {
    const std::string what = e.what();
    CHECK(what.find(file.string()) != std::string::npos);
    CHECK(what.find("number overflow") != std::string::npos);
  }

  write(dir.path() / "index.json", R"({"version": 1, "runs": [{"timestamp": "x", "model_count": 1e400}]})");
  try {
    (void)training_archive(dir.path()).list();
    FAIL("no exception");
  } catch (const data_error& e) {
    const std::string what = e.what();
    CHECK(what.find("index.json") != std::string::npos);
    CHECK(what.find("reindex") != std::string::npos);
  }
}
