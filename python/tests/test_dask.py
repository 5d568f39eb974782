"""embargo.dask.research on a LocalCluster of 2 worker processes: the archive of one process
(compared file by file, run ids and timestamps aside); a worker killed in the middle of a task is
replaced and its task rescheduled, so the archive is still complete and correct; a task that
kills every worker that runs it ends in an error and no archive at all."""
import os
import tempfile
import unittest

import embargo

try:
    import dask
    from dask.distributed import Client, LocalCluster
    import embargo.dask as edask
except ImportError:  # pragma: no cover - the README's test command installs python3-distributed
    edask = None

from test_research import normalised, run_folder

KILL_ONCE = "EMBARGO_TEST_KILL_ONCE"  # a marker file: the first task on symbol 1 kills its worker
KILL_ALWAYS = "EMBARGO_TEST_KILL_ALWAYS"  # a marker file: while it exists, every task on symbol 1 kills its worker


def killing_compute(symbols, positions, config_text, reference, threads):
    """embargo.dask's task, but the worker process dies (os._exit: no cleanup, as a killed
    process) when it starts symbol 1 for the first time, or every time while KILL_ALWAYS exists.
    The markers are files, since a replaced worker starts with the environment of the cluster's start."""
    if 1 in positions:
        once, always = os.environ.get(KILL_ONCE, ""), os.environ.get(KILL_ALWAYS, "")
        if (always and os.path.exists(always)) or (once and not os.path.exists(once)):
            if once and not os.path.exists(once):
                open(once, "w").close()
            os._exit(9)
    return _real_compute(symbols, positions, config_text, reference, threads)


_real_compute = edask._compute if edask is not None else None


def archive_files(archive):
    run = run_folder(archive)
    out = {}
    for root, _, files in os.walk(run):
        for f in files:
            p = os.path.join(root, f)
            out[os.path.relpath(p, run)] = normalised(p)
    return out


@unittest.skipIf(edask is None, "dask.distributed is not installed (python3-distributed)")
class DaskResearch(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        os.environ[KILL_ONCE] = os.path.join(cls.tmp.name, "killed-once")
        os.environ[KILL_ALWAYS] = os.path.join(cls.tmp.name, "kill-always")
        dask.config.set({"distributed.scheduler.allowed-failures": 2})
        cls.cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None)
        cls.client = Client(cls.cluster)
        cls.market = embargo.simulate_market(n_symbols=5, n_bars=800, seed=5)
        cls.config = {"threads": 1, "seed": 3}
        cls.one = os.path.join(cls.tmp.name, "one")
        cls.res1 = embargo.research(cls.market.bars, cls.config, cls.one)

    @classmethod
    def tearDownClass(cls):
        cls.client.close()
        cls.cluster.close()
        cls.tmp.cleanup()

    def tearDown(self):
        edask._compute = _real_compute
        if os.path.exists(os.environ[KILL_ALWAYS]):
            os.remove(os.environ[KILL_ALWAYS])

    def check_same_as_one_process(self, res, out):
        self.assertEqual(res.complete, self.res1.complete)
        self.assertTrue(res.symbols.equals(self.res1.symbols))
        self.assertTrue(res.models.equals(self.res1.models))
        one, other = archive_files(self.one), archive_files(out)
        self.assertEqual(sorted(one), sorted(other))
        for f in one:
            self.assertEqual(one[f], other[f], f)

    def test_same_archive_as_one_process(self):
        for per_task in (1, 2):
            out = os.path.join(self.tmp.name, f"dask-{per_task}")
            res = edask.research(self.market.bars, self.config, self.client, out, symbols_per_task=per_task, timeout=300)
            self.check_same_as_one_process(res, out)

    def test_a_killed_worker_is_replaced_and_its_task_rescheduled(self):
        edask._compute = killing_compute
        out = os.path.join(self.tmp.name, "killed")
        res = edask.research(self.market.bars, self.config, self.client, out, timeout=300)
        self.assertTrue(os.path.exists(os.environ[KILL_ONCE]), "no worker was killed")
        self.check_same_as_one_process(res, out)

    def test_a_task_that_always_dies_leaves_no_archive(self):
        edask._compute = killing_compute
        open(os.environ[KILL_ALWAYS], "w").close()
        out = os.path.join(self.tmp.name, "always")
        with self.assertRaises(Exception) as caught:
            edask.research(self.market.bars, self.config, self.client, out, timeout=300)
        self.assertIn("KilledWorker", type(caught.exception).__name__ + repr(caught.exception))
        self.assertFalse(os.path.exists(out) and os.listdir(out), "an archive was written")

    def test_bad_input_is_a_value_error_before_any_task(self):
        with self.assertRaises(ValueError):
            edask.research(self.market.bars, {"labels": {"pt": -1}}, self.client, None)
        with self.assertRaises(ValueError):
            edask.research(self.market.bars, self.config, self.client, None, symbols_per_task=0)


if __name__ == "__main__":
    unittest.main()
