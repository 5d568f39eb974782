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
}  // namespace

void bind_research(py::module_& m) {
  m.def(
      "research",
      [](py::handle symbols, const std::string& config_text, const std::string& out, py::handle reference,
         const std::string& data_note, long long threads) {
        auto options = options_of(config_text);
        if (threads >= 0) options.threads = static_cast<unsigned>(threads);
        const panel primary = read_panel(symbols);
        panel ref;
        if (!reference.is_none()) {
          ref = read_panel(reference);
          for (const auto& b : primary.symbols)
            if (!ref.find(b.symbol)) {
              // Appended piece by piece: GCC 12 at -O3 warns (-Wrestrict, a false positive) on a + chain.
              std::string what = "reference: no bars for symbol '";
              what.append(b.symbol).append("'");
              throw data_error(what);
            }
        }
        const research::research_job job(options, cli::model_kinds());
        std::error_code ec;
        if (!out.empty()) std::filesystem::create_directories(out, ec);
        if (!out.empty() && (ec || !std::filesystem::is_directory(out))) {
          std::string what = "research: cannot create the archive folder ";
          what.append(out);
          if (ec) what.append(": ").append(ec.message());
          throw io_error(what);
        }
        research::research_results results;
        std::string run_id;
        {
          py::gil_scoped_release nogil;
          results = job.run(primary, reference.is_none() ? nullptr : &ref, false);
          if (!out.empty()) {  // "": the results only, no archive
            research::archive_options ao;
            ao.code = cli::code_identity();
            run_id = research::archive_results(results, out, data_note, ao).run_id;
          }
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
      },
      py::arg("symbols"), py::arg("config"), py::arg("out"), py::arg("reference") = py::none(),
      py::arg("data_note") = "User data: pandas DataFrame.", py::arg("threads") = -1);
  m.def("default_config", [] { return research::to_json(research::research_options{}, true).dump(2); });
}

}  // namespace embargo::python
