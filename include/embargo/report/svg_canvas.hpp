// embargo: the SVG document of the plotting module: an <svg> with a stable id (the report's test
// counts charts by id), a <title> for screen readers, shared patterns, and the only functions in
// the library that write SVG elements (text, line, rect, path); every chart is built from them.
#ifndef EMBARGO_REPORT_SVG_CANVAS_HPP
#define EMBARGO_REPORT_SVG_CANVAS_HPP

#include <algorithm>
#include <cstddef>
#include <string>
#include <string_view>
#include <utility>

#include <embargo/core/error.hpp>
#include <embargo/report/svg_text.hpp>

namespace embargo::svg {

/// Paint of a mark. `dash` ("6 3") and `pattern` (a hatch) keep series apart in black and white
/// print, where colour alone would not.
struct style {
  std::string stroke = "none", fill = "none";
  double stroke_width = 1;
  std::string dash;           ///< stroke-dasharray, empty: solid
  double opacity = 1;
};

/// A line of `colour` (no fill); a shape filled with `colour`, outlined by `outline`.
/// (Named constructors: designated initialisers that skip members trip -Wmissing-field-initializers.)
inline style stroked(std::string colour, double width = 1) {
  style s;
  s.stroke = std::move(colour), s.stroke_width = width;
  return s;
}
inline style filled(std::string colour, std::string outline = "none") {
  style s;
  s.fill = std::move(colour), s.stroke = std::move(outline);
  return s;
}

/// Colour-blind-safe colours (Okabe and Ito, 2008) with a dash pattern each, by series index.
inline style series_style(std::size_t i) {
  static constexpr const char* colours[] = {"#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000"};
  static constexpr const char* dashes[] = {"", "6 3", "2 2", "8 3 2 3", "4 4", "1 3", "10 2"};
  style s;
  s.stroke = colours[i % 7];
  s.dash = dashes[i % 7];
  s.stroke_width = 1.6;
  return s;
}

enum class anchor { start, middle, end };

class canvas {
 public:
  /// `id`: letters, digits, '-' and '_', starting with a letter (it is also a prefix of the
  /// pattern ids, which must be unique in an HTML page holding many charts).
  canvas(std::string_view id, double width, double height, std::string_view title)
      : id_(id), width_(width), height_(height), title_(title) {
    bool ok = !id.empty() && ((id[0] >= 'a' && id[0] <= 'z') || (id[0] >= 'A' && id[0] <= 'Z'));
    for (char c : id) ok = ok && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_');
    embargo::detail::require(ok, "svg: chart id \"" + std::string(id) + "\" must be a letter then letters, digits, '-' or '_'");
    embargo::detail::require(width > 0 && height > 0, "svg: chart size must be positive");
  }

  const std::string& id() const noexcept { return id_; }
  double width() const noexcept { return width_; }
  double height() const noexcept { return height_; }

  /// The id of the diagonal hatch pattern (filled in `colour` lines on white), defined on first use.
  std::string hatch(std::string_view colour) {
    const std::string pid = id_ + "-hatch" + std::to_string(defs_count_++);
    defs_ += "<pattern id=\"" + pid + "\" patternUnits=\"userSpaceOnUse\" width=\"6\" height=\"6\" patternTransform=\"rotate(45)\">"
             "<rect width=\"6\" height=\"6\" fill=\"#ffffff\"/><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"" +
             escape(colour) + "\" stroke-width=\"3\"/></pattern>";
    return pid;
  }

  void text(double x, double y, std::string_view content, anchor a = anchor::start, double size = 11, std::string_view extra = {}) {
    body_ += "<text x=\"" + coord(x) + "\" y=\"" + coord(y) + "\"" + anchor_attr(a) +
             (size != 11 ? " font-size=\"" + coord(size) + "\"" : std::string()) + (extra.empty() ? "" : " ") + std::string(extra) +
             ">" + escape(content) + "</text>\n";
  }
  /// Text turned 90 degrees counter-clockwise about (x, y): a y axis's label.
  void vertical_text(double x, double y, std::string_view content) {
    body_ += "<text transform=\"translate(" + coord(x) + "," + coord(y) + ") rotate(-90)\" text-anchor=\"middle\">" +
             escape(content) + "</text>\n";
  }
  void line(double x1, double y1, double x2, double y2, const style& s) {
    body_ += "<line x1=\"" + coord(x1) + "\" y1=\"" + coord(y1) + "\" x2=\"" + coord(x2) + "\" y2=\"" + coord(y2) + "\"" + paint(s) + "/>\n";
  }
  void rect(double x, double y, double w, double h, const style& s, std::string_view tooltip = {}) {
    body_ += "<rect x=\"" + coord(x) + "\" y=\"" + coord(y) + "\" width=\"" + coord(std::max(w, 0.0)) + "\" height=\"" +
             coord(std::max(h, 0.0)) + "\"" + paint(s);
    body_ += tooltip.empty() ? std::string("/>\n") : "><title>" + escape(tooltip) + "</title></rect>\n";
  }
  /// Another chart (the str() of a canvas or plot) placed with its top left corner at (x, y):
  /// small multiples are plots nested in one document, each with its own axes.
  void embed(double x, double y, std::string_view chart) {
    embargo::detail::require(chart.substr(0, 5) == "<svg ", "svg: only a chart of this module can be embedded");
    body_ += "<svg x=\"" + coord(x) + "\" y=\"" + coord(y) + "\"" + std::string(chart.substr(4));
  }
  /// A path from already formatted data ("M1,2L3,4..."), built by the line and area functions.
  void path(std::string_view d, const style& s) {
    if (!d.empty()) body_ += "<path d=\"" + std::string(d) + "\"" + paint(s) + "/>\n";
  }

  /// The whole document. Width and height are fixed so a page without CSS lays out the same;
  /// the report's stylesheet lets them shrink to the page (print).
  std::string str() const {
    std::string s = "<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"" + id_ + "\" class=\"chart\" width=\"" + coord(width_) +
                    "\" height=\"" + coord(height_) + "\" viewBox=\"0 0 " + coord(width_) + " " + coord(height_) +
                    "\" role=\"img\" aria-labelledby=\"" + id_ + "-title\" font-family=\"sans-serif\" font-size=\"11\">\n<title id=\"" +
                    id_ + "-title\">" + escape(title_) + "</title>\n";
    if (!defs_.empty()) s += "<defs>" + defs_ + "</defs>\n";
    s += "<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n";
    return s + body_ + "</svg>\n";
  }

 private:
  static std::string anchor_attr(anchor a) {
    return a == anchor::middle ? " text-anchor=\"middle\"" : a == anchor::end ? " text-anchor=\"end\"" : "";
  }
  static std::string paint(const style& s) {
    std::string o = " fill=\"" + escape(s.fill) + "\" stroke=\"" + escape(s.stroke) + "\"";
    if (s.stroke != "none" && s.stroke_width != 1) o += " stroke-width=\"" + coord(s.stroke_width) + "\"";
    if (!s.dash.empty()) o += " stroke-dasharray=\"" + escape(s.dash) + "\"";
    if (s.opacity < 1) o += " opacity=\"" + value_label(s.opacity, 2) + "\"";
    return o;
  }

  std::string id_;
  double width_, height_;
  std::string title_, defs_, body_;
  std::size_t defs_count_ = 0;
};

/// A chart that has nothing to draw: its frame, title and why (e.g. "no trades"), so a report
/// shows the gap instead of an empty axis or a made-up one.
inline std::string empty_chart(std::string_view id, double width, double height, std::string_view title, std::string_view message) {
  canvas c(id, width, height, title);
  c.text(width / 2, 18, title, anchor::middle, 13, "font-weight=\"bold\"");
  c.rect(0.5, 24, width - 1, height - 25, stroked("#bbbbbb"));
  c.text(width / 2, height / 2 + 12, message, anchor::middle, 12, "fill=\"#555555\" class=\"empty\"");
  return c.str();
}

}  // namespace embargo::svg

#endif
