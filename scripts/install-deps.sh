#!/usr/bin/env bash
# Installs the Debian packages embargo needs to build, test and run its demo. Only packages that
# are missing are installed, so a second run costs nothing. Debian's archive only.
set -euo pipefail
packages=(
  cmake ninja-build g++ ccache              # toolchain
  libeigen3-dev libboost-dev librange-v3-dev # the core's header-only dependencies
  nlohmann-json3-dev libcli11-dev            # the embargo tool and the archive
  catch2                                     # tests
  libarmadillo-dev                           # the optional embargo::armadillo companion, tested
  libxgboost-dev                             # the optional embargo::xgboost companion, tested
  python3-dev pybind11-dev python3-numpy     # the Python module (python/)
)
# --tests: also what only the tests use (promtool checks the Prometheus file the lifecycle writes;
# python3 runs scripts/amalgamate.py's fixture test and the report's tests; chromium renders the
# HTML report, python3-pil checks its screenshot; pandas and scikit-learn for the Python
# module's tests).
if [ "${1:-}" = "--tests" ]; then
  packages+=(libopenmpi-dev openmpi-bin)  # the embargo::mpi companion and `mpirun -np 2 embargo run`
  packages+=(python3-dask python3-distributed)  # embargo.dask on a LocalCluster
  packages+=(prometheus python3 chromium python3-pil python3-pandas python3-sklearn clang-14 libclang-rt-14-dev)  # clang-14 + its runtime: libFuzzer targets (scripts/fuzz.sh)
fi
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "install-deps: installing ${missing[*]}" >&2
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
