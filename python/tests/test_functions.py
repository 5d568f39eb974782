"""The functions against the peer vectors in tests/data/ (mlfinlab, pandas) and their invariants."""
import unittest

import numpy as np
import pandas as pd

import embargo
from _support import vector


class EventsAndVolatility(unittest.TestCase):
    def test_cusum_mlfinlab_events_keep_the_index(self):
        v = vector("cusum_mlfinlab.json")
        close = pd.Series(v["input"]["close"], index=pd.to_datetime(v["input"]["close_index"]), dtype=float)
        ev = embargo.cusum(close, v["params"]["threshold_fixed"])
        self.assertIsInstance(ev, pd.DatetimeIndex)
        self.assertEqual(list(ev), list(pd.to_datetime(v["expected"]["events_fixed"])))
        dyn = pd.Series(0.01, index=close.index)
        dyn.iloc[:10] = 0.02
        self.assertEqual(list(embargo.cusum(close, dyn)), list(pd.to_datetime(v["expected"]["events_dynamic"])))
        # Without an index: bar positions.
        pos = embargo.cusum(close.to_numpy(), v["params"]["threshold_fixed"])
        self.assertEqual(list(close.index[pos]), list(ev))

    def test_ewm_volatility_is_pandas_bit_for_bit(self):
        rng = np.random.default_rng(3)
        close = pd.Series(100 * np.exp(np.cumsum(rng.normal(0, 0.01, 5000))),
                          index=pd.date_range("2020-01-01", periods=5000, freq="H"))
        for span in (5, 100):
            ours = embargo.ewm_volatility(close, span=span)
            theirs = close.pct_change().ewm(span=span).std()
            self.assertTrue(ours.index.equals(close.index))
            np.testing.assert_array_equal(ours.to_numpy(), theirs.to_numpy())

    def test_bad_input_is_value_error_with_the_message(self):
        with self.assertRaisesRegex(ValueError, "threshold must be finite and > 0"):
            embargo.cusum(np.array([1.0, 2.0, 3.0]), -1.0)
        with self.assertRaisesRegex(ValueError, "close"):
            embargo.ewm_volatility(np.array([1.0, -2.0, 3.0]))
        with self.assertRaisesRegex(ValueError, "cannot be read as float64"):
            embargo.ewm_volatility(np.array(["a", "b"]))
        with self.assertRaisesRegex(ValueError, "1-D"):
            embargo.ewm_volatility(np.ones((3, 3)))
        with self.assertRaisesRegex(ValueError, "span must be >= 1"):
            embargo.ewm_volatility(np.ones(4), span=0.5)


class Labels(unittest.TestCase):
    def setUp(self):
        self.v = vector("triple_barrier_mlfinlab.json")
        inp = self.v["input"]
        self.close = pd.Series(inp["close"], index=pd.to_datetime(inp["close_index"]), dtype=float)
        self.t_events = pd.to_datetime(inp["t_events"])
        trgt = pd.Series(inp["trgt"]["default"], index=self.close.index)
        for k, x in inp["trgt"]["override"].items():
            trgt[pd.Timestamp(k)] = x
        self.trgt = trgt

    def test_triple_barrier_mlfinlab_vector(self):
        # mlfinlab's vertical barrier is 4 calendar days; these bars are daily with no gaps: 4 bars.
        checked = 0
        for case, exp in self.v["expected"].items():
            if not case.startswith("pt_sl=") or not case.endswith("side=none"):
                continue
            pt, sl = exp["effective_pt_sl_used_for_touch"]
            df = embargo.triple_barrier(self.close, self.t_events, self.trgt, pt=pt, sl=sl, vertical_bars=4,
                                        min_ret=self.v["params"]["min_ret"])
            self.assertEqual(list(df.columns[:4]), ["t0", "t1", "ret", "label"])
            want = exp["events"]
            self.assertEqual(list(df["t0"]), list(pd.to_datetime([e["t0"] for e in want])))
            # mlfinlab's t1 is NaT where nothing was touched before the data ended; ours is the last
            # bar, marked censored.
            want_t1 = pd.to_datetime([e["t1"] for e in want])
            self.assertEqual(list(df["censored"]), list(want_t1.isna()))
            self.assertEqual(list(df["t1"][~df["censored"]]), list(want_t1[~want_t1.isna()]))
            checked += 1
        self.assertGreater(checked, 0)

    def test_triple_barrier_mlfinlab_vector_with_side(self):
        side = pd.Series({pd.Timestamp(k): x for k, x in self.v["input"]["side"].items()})
        checked = 0
        for case, exp in self.v["expected"].items():
            if not case.startswith("pt_sl=") or not case.endswith("side=given"):
                continue
            pt, sl = exp["effective_pt_sl_used_for_touch"]
            events = side.index.intersection(self.t_events)
            df = embargo.triple_barrier(self.close, events, self.trgt, pt=pt, sl=sl, vertical_bars=4,
                                        min_ret=self.v["params"]["min_ret"], side=side)
            want = exp["events"]
            self.assertEqual(list(df["t0"]), list(pd.to_datetime([e["t0"] for e in want])))
            want_t1 = pd.to_datetime([e["t1"] for e in want])
            self.assertEqual(list(df["t1"][~df["censored"]]), list(want_t1[~want_t1.isna()]))
            self.assertEqual(list(df["side"]), list(side.reindex(df["t0"]).astype(int)))
            checked += 1
        self.assertGreater(checked, 0)
        with self.assertRaisesRegex(ValueError, "side has"):
            embargo.triple_barrier(self.close.to_numpy(), [0, 2], self.trgt.to_numpy(), side=[1.0, 1.0, 1.0])

    def test_triple_barrier_positions_and_invariants(self):
        c = self.close.to_numpy()
        ev = np.array([0, 2, 4, 8])
        df = embargo.triple_barrier(c, ev, np.full(len(c), 0.02), pt=1, sl=1, vertical_bars=4)
        self.assertTrue((df["t1"] >= df["t0"]).all() and (df["t1"] - df["t0"] <= 4).all())
        np.testing.assert_array_equal(df["ret"], c[df["t1"]] / c[df["t0"]] - 1)
        self.assertTrue(set(df["label"]) <= {-1, 0, 1})

    def test_triple_barrier_errors(self):
        c = self.close.to_numpy()
        with self.assertRaisesRegex(ValueError, "vertical_bars"):
            embargo.triple_barrier(c, [0], np.full(len(c), 0.02), vertical_bars=0)
        with self.assertRaisesRegex(ValueError, "not in the bars' index"):
            embargo.triple_barrier(self.close, [pd.Timestamp("1999-01-01")], self.trgt)
        with self.assertRaisesRegex(ValueError, "negative"):
            embargo.triple_barrier(c, np.array([-1]), np.full(len(c), 0.02))

    def test_forward_return_and_meta_label(self):
        v = vector("fixed_horizon_mlfinlab.json")
        c = np.linspace(100, 120, 50) + np.sin(np.arange(50))
        df = embargo.forward_return(c, horizon=3, threshold=0.01)
        self.assertEqual(len(df), 47)
        np.testing.assert_array_equal(df["ret"], c[3:] / c[:-3] - 1)
        self.assertTrue(((df["ret"] > 0.01) == (df["label"] == 1)).all())
        side = np.where(np.arange(len(df)) % 2 == 0, 1.0, -1.0)
        m = embargo.meta_label(c, df["t0"].to_numpy(), df["t1"].to_numpy(), side)
        np.testing.assert_array_equal(m, (side * df["ret"].to_numpy() > 0).astype(int))
        with self.assertRaisesRegex(ValueError, "horizon"):
            embargo.forward_return(c, horizon=-1)
        self.assertIn("expected", v)


class Weights(unittest.TestCase):
    def test_concurrency_uniqueness_time_decay_mlfinlab(self):
        v = vector("uniqueness_concurrency_hourly.json")
        bars = pd.date_range("2018-01-01 00:00", "2018-01-08 00:00", freq="H")
        t0, t1 = pd.to_datetime(v["input"]["t0"]), pd.to_datetime(v["input"]["t1"])
        c = embargo.concurrency(t0, t1, index=bars)
        np.testing.assert_array_equal(c.iloc[:23].to_numpy(), v["expected"]["concurrency_bars_0_to_22"])
        u = embargo.uniqueness(t0, t1, index=bars)
        self.assertTrue(u.index.equals(pd.Index(t0)))
        np.testing.assert_allclose(u.to_numpy(), v["expected"]["avg_uniqueness_tW"], rtol=1e-15)
        d = vector("time_decay_weights.json")
        for decay, want in d["expected"]["weights_by_decay"].items():
            np.testing.assert_allclose(embargo.time_decay(u, float(decay)).to_numpy(), want, rtol=1e-14, atol=1e-15)

    def test_sequential_bootstrap_mlfinlab_seeded_draws(self):
        v = vector("sequential_bootstrap_textbook.json")
        spans = np.array(v["input"]["label_spans_bars"])
        for seed, want in v["expected"]["seeded_draws_numpy_RandomState_informational"].items():
            b = embargo.sequential_bootstrap(spans[:, 0], spans[:, 1], n_draws=3, seed=int(seed))
            self.assertEqual(list(b.indices), want)
            e = embargo.sequential_bootstrap(spans[:, 0], spans[:, 1], n_draws=3, seed=int(seed), exact=True)
            self.assertEqual(list(e.indices), want)
        with self.assertRaisesRegex(ValueError, "n_draws"):
            embargo.sequential_bootstrap(spans[:, 0], spans[:, 1], n_draws=-2)
        with self.assertRaisesRegex(ValueError, "seed"):
            embargo.sequential_bootstrap(spans[:, 0], spans[:, 1], seed=-1)


class MetricsAndStats(unittest.TestCase):
    def setUp(self):
        rng = np.random.default_rng(11)
        self.r = pd.Series(rng.normal(0.0005, 0.01, 1000), index=pd.date_range("2020-01-01", periods=1000))

    def test_metrics_whole_subset_rolling_grouped(self):
        m = embargo.metrics(self.r)
        r = self.r.to_numpy()
        self.assertEqual(m["n"], 1000)
        self.assertAlmostEqual(m["mean"], r.mean(), delta=1e-15)
        self.assertAlmostEqual(m["sharpe"], r.mean() / r.std(ddof=1) * np.sqrt(252), delta=1e-12)
        self.assertEqual(set(embargo.metrics(self.r, ["sharpe", "max_drawdown"])), {"sharpe", "max_drawdown"})
        with self.assertRaisesRegex(ValueError, "unknown metric 'sharp'"):
            embargo.metrics(self.r, ["sharp"])
        roll = embargo.metrics(self.r, ["mean", "sharpe"], window=50)
        self.assertEqual(len(roll), 951)
        self.assertTrue(roll.index.equals(self.r.index[49:]))
        np.testing.assert_allclose(roll["mean"].to_numpy(), self.r.rolling(50).mean().dropna().to_numpy(), rtol=1e-9)
        years = self.r.index.year
        g = embargo.metrics(self.r, ["n", "mean"], groups=pd.Series(years, index=self.r.index))
        for y, row in g.iterrows():
            part = self.r[years == y]
            self.assertEqual(row["n"], len(part))
            self.assertAlmostEqual(row["mean"], part.mean(), delta=1e-15)
        # One pass merges equal the whole: the groups' counts add up.
        self.assertEqual(g["n"].sum(), 1000)

    def test_psr_dsr_min_trl_pbo(self):
        p = embargo.psr(self.r)
        self.assertTrue(0 < p["psr"] < 1)
        self.assertEqual(p["n"], 1000)
        d = embargo.dsr(self.r, [0.01, 0.02, p["sharpe"], -0.01])
        self.assertLess(d["dsr"], p["psr"])  # deflating for 4 trials lowers the probability
        t = embargo.min_trl(p["sharpe"], 0.0, p["skewness"], p["kurtosis"])
        self.assertTrue(t["defined"] and t["observations"] > 1)
        # A strategy is significant at 95% when its track is longer than MinTRL: PSR > 0.95 <=> n > MinTRL.
        self.assertEqual(p["psr"] > 0.95, 1000 > t["observations"])
        perf = np.random.default_rng(5).normal(0, 0.01, (160, 8))
        res = embargo.pbo(perf, partitions=8)
        self.assertEqual(res["combinations"], 70)
        self.assertEqual(len(res["logits"]), 70)
        self.assertAlmostEqual(res["pbo"], float(np.mean(res["logits"] <= 0)))
        with self.assertRaisesRegex(ValueError, "partitions"):
            embargo.pbo(perf, partitions=7)
        with self.assertRaisesRegex(ValueError, "probability"):
            embargo.min_trl(0.1, probability=1.5)


class DataFunctions(unittest.TestCase):
    def test_simulate_regimes_integrity(self):
        m = embargo.simulate_market(n_symbols=3, n_bars=400, seed=7)
        self.assertEqual(len(m.bars), 1200)
        self.assertEqual(list(m.bars["symbol"].unique()), list(m.beta.index))
        self.assertEqual(len(m.true_regime), 400)
        again = embargo.simulate_market(n_symbols=3, n_bars=400, seed=7)
        pd.testing.assert_frame_equal(m.bars, again.bars)
        one = m.bars[m.bars["symbol"] == m.beta.index[0]]
        close = pd.Series(one["close"].to_numpy(), index=pd.DatetimeIndex(one["timestamp"]))
        reg = embargo.regimes(close)
        self.assertTrue(reg.index.equals(close.index))
        self.assertTrue(set(reg.cat.categories) == {"low_vol", "normal", "high_vol", "crash", "recovery"})
        self.assertTrue((reg.iloc[:60] == "normal").all())  # no trustworthy baseline yet
        # Causal: the labels of a prefix are the prefix of the labels.
        self.assertTrue((embargo.regimes(close.iloc[:200]).to_numpy() == reg.iloc[:200].to_numpy()).all())
        clean, report = embargo.integrity(one)
        self.assertEqual(report["symbol"] if "symbol" in report else m.beta.index[0], m.beta.index[0])
        self.assertEqual(len(clean), len(one) + int(clean["synthetic"].sum()))
        with self.assertRaisesRegex(ValueError, "n_bars"):
            embargo.simulate_market(n_bars=-5)
        with self.assertRaisesRegex(ValueError, "too large"):
            embargo.simulate_market(n_symbols=100000, n_bars=100000)
        bad = one.copy()
        bad.iloc[5, bad.columns.get_loc("high")] = 0.5 * bad.iloc[5]["low"]
        with self.assertRaisesRegex(ValueError, r"\[5\]"):
            embargo.integrity(bad)


if __name__ == "__main__":
    unittest.main()
