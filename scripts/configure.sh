#!/usr/bin/env bash
# Configures the build tree used by both README commands (build/, Release, Ninja).
set -euo pipefail
cd "$(dirname "$0")/.."
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release -DEMBARGO_WITH_ARMADILLO=ON "$@" >/dev/null
