"""Times embargo.triple_barrier from Python against the same labels computed the mlfinlab way
(AFML snippet 3.2, a pandas loop over events), in one run on the same data, and the module's
call overhead (the pandas layer against the raw binding). Not a test: prints a Markdown table.

Run: PYTHONPATH=<build>/python /usr/bin/python3 python/bench/bench_triple_barrier.py [n_bars | stem.bin]
A .bin argument is the baselines' data file (bench/compare's ohlcv_M1_N1000000_s42.bin, written by
their gen_data.py): the same closes `embargo_bench --task triple_barrier` reads.
"""
import sys
import time

import numpy as np
import pandas as pd

import embargo
from embargo import _embargo


def best_of(f, repeats=5):
    times = []
    for _ in range(repeats):
        t = time.perf_counter()
        out = f()
        times.append(time.perf_counter() - t)
    return min(times), out


def mlfinlab_style(close, events, vol, mult, h):
    """AFML 3.2 / mlfinlab apply_pt_sl_on_t1 with a vertical barrier h bars later."""
    idx = close.index
    out_t1 = []
    for loc in events:
        i = idx.get_loc(loc)
        end = idx[min(i + h, len(idx) - 1)]
        path = close[loc:end] / close[loc] - 1
        trgt = vol[loc]
        sl = path[path < -mult * trgt].index.min()
        pt = path[path > mult * trgt].index.min()
        out_t1.append(pd.Series([end, sl, pt]).dropna().min())
    return pd.Series(out_t1, index=events)


def main():
    arg = sys.argv[1] if len(sys.argv) > 1 else "1e6"
    if arg.endswith(".bin"):  # layout [symbol][field][bar], fields timestamp, open, high, low, close, volume
        raw = np.fromfile(arg, dtype="<f8").reshape(-1, 6, 1_000_000)[0]
        close = pd.Series(raw[4], index=pd.to_datetime(raw[0].astype(np.int64), unit="s"))
    else:
        market = embargo.simulate_market(n_symbols=1, n_bars=int(float(arg)), seed=42, bar_seconds=60)
        close = pd.Series(market.bars["close"].to_numpy(), index=pd.DatetimeIndex(market.bars["timestamp"]))
    n = len(close)
    # The bench task's inputs (bench/task_triple_barrier.cpp), untimed: vol span 100, CUSUM 0.01,
    # events with a finite positive vol, barriers 3 vol, a 20-bar vertical barrier.
    vol = embargo.ewm_volatility(close, 100)
    ev = embargo.cusum(close.to_numpy(), 0.01)
    ev = ev[np.isfinite(vol.to_numpy()[ev]) & (vol.to_numpy()[ev] > 0)]
    c, v = close.to_numpy(), vol.to_numpy()
    raw_s, raw = best_of(lambda: _embargo.triple_barrier(c, ev, v, 3.0, 3.0, 20))
    arr_s, _ = best_of(lambda: embargo.triple_barrier(c, ev, v, pt=3, sl=3, vertical_bars=20))
    ser_s, labels = best_of(lambda: embargo.triple_barrier(close, close.index[ev], vol, pt=3, sl=3, vertical_bars=20))
    m = min(len(ev), 2000)  # the pandas loop on the first m events, scaled to all of them
    pd_s, pd_t1 = best_of(lambda: mlfinlab_style(close, close.index[ev[:m]], vol, 3.0, 20), repeats=1)
    same = (pd.DatetimeIndex(pd_t1.to_numpy()) == pd.DatetimeIndex(labels["t1"].iloc[:m])).all()
    per_event_pd = pd_s / m
    print(f"{n:.0e} bars, {len(ev)} events; mlfinlab-style t1 equal on the first {m}: {same}")
    print("| call | seconds | vs raw binding | mlfinlab-style pandas (extrapolated) / ours |")
    print("|---|---|---|---|")
    for name, s in (("_embargo.triple_barrier (numpy in, dict of arrays out)", raw_s),
                    ("embargo.triple_barrier, arrays (DataFrame out)", arr_s),
                    ("embargo.triple_barrier, Series (labels in and out)", ser_s)):
        print(f"| {name} | {s:.5f} | {s / raw_s:.2f}x | {per_event_pd * len(ev) / s:.0f}x |")
    print(f"| mlfinlab-style loop, {m} events | {pd_s:.3f} | | |")


if __name__ == "__main__":
    main()
