"""scikit-learn compatible purged splitters: PurgedKFold, CombinatorialPurgedCV, WalkForward.

They follow scikit-learn's splitter protocol (split(X, y=None, groups=None) yields integer
index arrays (train, test); get_n_splits(X, y, groups)), so they work unchanged as `cv=` of
cross_val_score, GridSearchCV and, where the test sets partition the rows (PurgedKFold),
cross_val_predict. The folds are the C++ splitters' (include/embargo/splitters/).

Label end times t1: a pandas Series whose index holds each observation's start (t0) and whose
values its label's end, looked up by X's index (so a subset of X still works), or an array of
bar positions (t1[i] >= i). Without t1 every label ends where it starts (no purging needed,
the embargo still applies). Rows must be sorted by t0.
"""
import numpy as np
import pandas as pd

from . import _embargo


def _n_rows(X):
    if X is None:
        raise ValueError("X is required: the folds depend on the number of observations")
    return X.shape[0] if hasattr(X, "shape") else len(X)


def _event_positions(X, t1):
    """(t0, t1) as positions on the grid of X's observations: t1[i] is the last row whose start is <= the label's end."""
    n = _n_rows(X)
    t0 = np.arange(n, dtype=np.int64)
    if t1 is None:
        return t0, t0.copy()
    if isinstance(t1, pd.Series):
        if isinstance(X, (pd.DataFrame, pd.Series)):
            missing = ~X.index.isin(t1.index)
            if missing.any():
                raise ValueError(f"t1: X's index label {X.index[missing][0]!r} is not in t1's index")
            ends = t1.loc[X.index]
            starts = X.index
        else:
            if len(t1) != n:
                raise ValueError(f"t1 has {len(t1)} values for {n} rows of X (X has no index to look them up by)")
            ends, starts = t1, t1.index
        starts = np.asarray(starts)
        ends = np.asarray(ends)
        if len(starts) > 1 and not (starts[1:] >= starts[:-1]).all():
            raise ValueError("t1: X's rows are not sorted by their start time (index)")
        if pd.isna(ends).any():
            raise ValueError("t1: a label end time is missing (NaN/NaT)")
        if (ends < starts).any():
            k = int(np.argmax(ends < starts))
            raise ValueError(f"t1: the label of row {k} ends ({ends[k]!r}) before it starts ({starts[k]!r})")
        # Ties in the start share a position; a label's end maps to the last row that started by then.
        return (np.searchsorted(starts, starts, side="left").astype(np.int64),
                (np.searchsorted(starts, ends, side="right") - 1).astype(np.int64))
    ends = np.asarray(t1)
    if ends.ndim != 1 or len(ends) != n:
        raise ValueError(f"t1 has {ends.size} positions for {n} rows of X (expected one per row)")
    return t0, ends


class _PurgedSplitter:
    def _folds(self, X):
        raise NotImplementedError

    def split(self, X, y=None, groups=None):
        """Yields (train, test) integer index arrays into X's rows."""
        for train, test in self._folds(X):
            yield train, test

    def __repr__(self):
        args = ", ".join(f"{k}={v!r}" for k, v in self._params().items() if k != "t1")
        return f"{type(self).__name__}({args})"


class PurgedKFold(_PurgedSplitter):
    """Purged k-fold with embargo (AFML 7.4): contiguous test folds; training labels that overlap a
    test label are purged, and `embargo` (a fraction of the observations) after each test fold is
    left out of training."""

    def __init__(self, n_splits=5, t1=None, embargo=0.01):
        self.n_splits, self.t1, self.embargo = n_splits, t1, embargo

    def _params(self):
        return {"n_splits": self.n_splits, "t1": self.t1, "embargo": self.embargo}

    def get_n_splits(self, X=None, y=None, groups=None):
        return self.n_splits

    def _folds(self, X):
        t0, t1 = _event_positions(X, self.t1)
        return _embargo.purged_kfold_split(t0, t1, self.n_splits, float(self.embargo))


class CombinatorialPurgedCV(_PurgedSplitter):
    """Combinatorial purged CV (AFML 12): N groups, every choice of k test groups is a split
    (C(N, k) splits), purged and embargoed; the splits' test predictions assemble into
    C(N-1, k-1) backtest paths (backtest_paths)."""

    def __init__(self, n_groups=6, n_test_groups=2, t1=None, embargo=0.01):
        self.n_groups, self.n_test_groups, self.t1, self.embargo = n_groups, n_test_groups, t1, embargo

    def _params(self):
        return {"n_groups": self.n_groups, "n_test_groups": self.n_test_groups, "t1": self.t1, "embargo": self.embargo}

    def get_n_splits(self, X=None, y=None, groups=None):
        return _embargo.cpcv_n_splits(self.n_groups, self.n_test_groups)[0]

    @property
    def n_paths(self):
        return _embargo.cpcv_n_splits(self.n_groups, self.n_test_groups)[1]

    def _split_and_paths(self, X):
        t0, t1 = _event_positions(X, self.t1)
        return _embargo.cpcv_split(t0, t1, self.n_groups, self.n_test_groups, float(self.embargo))

    def _folds(self, X):
        return self._split_and_paths(X)[0]

    def backtest_paths(self, X):
        """An (n_paths, n_rows) integer array: entry [p, i] is the split whose test prediction of
        row i belongs to backtest path p. Each path covers every row exactly once."""
        n = _n_rows(X)
        segments = self._split_and_paths(X)[1]  # rows: path, group, split, begin, end
        out = np.full((self.n_paths, n), -1, dtype=np.int64)
        for p, _g, s, b, e in segments:
            out[p, b:e] = s
        return out


class WalkForward(_PurgedSplitter):
    """Walk-forward: test windows of test_size rows after train_size rows (rolling, or expanding
    from the first row), `gap` rows left out between them, advancing by `step` (test_size by
    default); with t1, training labels that end at or after the test window's start are purged."""

    def __init__(self, train_size=252, test_size=63, gap=0, step=None, expanding=False, reduce_test=False, t1=None):
        self.train_size, self.test_size, self.gap, self.step = train_size, test_size, gap, step
        self.expanding, self.reduce_test, self.t1 = expanding, reduce_test, t1

    def _params(self):
        return {"train_size": self.train_size, "test_size": self.test_size, "gap": self.gap, "step": self.step,
                "expanding": self.expanding, "reduce_test": self.reduce_test, "t1": self.t1}

    def get_n_splits(self, X=None, y=None, groups=None):
        return len(self._folds(X))

    def _folds(self, X):
        t0, t1 = _event_positions(X, self.t1)
        return _embargo.walk_forward_split(t0, t1, self.train_size, self.test_size, self.gap, self.step,
                                           bool(self.expanding), bool(self.reduce_test), True)
