#!/usr/bin/env python3
"""`mpirun -np K embargo run` writes the archive `embargo run` writes on one process.

Every file of the run folder, decisions.jsonl and registry.json are compared after the run id,
ISO timestamps, durations and the model files' checksums (which cover their timestamps) are
masked; stdout's table must be identical. Also: ranks that read different bars fail on every
rank with a clear message and write no run; --dry-run prints the plan once; an --out that is a
file is refused once. Every process is bounded by a timeout.
"""
import argparse
import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

TIMEOUT = 300


def run(cmd, cwd):
    p = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, timeout=TIMEOUT)
    return p.returncode, p.stdout, p.stderr


def masked(text, run_id):
    text = text.replace(run_id, "RUN")
    text = re.sub(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z", "TIME", text)
    text = re.sub(r"\d{8}_\d{6}_\d{6}", "RUN", text)
    text = re.sub(r'"checksum": ?"fnv1a64:[0-9a-f]+"', '"checksum": "C"', text)
    text = re.sub(r'"duration_seconds": ?[0-9.e+-]+', '"duration_seconds": D', text)
    return text


def run_folder(archive):
    runs = [p for p in Path(archive).iterdir() if p.is_dir() and re.fullmatch(r"\d{8}_\d{6}_\d{6}", p.name)]
    assert len(runs) == 1, f"{archive}: expected one run, found {runs}"
    return runs[0]


def archive_view(archive):
    run = run_folder(archive)
    files = {}
    for f in sorted(run.rglob("*")):
        if f.is_file():
            files[str(f.relative_to(run))] = masked(f.read_text(), run.name)
    for name in ("decisions.jsonl", "registry.json"):
        files[name] = masked((Path(archive) / name).read_text(), run.name)
    return files


def table(stdout):
    return [line for line in stdout.splitlines() if not line.startswith("run ")]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--tool", required=True)
    ap.add_argument("--mpirun", required=True)
    args = ap.parse_args()
    tool = args.tool
    failures = []

    def check(ok, what):
        print(("ok   " if ok else "FAIL ") + what)
        if not ok:
            failures.append(what)

    def mpi(np_, *rest, cwd):
        return run([args.mpirun, "--oversubscribe", "--allow-run-as-root", "-np", str(np_), tool, *rest], cwd)

    with tempfile.TemporaryDirectory() as d:
        rc, _, err = run([tool, "simulate", "--symbols", "5", "--bars", "1500", "--seed", "3", "--faults", "gaps,spikes",
                          "--out", "bars.csv"], d)
        assert rc == 0, err
        rc, _, err = run([tool, "simulate", "--symbols", "5", "--bars", "1500", "--seed", "4", "--out", "other.csv"], d)
        assert rc == 0, err
        # CPCV with regime processing and three models: the richest results to ship.
        Path(d, "cpcv.json").write_text(json.dumps({"validation": {"method": "cpcv"}, "regimes": {"enabled": True},
                                                    "models": {"use": ["logit", "ridge", "consensus"]}}))

        for config in (None, "cpcv.json"):
            extra = ["--config", config] if config else []
            name = config or "defaults"
            rc, out1, err = run([tool, "run", "--data", "bars.csv", "--out", f"one-{name}", *extra], d)
            check(rc == 0, f"{name}: one process exits 0 ({err.strip()})")
            view1 = archive_view(Path(d, f"one-{name}"))
            for np_ in (2, 3):
                rc, out, err = mpi(np_, "run", "--data", "bars.csv", "--out", f"np{np_}-{name}", *extra, cwd=d)
                check(rc == 0, f"{name}: mpirun -np {np_} exits 0 ({err.strip()[-400:]})")
                if rc:
                    continue
                check(table(out) == table(out1), f"{name}: mpirun -np {np_} prints the same table, once")
                view = archive_view(Path(d, f"np{np_}-{name}"))
                check(sorted(view) == sorted(view1), f"{name}: mpirun -np {np_} writes the same files")
                differing = [f for f in view1 if view.get(f) != view1[f]]
                check(not differing, f"{name}: mpirun -np {np_}: every file equal but timestamps (differ: {differing})")

        # Ranks that read different bars: an MPMD launch gives each rank its own --data.
        rc, out, err = run([args.mpirun, "--oversubscribe", "--allow-run-as-root", "-np", "1", tool, "run", "--data", "bars.csv",
                            "--out", "mixed", ":", "-np", "1", tool, "run", "--data", "other.csv", "--out", "mixed"], d)
        check(rc != 0, "ranks reading different bars: non-zero exit")
        check("read other bars or another configuration than rank 0" in err, "... with the message naming it")
        runs = [p for p in Path(d, "mixed").iterdir()] if Path(d, "mixed").exists() else []
        check(not any(re.fullmatch(r"\d{8}_\d{6}_\d{6}", p.name) for p in runs), "... and no run archived")

        rc, out, err = mpi(2, "run", "--data", "bars.csv", "--out", "dry", "--dry-run", cwd=d)
        check(rc == 0, f"--dry-run under mpirun exits 0 ({err.strip()})")
        _, one, _ = run([tool, "run", "--data", "bars.csv", "--out", "dry", "--dry-run"], d)
        check(out == one and one != "", "--dry-run under mpirun prints the plan of one process, once")
        check(not Path(d, "dry").exists(), "--dry-run under mpirun creates nothing")

        Path(d, "afile").write_text("x")
        rc, out, err = mpi(2, "run", "--data", "bars.csv", "--out", "afile", cwd=d)
        check(rc != 0 and err.count("is a file, not an archive folder") == 1,
              f"--out naming a file: refused once by rank 0 (rc {rc}, stderr {err.strip()[-300:]})")

    if failures:
        print(f"{len(failures)} check(s) failed", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
