// Helpers shared by the tests: reference vectors and temporary folders.
#ifndef EMBARGO_TESTS_TEST_SUPPORT_HPP
#define EMBARGO_TESTS_TEST_SUPPORT_HPP

#include <filesystem>
#include <fstream>
#include <random>
#include <string>

#include <nlohmann/json.hpp>

namespace embargo::test {

/// Loads tests/data/<name> (reference vectors copied from the peer libraries; see tests/data/README.md).
inline nlohmann::json load_vector(const std::string& name) {
  std::ifstream in(std::string(EMBARGO_TEST_DATA_DIR) + "/" + name);
  if (!in) throw std::runtime_error("cannot open test vector " + name);
  return nlohmann::json::parse(in);
}

/// A fresh empty folder under the system temp dir, removed when the object dies.
class temp_dir {
 public:
  temp_dir() {
    std::random_device rd;
    path_ = std::filesystem::temp_directory_path() / ("embargo-test-" + std::to_string(rd()) + std::to_string(rd()));
    std::filesystem::create_directories(path_);
  }
  ~temp_dir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  temp_dir(const temp_dir&) = delete;
  temp_dir& operator=(const temp_dir&) = delete;
  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

 private:
  std::filesystem::path path_;
};

inline void write_text(const std::filesystem::path& p, const std::string& s) {
  std::ofstream out(p, std::ios::binary);
  out << s;
}

}  // namespace embargo::test

#endif
