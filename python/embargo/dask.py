"""The research job on a Dask cluster: embargo.dask.research(bars, config, client, out).

Each Dask task computes a group of symbols (only their bars travel to the worker) and returns
each symbol's result as bytes (include/embargo/research/shipping.hpp: every double as its bits).
The client then concludes all of them at once: the deflated Sharpe over every trial, each
symbol's candidate, the gate. It writes one archive, the archive embargo.research() writes on one
process (timestamps aside).

The archive is written only after every task has returned. A worker that dies mid-run has its
tasks rescheduled by Dask. A task that cannot finish (it failed more than the scheduler's
allowed_failures, or raised) raises here before anything is written, so no partial archive is
ever marked complete. `import embargo.dask` needs dask.distributed; `import embargo` does not.
"""
import json
import os

from . import _embargo
from . import _pandas as P
from .research import Results, _frames

__all__ = ["research"]


def _compute(symbols, positions, config_text, reference, threads):
    """One task: the symbols' results as bytes (runs on a worker)."""
    return _embargo.research_symbols(symbols, positions, config_text, reference, threads)


def research(bars, config=None, client=None, out="embargo-run", reference=None, data_note=None, symbols_per_task=1,
             threads_per_task=1, timeout=None):
    """Runs the research job with its per-symbol work as Dask tasks on `client`'s cluster and archives it in `out`.

    bars, config, reference, data_note, out: as embargo.research(). client: a
    dask.distributed.Client (None: the current default client). symbols_per_task: symbols
    computed by one task (more: fewer, larger tasks). threads_per_task: threads a task uses for
    its symbols (1 suits one thread per Dask worker thread). timeout: seconds to wait for every
    task (None: no limit); past it, TimeoutError and no archive. Returns what embargo.research() returns.
    """
    from dask.distributed import default_client, wait  # imported here: only this module needs dask

    if config is None:
        config = {}
    if not isinstance(config, dict):
        raise ValueError("config: expected a dict with the JSON configuration's keys")
    if not isinstance(symbols_per_task, int) or isinstance(symbols_per_task, bool) or symbols_per_task < 1:
        raise ValueError(f"symbols_per_task: expected an integer >= 1, got {symbols_per_task!r}")
    if not isinstance(threads_per_task, int) or isinstance(threads_per_task, bool) or not 1 <= threads_per_task <= 1024:
        raise ValueError(f"threads_per_task: expected an integer in [1, 1024], got {threads_per_task!r}")
    if timeout is not None and not (isinstance(timeout, (int, float)) and not isinstance(timeout, bool) and timeout > 0):
        raise ValueError(f"timeout: expected seconds > 0 or None, got {timeout!r}")
    client = client if client is not None else default_client()
    text = json.dumps(config)
    sym = P.symbol_tuples(bars)
    ref = P.symbol_tuples(reference) if reference is not None else None
    ref_of = {t[0]: t for t in ref} if ref is not None else None
    note = data_note if data_note is not None else "User data: pandas DataFrame."
    _embargo.research_symbols([], [], text, None, 1)  # the configuration is checked before any task starts

    futures = []
    for start in range(0, len(sym), symbols_per_task):
        group = sym[start:start + symbols_per_task]
        positions = list(range(start, start + len(group)))
        group_ref = [ref_of[t[0]] for t in group if t[0] in ref_of] if ref_of is not None else None
        futures.append(client.submit(_compute, group, positions, text, group_ref, threads_per_task, pure=False))
    if timeout is not None:
        wait(futures, timeout=timeout)  # raises TimeoutError (dask's) when a task is not done in time
    shipped = [b for part in client.gather(futures) for b in part]
    r = _embargo.research_conclude(sym, shipped, text, "" if out is None else os.fspath(out), ref, note)
    symbols, models = _frames(r)
    return Results(r["run_id"], r["complete"], symbols, models, None if out is None else os.fspath(out))
