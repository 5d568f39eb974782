#!/usr/bin/env bash
# Runs embargo's libFuzzer targets (tests/fuzz, docs/fuzzing.md) under ASan + UBSan.
#   scripts/fuzz.sh [seconds-per-target] [target...]     (default: 30 s, every target)
# Configures and builds build-fuzz with clang-14 (override: FUZZ_CXX, FUZZ_CC, FUZZ_BUILD_DIR,
# FUZZ_BUILD_JOBS), then runs each target in turn for the given time over a temporary copy of
# its seed corpus (tests/fuzz/corpus/<target>: new corpus entries never go into the repository)
# with its dictionary. A finding (crash, sanitizer report, an exception outside embargo::error,
# a timeout, too much memory) fails the script; the input is kept under
# <build>/fuzz-artifacts/<target>/ and the log under <build>/fuzz-logs/. One line per target:
#   fuzz-result target=<t> seconds=<s> execs=<n> execs_per_s=<n> cov=<n> ft=<n> corpus=<n> result=<ok|FAIL> log=<path>
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-30}"
shift || true
all_targets=(bars_csv events_csv config_json archive model_file)
targets=("$@")
((${#targets[@]})) || targets=("${all_targets[@]}")
for t in "${targets[@]}"; do
  [[ " ${all_targets[*]} " == *" $t "* ]] || { echo "fuzz.sh: unknown target '$t' (known: ${all_targets[*]})" >&2; exit 2; }
done

build="${FUZZ_BUILD_DIR:-build-fuzz}"
if [ ! -f "$build/build.ninja" ]; then
  CC="${FUZZ_CC:-clang-14}" CXX="${FUZZ_CXX:-clang++-14}" cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DEMBARGO_FUZZ=ON -DEMBARGO_BUILD_TESTS=OFF -DEMBARGO_BUILD_TOOLS=OFF -DEMBARGO_BUILD_EXAMPLES=OFF \
    -DEMBARGO_BUILD_BENCH=OFF -DEMBARGO_BUILD_PYTHON=OFF >/dev/null
fi
cmake --build "$build" -j "${FUZZ_BUILD_JOBS:-2}" --target "${targets[@]/%/_fuzz}"

work="$(mktemp -d "${TMPDIR:-/tmp}/embargo-fuzz.XXXXXX")"
trap 'rm -rf "$work"' EXIT
mkdir -p "$build/fuzz-artifacts" "$build/fuzz-logs"
failed=()
for t in "${targets[@]}"; do
  corpus="$work/$t"
  mkdir -p "$corpus" "$build/fuzz-artifacts/$t"
  cp tests/fuzz/corpus/"$t"/* "$corpus"/
  log="$build/fuzz-logs/$t.log"
  dict=()
  [ -f "tests/fuzz/dict/$t.dict" ] && dict=(-dict="tests/fuzz/dict/$t.dict")
  rc=0
  ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:allocator_may_return_null=0}" \
  UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}" \
    "$build/tests/fuzz/${t}_fuzz" "$corpus" "${dict[@]}" -max_total_time="$seconds" -timeout=10 \
      -rss_limit_mb=2048 -malloc_limit_mb=1024 -print_final_stats=1 -print_pcs=0 \
      -artifact_prefix="$build/fuzz-artifacts/$t/" >"$log" 2>&1 || rc=$?
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  # The last status line ("#N DONE cov: 1234 ft: 5678 corp: 90/12Kb ...", or the last pulse).
  status=$(grep -E '^#[0-9]+' "$log" | tail -1 || true)
  cov=$(sed -n 's/.* cov: \([0-9]*\).*/\1/p' <<<"$status")
  ft=$(sed -n 's/.* ft: \([0-9]*\).*/\1/p' <<<"$status")
  corp=$(sed -n 's/.* corp: \([0-9]*\).*/\1/p' <<<"$status")
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
  result=ok
  if [ "$rc" -ne 0 ] || grep -qE '^(==[0-9]+==ERROR|SUMMARY: (Address|Undefined|Leak)|FINDING:)' "$log"; then
    result=FAIL
    failed+=("$t")
    grep -E 'ERROR|FINDING|SUMMARY|artifact|runtime error' "$log" | head -20 >&2 || true
  fi
  echo "fuzz-result target=$t seconds=$seconds execs=${execs:-?} execs_per_s=${rate:-?} cov=${cov:-?} ft=${ft:-?} corpus=${corp:-?} result=$result log=$log"
done
if ((${#failed[@]})); then
  echo "fuzz.sh: findings in: ${failed[*]} (inputs under $build/fuzz-artifacts/)" >&2
  exit 1
fi
