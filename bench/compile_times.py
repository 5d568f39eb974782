#!/usr/bin/env python3
"""Compile time of each public header on its own: what a user pays to include it.

For every header (the umbrellas by default, every header under include/embargo with --all) this
compiles a translation unit holding only `#include <header>` at -O2 to an object file, several
times, and prints one JSON object per header: the best wall time of the runs, the median, the
number of non-empty preprocessed lines (the quantity tests/compile_budget gates on, since seconds
are noisy) and whether the header meets its target (issue 22: the umbrella under 4 s, the
component umbrellas splitters, labelers, samplers and metrics under 2 s). The last line is a
summary with the compiler and the CPU, because a time means nothing without the machine.

Run it on an idle machine: a concurrent build doubles every figure.
    python3 bench/compile_times.py --include include            # umbrellas, 3 runs each
    python3 bench/compile_times.py --include include --all --repeat 1
    python3 bench/compile_times.py --include include --markdown  # the table in docs/benchmarks.md
"""
import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time

# One count of preprocessed lines, shared with the budget check that gates on it.
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "compile_budget"))
from include_budget_test import closure_lines  # noqa: E402

TARGETS_S = {"embargo/embargo.hpp": 4.0, "embargo/splitters.hpp": 2.0, "embargo/labelers.hpp": 2.0,
             "embargo/samplers.hpp": 2.0, "embargo/metrics.hpp": 2.0}
MAX_REPEAT = 20


def cpu_name():
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def compiler_version(cxx):
    p = subprocess.run([cxx, "--version"], capture_output=True, text=True, check=False)
    return p.stdout.splitlines()[0] if p.returncode == 0 and p.stdout else cxx


def headers(include_dir, everything):
    root = os.path.join(include_dir, "embargo")
    if not everything:
        return sorted("embargo/" + f for f in os.listdir(root) if f.endswith(".hpp"))
    out = []
    for d, _, files in os.walk(root):
        for f in files:
            if f.endswith(".hpp"):
                out.append(os.path.relpath(os.path.join(d, f), include_dir))
    return sorted(out)


def compile_once(cmd, src):
    t = time.perf_counter()
    p = subprocess.run(cmd, input=src.encode(), capture_output=True, check=False)
    return time.perf_counter() - t, p


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--cxx", default=os.environ.get("CXX", "g++"))
    ap.add_argument("--include", required=True, help="the include/ folder")
    ap.add_argument("--eigen", default="/usr/include/eigen3")
    ap.add_argument("--opt", default="-O2")
    ap.add_argument("--repeat", type=int, default=3, help=f"runs per header (1..{MAX_REPEAT})")
    ap.add_argument("--all", action="store_true", help="every header, not only the umbrellas")
    ap.add_argument("--markdown", action="store_true", help="also print a Markdown table at the end")
    ap.add_argument("--only", default="", help="only the headers whose path contains this text")
    a = ap.parse_args()
    if not 1 <= a.repeat <= MAX_REPEAT:
        ap.error(f"--repeat must be in 1..{MAX_REPEAT} (got {a.repeat})")
    if not os.path.isdir(os.path.join(a.include, "embargo")):
        ap.error(f"{a.include}: no embargo/ folder inside; pass the include/ folder")

    base = [a.cxx, "-std=c++20", "-x", "c++", "-I", a.include, "-isystem", a.eigen]
    rows, failed = [], 0
    with tempfile.TemporaryDirectory() as tmp:
        obj = os.path.join(tmp, "h.o")
        selected = [h for h in headers(a.include, a.all) if a.only in h]
        if not selected:
            ap.error(f"no header matches --only {a.only!r}")
        for h in selected:
            src = f"#include <{h}>\n"
            times = []
            for _ in range(a.repeat):
                dt, p = compile_once(base + [a.opt, "-c", "-", "-o", obj], src)
                if p.returncode != 0:
                    print(f"{h}: does not compile alone:\n{p.stderr.decode(errors='replace')[:600]}", file=sys.stderr)
                    failed += 1
                    break
                times.append(dt)
            if not times:
                continue
            row = {"header": h, "best_s": round(min(times), 3), "median_s": round(statistics.median(times), 3),
                   "runs": len(times), "preprocessed_lines": closure_lines(a.cxx, a.include, ["-isystem", a.eigen], h)}
            if h in TARGETS_S:
                row["target_s"] = TARGETS_S[h]
                row["meets_target"] = row["best_s"] < TARGETS_S[h]
            rows.append(row)
            print(json.dumps(row), flush=True)
    summary = {"summary": True, "compiler": compiler_version(a.cxx), "flags": a.opt, "cpu": cpu_name(),
               "cores": os.cpu_count(), "headers": len(rows), "failed_to_compile": failed,
               "targets_missed": [r["header"] for r in rows if r.get("meets_target") is False]}
    print(json.dumps(summary))
    if a.markdown:
        print("\n| header | best s | median s | runs | preprocessed lines | target |")
        print("|---|---|---|---|---|---|")
        for r in sorted(rows, key=lambda r: -r["best_s"]):
            target = f"< {r['target_s']:g} s: {'met' if r['meets_target'] else 'missed'}" if "target_s" in r else ""
            print(f"| `{r['header']}` | {r['best_s']:.2f} | {r['median_s']:.2f} | {r['runs']} | {r['preprocessed_lines']} | {target} |")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
