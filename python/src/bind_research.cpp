// The research job (include/embargo/research/) from Python: the bars, the configuration as JSON
// text (the keys of `embargo run`'s config file), the archive folder. It runs and archives
// exactly as `embargo run` does (tools/embargo/job_runner.cpp): the same model kinds
// (job_models.cpp), the same code identity, research::archive_results.
#include <filesystem>
#include <string>

#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include <embargo/core/enum_names.hpp>
#include <embargo/research/archive_run.hpp>
#include <embargo/research/config_json.hpp>
#include <embargo/research/job.hpp>
#include <embargo/research/shipping.hpp>

#include "arrays.hpp"
#include "bindings.hpp"
#include "job_runner.hpp"
#include "panel.hpp"

namespace embargo::python {

namespace {
research::research_options options_of(const std::string& config_text) {
  auto j = research::parse_config_text(config_text, "config");
  // As `embargo run`: "data" and "reference" name files, not job settings; here the bars are given.
  if (j.is_object()) j.erase("data"), j.erase("reference");
  return research::research_options_from_json(j, "config");
}

py::dict symbol_row(const research::symbol_result& s) {
  py::dict d;
  d["symbol"] = s.symbol();
  d["status"] = std::string(to_name(s.status));
  d["reasons"] = s.reasons();
  if (const auto* m = s.candidate_model()) {
    d["model"] = m->name;
    d["tier"] = std::string(to_string(s.gate.classification));
    d["flags"] = s.gate.flags;
  } else {
    d["model"] = py::none(), d["tier"] = py::none(), d["flags"] = py::list();
  }
  return d;
}

py::list model_rows(const research::symbol_result& s) {
  py::list rows;
  if (s.status != research::symbol_status::trained) return rows;
  for (std::size_t i = 0; i < s.evaluations.size() && i < s.research.models.size(); ++i) {
    py::dict d;
    d["symbol"] = s.symbol();
    d["model"] = s.research.models[i].name;
    d["candidate"] = i == s.candidate;
    for (const auto& [k, v] : s.evaluations[i].metrics.values()) d[py::str(k)] = v;
    rows.append(d);
  }
  return rows;
}

panel reference_panel(const panel& primary, py::handle reference) {
  panel ref;
  if (reference.is_none()) return ref;
  ref = read_panel(reference);
  for (const auto& b : primary.symbols)
    if (!ref.find(b.symbol)) {
      // Appended piece by piece: GCC 12 at -O3 warns (-Wrestrict, a false positive) on a + chain.
      std::string what = "reference: no bars for symbol '";
      what.append(b.symbol).append("'");
      throw data_error(what);
    }
  return ref;
}

void create_archive_folder(const std::string& out) {
  std::error_code ec;
  if (!out.empty()) std::filesystem::create_directories(out, ec);
  if (!out.empty() && (ec || !std::filesystem::is_directory(out))) {
    std::string what = "research: cannot create the archive folder ";
    what.append(out);
    if (ec) what.append(": ").append(ec.message());
    throw io_error(what);
  }
}

/// Archives `results` in `out` (nothing when empty) without the GIL, and returns them as the dict
/// embargo.research() turns into DataFrames.
py::dict archive_and_report(const research::research_results& results, const std::string& out, const std::string& data_note) {
  std::string run_id;
  if (!out.empty()) {  // "": the results only, no archive
    py::gil_scoped_release nogil;
    research::archive_options ao;
    ao.code = cli::code_identity();
    run_id = research::archive_results(results, out, data_note, ao).run_id;
  }
  py::list srows, mrows;
  for (const auto& s : results.symbols) {
    srows.append(symbol_row(s));
    for (auto r : model_rows(s)) mrows.append(r);
  }
  py::dict d;
  d["run_id"] = run_id, d["complete"] = results.complete(), d["symbols"] = srows, d["models"] = mrows;
  d["trials"] = results.trials;
  return d;
}
}  // namespace

void bind_research(py::module_& m) {
  m.def(
      "research",
      [](py::handle symbols, const std::string& config_text, const std::string& out, py::handle reference,
         const std::string& data_note, long long threads) {
        auto options = options_of(config_text);
        if (threads >= 0) options.threads = static_cast<unsigned>(threads);
        const panel primary = read_panel(symbols);
        const panel ref = reference_panel(primary, reference);
        const research::research_job job(options, cli::model_kinds());
        create_archive_folder(out);
        research::research_results results;
        {
          py::gil_scoped_release nogil;
          results = job.run(primary, reference.is_none() ? nullptr : &ref, false);
        }
        return archive_and_report(results, out, data_note);
      },
      py::arg("symbols"), py::arg("config"), py::arg("out"), py::arg("reference") = py::none(),
      py::arg("data_note") = "User data: pandas DataFrame.", py::arg("threads") = -1);

  // The two halves embargo.dask.research distributes (research/shipping.hpp): a task computes
  // some symbols, given with their positions in the whole panel, and returns each one's bytes;
  // the client concludes every symbol's bytes at once and archives.
  m.def(
      "research_symbols",
      [](py::handle symbols, const std::vector<std::size_t>& positions, const std::string& config_text, py::handle reference,
         long long threads) {
        auto options = options_of(config_text);
        if (threads >= 0) options.threads = static_cast<unsigned>(threads);
        if (py::len(symbols) == 0 && positions.empty()) {  // no symbols: only checks the configuration
          const research::research_job check(options, cli::model_kinds());
          return py::list();
        }
        const panel part = read_panel(symbols);
        if (positions.size() != part.size())
          throw invalid_argument("research_symbols: " + std::to_string(positions.size()) + " positions for " +
                                 std::to_string(part.size()) + " symbols");
        const panel ref = reference_panel(part, reference);
        const research::research_job job(options, cli::model_kinds());
        std::vector<std::vector<std::byte>> messages;
        {
          py::gil_scoped_release nogil;
          thread_pool pool(job.threads_for(part.size()));
          messages = parallel_map(pool, part.size(), [&](std::size_t k) {
            return research::ship(positions[k], job.run_symbol(part, k, reference.is_none() ? nullptr : &ref));
          });
        }
        py::list out;
        for (const auto& b : messages) out.append(py::bytes(reinterpret_cast<const char*>(b.data()), b.size()));
        return out;
      },
      py::arg("symbols"), py::arg("positions"), py::arg("config"), py::arg("reference") = py::none(), py::arg("threads") = -1);
  m.def(
      "research_conclude",
      [](py::handle symbols, const std::vector<py::bytes>& shipped, const std::string& config_text, const std::string& out,
         py::handle reference, const std::string& data_note) {
        const auto options = options_of(config_text);
        const panel primary = read_panel(symbols);
        const panel ref = reference_panel(primary, reference);
        const research::research_job job(options, cli::model_kinds());
        create_archive_folder(out);
        research::research_results results;
        results.options = job.options();
        results.symbols.resize(primary.size());
        std::vector<char> filled(primary.size(), 0);
        for (const auto& b : shipped) {
          const std::string_view v = b;
          auto s = research::unship(std::span(reinterpret_cast<const std::byte*>(v.data()), v.size()), primary,
                                    reference.is_none() ? nullptr : &ref);
          if (filled[s.index]) throw data_error("research_conclude: symbol " + std::to_string(s.index) + " arrived twice");
          filled[s.index] = 1;
          results.symbols[s.index] = std::move(s.result);
        }
        for (std::size_t k = 0; k < filled.size(); ++k)
          if (!filled[k]) throw data_error("research_conclude: no result for symbol '" + primary.symbols[k].symbol + "'");
        {
          py::gil_scoped_release nogil;
          job.conclude(results);
        }
        return archive_and_report(results, out, data_note);
      },
      py::arg("symbols"), py::arg("shipped"), py::arg("config"), py::arg("out"), py::arg("reference") = py::none(),
      py::arg("data_note") = "User data: pandas DataFrame.");
  m.def("default_config", [] { return research::to_json(research::research_options{}, true).dump(2); });
}

}  // namespace embargo::python
