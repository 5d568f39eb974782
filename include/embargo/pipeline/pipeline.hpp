// embargo: pipelines composed at compile time. A pipeline is a tuple of stages run in order by
// a fold expression; a stage that is not in the type does not exist at run time (no flags, no
// branches). Compose with `|`: `auto p = pipeline<>{} | integrity_stage{} | label_stage{opt};`.
#ifndef EMBARGO_PIPELINE_PIPELINE_HPP
#define EMBARGO_PIPELINE_PIPELINE_HPP

#include <array>
#include <string_view>
#include <tuple>
#include <utility>

namespace embargo {

/// A pipeline stage: a named callable `void operator()(Context&) const` for the pipeline's
/// context type. The name appears in plans (`--dry-run`) and progress output.
template <class S>
concept stage = requires {
  { S::name } -> std::convertible_to<std::string_view>;
};

template <stage... Stages>
class pipeline {
 public:
  constexpr pipeline() = default;
  constexpr explicit pipeline(Stages... s)
    requires(sizeof...(Stages) > 0)
      : stages_(std::move(s)...) {}
  constexpr explicit pipeline(std::tuple<Stages...> s) : stages_(std::move(s)) {}

  /// Runs every stage on ctx, in order.
  template <class Context>
  void run(Context& ctx) const {
    std::apply([&](const auto&... s) { (s(ctx), ...); }, stages_);
  }

  /// The stage names in order: the plan that `--dry-run` prints.
  static constexpr std::array<std::string_view, sizeof...(Stages)> plan() { return {std::string_view(Stages::name)...}; }
  static constexpr std::size_t size() noexcept { return sizeof...(Stages); }

  const std::tuple<Stages...>& stages() const noexcept { return stages_; }

  template <stage S>
  friend constexpr pipeline<Stages..., S> operator|(pipeline p, S s) {
    return pipeline<Stages..., S>(std::tuple_cat(std::move(p.stages_), std::tuple<S>(std::move(s))));
  }
  template <stage... Others>
  friend constexpr pipeline<Stages..., Others...> operator|(pipeline p, pipeline<Others...> q) {
    return pipeline<Stages..., Others...>(std::tuple_cat(std::move(p.stages_), q.stages()));
  }

 private:
  std::tuple<Stages...> stages_;
};

}  // namespace embargo

#endif
