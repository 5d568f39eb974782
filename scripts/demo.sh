#!/usr/bin/env bash
# The main job: installs what is needed, builds the embargo tool and runs the end-to-end demo on
# the built-in simulated market. Extra arguments go to `embargo demo` (e.g. --out DIR --seed 7).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/configure.sh
cmake --build build --target embargo_tool
exec build/tools/embargo demo "$@"
