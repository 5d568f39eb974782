// embargo: what a model kind needs to be exported and served. A kind's codec fits a fresh model
// as the run's configuration sets it up and returns its tree (lifecycle/model_codec.hpp), and
// rebuilds a predictor from a tree. Most kinds are one fitted model; the consensus is a vote over
// the others with what it learnt from their out-of-sample trades, so its codec also sees the
// run's record of the symbol (fit_in_run) and loads its members through the same codec map.
// embargo-requires: json
#ifndef EMBARGO_LIFECYCLE_MODEL_KIND_CODEC_HPP
#define EMBARGO_LIFECYCLE_MODEL_KIND_CODEC_HPP

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <Eigen/Core>
#include <nlohmann/json.hpp>

#include <embargo/lifecycle/model_codec.hpp>
#include <embargo/models/out_of_fold.hpp>
#include <embargo/pipeline/research.hpp>
#include <embargo/research/options.hpp>
#include <embargo/strategy/consensus.hpp>

namespace embargo::lifecycle {

/// What a loaded model says about rows of features (one row per bar or event, in time order).
struct model_outputs {
  Eigen::VectorXd probability;  ///< P(y = 1 | features); a regression meta-learner's output as the run booked it
  /// Empty for a model whose trades the bet sizing decides (position_for). A model that decides
  /// itself whether to trade (the consensus: |S| above its threshold) gives its decision per row:
  /// none = stay out.
  std::vector<consensus_level> level;
};

using predictor = std::function<model_outputs(matrix_cref)>;

struct model_kind_codec;
using codec_map = std::map<std::string, model_kind_codec, std::less<>>;

struct model_kind_codec {
  /// Fits a fresh model on (X, y, w) and returns its tree.
  std::function<nlohmann::json(const research::research_options&, matrix_cref, vector_cref, vector_cref)> fit;
  /// The predictor of a tree, or data_error; `width` is the number of features it must read;
  /// `codecs` loads the parts of a composite kind.
  std::function<predictor(const nlohmann::json&, const std::string& where, Eigen::Index width, const codec_map& codecs)> load;
  /// Kinds that need the run's record of the symbol (set instead of `fit`): fit on (X, y, w),
  /// with what the run had learnt before bar `before` (INT64_MAX: the whole record).
  std::function<nlohmann::json(const research::research_options&, matrix_cref, vector_cref, vector_cref, const symbol_research&,
                               std::int64_t before, const codec_map& codecs)>
      fit_in_run;
  /// Why the symbol's model of this kind cannot be exported ("" when it can); unset: always can.
  std::function<std::string(const symbol_research&, const codec_map& codecs)> why_not;
};

namespace detail {
template <class M, class Make>
model_kind_codec codec_of(Make make) {
  model_kind_codec c;
  c.fit = [make](const research::research_options& o, matrix_cref X, vector_cref y, vector_cref w) {
    M m = make(o);
    m.fit(X, y, w);
    return model_codec<M>::save(m);
  };
  c.load = [](const nlohmann::json& tree, const std::string& where, Eigen::Index width, const codec_map&) -> predictor {
    auto m = std::make_shared<const M>(model_codec<M>::load(tree, where));
    if (model_codec<M>::width(*m) != width)
      fail(where, "the model reads " + std::to_string(model_codec<M>::width(*m)) + " features, the file names " + std::to_string(width));
    return [m](matrix_cref X) { return model_outputs{model_output(*m, X), {}}; };  // what the run booked
  };
  return c;
}
}  // namespace detail

}  // namespace embargo::lifecycle

#endif
