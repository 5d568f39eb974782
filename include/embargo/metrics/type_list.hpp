// embargo: the compile-time bookkeeping of a metric set: which features a set of requested tags
// needs (their dependency closure, each once, dependencies first), which of them carry state,
// and where a feature sits in the set's storage. Plain C++20 templates: no MPL or Hana, so a
// set costs little to compile.
#ifndef EMBARGO_METRICS_TYPE_LIST_HPP
#define EMBARGO_METRICS_TYPE_LIST_HPP

#include <cstddef>
#include <type_traits>

namespace embargo {

template <class... T>
struct type_list {
  static constexpr std::size_t size = sizeof...(T);
};

namespace detail {

template <class T, class List>
struct contains;
template <class T, class... U>
struct contains<T, type_list<U...>> : std::bool_constant<(std::is_same_v<T, U> || ...)> {};

template <class List, class T>
struct append_unique;
template <class... U, class T>
struct append_unique<type_list<U...>, T> {
  using type = std::conditional_t<contains<T, type_list<U...>>::value, type_list<U...>, type_list<U..., T>>;
};

template <class T>
struct dependencies_of {
  using type = type_list<>;
};
template <class T>
  requires requires { typename T::dependencies; }
struct dependencies_of<T> {
  using type = typename T::dependencies;
};

// Depth-first: a feature's dependencies are placed before it, a feature reached twice is kept once.
template <class Done, class T>
struct visit;
template <class Done, class List>
struct visit_all;
template <class Done>
struct visit_all<Done, type_list<>> {
  using type = Done;
};
template <class Done, class Head, class... Rest>
struct visit_all<Done, type_list<Head, Rest...>> {
  using type = typename visit_all<typename visit<Done, Head>::type, type_list<Rest...>>::type;
};
template <class Done, class T>
struct visit {
  using type = typename append_unique<typename visit_all<Done, typename dependencies_of<T>::type>::type, T>::type;
};

template <template <class> class Pred, class List>
struct filter;
template <template <class> class Pred>
struct filter<Pred, type_list<>> {
  using type = type_list<>;
};
template <template <class> class Pred, class Head, class... Rest>
struct filter<Pred, type_list<Head, Rest...>> {
  using rest = typename filter<Pred, type_list<Rest...>>::type;
  template <class R>
  struct prepend;
  template <class... R>
  struct prepend<type_list<R...>> {
    using type = type_list<Head, R...>;
  };
  using type = std::conditional_t<Pred<Head>::value, typename prepend<rest>::type, rest>;
};

template <class T, class List>
struct index_of;
template <class T, class... Rest>
struct index_of<T, type_list<T, Rest...>> : std::integral_constant<std::size_t, 0> {};
template <class T, class Head, class... Rest>
struct index_of<T, type_list<Head, Rest...>>
    : std::integral_constant<std::size_t, 1 + index_of<T, type_list<Rest...>>::value> {};

}  // namespace detail

/// The requested features plus everything they depend on, each once, dependencies first.
template <class... Tags>
using dependency_closure = typename detail::visit_all<type_list<>, type_list<Tags...>>::type;

}  // namespace embargo

#endif
