// embargo: a binary form of plain result structs, for shipping them between processes (MPI ranks,
// Dask workers) built from the same code. Aggregates are written field by field without a field
// list: their fields are found by structured binding, so a field added to a struct is shipped
// without anyone remembering to list it (a field of a type this header cannot write does not
// compile). Types that are not aggregates specialise wire::codec.
//
// A message is: magic "EMBW", format version, byte order, payload length, payload, FNV-1a 64 of
// the payload. decode() checks all of them and every length inside before allocating, so a
// truncated, corrupted or foreign message is a data_error, never undefined behaviour.
#ifndef EMBARGO_CORE_WIRE_HPP
#define EMBARGO_CORE_WIRE_HPP

#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include <embargo/core/error.hpp>
#include <embargo/core/fnv.hpp>

namespace embargo::wire {

/// Specialise for a type that is not an aggregate: `static void write(writer&, const T&)` and
/// `static void read(reader&, T&)`.
template <class T>
struct codec;

namespace detail {

/// Converts to anything: counts an aggregate's fields by how many of it brace-initialise one.
struct any_field {
  template <class T>
  operator T() const;  // never defined: used in unevaluated contexts only
};

template <class T, class... Fields>
consteval std::size_t field_count() {
  if constexpr (requires { T{Fields{}..., any_field{}}; })
    return field_count<T, Fields..., any_field>();
  else
    return sizeof...(Fields);
}

template <class T>
concept has_codec = requires { sizeof(codec<T>); };

template <class T>
concept bulk = std::is_arithmetic_v<T> && !std::is_same_v<T, bool>;

// Visits each field of an aggregate (up to 24 fields; add a row to go further).
#define EMBARGO_WIRE_FIELDS(N, ...)                \
  if constexpr (n == N) {                          \
    auto& [__VA_ARGS__] = x;                       \
    visit_each(f, __VA_ARGS__);                    \
  } else
template <class F, class... A>
void visit_each(F& f, A&... a) {
  (f(a), ...);
}
template <class T, class F>
void for_each_field(T& x, F&& f) {
  constexpr std::size_t n = field_count<std::remove_const_t<T>>();
  static_assert(n <= 24, "wire: an aggregate with more than 24 fields; extend for_each_field");
  EMBARGO_WIRE_FIELDS(1, a)
  EMBARGO_WIRE_FIELDS(2, a, b)
  EMBARGO_WIRE_FIELDS(3, a, b, c)
  EMBARGO_WIRE_FIELDS(4, a, b, c, d)
  EMBARGO_WIRE_FIELDS(5, a, b, c, d, e)
  EMBARGO_WIRE_FIELDS(6, a, b, c, d, e, g)
  EMBARGO_WIRE_FIELDS(7, a, b, c, d, e, g, h)
  EMBARGO_WIRE_FIELDS(8, a, b, c, d, e, g, h, i)
  EMBARGO_WIRE_FIELDS(9, a, b, c, d, e, g, h, i, j)
  EMBARGO_WIRE_FIELDS(10, a, b, c, d, e, g, h, i, j, k)
  EMBARGO_WIRE_FIELDS(11, a, b, c, d, e, g, h, i, j, k, l)
  EMBARGO_WIRE_FIELDS(12, a, b, c, d, e, g, h, i, j, k, l, m)
  EMBARGO_WIRE_FIELDS(13, a, b, c, d, e, g, h, i, j, k, l, m, o)
  EMBARGO_WIRE_FIELDS(14, a, b, c, d, e, g, h, i, j, k, l, m, o, p)
  EMBARGO_WIRE_FIELDS(15, a, b, c, d, e, g, h, i, j, k, l, m, o, p, q)
  EMBARGO_WIRE_FIELDS(16, a, b, c, d, e, g, h, i, j, k, l, m, o, p, q, r)
  EMBARGO_WIRE_FIELDS(17, a, b, c, d, e, g, h, i, j, k, l, m, o, p, q, r, s)
  EMBARGO_WIRE_FIELDS(18, a, b, c, d, e, g, h, i, j, k, l, m, o, p, q, r, s, t)
  EMBARGO_WIRE_FIELDS(19, a, b, c, d, e, g, h, i, j, k, l, m, o, p, q, r, s, t, u)
  EMBARGO_WIRE_FIELDS(20, a, b, c, d, e, g, h, i, j, k, l, m, o, p, q, r, s, t, u, v)
  EMBARGO_WIRE_FIELDS(21, a, b, c, d, e, g, h, i, j, k, l, m, o, p, q, r, s, t, u, v, w)
  EMBARGO_WIRE_FIELDS(22, a, b, c, d, e, g, h, i, j, k, l, m, o, p, q, r, s, t, u, v, w, y)
  EMBARGO_WIRE_FIELDS(23, a, b, c, d, e, g, h, i, j, k, l, m, o, p, q, r, s, t, u, v, w, y, z)
  EMBARGO_WIRE_FIELDS(24, a, b, c, d, e, g, h, i, j, k, l, m, o, p, q, r, s, t, u, v, w, y, z, aa)
  static_assert(n > 0, "wire: a type with no fields to ship: give it a wire::codec");
}
#undef EMBARGO_WIRE_FIELDS

template <class T>
struct is_vector : std::false_type {};
template <class T, class A>
struct is_vector<std::vector<T, A>> : std::true_type {};
template <class T>
struct is_array : std::false_type {};
template <class T, std::size_t N>
struct is_array<std::array<T, N>> : std::true_type {};
template <class T>
struct is_optional : std::false_type {};
template <class T>
struct is_optional<std::optional<T>> : std::true_type {};
template <class T>
struct is_map : std::false_type {};
template <class K, class V, class C, class A>
struct is_map<std::map<K, V, C, A>> : std::true_type {};

}  // namespace detail

inline constexpr std::array<char, 4> magic{'E', 'M', 'B', 'W'};
inline constexpr std::uint8_t format_version = 1;
inline constexpr std::size_t header_bytes = 4 + 1 + 1 + 8;

/// Appends values to a byte buffer.
class writer {
 public:
  std::vector<std::byte>& bytes() noexcept { return bytes_; }

  void raw(const void* p, std::size_t n) {
    const auto* b = static_cast<const std::byte*>(p);
    bytes_.insert(bytes_.end(), b, b + n);
  }
  void size(std::size_t n) {
    const auto v = static_cast<std::uint64_t>(n);
    raw(&v, sizeof v);
  }

  template <class T>
  void operator()(const T& x) {
    using detail::bulk;
    if constexpr (detail::has_codec<T>) {
      codec<T>::write(*this, x);
    } else if constexpr (std::is_same_v<T, bool>) {
      const std::uint8_t v = x ? 1 : 0;
      raw(&v, 1);
    } else if constexpr (bulk<T> || std::is_enum_v<T>) {
      raw(&x, sizeof x);
    } else if constexpr (std::is_same_v<T, std::string>) {
      size(x.size());
      raw(x.data(), x.size());
    } else if constexpr (detail::is_vector<T>::value) {
      size(x.size());
      if constexpr (bulk<typename T::value_type>)
        raw(x.data(), x.size() * sizeof(typename T::value_type));
      else
        for (const auto& e : x) (*this)(static_cast<const typename T::value_type&>(e));
    } else if constexpr (detail::is_array<T>::value) {
      for (const auto& e : x) (*this)(e);
    } else if constexpr (detail::is_optional<T>::value) {
      (*this)(x.has_value());
      if (x) (*this)(*x);
    } else if constexpr (detail::is_map<T>::value) {
      size(x.size());
      for (const auto& [k, v] : x) (*this)(k), (*this)(v);
    } else {
      static_assert(std::is_aggregate_v<T>, "wire: not an aggregate; specialise wire::codec for it");
      detail::for_each_field(x, [this](const auto& f) { (*this)(f); });
    }
  }

 private:
  std::vector<std::byte> bytes_;
};

/// Reads values back from a byte span; every read is bounds-checked.
class reader {
 public:
  explicit reader(std::span<const std::byte> bytes) : bytes_(bytes) {}
  std::size_t remaining() const noexcept { return bytes_.size() - at_; }

  void raw(void* p, std::size_t n) {
    if (n > remaining()) fail("a value runs past the end of the message");
    if (n) std::memcpy(p, bytes_.data() + at_, n);
    at_ += n;
  }
  /// A count of elements of at least `min_bytes` each: checked against what is left before
  /// anything is allocated for them.
  std::size_t size(std::size_t min_bytes) {
    std::uint64_t v = 0;
    raw(&v, sizeof v);
    if (min_bytes && v > remaining() / min_bytes) fail("a length of " + std::to_string(v) + " exceeds the message");
    return static_cast<std::size_t>(v);
  }
  [[noreturn]] static void fail(const std::string& what) { throw data_error("wire: corrupt message: " + what); }

  template <class T>
  void operator()(T& x) {
    using detail::bulk;
    if constexpr (detail::has_codec<T>) {
      codec<T>::read(*this, x);
    } else if constexpr (std::is_same_v<T, bool>) {
      std::uint8_t v = 0;
      raw(&v, 1);
      if (v > 1) fail("a bool is " + std::to_string(v));
      x = v == 1;
    } else if constexpr (bulk<T> || std::is_enum_v<T>) {
      raw(&x, sizeof x);
    } else if constexpr (std::is_same_v<T, std::string>) {
      x.resize(size(1));
      raw(x.data(), x.size());
    } else if constexpr (detail::is_vector<T>::value) {
      using E = typename T::value_type;
      if constexpr (bulk<E>) {
        x.resize(size(sizeof(E)));
        raw(x.data(), x.size() * sizeof(E));
      } else {
        x.resize(size(1));
        for (std::size_t k = 0; k < x.size(); ++k) {
          E e{};
          (*this)(e);
          x[k] = std::move(e);
        }
      }
    } else if constexpr (detail::is_array<T>::value) {
      for (auto& e : x) (*this)(e);
    } else if constexpr (detail::is_optional<T>::value) {
      bool has = false;
      (*this)(has);
      if (!has) {
        x.reset();
      } else {
        x.emplace();
        (*this)(*x);
      }
    } else if constexpr (detail::is_map<T>::value) {
      const std::size_t n = size(1);
      x.clear();
      for (std::size_t k = 0; k < n; ++k) {
        typename T::key_type key{};
        typename T::mapped_type value{};
        (*this)(key), (*this)(value);
        x.insert_or_assign(std::move(key), std::move(value));
      }
    } else {
      static_assert(std::is_aggregate_v<T>, "wire: not an aggregate; specialise wire::codec for it");
      detail::for_each_field(x, [this](auto& f) { (*this)(f); });
    }
  }

 private:
  std::span<const std::byte> bytes_;
  std::size_t at_ = 0;
};

namespace detail {
inline std::uint64_t checksum(std::span<const std::byte> b) noexcept {
  return fnv1a64(std::string_view(reinterpret_cast<const char*>(b.data()), b.size()));
}
inline constexpr std::uint8_t byte_order = std::endian::native == std::endian::little ? 1 : 2;
}  // namespace detail

/// One message holding `xs` in order; decode<S> reads it back when S is an aggregate with
/// fields of those types in that order.
template <class... Ts>
std::vector<std::byte> encode(const Ts&... xs) {
  writer w;
  w.raw(magic.data(), magic.size());
  w.raw(&format_version, 1);
  w.raw(&detail::byte_order, 1);
  w.size(0);  // the payload length, patched below
  (w(xs), ...);
  auto& b = w.bytes();
  const std::uint64_t length = b.size() - header_bytes;
  std::memcpy(b.data() + 6, &length, sizeof length);
  const std::uint64_t sum = detail::checksum(std::span<const std::byte>(b).subspan(header_bytes));
  w.raw(&sum, sizeof sum);
  return std::move(b);
}

/// Decodes one message made by encode<T>; throws data_error naming what is wrong with it.
template <class T>
T decode(std::span<const std::byte> message) {
  if (message.size() < header_bytes + 8) reader::fail("it has " + std::to_string(message.size()) + " bytes, fewer than a header");
  if (std::memcmp(message.data(), magic.data(), magic.size()) != 0) reader::fail("it does not start with EMBW");
  if (std::to_integer<std::uint8_t>(message[4]) != format_version)
    reader::fail("format version " + std::to_string(std::to_integer<int>(message[4])) + ", this build reads version " +
                 std::to_string(format_version));
  if (std::to_integer<std::uint8_t>(message[5]) != detail::byte_order) reader::fail("it was written with the other byte order");
  std::uint64_t length = 0, sum = 0;
  std::memcpy(&length, message.data() + 6, sizeof length);
  if (length != message.size() - header_bytes - 8)
    reader::fail("its header announces " + std::to_string(length) + " payload bytes, it holds " +
                 std::to_string(message.size() - header_bytes - 8));
  const auto payload = message.subspan(header_bytes, static_cast<std::size_t>(length));
  std::memcpy(&sum, message.data() + header_bytes + length, sizeof sum);
  if (sum != detail::checksum(payload)) reader::fail("its checksum does not match its bytes");
  reader r(payload);
  T x{};
  r(x);
  if (r.remaining()) reader::fail(std::to_string(r.remaining()) + " bytes left over after the value");
  return x;
}

}  // namespace embargo::wire

#endif
