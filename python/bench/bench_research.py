"""Times embargo.research (the research job through the Python module) on the baselines' M100
panel, configured as bench/task_research.cpp configures the library job to reproduce the
baselines' scikit-learn research.py, and prints the checksum fields research.py prints.
Not a test. The baseline runs separately (bench/compare, or run_baselines.py --task research).

Run: PYTHONPATH=<build>/python /usr/bin/python3 python/bench/bench_research.py ohlcv_M100_N10000_s42.bin [n_cells]
"""
import sys
import tempfile
import time

import numpy as np
import pandas as pd

import embargo

# bench/task_research.cpp's baseline_options(), as the JSON configuration's keys.
CONFIG = {
    "threads": 1, "periods_per_year": 252, "bet_sizing": "linear",
    "integrity": {"enabled": False}, "universe": {"enabled": False},
    "events": {"method": "cusum", "vol_span": 100, "threshold": 0.01, "warmup_bars": 20, "min_events": 1,
               "need_next_bar": False},
    "labels": {"method": "triple_barrier", "target": "vol", "pt": 3, "sl": 3, "vertical_bars": 20, "rule": "sign",
               "min_ret": 0},
    "features": {"set": "returns4"},
    "weights": {"uniqueness": True, "decay": 1.0, "recency_half_life": 0, "class_balance": False},
    "regimes": {"enabled": False, "breakdown": False},
    "validation": {"method": "purged_kfold", "n_splits": 5, "embargo_fraction": 0.01},
    "models": {"use": ["logit"], "scaler": "unweighted", "logit_lambda": 1.0},
    "costs": {"taker_fee": 0, "maker_fee": 0, "maker_share": 0, "spread": 0, "slippage": 0, "funding": 0, "min_edge": 0},
}


def main():
    path = sys.argv[1]
    cells = int(float(sys.argv[2])) if len(sys.argv) > 2 else 1_000_000
    threads = int(sys.argv[3]) if len(sys.argv) > 3 else 1
    raw = np.fromfile(path, dtype="<f8").reshape(100, 6, -1)
    n = max(100, cells // 100)
    frames = []
    for k in range(100):
        f = raw[k, :, :n]
        frames.append(pd.DataFrame({"symbol": f"SYM{k:04d}", "timestamp": np.rint(f[0]).astype(np.int64), "open": f[1],
                                    "high": f[2], "low": f[3], "close": f[4], "volume": f[5]}))
    bars = pd.concat(frames, ignore_index=True)
    config = dict(CONFIG, threads=threads)
    for label, out in (("no archive (out=None)", None), ("archive written", "tmp")):
        times = []
        with tempfile.TemporaryDirectory() as tmp:
            for _ in range(5):
                t = time.perf_counter()
                res = embargo.research(bars, config, None if out is None else tmp)
                times.append(time.perf_counter() - t)
        m = res.models
        print(f"{cells:.0e} cells, {threads} thread(s), {label}: embargo.research median {np.median(times):.4f} s, "
              f"min {min(times):.4f} s (bars DataFrame to C++ included); "
              f"{(res.symbols['status'] == 'trained').sum()} symbols trained, {int(m['trades'].sum())} trades")


if __name__ == "__main__":
    main()
