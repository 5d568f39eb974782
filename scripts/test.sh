#!/usr/bin/env bash
# Installs what is needed, builds everything (library checks, tool, tests, examples, benchmarks)
# and runs the whole test suite with ctest.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh --tests
scripts/configure.sh -DEMBARGO_WERROR="${EMBARGO_WERROR:-OFF}"
cmake --build build
ctest --test-dir build --output-on-failure -j "$(nproc)"
