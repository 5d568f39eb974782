// embargo: columnar float64 input, memory-mapped. A 1e8-bar series is 800 MB per float64 column
// and more as CSV text, which must be parsed into a copy; a mapped file costs nothing up front,
// then only the pages a kernel touches (which the kernel may drop again under pressure).
//
// Layout (docs/integrity.md#columnar-input): `columns` columns of `rows` values each, one column
// after the other, every value a little-endian IEEE-754 float64, no header. The baselines' .bin
// is this layout: M symbols x F fields x N bars is M * F columns of N rows, column k = symbol k / F,
// field k % F. The shape comes from the caller (the baselines keep it in a .json beside the file),
// and the file's size must match it exactly.
//
// The values are not checked here (a scan of 800 MB per column is the caller's choice): run the
// integrity checks or a component's own input checks, which reject NaN and negative prices.
#ifndef EMBARGO_DATA_MAPPED_COLUMNS_HPP
#define EMBARGO_DATA_MAPPED_COLUMNS_HPP

#include <bit>
#include <cerrno>
#include <cstddef>
#include <cstring>
#include <span>
#include <string>
#include <utility>

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <embargo/core/error.hpp>

namespace embargo {

static_assert(std::endian::native == std::endian::little, "mapped_columns reads little-endian float64 in place");

/// A read-only map of a columnar float64 file. Move-only; the spans it hands out live as long as it.
class mapped_columns {
 public:
  /// Maps `path` as `columns` columns of `rows` values. Throws invalid_argument for a zero or
  /// overflowing shape (before opening anything), io_error when the file cannot be opened, is not
  /// a regular file or cannot be mapped, data_error when its size is not rows x columns x 8.
  static mapped_columns open(const std::string& path, std::size_t rows, std::size_t columns) {
    detail::require(rows >= 1 && columns >= 1, "mapped_columns: " + path + ": rows and columns must be at least 1, got " +
                                                   std::to_string(rows) + " x " + std::to_string(columns));
    constexpr std::size_t max_bytes = std::size_t{1} << 48;  // 256 TiB: beyond any address space we map
    detail::require(rows <= max_bytes / sizeof(double) / columns,
                    "mapped_columns: " + path + ": " + std::to_string(rows) + " x " + std::to_string(columns) +
                        " float64 values exceed the 256 TiB limit");
    const std::size_t bytes = rows * columns * sizeof(double);
    // O_NONBLOCK: a FIFO or device given by mistake is refused below instead of blocking open().
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
    if (fd < 0) throw io_error("mapped_columns: cannot open " + path + ": " + std::strerror(errno));
    struct closer {
      int fd;
      ~closer() { ::close(fd); }  // the map keeps the file; the descriptor is not needed after mmap
    } close_on_exit{fd};
    struct stat st {};
    if (::fstat(fd, &st) != 0) throw io_error("mapped_columns: cannot stat " + path + ": " + std::strerror(errno));
    if (!S_ISREG(st.st_mode)) throw io_error("mapped_columns: " + path + " is not a regular file");
    if (static_cast<std::size_t>(st.st_size) != bytes)
      throw data_error("mapped_columns: " + path + " holds " + std::to_string(st.st_size) + " bytes; " + std::to_string(rows) +
                       " rows x " + std::to_string(columns) + " columns of float64 are " + std::to_string(bytes));
    void* p = ::mmap(nullptr, bytes, PROT_READ, MAP_PRIVATE, fd, 0);
    if (p == MAP_FAILED) throw io_error("mapped_columns: cannot map " + path + ": " + std::strerror(errno));
    ::madvise(p, bytes, MADV_SEQUENTIAL);  // the kernels scan columns front to back: read ahead
    return mapped_columns(static_cast<const double*>(p), rows, columns);
  }

  mapped_columns(mapped_columns&& o) noexcept
      : data_(std::exchange(o.data_, nullptr)), rows_(std::exchange(o.rows_, 0)), columns_(std::exchange(o.columns_, 0)) {}
  mapped_columns& operator=(mapped_columns&& o) noexcept {
    if (this != &o) {
      unmap();
      data_ = std::exchange(o.data_, nullptr), rows_ = std::exchange(o.rows_, 0), columns_ = std::exchange(o.columns_, 0);
    }
    return *this;
  }
  mapped_columns(const mapped_columns&) = delete;
  mapped_columns& operator=(const mapped_columns&) = delete;
  ~mapped_columns() { unmap(); }

  std::size_t rows() const noexcept { return rows_; }
  std::size_t columns() const noexcept { return columns_; }

  /// Column k (0-based), all its rows.
  std::span<const double> column(std::size_t k) const {
    detail::require(k < columns_, "mapped_columns: column " + std::to_string(k) + " of " + std::to_string(columns_));
    return {data_ + k * rows_, rows_};
  }
  /// The baselines' symbol-major layout: field `field` of symbol `symbol`, with `fields` per symbol.
  std::span<const double> field(std::size_t symbol, std::size_t field, std::size_t fields) const {
    detail::require(fields >= 1 && field < fields && columns_ % fields == 0 && symbol < columns_ / fields,
                    "mapped_columns: field " + std::to_string(field) + " of symbol " + std::to_string(symbol) + " with " +
                        std::to_string(fields) + " fields per symbol, in " + std::to_string(columns_) + " columns");
    return column(symbol * fields + field);
  }

 private:
  mapped_columns(const double* data, std::size_t rows, std::size_t columns) noexcept : data_(data), rows_(rows), columns_(columns) {}
  void unmap() noexcept {
    if (data_) ::munmap(const_cast<double*>(data_), rows_ * columns_ * sizeof(double));
    data_ = nullptr;
  }

  const double* data_ = nullptr;
  std::size_t rows_ = 0, columns_ = 0;
};

}  // namespace embargo

#endif
