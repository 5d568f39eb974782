// embargo: text for the SVG plotting module and the HTML report: XML escaping of character data
// and attribute values, and numbers written short (coordinates to 0.1 px, labels to a few digits).
// One escaper for every chart, so a symbol named "A<B" or "R&D" cannot break a report.
#ifndef EMBARGO_REPORT_SVG_TEXT_HPP
#define EMBARGO_REPORT_SVG_TEXT_HPP

#include <cmath>
#include <cstdio>
#include <string>
#include <string_view>

#include <embargo/core/error.hpp>

namespace embargo::svg {

/// `s` safe as XML character data and as a double- or single-quoted attribute value. Control
/// characters other than tab, newline and carriage return are not allowed in XML 1.0 at all: they
/// become spaces rather than making the document invalid.
inline std::string escape(std::string_view s) {
  std::string o;
  o.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '&': o += "&amp;"; break;
      case '<': o += "&lt;"; break;
      case '>': o += "&gt;"; break;
      case '"': o += "&quot;"; break;
      case '\'': o += "&#39;"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n' && c != '\r') o += ' ';
        else o += c;
    }
  }
  return o;
}

/// A coordinate in user units, 0.1 px resolution, without a trailing ".0". A non-finite
/// coordinate is a bug of the caller (it would make the element invisible or the file invalid).
inline std::string coord(double v) {
  embargo::detail::require(std::isfinite(v), "svg: a coordinate is not finite");
  if (std::fabs(v) < 0.05) v = 0;  // never "-0"
  char b[32];
  std::snprintf(b, sizeof b, "%.1f", v);
  std::string s = b;
  if (s.size() > 2 && s.compare(s.size() - 2, 2, ".0") == 0) s.resize(s.size() - 2);
  return s;
}

/// A value as a label: `digits` significant digits; "n/a" for NaN, "inf" / "-inf".
inline std::string value_label(double v, int digits = 3) {
  if (std::isnan(v)) return "n/a";
  if (std::isinf(v)) return v > 0 ? "inf" : "-inf";
  if (v == 0) return "0";
  char b[48];
  std::snprintf(b, sizeof b, "%.*g", digits, v);
  return b;
}

}  // namespace embargo::svg

#endif
