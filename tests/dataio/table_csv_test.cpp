// The table reader (data/table_csv.hpp), the one reader of every CSV input but bars: each rule
// decided once, each bad input rejected with file:line.
#include <catch2/catch.hpp>

#include <cmath>
#include <string>
#include <vector>

#include <embargo/data/events_csv.hpp>
#include <embargo/data/table_csv.hpp>

#include "../test_support.hpp"

namespace {

// What the reader hands over: the header's names (or "-" when there is none) and every row's
// cells as numbers, with their lines.
struct table {
  std::vector<std::string> names;
  bool header = false;
  std::vector<std::vector<double>> rows;
  std::vector<std::size_t> lines;
};

table read(const std::string& text, embargo::table_csv_options opt = {}) {
  table t;
  embargo::for_each_table_row(
      text, "t.csv", opt,
      [&](const embargo::table_columns& c) {
        t.names = c.names();
        t.header = c.has_header();
      },
      [&](const embargo::table_row& r) {
        std::vector<double> row;
        for (std::size_t i = 0; i < r.size(); ++i) row.push_back(r.number(i));
        t.rows.push_back(row);
        t.lines.push_back(r.line());
      });
  return t;
}

std::string error_of(const std::string& text, embargo::table_csv_options opt = {}) {
  try {
    (void)read(text, opt);
  } catch (const embargo::data_error& e) {
    return e.what();
  }
  return "";
}

bool same(const std::vector<double>& a, const std::vector<double>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (!(a[i] == b[i] || (std::isnan(a[i]) && std::isnan(b[i])))) return false;
  return true;
}

const embargo::table_csv_options detect{.header = embargo::table_header::detect};

}  // namespace

TEST_CASE("table reader: what is accepted, and how it reads") {
  const double nan = std::nan("");
  struct row {
    const char* what;
    std::string text;
    embargo::table_csv_options opt;
    bool header;
    std::vector<std::string> names;
    std::vector<std::vector<double>> rows;
    std::vector<std::size_t> lines;
  };
  const std::vector<row> cases = {
      {"header required", "a,B\n1,2\n3,4\n", {}, true, {"a", "b"}, {{1, 2}, {3, 4}}, {2, 3}},
      {"header detected", "x, Y \n1,2\n", detect, true, {"x", "y"}, {{1, 2}}, {2}},
      {"no header detected", "1,2\n3,4\n", detect, false, {}, {{1, 2}, {3, 4}}, {1, 2}},
      {"a NaN first row is data", "nan,\n1,2\n", detect, false, {}, {{nan, nan}, {1, 2}}, {1, 2}},
      {"UTF-8 byte-order mark", "\xEF\xBB\xBFr\n0.5\n", {}, true, {"r"}, {{0.5}}, {2}},
      {"CRLF line ends", "r,s\r\n1,2\r\n3,4\r\n", {}, true, {"r", "s"}, {{1, 2}, {3, 4}}, {2, 3}},
      {"quoted cells", "\"r\",\"s,t\"\n\"1\",\" 2 \"\n", {}, true, {"r", "s,t"}, {{1, 2}}, {2}},
      {"a quoted line break counts as a line", "r,s\n\"1\",\"x\ny\"\n", {}, true, {"r", "s"}, {}, {}},
      {"empty lines skipped, lines as an editor counts", "\nr\n\n1\n\n\n2\n", {}, true, {"r"}, {{1}, {2}}, {4, 7}},
      {"missing values", "a,b,c,d,e,f\n,nan,NaN,NAN,-nan, \n", {}, true, {"a", "b", "c", "d", "e", "f"},
       {{nan, nan, nan, nan, nan, nan}}, {2}},
      {"number syntax", "a,b,c,d,e\n+1.5,-2e-3,1E3, 7 ,inf\n", {}, true, {"a", "b", "c", "d", "e"},
       {{1.5, -2e-3, 1000, 7, HUGE_VAL}}, {2}},
      {"header only, rows optional", "a,b\n", {.require_rows = false}, true, {"a", "b"}, {}, {}},
      {"valid UTF-8 names", "caf\xC3\xA9,\xE2\x82\xAC,\xF0\x9F\x93\x88\n1,2,3\n", {}, true,
       {"caf\xC3\xA9", "\xE2\x82\xAC", "\xF0\x9F\x93\x88"}, {{1, 2, 3}}, {2}},
  };
  for (const auto& c : cases) {
    INFO(c.what);
    if (std::string(c.what) == "a quoted line break counts as a line") {
      // The second cell is text: read it as text, and the next row's line is after the break.
      std::vector<std::string> cells;
      std::vector<std::size_t> lines;
      embargo::for_each_table_row(
          c.text + "3,z\n", "t.csv", c.opt, [](const embargo::table_columns&) {},
          [&](const embargo::table_row& r) {
            cells.emplace_back(r.text(1));
            lines.push_back(r.line());
          });
      CHECK(cells == std::vector<std::string>{"x\ny", "z"});
      CHECK(lines == std::vector<std::size_t>{2, 4});
      continue;
    }
    const auto t = read(c.text, c.opt);
    CHECK(t.header == c.header);
    CHECK(t.names == c.names);
    REQUIRE(t.rows.size() == c.rows.size());
    for (std::size_t i = 0; i < t.rows.size(); ++i) CHECK(same(t.rows[i], c.rows[i]));
    CHECK(t.lines == c.lines);
  }
}

TEST_CASE("table reader: each bad input is rejected with file:line") {
  struct row {
    const char* what;
    std::string text;
    embargo::table_csv_options opt;
    std::string expected;
  };
  const std::vector<row> cases = {
      {"empty file", "", {.expected = "a header row"}, "t.csv:1: empty file (expected a header row)"},
      {"only empty lines", "\n\r\n\n", {}, "t.csv:1: empty file"},
      {"header without rows", "a,b\n", {}, "t.csv:2: no data rows after the header row"},
      {"rows named", "\n\na\n", {.rows_name = "events"}, "t.csv:4: no events after the header row"},
      {"ragged row, too many", "a,b\n1,2\n1,2,3\n", {}, "t.csv:3: expected 2 fields, found 3"},
      {"ragged row, too few", "a,b\n1,2\n\n1\n", {}, "t.csv:4: expected 2 fields, found 1"},
      {"ragged row without header", "1,2\n3\n", detect, "t.csv:2: expected 2 fields, found 1"},
      {"not a number", "a\n1\nabc\n", {}, "t.csv:3: 'abc' is not a number"},
      {"trailing garbage", "a\n1.5x\n", {}, "t.csv:2: '1.5x' is not a number"},
      {"hex", "a\n0x10\n", {}, "t.csv:2: '0x10' is not a number"},
      {"NA is not a NaN spelling", "a\nNA\n", {}, "t.csv:2: 'NA' is not a number"},
      {"null is not a NaN spelling", "a\nnull\n", {}, "t.csv:2: 'null' is not a number"},
      {"a header where data was expected", "a\n1\nb\n", detect, "t.csv:3: 'b' is not a number"},
      {"unterminated quote", "a\n\"1\n", {}, "t.csv:2: unterminated quoted field"},
      {"text after a closing quote", "a\n\"1\"x\n", {}, "t.csv:2: unexpected character after a closing quote"},
      {"invalid UTF-8: a lone continuation byte", "a\n1\n\x80\n", {}, "t.csv:3: invalid UTF-8 (byte 0x80)"},
      {"invalid UTF-8: Latin-1 in a name", "a,caf\xE9\n1,2\n", {}, "t.csv:1: invalid UTF-8 (byte 0xe9)"},
      {"invalid UTF-8: an overlong form", "a\n\xC0\xAF\n", {}, "t.csv:2: invalid UTF-8 (byte 0xc0)"},
      {"invalid UTF-8: a surrogate", "a\n1\n2\n\xED\xA0\x80\n", {}, "t.csv:4: invalid UTF-8 (byte 0xed)"},
      {"invalid UTF-8: above U+10FFFF", "a\n\xF4\x90\x80\x80\n", {}, "t.csv:2: invalid UTF-8 (byte 0xf4)"},
      {"invalid UTF-8: cut short at the end", "a\n1\n\xE2\x82", {}, "t.csv:3: invalid UTF-8 (byte 0xe2)"},
      {"invalid UTF-8 inside a quoted cell", "a\n\"x\ny\xFF\"\n", {}, "t.csv:3: invalid UTF-8 (byte 0xff)"},
  };
  for (const auto& c : cases) {
    INFO(c.what);
    CHECK_THAT(error_of(c.text, c.opt), Catch::StartsWith(c.expected));
  }
}

TEST_CASE("table reader: columns by name, a missing named column names the header line") {
  std::size_t col = 0;
  std::vector<double> got;
  const std::string text = "\nDate,Ret,Side\n2021-01-04,0.01,1\n2021-01-05,,-1\n";
  embargo::for_each_table_row(
      text, "t.csv", {},
      [&](const embargo::table_columns& c) {
        CHECK(c.line() == 2);
        CHECK(c.find({"return", "ret"}) == std::optional<std::size_t>(1));
        CHECK_FALSE(c.find("volume").has_value());
        col = c.require("RET");
      },
      [&](const embargo::table_row& r) { got.push_back(r.number(col)); });
  REQUIRE(got.size() == 2);
  CHECK(got[0] == 0.01);
  CHECK(std::isnan(got[1]));

  const auto missing = [&](std::string_view name, std::string_view what) -> std::string {
    try {
      embargo::for_each_table_row(
          text, "t.csv", {}, [&](const embargo::table_columns& c) { (void)c.require(name, what); },
          [](const embargo::table_row&) {});
    } catch (const embargo::data_error& e) {
      return e.what();
    }
    return "";
  };
  CHECK(missing("t0", "column") == "t.csv:2: missing column 't0' in the header");
  CHECK(missing("long", "side column") == "t.csv:2: missing side column 'long' in the header");

  // Bar positions: a non-negative integer ("3.0" too), with what it is in the message.
  std::vector<std::size_t> pos;
  embargo::for_each_table_row(
      "t0\n3\n4.0\n", "t.csv", {}, [](const embargo::table_columns&) {},
      [&](const embargo::table_row& r) { pos.push_back(r.index(0, "t0")); });
  CHECK(pos == std::vector<std::size_t>{3, 4});
  CHECK_THROWS_WITH(embargo::for_each_table_row(
                        "t0\n3\n-1\n", "t.csv", {}, [](const embargo::table_columns&) {},
                        [&](const embargo::table_row& r) { (void)r.index(0, "t0"); }),
                    "t.csv:3: t0 '-1' is not a non-negative integer bar position");
}

TEST_CASE("table reader: files, a directory given as the file, and the events reader on it") {
  embargo::test::temp_dir dir;
  const auto file = (dir / "e.csv").string();
  embargo::test::write_text(file, "t0,t1\r\n0,2\r\n\r\n1,3\r\n");
  const auto ev = embargo::read_events_csv(file);
  REQUIRE(ev.size() == 2);
  CHECK(ev[1] == embargo::interval{1, 3});

  const auto where = [](auto&& f) -> std::string {
    try {
      f();
    } catch (const embargo::error& e) {
      return e.what();
    }
    return "";
  };
  const std::string d = dir.path().string();
  CHECK(where([&] { (void)embargo::read_events_csv(d); }) == d + ": is a directory, not a file");
  CHECK_THROWS_AS(embargo::for_each_table_row_in_file(
                      d, {}, [](const embargo::table_columns&) {}, [](const embargo::table_row&) {}),
                  embargo::io_error);
  CHECK_THAT(where([&] { (void)embargo::read_events_csv((dir / "none.csv").string()); }),
             Catch::EndsWith("none.csv: cannot open for reading"));
  embargo::test::write_text(file, "t0,t1\n0,1\n2,\xC3(\n");
  CHECK(where([&] { (void)embargo::read_events_csv(file); }) == file + ":3: invalid UTF-8 (byte 0xc3); expected UTF-8 text");
}
