"""A notebook-like tour of the embargo Python module (docs/python.md walks through it).

Run: PYTHONPATH=<build>/python python3 python/examples/tour.py [archive folder]
ctest runs it ("python: tour"); every step checks what it shows, so the docs cannot rot.
"""
import sys
import tempfile

import numpy as np
import pandas as pd
from sklearn.ensemble import RandomForestClassifier
from sklearn.model_selection import GridSearchCV, cross_val_score

import embargo

# %% 1. Data: the built-in regime-switching market (a long-format DataFrame, like the bars CSV).
market = embargo.simulate_market(n_symbols=4, n_bars=1500, seed=7)
bars = market.bars
one = bars[bars["symbol"] == "SIM000"].set_index("timestamp")
close = one["close"]
print(bars.head(3))

# %% 2. Events and labels: CUSUM events, EWM volatility as the barrier width, triple barrier.
vol = embargo.ewm_volatility(close, span=100)                      # a Series on close's index
events = embargo.cusum(close, threshold=0.02)                      # a DatetimeIndex
events = events[vol.reindex(events).notna().to_numpy()]            # vol needs two returns
labels = embargo.triple_barrier(close, events, vol, pt=2, sl=2, vertical_bars=10)
print(labels.head())
assert list(labels.columns[:4]) == ["t0", "t1", "ret", "label"]
assert (labels["t1"] >= labels["t0"]).all()

# %% 3. Sample weights: average uniqueness of the overlapping labels, time decay.
u = embargo.uniqueness(labels["t0"], labels["t1"], index=close.index)
w = embargo.time_decay(u, decay=0.5)
assert ((0 < u) & (u <= 1)).all() and w.iloc[-1] == 1.0

# %% 4. Features (causal) and a purged, embargoed cross-validation in scikit-learn.
ret = close.pct_change()
feats = pd.DataFrame({"r1": ret, "r5": close.pct_change(5), "vol": vol}).loc[labels["t0"]]
X = feats.set_axis(pd.DatetimeIndex(labels["t0"])).fillna(0.0)
y = labels["label"].to_numpy()
t1 = pd.Series(labels["t1"].to_numpy(), index=X.index)            # label end per observation
cv = embargo.PurgedKFold(n_splits=5, t1=t1, embargo=0.01)
model = RandomForestClassifier(n_estimators=25, max_depth=3, random_state=0)
scores = cross_val_score(model, X, y, cv=cv, fit_params={"sample_weight": u.to_numpy()})
print("purged k-fold accuracy", scores.round(3))
search = GridSearchCV(model, {"max_depth": [2, 3]}, cv=embargo.CombinatorialPurgedCV(6, 2, t1=t1)).fit(X, y)
print("CPCV grid search best", search.best_params_)
assert len(scores) == 5 and len(search.cv_results_["mean_test_score"]) == 2

# %% 5. Metrics of a strategy's returns, whole, rolling and per regime; PSR and DSR.
strategy = np.sign(ret.shift(1).fillna(0)) * ret.fillna(0)         # a naive momentum rule
m = embargo.metrics(strategy, ["sharpe", "max_drawdown", "profit_factor"])
regime = embargo.regimes(close)
per_regime = embargo.metrics(strategy, ["n", "sharpe"], groups=regime.astype(str))
rolling = embargo.metrics(strategy, ["sharpe"], window=250)
p = embargo.psr(strategy)
print(m, per_regime, sep="\n")
assert per_regime["n"].sum() == embargo.metrics(strategy, ["n"])["n"]  # the groups add up to the whole
assert rolling.index[0] == strategy.index[249]
assert 0 <= p["psr"] <= 1

# %% 6. The research job: the same job and archive as `embargo run`, results as DataFrames.
out = sys.argv[1] if len(sys.argv) > 1 else tempfile.mkdtemp(prefix="embargo-tour-")
res = embargo.research(bars, {"threads": 1, "validation": {"method": "purged_kfold"}}, out)
print(res.symbols[["symbol", "status", "model", "tier"]])
print(res.models[["symbol", "model", "sharpe", "dsr"]].head())
assert res.complete and len(res.symbols) == 4
