#!/usr/bin/python3
"""Writes a large OHLCV data file pair STEM.json + STEM.bin in the baselines' layout
([symbol][field][bar], little-endian float64; fields timestamp, open, high, low, close, volume)
for the scale runs of embargo_bench (--dataset STEM --mapped), e.g. 1e8 bars.

The baselines' gen_data.py draws its regime chain bar by bar, which takes hours at 1e8 in
Python; this generator is vectorised: volatility regimes are blocks of geometric length (mean
2000 bars) with sigma 0.0025 / 0.008 / 0.02 (the baselines' three regimes, in their 0.80 / 0.19 /
0.01 shares), Gaussian log returns, the bars written one field at a time in chunks so that memory
stays near one field. Seeded: the same arguments give the same bytes.
"""
import argparse
import json
import os
import sys

import numpy as np

SIGMA = np.array([0.0025, 0.008, 0.02])
SHARE = np.array([0.80, 0.19, 0.01])
FIELDS = ["timestamp", "open", "high", "low", "close", "volume"]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=float, required=True, help="bars (1e3 .. 2e9)")
    ap.add_argument("--out", required=True, help="STEM: writes STEM.json and STEM.bin")
    ap.add_argument("--seed", type=int, default=7)
    a = ap.parse_args()
    n = int(a.n)
    if not 1_000 <= n <= 2_000_000_000:
        print(f"make_data: --n {n} outside 1e3 .. 2e9", file=sys.stderr)
        return 2
    for target in (a.out + ".bin", a.out + ".json"):  # never replace a symlink, FIFO or device with a file
        if os.path.lexists(target) and (os.path.islink(target) or not os.path.isfile(target)):
            print(f"make_data: {target} exists and is not a regular file; not replacing it", file=sys.stderr)
            return 2
    need = 6 * 8 * n
    free = os.statvfs(os.path.dirname(os.path.abspath(a.out)) or ".")
    if free.f_bavail * free.f_frsize < need * 1.1:
        print(f"make_data: {need / 1e9:.1f} GB needed, {free.f_bavail * free.f_frsize / 1e9:.1f} GB free", file=sys.stderr)
        return 2
    rng = np.random.default_rng(a.seed)
    # Regime blocks, then sigma per bar.
    blocks = n // 1000 + 2
    lengths = rng.geometric(1 / 2000, size=blocks)
    while lengths.sum() < n:
        lengths = np.concatenate([lengths, rng.geometric(1 / 2000, size=blocks)])
    regime = rng.choice(3, size=lengths.size, p=SHARE)
    sigma = np.repeat(SIGMA[regime], lengths)[:n]
    close = 100.0 * np.exp(np.cumsum(rng.standard_normal(n) * sigma))
    open_ = np.empty(n)
    open_[0] = 100.0
    open_[1:] = close[:-1]
    tmp = a.out + ".bin.tmp"
    with open(tmp, "wb") as f:
        f.write((1577836800.0 + 60.0 * np.arange(n, dtype=np.float64)).tobytes())
        f.write(open_.tobytes())
        body_hi = np.maximum(open_, close)
        f.write((body_hi * (1 + 0.3 * sigma)).tobytes())
        del body_hi
        f.write((np.minimum(open_, close) * (1 - 0.3 * sigma)).tobytes())
        f.write(close.tobytes())
        f.write((1000.0 * (1 + rng.random(n))).tobytes())
    os.replace(tmp, a.out + ".bin")
    header = {"format": "raw float64 little-endian", "dtype": "<f8", "layout": "[symbol][field][bar]",
              "shape": [1, 6, n], "M": 1, "N": n, "seed": a.seed, "fields": FIELDS, "symbols": ["SYM0000"],
              "bar_seconds": 60, "generator": "bench/make_data.py", "bin": os.path.basename(a.out) + ".bin"}
    with open(a.out + ".json.tmp", "w") as f:
        json.dump(header, f, indent=1)
    os.replace(a.out + ".json.tmp", a.out + ".json")
    print(json.dumps({"written": a.out + ".bin", "bars": n, "bytes": need}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
