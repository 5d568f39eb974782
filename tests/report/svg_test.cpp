// Tests of the SVG plotting module (report/): nice ticks that cover the data, the data-to-pixel
// map, escaping, one scale shared by panels, and NaN / empty data refused or shown as such.
#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <regex>
#include <string>
#include <vector>

#include <embargo/report.hpp>

using namespace embargo;

namespace {
// Is x one of 1, 2, 2.5, 5 times a power of ten?
bool nice(double x) {
  const double m = x / std::pow(10.0, std::floor(std::log10(x)));
  for (double n : {1.0, 2.0, 2.5, 5.0, 10.0})
    if (std::fabs(m - n) < 1e-9) return true;
  return false;
}
std::size_t count(const std::string& s, const std::string& what) {
  std::size_t n = 0;
  for (auto p = s.find(what); p != std::string::npos; p = s.find(what, p + 1)) ++n;
  return n;
}
}  // namespace

TEST_CASE("nice_ticks: nice steps that cover the data, evenly spaced, zero exact") {
  struct row {
    double lo, hi;
    std::size_t target;
  };
  for (const row& r : {row{0.2, 0.28, 5}, row{0.79, 1.0, 5}, row{-3.7, 12.2, 5}, row{0, 1, 4}, row{1e-6, 3e-6, 5},
                       row{-0.004, 0.0, 5}, row{1.6e9, 1.7e9, 5}, row{-250, -3, 6}, row{0.5, 0.5, 5}}) {
    CAPTURE(r.lo, r.hi, r.target);
    const auto t = svg::nice_ticks(r.lo, r.hi, r.target);
    CHECK(nice(t.step));
    CHECK(t.lo <= r.lo);
    CHECK(t.hi >= r.hi);
    CHECK(t.hi > t.lo);
    // Not wastefully wide: at most one step of slack on each side, and about target intervals.
    if (r.lo < r.hi) {
      CHECK(r.lo - t.lo < t.step + 1e-12 * std::fabs(t.step));
      CHECK(t.hi - r.hi < t.step + 1e-12 * std::fabs(t.step));
    }
    CHECK(t.values.size() >= 2);
    CHECK(t.values.size() <= 2 * r.target + 2);
    CHECK(t.values.front() == Approx(t.lo));
    CHECK(t.values.back() == Approx(t.hi));
    for (std::size_t i = 1; i < t.values.size(); ++i) CHECK(t.values[i] - t.values[i - 1] == Approx(t.step));
    for (double v : t.values)
      if (std::fabs(v) < t.step * 1e-6) CHECK(v == 0.0);
  }
  const auto t = svg::nice_ticks(0.2, 0.28, 4);
  CHECK(t.step == Approx(0.02));
  CHECK(svg::tick_label(0.24, t.step) == "0.24");
  CHECK(svg::tick_label(20, 5) == "20");
  CHECK(svg::tick_label(0.25, 0.25) == "0.25");
  CHECK(svg::tick_label(-0.0000001, 0.5) == "0.0");
  CHECK(svg::tick_label(-0.04, 0.1) == "0.0");
  CHECK(svg::tick_label(-0.5, 0.5) == "-0.5");
}

TEST_CASE("nice_ticks and finite_range refuse NaN, and say when there is nothing to draw") {
  const double nan = std::numeric_limits<double>::quiet_NaN(), inf = std::numeric_limits<double>::infinity();
  CHECK_THROWS_AS(svg::nice_ticks(nan, 1), invalid_argument);
  CHECK_THROWS_AS(svg::nice_ticks(0, inf), invalid_argument);
  CHECK_THROWS_AS(svg::nice_ticks(2, 1), invalid_argument);
  const std::vector<double> empty, nans = {nan, nan}, mixed = {nan, 2, -inf, 5, nan};
  CHECK_FALSE(svg::finite_range({std::span<const double>(empty)}).has_value());
  CHECK_FALSE(svg::finite_range({std::span<const double>(nans)}).has_value());
  const auto r = svg::finite_range({std::span<const double>(mixed), std::span<const double>(nans)});
  REQUIRE(r);
  CHECK(r->lo == 2);
  CHECK(r->hi == 5);
  CHECK_THROWS_AS(svg::coord(nan), invalid_argument);
  CHECK(svg::value_label(nan) == "n/a");
}

TEST_CASE("plot: values map into the plot box, the axis ends onto its edges") {
  svg::plot_options o;
  o.width = 400, o.height = 200, o.left = 50, o.right = 10, o.top = 20, o.bottom = 30;
  svg::plot p("p1", o, svg::nice_ticks(0, 10), svg::nice_ticks(-1, 1));
  const auto& b = p.area();
  CHECK(b.x == 50);
  CHECK(b.w == 340);
  CHECK(b.y == 20);
  CHECK(b.h == 150);
  CHECK(p.x()(0) == Approx(b.x));
  CHECK(p.x()(10) == Approx(b.x + b.w));
  CHECK(p.y()(p.y_ticks().lo) == Approx(b.y + b.h));  // y grows upwards
  CHECK(p.y()(p.y_ticks().hi) == Approx(b.y));
  CHECK(p.y()(0) == Approx(b.y + b.h / 2));
  const std::vector<double> xs = {0, 2.5, 5, 7.5, 10}, ys = {-1, -0.5, 0, 0.5, 1};
  svg::draw_line(p, xs, ys, svg::series_style(0));
  const std::string s = p.str();
  // Every coordinate of the line lies in the box.
  const std::regex pt("[ML](-?[0-9.]+),(-?[0-9.]+)");
  std::size_t points = 0;
  for (auto it = std::sregex_iterator(s.begin(), s.end(), pt); it != std::sregex_iterator(); ++it, ++points) {
    const double x = std::stod((*it)[1]), y = std::stod((*it)[2]);
    CHECK(x >= b.x - 1e-9);
    CHECK(x <= b.x + b.w + 1e-9);
    CHECK(y >= b.y - 1e-9);
    CHECK(y <= b.y + b.h + 1e-9);
  }
  CHECK(points == 5);
  // Axes carry their tick values.
  for (const char* label : {">0<", ">10<", ">-1.0<", ">1.0<"}) CHECK_THAT(s, Catch::Contains(label));
  CHECK_THAT(s, Catch::StartsWith("<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"p1\""));
}

TEST_CASE("a NaN breaks a line instead of being drawn as zero") {
  svg::plot p("gap", {}, svg::nice_ticks(0, 4), svg::nice_ticks(0, 4));
  const std::vector<double> xs = {0, 1, 2, 3, 4}, ys = {1, 2, std::nan(""), 3, 4};
  svg::draw_line(p, xs, ys, svg::series_style(1));
  const std::string s = p.str();
  const auto d = s.substr(s.find("<path d=\""));
  CHECK(count(d.substr(0, d.find('"', 9)), "M") == 2);
  const std::vector<double> short_ys = {1, 2};
  CHECK_THROWS_AS(svg::draw_line(p, xs, short_ys, svg::series_style(0)), invalid_argument);
}

TEST_CASE("panels given the same ticks share one scale") {
  // The old fitness chart scaled each panel to its own range: 0.20-0.28 looked like 0.79-1.0.
  const std::vector<double> low = {0.20, 0.28}, high = {0.79, 1.0};
  const auto r = svg::finite_range({std::span<const double>(low), std::span<const double>(high)});
  REQUIRE(r);
  const auto y = svg::nice_ticks(r->lo, r->hi, 4);
  svg::plot a("a", {}, svg::nice_ticks(0, 1), y), b("b", {}, svg::nice_ticks(0, 1), y);
  for (double v : {0.2, 0.28, 0.79, 1.0}) CHECK(a.y()(v) == Approx(b.y()(v)));
  CHECK(a.y()(0.28) - a.y()(0.2) == Approx(b.y()(1.0) - b.y()(0.79) + (b.y()(0.28) - b.y()(0.2)) - (b.y()(1.0) - b.y()(0.79))));
  // The same 0.08 rise spans 0.08 / 0.21 of the other's pixels, not the whole panel.
  CHECK(std::fabs(a.y()(0.28) - a.y()(0.2)) < 0.5 * std::fabs(a.y()(1.0) - a.y()(0.79)));
}

TEST_CASE("escaping: text and attributes cannot break the document") {
  CHECK(svg::escape("A<B & \"C\" 'D'>") == "A&lt;B &amp; &quot;C&quot; &#39;D&#39;&gt;");
  CHECK(svg::escape(std::string("a\x01" "b", 3)) == "a b");
  CHECK(svg::escape("日本") == "日本");
  svg::canvas c("esc", 100, 50, "title <x>");
  c.text(1, 1, "</svg><script>alert(1)</script>");
  const std::string s = c.str();
  CHECK(count(s, "<svg") == 1);
  CHECK(count(s, "</svg>") == 1);
  CHECK(s.find("<script") == std::string::npos);
  CHECK_THAT(s, Catch::Contains("<title id=\"esc-title\">title &lt;x&gt;</title>"));
  CHECK_THROWS_AS(svg::canvas("1bad", 10, 10, ""), invalid_argument);
  CHECK_THROWS_AS(svg::canvas("a b", 10, 10, ""), invalid_argument);
  CHECK_THROWS_AS(svg::canvas("ok", 0, 10, ""), invalid_argument);
}

TEST_CASE("charts of empty or all-NaN data say so") {
  const double nan = std::nan("");
  const std::vector<double> nans = {nan, nan};
  svg::bar_chart_options o;
  o.plot.title = "bars";
  const std::string bars = svg::bar_chart("b", {"x", "y"}, nans, {}, o);
  CHECK_THAT(bars, Catch::Contains("no values to show"));
  CHECK(bars.find("nan") == std::string::npos);
  const std::string heat = svg::heatmap("h", {"2020"}, {"Jan", "Feb"}, nans, {});
  CHECK_THAT(heat, Catch::Contains("no values to show"));
  const std::string spans = svg::span_chart("s", {}, {}, 0, 10, {});
  CHECK_THAT(spans, Catch::Contains("no spans to show"));
  CHECK_THROWS_AS(svg::heatmap("h", {"2020"}, {"Jan"}, nans, {}), invalid_argument);  // 2 values for 1 cell
}

TEST_CASE("bars: zero on the axis, NaN bars labelled n/a, marked bars hatched and starred") {
  const std::vector<double> v = {1.5, -0.5, std::nan(""), 0.7};
  svg::bar_chart_options o;
  o.marked_label = "small sample";
  const std::string s = svg::bar_chart("bars", {"a", "b", "c", "d"}, v, {false, false, false, true}, o);
  CHECK_THAT(s, Catch::Contains(">n/a<"));
  CHECK_THAT(s, Catch::Contains(">0.7*<"));
  CHECK_THAT(s, Catch::Contains("url(#bars-hatch0)"));
  CHECK_THAT(s, Catch::Contains("<pattern id=\"bars-hatch0\""));
  CHECK_THAT(s, Catch::Contains("* small sample"));
  CHECK(count(s.substr(s.find("</defs>")), "<rect") == 1 /*background*/ + 3 /*bars*/ + 1 /*legend swatch*/);
}

TEST_CASE("heatmap: each finite cell written with its value, NaN cells blank") {
  const std::vector<double> v = {0.012, -0.03, std::nan(""), 0.0};
  svg::heatmap_options o;
  o.format = [](double x) { return svg::value_label(100 * x, 2); };
  const std::string s = svg::heatmap("heat", {"2020", "2021"}, {"Jan", "Feb"}, v, o);
  for (const char* t : {">1.2<", ">-3<", ">0<", ">2020<", ">Feb<"}) CHECK_THAT(s, Catch::Contains(t));
  CHECK(svg::diverging_fill(0, 1) == "#FFFFFF");
  CHECK(svg::diverging_fill(1, 1) == "#0072B2");
  CHECK(svg::diverging_fill(-1, 1) == "#D55E00");
}

TEST_CASE("spans: every run drawn at least a pixel wide, kinds in the legend") {
  svg::span_chart_options o;
  o.kinds = {{"train", "#0072B2", false, true}, {"purged", "#D55E00", true, true}};
  const std::string s = svg::span_chart("sp", {"fold 0", "fold 1"}, {{{0, 500, 0}, {500, 501, 1}}, {{0, 1000, 0}}}, 0, 1000, o);
  CHECK_THAT(s, Catch::Contains(">fold 0<"));
  CHECK_THAT(s, Catch::Contains(">purged<"));
  CHECK_THAT(s, Catch::Contains("url(#sp-hatch0)"));
  CHECK(s.find("width=\"0\"") == std::string::npos);
  CHECK_THROWS_AS(svg::span_chart("sp", {"f"}, {{{0, 1, 7}}}, 0, 1, o), invalid_argument);
}

TEST_CASE("small multiples: nested plots keep their own ids") {
  svg::canvas outer("outer", 400, 200, "two panels");
  svg::plot a("outer-0", {}, svg::nice_ticks(0, 1), svg::nice_ticks(0, 1));
  outer.embed(0, 0, a.str());
  const std::string s = outer.str();
  CHECK_THAT(s, Catch::Contains("<svg x=\"0\" y=\"0\" xmlns=\"http://www.w3.org/2000/svg\" id=\"outer-0\""));
  CHECK_THROWS_AS(outer.embed(0, 0, "<g/>"), invalid_argument);
}
