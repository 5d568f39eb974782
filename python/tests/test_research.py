"""embargo.research: the research job on a DataFrame, its results as DataFrames, and the archive
`embargo run` writes for the same bars and configuration (compared file by file, run ids and
timestamps aside, when the build has the tool: EMBARGO_TOOL)."""
import json
import os
import re
import subprocess
import tempfile
import unittest

import numpy as np

import embargo

TOOL = os.environ.get("EMBARGO_TOOL", "")
# What legitimately differs between two runs: the run id (a timestamp), wall-clock fields, and a
# model file's checksum, which covers its "created" time.
_VOLATILE = [re.compile(p) for p in (r"\d{8}_\d{6}_\d{6}", r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z?",
                                     r'"(seconds|elapsed_seconds|wall_seconds|started|finished|created)": [^,}\n]+',
                                     r'"checksum": "fnv1a64:[0-9a-f]+"')]


def normalised(path):
    with open(path, encoding="utf-8", errors="replace") as f:
        text = f.read()
    for p in _VOLATILE:
        text = p.sub("<volatile>", text)
    return text


def run_folder(archive):
    runs = [d for d in os.listdir(archive) if re.fullmatch(r"\d{8}_\d{6}_\d{6}", d)]
    assert len(runs) == 1, runs
    return os.path.join(archive, runs[0])


class Research(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        cls.market = embargo.simulate_market(n_symbols=3, n_bars=800, seed=5)
        cls.csv = os.path.join(cls.tmp.name, "bars.csv")
        bars = cls.market.bars.assign(timestamp=cls.market.bars["timestamp"].dt.strftime("%Y-%m-%d"))
        bars.to_csv(cls.csv, index=False)
        cls.config = {"threads": 1, "seed": 3}
        cls.out = os.path.join(cls.tmp.name, "py")
        cls.res = embargo.research(cls.market.bars, cls.config, cls.out, data_note=f"User data: {cls.csv}.")

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def test_results_as_data_frames(self):
        r = self.res
        self.assertTrue(r.complete)
        self.assertEqual(list(r.symbols["symbol"]), list(self.market.beta.index))
        self.assertTrue(set(r.symbols["status"]) <= {"trained", "excluded", "failed"})
        trained = r.symbols[r.symbols["status"] == "trained"]
        self.assertGreater(len(trained), 0)
        self.assertTrue(set(trained["tier"]) <= {"APPROVED", "REVIEW", "DROP"})
        for col in ("symbol", "model", "candidate", "sharpe", "fitness"):
            self.assertIn(col, r.models.columns)
        # One candidate per trained symbol, and it is the symbol table's model.
        cands = r.models[r.models["candidate"]]
        self.assertEqual(sorted(cands["symbol"]), sorted(trained["symbol"]))
        for _, row in trained.iterrows():
            self.assertEqual(cands.set_index("symbol").loc[row["symbol"], "model"], row["model"])
        with open(os.path.join(run_folder(self.out), "summary.json")) as f:
            summary = json.load(f)
        self.assertIn(r.run_id, json.dumps(summary) + run_folder(self.out))

    def test_same_archive_as_embargo_run(self):
        if not TOOL:
            self.skipTest("the embargo tool is not built (EMBARGO_BUILD_TOOLS=OFF)")
        cfg = os.path.join(self.tmp.name, "config.json")
        with open(cfg, "w") as f:
            json.dump(self.config, f)
        cli = os.path.join(self.tmp.name, "cli")
        subprocess.run([TOOL, "run", "--config", cfg, "--data", self.csv, "--out", cli], check=True,
                       stdout=subprocess.DEVNULL)
        a, b = run_folder(self.out), run_folder(cli)
        files_a = sorted(os.path.relpath(os.path.join(d, f), a) for d, _, fs in os.walk(a) for f in fs)
        files_b = sorted(os.path.relpath(os.path.join(d, f), b) for d, _, fs in os.walk(b) for f in fs)
        self.assertEqual(files_a, files_b)
        self.assertIn("summary.json", files_a)
        for f in files_a:
            self.assertEqual(normalised(os.path.join(a, f)), normalised(os.path.join(b, f)), f)

    def test_bad_configuration_and_bars(self):
        with self.assertRaisesRegex(ValueError, "no_such_key"):
            embargo.research(self.market.bars, {"no_such_key": 1}, os.path.join(self.tmp.name, "bad"))
        bad = self.market.bars.copy()
        bad.loc[7, "close"] = -1.0
        with self.assertRaisesRegex(ValueError, "close is not a finite positive price"):
            embargo.research(bad, {}, os.path.join(self.tmp.name, "bad"))
        with self.assertRaisesRegex(ValueError, "missing column 'volume'"):
            embargo.research(self.market.bars.drop(columns="volume"), {}, os.path.join(self.tmp.name, "bad"))
        self.assertIn("validation", embargo.default_config())


if __name__ == "__main__":
    unittest.main()
