"""embargo's functions on numpy arrays and pandas Series.

Each takes numpy arrays or Series. A Series' index is kept: events come back as index labels,
per-bar results as Series on the same index. Without an index, events are bar positions.
Bad input raises ValueError with the C++ library's message.
"""
import collections

import numpy as np
import pandas as pd

from . import _embargo
from . import _pandas as P


def cusum(close, threshold, input="log_return", reset="one_side"):
    """Symmetric CUSUM filter events (AFML 2.5.2.1): index labels of a Series, else bar positions.

    threshold: a number, or one per bar (a Series is aligned to close's index)."""
    c, idx = P.values(close, "close")
    h = threshold if np.isscalar(threshold) else P.aligned(threshold, idx, "threshold")
    return P.at(idx, _embargo.cusum(c, h, input, reset))


def ewm_volatility(close, span=100):
    """EWM standard deviation of simple returns, pandas' close.pct_change().ewm(span).std() bit for bit."""
    c, idx = P.values(close, "close")
    v = _embargo.ewm_volatility(c, float(span))
    return v if idx is None else pd.Series(v, index=idx, name="ewm_volatility")


def _events_frame(cols, idx, first):
    df = pd.DataFrame(cols)
    if idx is not None:
        df["t0"], df["t1"] = idx[df["t0"].to_numpy()], idx[df["t1"].to_numpy()]
    return df[first + [c for c in df.columns if c not in first]]


def triple_barrier(close, events, target, pt=1.0, sl=1.0, vertical_bars=None, min_ret=0.0, rule="touch",
                   side=None, high=None, low=None):
    """Triple-barrier labels: a DataFrame with columns t0, t1, ret, label (then target, barrier, side, censored).

    events: index labels of close (or bar positions); target: one value per bar (a Series is
    aligned to close's index), e.g. ewm_volatility(close); pt, sl: barrier multiples of the
    target (0 disables one); vertical_bars: the vertical barrier, in bars after t0 (None: none).
    Events whose target is NaN or <= min_ret are dropped, as in AFML."""
    c, idx = P.values(close, "close")
    ev = P.positions(events, idx, "events")
    tg = P.aligned(target, idx, "target")
    extra = {k: (None if v is None else P.aligned(v, idx, k)) for k, v in (("high", high), ("low", low))}
    extra["side"] = None if side is None else _side_per_event(side, ev, idx, len(c))
    cols = _embargo.triple_barrier(c, ev, tg, float(pt), float(sl), vertical_bars, float(min_ret), rule, **extra)
    return _events_frame(cols, idx, ["t0", "t1", "ret", "label"])


def _side_per_event(side, ev, idx, n_bars):
    """The bet's side for each event: a Series on the events' labels (mlfinlab's side_prediction)
    or on the bars' index, or an array with one value per event or per bar."""
    ev = np.asarray(ev)
    if isinstance(side, pd.Series) and idx is not None:
        if side.index.equals(idx):
            return side.to_numpy(dtype=np.float64)[ev]
        at = side.reindex(idx[ev])
        if at.isna().any():
            raise ValueError(f"side: no side for event {at.index[at.isna()][0]!r}")
        return at.to_numpy(dtype=np.float64)
    s = np.asarray(side, dtype=np.float64)
    if len(s) == len(ev):
        return s
    if len(s) == n_bars:
        return s[ev]
    raise ValueError(f"side has {len(s)} values for {len(ev)} events and {n_bars} bars (expected one per event or per bar)")


def forward_return(close, horizon=1, latency=0, threshold=0.0, log_return=False, standardize_window=0):
    """Fixed-horizon labels: DataFrame t0, t1, ret, label, z (bars whose label is undefined are absent)."""
    c, idx = P.values(close, "close")
    cols = _embargo.forward_return(c, horizon, latency, float(threshold), bool(log_return), standardize_window)
    return _events_frame(cols, idx, ["t0", "t1", "ret", "label"])


def _event_arrays(t0, t1, index):
    if isinstance(t0, pd.DataFrame) and t1 is None:
        t0, t1 = t0["t0"], t0["t1"]
    if t1 is None:
        raise ValueError("t1: expected the label end of each event")
    return P.positions(t0, index, "t0"), P.positions(t1, index, "t1")


def meta_label(close, t0, t1=None, side=None, min_return=0.0):
    """1 where side * (close[t1] / close[t0] - 1) > min_return, else 0; one per event (t0, t1: labels or positions)."""
    c, idx = P.values(close, "close")
    a, b = _event_arrays(t0, t1, idx)
    s, sidx = P.values(side, "side")
    out = _embargo.meta_label(c, a, b, s, float(min_return))
    return out if sidx is None else pd.Series(out, index=sidx, name="meta_label")


def _events_index(t0, index):
    if isinstance(t0, pd.DataFrame):
        t0 = t0["t0"]
    return pd.Index(np.asarray(t0)) if index is not None else None


def concurrency(t0, t1=None, index=None, n_bars=None):
    """Labels alive at each bar. t0, t1: bar positions, or labels of `index` (the bars' index)."""
    a, b = _event_arrays(t0, t1, index)
    nb = len(index) if n_bars is None and index is not None else (-1 if n_bars is None else n_bars)
    out = _embargo.concurrency(a, b, nb)
    return out if index is None else pd.Series(out, index=index, name="concurrency")


def uniqueness(t0, t1=None, index=None, n_bars=None):
    """Average uniqueness of each label (AFML 4.4); a Series on the events' t0 when `index` is given."""
    a, b = _event_arrays(t0, t1, index)
    nb = len(index) if n_bars is None and index is not None else (-1 if n_bars is None else n_bars)
    out = _embargo.uniqueness(a, b, nb)
    ix = _events_index(t0, index)
    return out if ix is None else pd.Series(out, index=ix, name="uniqueness")


def time_decay(uniqueness, decay=1.0):
    """Time-decay weights (AFML 4.7) from the events' average uniqueness in chronological order."""
    u, idx = P.values(uniqueness, "uniqueness")
    out = _embargo.time_decay(u, float(decay))
    return out if idx is None else pd.Series(out, index=idx, name="time_decay")


Bootstrap = collections.namedtuple("Bootstrap", "indices probability average_uniqueness")


def sequential_bootstrap(t0, t1=None, n_draws=None, seed=0, index=None, warmup=None, exact=False):
    """Sequential bootstrap (AFML 4.5): event indices drawn with numpy's RandomState(seed) stream.

    Returns Bootstrap(indices, probability of each draw, average uniqueness of the drawn set).
    mlfinlab's seq_bootstrap with the same seed and warm-up draws the same indices."""
    a, b = _event_arrays(t0, t1, index)
    idx, prob, avg = _embargo.sequential_bootstrap(a, b, 0 if n_draws is None else n_draws, seed, warmup, bool(exact))
    return Bootstrap(idx, prob, avg)


_METRIC_OPTIONS = ("risk_free", "required_return", "omega_threshold", "tail_cutoff", "nan_policy")


def _pick(result, names, where):
    if names is None:
        return dict(result)
    if isinstance(names, str):
        names = [names]
    unknown = [n for n in names if n not in result]
    if unknown:
        raise ValueError(f"metrics: unknown metric {unknown[0]!r}{where} (known: {', '.join(result)})")
    return {n: result[n] for n in names}


def metrics(returns, names=None, periods_per_year=252, window=None, groups=None, **options):
    """Return metrics (docs/metrics.md), one pass over the series.

    Whole series: a dict {name: value}. window=w: a DataFrame of every full window's metrics
    (the rolling set), indexed like the returns at each window's last value. groups=keys (one
    per return, e.g. regimes or years): a DataFrame with one row per group. names: any subset
    of the set's names (all by default). options: risk_free, required_return, omega_threshold,
    tail_cutoff (per period) and nan_policy (skip, zero, propagate)."""
    bad = set(options) - set(_METRIC_OPTIONS)
    if bad:
        raise ValueError(f"metrics: unknown option {sorted(bad)[0]!r} (known: {', '.join(_METRIC_OPTIONS)})")
    if window is not None and groups is not None:
        raise ValueError("metrics: window and groups cannot be combined")
    r, idx = P.values(returns, "returns")
    opt = dict(periods_per_year=float(periods_per_year), **options)
    if window is not None:
        cols = _embargo.rolling_metrics(r, window, **opt)
        cols = _pick(cols, names, " (the rolling set)")
        n = len(next(iter(cols.values()))) if cols else 0
        ix = (idx if idx is not None else pd.RangeIndex(len(r)))[len(r) - n:]
        return pd.DataFrame(cols, index=ix)
    if groups is not None:
        keys = groups.reindex(idx) if isinstance(groups, pd.Series) and idx is not None else groups
        codes, uniques = pd.factorize(np.asarray(keys), sort=True)
        if (codes < 0).any():
            raise ValueError("metrics: a group key is missing (NaN)")
        per = _embargo.grouped_metrics(codes, r, **opt)
        rows = {uniques[k]: _pick(v, names, "") for k, v in per.items()}
        return pd.DataFrame.from_dict(rows, orient="index")
    return _pick(_embargo.metrics(r, **opt), names, "")


def psr(returns, benchmark=0.0):
    """Probabilistic Sharpe ratio of per-period returns against a per-period benchmark Sharpe (dict)."""
    return _embargo.psr(P.values(returns, "returns")[0], float(benchmark))


def dsr(returns, trial_sharpes, trial_ddof=1, effective_trials=0.0, center_on_trial_mean=False, risk_free=0.0):
    """Deflated Sharpe ratio of the selected strategy's returns given every trial's per-period Sharpe (dict)."""
    return _embargo.dsr(P.values(returns, "returns")[0], P.values(trial_sharpes, "trial_sharpes")[0], trial_ddof,
                        float(effective_trials), bool(center_on_trial_mean), float(risk_free))


def min_trl(sharpe, benchmark=0.0, skewness=0.0, kurtosis=3.0, probability=0.95, periods_per_year=0.0):
    """Minimum track record length (per-period Sharpe, raw kurtosis): dict observations, years, defined."""
    return _embargo.min_trl(float(sharpe), float(benchmark), float(skewness), float(kurtosis), float(probability),
                            float(periods_per_year))


def pbo(performance, partitions=16, statistic="sharpe", rank_denominator="n_plus_one", loss_threshold=0.0):
    """Probability of backtest overfitting (CSCV): performance is periods x configurations (DataFrame or 2-D array)."""
    m = performance.to_numpy(dtype=np.float64) if isinstance(performance, pd.DataFrame) else performance
    return _embargo.pbo(m, partitions, statistic, rank_denominator, float(loss_threshold))


def regimes(close, window=15, min_history=60):
    """Causal market regime of each bar: low_vol, normal, high_vol, crash, recovery (a categorical Series)."""
    c, idx = P.values(close, "close")
    codes = _embargo.regimes(c, window, min_history)
    cat = pd.Categorical.from_codes(codes.astype(np.int8), categories=list(_embargo.regime_names))
    return pd.Series(cat, index=idx, name="regime")


def integrity(bars, reference=None, repair_gaps=True, adjust_splits=True, interval=0):
    """The integrity pass on one symbol's bars (DataFrame): (clean bars DataFrame with a synthetic column, report dict)."""
    import json
    sym = P.symbol_tuples(bars)
    if len(sym) != 1:
        raise ValueError(f"integrity: expected one symbol's bars, got {len(sym)} symbols")
    ref = None
    if reference is not None:
        r = P.symbol_tuples(reference)
        if len(r) != 1:
            raise ValueError(f"integrity: expected one symbol's reference bars, got {len(r)} symbols")
        ref = r[0]
    cols, synthetic, report = _embargo.integrity(sym[0], ref, bool(repair_gaps), bool(adjust_splits), int(interval))
    clean = P.bars_frame(cols)
    clean["synthetic"] = synthetic
    return clean, json.loads(report)


Market = collections.namedtuple("Market", "bars true_regime sector beta")


def simulate_market(n_symbols=8, n_bars=1000, seed=42, n_sectors=4, bar_seconds=86400):
    """The built-in regime-switching market: Market(bars as a long DataFrame, true regime per bar, sector, beta)."""
    cols, reg, sector, beta = _embargo.simulate_market(n_symbols, n_bars, seed, n_sectors, bar_seconds)
    bars = P.bars_frame(cols)
    times = bars["timestamp"].iloc[: len(reg)]
    true = pd.Series(pd.Categorical.from_codes(reg.astype(np.int8), categories=list(_embargo.regime_names)),
                     index=pd.DatetimeIndex(times), name="true_regime")
    symbols = list(dict.fromkeys(cols["symbol"]))
    return Market(bars, true, pd.Series(sector, index=symbols, name="sector"), pd.Series(beta, index=symbols, name="beta"))
