// A downstream program: includes the umbrella header and uses a few components.
#include <embargo/embargo.hpp>

#include <cstdio>

int main() {
  const auto m = embargo::simulate_market({.n_symbols = 2, .n_bars = 50, .seed = 7});
  embargo::validate_bars(m.bars.symbols.front());
  std::printf("embargo %s: %zu symbols x %zu bars\n", embargo::version_string, m.bars.size(),
              m.bars.symbols.front().size());
  return m.bars.symbols.front().size() == 50 ? 0 : 1;
}
