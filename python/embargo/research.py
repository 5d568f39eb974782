"""The research job from Python: embargo.research(bars, config, out) runs the job that
`embargo run` runs (include/embargo/research/) on a long-format bars DataFrame and writes the
same archive."""
import collections
import json
import os

import pandas as pd

from . import _embargo
from . import _pandas as P

Results = collections.namedtuple("Results", "run_id complete symbols models archive")


def default_config():
    """Every configuration key with its default (what `embargo run --print-defaults` prints)."""
    return json.loads(_embargo.default_config())


def research(bars, config=None, out="embargo-run", reference=None, data_note=None, threads=None):
    """Runs the research job and archives it in `out`.

    bars: a long-format DataFrame with the bars CSV's columns (timestamp, open, high, low, close,
    volume, symbol); config: a dict with the JSON configuration's keys (None: the defaults);
    reference: a second vendor's bars for the same symbols. data_note describes the data in the
    archive's report (`embargo run` writes "User data: <file>."); out=None runs the job without
    writing an archive (run_id is then empty). Returns Results(run_id,
    complete, symbols: one row per symbol (status, model, tier, flags, reasons), models: one
    row per symbol and model with its metrics, archive: the folder)."""
    if config is None:
        config = {}
    if not isinstance(config, dict):
        raise ValueError("config: expected a dict with the JSON configuration's keys")
    text = json.dumps(config)
    sym = P.symbol_tuples(bars)
    ref = P.symbol_tuples(reference) if reference is not None else None
    note = data_note if data_note is not None else "User data: pandas DataFrame."
    r = _embargo.research(sym, text, "" if out is None else os.fspath(out), ref, note,
                          -1 if threads is None else int(threads))
    symbols, models = _frames(r)
    return Results(r["run_id"], r["complete"], symbols, models, None if out is None else os.fspath(out))


def _frames(r):
    """The per-symbol and per-model tables of a run's results."""
    symbols = pd.DataFrame(r["symbols"], columns=["symbol", "status", "model", "tier", "flags", "reasons"])
    return symbols, pd.DataFrame(r["models"])
