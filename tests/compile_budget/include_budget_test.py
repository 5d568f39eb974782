#!/usr/bin/env python3
"""Fails when a public header's include closure grows past its budget.

Compile time is what every user of a header-only library pays, and seconds are noisy on a shared
machine; the number of non-empty lines the preprocessor produces for `#include <header>` is not.
Budgets live in budgets.json beside this script (measured value plus a small margin, with the
compiler they were measured with); raise one only on purpose, and say why in the commit.
"""
import argparse
import json
import os
import subprocess
import sys


def closure_lines(cxx, include_dir, extra, header):
    src = f"#include <{header}>\n"
    p = subprocess.run([cxx, "-std=c++20", "-E", "-P", "-x", "c++", "-I", include_dir, *extra, "-"],
                       input=src.encode(), capture_output=True, check=False)
    if p.returncode != 0:
        raise RuntimeError(f"{header}: the preprocessor failed: {p.stderr.decode(errors='replace')[:400]}")
    return sum(1 for line in p.stdout.decode(errors="replace").splitlines() if line.strip())


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cxx", default="g++")
    ap.add_argument("--include", required=True)
    ap.add_argument("--eigen", default="/usr/include/eigen3")
    ap.add_argument("--update", action="store_true", help="print measured values as a new budgets.json")
    a = ap.parse_args()
    here = os.path.dirname(os.path.abspath(__file__))
    with open(os.path.join(here, "budgets.json"), encoding="utf-8") as f:
        budgets = json.load(f)
    failed = 0
    measured = {}
    for header, budget in budgets["headers"].items():
        n = closure_lines(a.cxx, a.include, ["-isystem", a.eigen], header)
        measured[header] = n
        status = "ok" if n <= budget else "OVER"
        failed += status != "ok"
        print(f"include-budget header={header} lines={n} budget={budget} result={status}")
    if a.update:
        print(json.dumps({**budgets, "headers": {h: int(n * 1.05) for h, n in measured.items()}}, indent=2))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
