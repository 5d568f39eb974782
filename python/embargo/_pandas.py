"""Turning pandas/numpy inputs into what the C++ kernels read, and results back into pandas.

A float64 C-contiguous array (or a float64 Series' values) goes to C++ as it is: the kernels read
the caller's buffer in place. Anything else is converted once by the C++ side, or refused with a
ValueError that names the argument.
"""
import numpy as np
import pandas as pd


def values(x, name):
    """(array-like, index or None): a Series' values and index; anything else as it is."""
    if isinstance(x, pd.DataFrame):
        raise ValueError(f"{name}: expected a Series or a 1-D array, got a DataFrame")
    if isinstance(x, pd.Series):
        return x.to_numpy(), x.index  # a view for a float64 Series: no copy
    if isinstance(x, (list, tuple)):
        return np.asarray(x), None
    return x, None


def aligned(x, index, name):
    """A per-bar input (target, side, high, low) read against the bars' index when both are pandas."""
    if isinstance(x, pd.Series) and index is not None and not x.index.equals(index):
        x = x.reindex(index)
    return values(x, name)[0]


def positions(labels_or_positions, index, name):
    """Bar positions of `labels_or_positions`: index labels when the bars have an index, else positions."""
    if isinstance(labels_or_positions, pd.Series):
        labels_or_positions = labels_or_positions.to_numpy()
    if index is None or (isinstance(labels_or_positions, np.ndarray) and labels_or_positions.dtype.kind in "iu"
                         and not pd.api.types.is_integer_dtype(index.dtype)):
        return labels_or_positions
    where = index.get_indexer(pd.Index(labels_or_positions))
    if (where < 0).any():
        bad = pd.Index(labels_or_positions)[where < 0][0]
        raise ValueError(f"{name}: {bad!r} is not in the bars' index")
    return where


def at(index, pos):
    """Index labels at positions (positions themselves without an index)."""
    return pos if index is None else index[pos]


BAR_COLUMNS = ("open", "high", "low", "close", "volume")
TIME_COLUMNS = ("timestamp", "date", "datetime", "time")


def _column(df, names, what):
    lower = {str(c).lower(): c for c in df.columns}
    for n in names:
        if n in lower:
            return lower[n]
    raise ValueError(f"bars: missing column '{what}' (columns: {', '.join(map(str, df.columns))})")


def seconds(t):
    """UTC seconds since the epoch of timestamps: integers as they are, datetimes (naive = UTC), ISO strings."""
    t = pd.Series(t) if not isinstance(t, pd.Series) else t
    if pd.api.types.is_integer_dtype(t.dtype):
        return t.to_numpy(dtype=np.int64)
    try:
        dt = pd.to_datetime(t, utc=True)
    except (ValueError, TypeError) as e:
        raise ValueError(f"bars: timestamps cannot be read as dates: {e}") from None
    if dt.isna().any():
        raise ValueError("bars: a timestamp is missing (NaT)")
    return (dt.astype("int64") // 10**9).to_numpy(dtype=np.int64)


def symbol_tuples(df, default_symbol="SERIES"):
    """A long-format bars DataFrame (the CSV's columns) as one tuple per symbol, in first-appearance order."""
    if not isinstance(df, pd.DataFrame):
        raise ValueError("bars: expected a pandas DataFrame with timestamp, open, high, low, close, volume (and symbol)")
    if df.empty:
        raise ValueError("bars: the DataFrame is empty")
    cols = {c: _column(df, [c], c) for c in BAR_COLUMNS}
    try:
        tcol = _column(df, TIME_COLUMNS, "timestamp")
        t = seconds(df[tcol])
    except ValueError:
        if isinstance(df.index, pd.DatetimeIndex):
            t = seconds(pd.Series(df.index))
        else:
            raise
    lower = {str(c).lower(): c for c in df.columns}
    scol = lower.get("symbol", lower.get("ticker"))
    # Whole columns once, then one stable sort by symbol code: each symbol's rows are a slice.
    values = [df[cols[c]].to_numpy(dtype=np.float64) for c in BAR_COLUMNS]
    if scol is None:
        return [(default_symbol, t, *values)]
    codes, names = pd.factorize(df[scol])  # codes in first-appearance order
    if (codes < 0).any():
        raise ValueError(f"bars: row {int(np.argmax(codes < 0))} has no symbol")
    order = np.argsort(codes, kind="stable")
    bounds = np.searchsorted(codes[order], np.arange(len(names) + 1))
    out = []
    for k, name in enumerate(names):
        rows = order[bounds[k]:bounds[k + 1]]
        out.append((str(name), t[rows], *(v[rows] for v in values)))
    return out


def bars_frame(cols):
    """Long-format columns from C++ as a DataFrame with UTC timestamps."""
    try:
        when = pd.to_datetime(cols["time"], unit="s", utc=True)
    except (OverflowError, pd.errors.OutOfBoundsDatetime):
        raise ValueError("bars: timestamps past pandas' range (year 2262): use shorter bars (bar_seconds) or fewer") from None
    df = pd.DataFrame({"symbol": cols["symbol"], "timestamp": when})
    for c in BAR_COLUMNS:
        df[c] = cols[c]
    return df
