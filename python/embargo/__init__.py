"""embargo: leakage-free validation, labels, sample weights, metrics and gates for quant-finance ML.

numpy arrays and pandas Series in, numpy arrays and pandas objects out; the work is done by the
header-only C++ library (the compiled part is embargo._embargo). docs/python.md has the tour.
"""
from ._embargo import __version__
from .functions import (concurrency, cusum, dsr, ewm_volatility, forward_return, integrity, meta_label, metrics,
                        min_trl, pbo, psr, regimes, sequential_bootstrap, simulate_market, time_decay, triple_barrier,
                        uniqueness)
from .model_selection import CombinatorialPurgedCV, PurgedKFold, WalkForward
from .research import default_config, research

__all__ = ["__version__", "concurrency", "cusum", "dsr", "ewm_volatility", "forward_return", "integrity", "meta_label",
           "metrics", "min_trl", "pbo", "psr", "regimes", "sequential_bootstrap", "simulate_market", "time_decay",
           "triple_barrier", "uniqueness", "CombinatorialPurgedCV", "PurgedKFold", "WalkForward", "default_config",
           "research"]
