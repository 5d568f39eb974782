// embargo: the export of a run's models. For each trained symbol, its candidate kind is fitted
// once more, on all of the symbol's events with the run's weights (the out-of-fold models of the
// evaluation each saw only part of the history), and written as a model file; a manifest lists
// every symbol, exported or not and why. The files go into the run's folder through the archive's
// atomic run writer: <run>/models/<symbol>/model.json and <run>/models/manifest.json.
// embargo-requires: json
#ifndef EMBARGO_LIFECYCLE_MODEL_EXPORT_HPP
#define EMBARGO_LIFECYCLE_MODEL_EXPORT_HPP

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <limits>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include <Eigen/Core>
#include <nlohmann/json.hpp>

#include <embargo/core/enum_names.hpp>
#include <embargo/core/time.hpp>
#include <embargo/gates/tier.hpp>
#include <embargo/lifecycle/model_file.hpp>
#include <embargo/lifecycle/scoring.hpp>
#include <embargo/models/out_of_fold.hpp>
#include <embargo/pipeline/executor.hpp>
#include <embargo/research/config_json.hpp>
#include <embargo/research/job.hpp>

namespace embargo::lifecycle {

/// A symbol as one folder name: letters, digits, '_', '-' and '.' (not first) kept, every other
/// byte as %XX ("BTC/USDT" -> "BTC%2FUSDT"). Injective, so two symbols never share a folder.
inline std::string symbol_folder(std::string_view symbol) {
  std::string out;
  for (std::size_t i = 0; i < symbol.size(); ++i) {
    const auto c = static_cast<unsigned char>(symbol[i]);
    const bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-' ||
                       (c == '.' && i > 0);
    if (plain) {
      out += static_cast<char>(c);
    } else {
      char b[4];
      std::snprintf(b, sizeof b, "%%%02X", c);
      out += b;
    }
  }
  return out;
}

/// The model file of `symbol` relative to its run's folder.
inline std::string model_file_path(std::string_view symbol) { return "models/" + symbol_folder(symbol) + "/model.json"; }

/// The features matrix, 0/1 targets and weights the run's model stages trained on.
struct training_rows {
  Eigen::VectorXd y, w;
};
inline training_rows training_rows_of(const symbol_research& r) {
  const auto n = static_cast<Eigen::Index>(r.labels.size());
  training_rows t{Eigen::VectorXd(n), Eigen::VectorXd(n)};
  for (Eigen::Index i = 0; i < n; ++i) {
    const auto k = static_cast<std::size_t>(i);
    t.y[i] = r.labels[k].label > 0 ? 1.0 : 0.0;
    t.w[i] = r.weights.empty() ? 1.0 : r.weights[k];
  }
  return t;
}

/// The dual-model pair of a symbol (research_options::lifecycle): model A on the first
/// 1 - validation_fraction of the events, purged where their labels reach the validation events,
/// and scored on those (its validation baseline); model B on the events that end before the last
/// holdout_bars bars; both scored on the events that start in those bars (the dual baseline).
struct dual_export {
  std::string file_a, file_b, text_a, text_b;  ///< empty when not exported (reason says why)
  std::string reason;
  nlohmann::json validation_baseline, dual_baseline;
};

/// The final fit of one symbol's candidate as a model file, or nothing (with the reason) when
/// the symbol was not trained or its kind has no codec.
struct symbol_export {
  std::string symbol, kind, file, reason;  ///< file empty: not exported, reason says why
  std::string text;                        ///< the model file's content
  dual_export dual;
};

namespace detail {
// A usable training set: enough rows, both outcomes.
inline std::string unusable_training(const Eigen::VectorXd& y, const char* which) {
  if (y.size() < 20) return std::string(which) + ": " + std::to_string(y.size()) + " training events (20 needed)";
  if (y.sum() == 0 || y.sum() == static_cast<double>(y.size())) return std::string(which) + ": one outcome only in its training events";
  return "";
}

// A kind's fit on (X, y, w), with the run's record up to bar `before` for kinds that learn from it.
inline nlohmann::json fit_kind(const model_kind_codec& codec, const research::research_options& o, matrix_cref X, vector_cref y,
                               vector_cref w, const symbol_research& r, std::int64_t before, const codec_map& codecs) {
  return codec.fit_in_run ? codec.fit_in_run(o, X, y, w, r, before, codecs) : codec.fit(o, X, y, w);
}
}  // namespace detail

inline dual_export export_dual(const symbol_research& r, const model_kind_codec& codec, const research::research_options& o,
                               model_file base, const codec_map& codecs = model_codecs()) {
  dual_export d;
  const std::size_t n = r.labels.size(), bars = r.series().size();
  const auto rows = training_rows_of(r);
  const auto cut = static_cast<std::size_t>(std::floor(static_cast<double>(n) * (1.0 - o.lifecycle.validation_fraction)));
  std::vector<std::size_t> train_a, validate, train_b, holdout;
  for (std::size_t i = 0; i < n; ++i) {
    if (i < cut && cut < n && r.labels[i].t1 < r.labels[cut].t0) train_a.push_back(i);
    if (i >= cut) validate.push_back(i);
    if (r.labels[i].t1 + o.lifecycle.holdout_bars < bars) train_b.push_back(i);
    if (r.labels[i].t0 + o.lifecycle.holdout_bars >= bars) holdout.push_back(i);
  }
  const Eigen::MatrixXd Xa = embargo::detail::take_rows(r.features, train_a), Xb = embargo::detail::take_rows(r.features, train_b);
  const Eigen::VectorXd ya = embargo::detail::take(rows.y, train_a), yb = embargo::detail::take(rows.y, train_b);
  d.reason = detail::unusable_training(ya, "model A");
  if (d.reason.empty()) d.reason = detail::unusable_training(yb, "model B");
  if (validate.empty()) d.reason = "model A: no validation events";
  if (!d.reason.empty()) return d;
  // A consensus learns its weights from the run's out-of-sample record before the events each
  // model is scored on: A before the validation events, B before the holdout bars.
  auto fit = [&](const Eigen::MatrixXd& X, const Eigen::VectorXd& y, const std::vector<std::size_t>& at, std::size_t end_bar,
                 std::size_t scored_from) {
    model_file f = base;
    f.model = detail::fit_kind(codec, o, X, y, embargo::detail::take(rows.w, at), r, static_cast<std::int64_t>(scored_from), codecs);
    f.training_events = at.size();
    f.training_end = format_timestamp(r.series().time[std::min(end_bar, bars - 1)]);
    return f;
  };
  // The last bar each model's training labels may reach (the train sets are non-empty here).
  const model_file a = fit(Xa, ya, train_a, r.labels[train_a.back()].t1, r.labels[cut].t0);
  const model_file b = fit(Xb, yb, train_b, r.labels[train_b.back()].t1, bars > o.lifecycle.holdout_bars ? bars - o.lifecycle.holdout_bars : 0);
  const auto width = r.features.cols();
  auto score = [&](const model_file& f, const std::vector<std::size_t>& at) {
    const auto predict = codec.load(f.model, "export", width, codecs);
    const model_outputs out = predict(embargo::detail::take_rows(r.features, at));
    return to_json(score_events(std::span<const double>(out.probability.data(), static_cast<std::size_t>(out.probability.size())),
                                out.level, r.labels, at, o));
  };
  d.validation_baseline = {{"validation_events", validate.size()}, {"model_a", score(a, validate)}};
  d.dual_baseline = {{"holdout_bars", o.lifecycle.holdout_bars}, {"holdout_events", holdout.size()},
                     {"model_a", score(a, holdout)}, {"model_b", score(b, holdout)}};
  const std::string folder = "models/" + symbol_folder(r.symbol) + "/";
  d.file_a = folder + "model_a.json", d.file_b = folder + "model_b.json";
  d.text_a = model_file_text(a), d.text_b = model_file_text(b);
  return d;
}

inline symbol_export export_candidate(const research::symbol_result& s, const research::research_options& o, const std::string& code,
                                      const std::string& created,
                                      const codec_map& codecs = model_codecs()) {
  symbol_export e;
  e.symbol = s.symbol();
  const model_run* m = s.candidate_model();
  if (!m) {
    e.reason = std::string("no candidate: the symbol was ") + std::string(to_name(s.status));
    return e;
  }
  e.kind = m->name;
  const auto& r = s.research;
  const auto codec = codecs.find(e.kind);
  if (codec == codecs.end()) {
    e.reason = "model kind \"" + e.kind + "\" cannot be exported yet";
    return e;
  }
  if (codec->second.why_not) e.reason = codec->second.why_not(r, codecs);
  if (!e.reason.empty()) return e;
  const auto rows = training_rows_of(r);
  model_file f;
  f.kind = e.kind;
  f.symbol = e.symbol;
  f.model = detail::fit_kind(codec->second, o, r.features, rows.y, rows.w, r, std::numeric_limits<std::int64_t>::max(), codecs);
  f.feature_names = r.feature_names;
  f.features_hash = feature_set_hash(r.feature_names);
  f.config = research::to_json(o);
  f.config_hash = research::config_hash(o);
  f.code = code;
  f.created = created;
  const auto& b = r.series();
  if (!b.empty()) f.training_start = format_timestamp(b.time.front()), f.training_end = format_timestamp(b.time.back());
  f.training_events = r.labels.size();
  e.file = model_file_path(e.symbol);
  e.text = model_file_text(f);
  if (o.lifecycle.dual_model) e.dual = export_dual(r, codec->second, o, f, codecs);
  return e;
}

/// Every symbol's export and models/manifest.json, as (path, content) files for the run folder.
struct run_export {
  std::vector<symbol_export> symbols;
  std::vector<std::pair<std::string, std::string>> files;
};

inline run_export export_run(const research::research_results& results, const std::string& code, const std::string& created,
                             const codec_map& codecs = model_codecs()) {
  run_export out;
  nlohmann::json listed = nlohmann::json::array(), validation = nlohmann::json::object(), dual = nlohmann::json::object();
  // The fits are independent per symbol: on the run's threads, gathered in symbol order (the
  // files do not depend on the number of threads).
  thread_pool pool(std::max(1u, results.threads));
  auto exports = parallel_map(pool, results.symbols.size(), [&](std::size_t i) {
    return export_candidate(results.symbols[i], results.options, code, created, codecs);
  });
  for (std::size_t i = 0; i < results.symbols.size(); ++i) {
    const auto& s = results.symbols[i];
    auto& e = exports[i];
    nlohmann::json j = {{"symbol", e.symbol}, {"kind", e.kind}, {"exported", !e.file.empty()}};
    if (e.file.empty()) {
      j["reason"] = e.reason;
    } else {
      j["file"] = e.file;
      j["tier"] = std::string(embargo::to_string(s.gate.classification));
      j["checksum"] = nlohmann::json::parse(e.text)["checksum"];
      out.files.emplace_back(e.file, std::move(e.text));
      e.text.clear();
      if (!e.dual.file_a.empty()) {
        j["model_a"] = e.dual.file_a, j["model_b"] = e.dual.file_b;
        out.files.emplace_back(e.dual.file_a, std::move(e.dual.text_a));
        out.files.emplace_back(e.dual.file_b, std::move(e.dual.text_b));
        validation[e.symbol] = e.dual.validation_baseline;
        dual[e.symbol] = e.dual.dual_baseline;
      } else if (results.options.lifecycle.dual_model) {
        j["dual_model"] = e.dual.reason;
      }
    }
    listed.push_back(std::move(j));
    out.symbols.push_back(std::move(e));
  }
  const nlohmann::json manifest = {{"format_version", model_format_version}, {"version", version_string}, {"code", code},
                                   {"config_hash", research::config_hash(results.options)}, {"created", created},
                                   {"models", std::move(listed)}};
  out.files.emplace_back("models/manifest.json", manifest.dump(2) + "\n");
  if (results.options.lifecycle.dual_model) {
    out.files.emplace_back("validation_baseline.json", nlohmann::json{{"symbols", validation}}.dump(2) + "\n");
    out.files.emplace_back("dual_model_baseline.json", nlohmann::json{{"symbols", dual}}.dump(2) + "\n");
  }
  return out;
}

}  // namespace embargo::lifecycle

#endif
