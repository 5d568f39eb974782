#!/usr/bin/env python3
"""Runs every case of docs/errors.md against the embargo program.

A case is a table row of docs/errors.md whose first cell is a command in backticks:
    | `embargo simulate --bars 0` | 2 | `--bars` |
The command runs (no shell; words split like a shell would) in a folder holding the fixtures that
docs/errors.md lists, with stdin closed and a time limit. It must exit with the given status; for a
non-zero status, stderr must be exactly one line, contain the expected text and never say
"internal error". After the cases, the special files the cases wrote to must still be what they
were (a FIFO, a symbolic link, /dev/null).
"""
import argparse
import json
import os
import re
import shlex
import stat
import subprocess
import sys
import tempfile
import threading

ROW = re.compile(r"^\|\s*`(embargo [^`]*)`\s*\|\s*(\d+)\s*\|\s*`([^`]*)`\s*\|")


def cases(doc_path):
    out = []
    with open(doc_path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            m = ROW.match(line)
            if m:
                out.append((n, m.group(1), int(m.group(2)), m.group(3)))
    return out


def write(path, data):
    with open(path, "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode())


def make_fixtures(tool, d):
    def run(*args):
        subprocess.run([tool, *args], cwd=d, check=True, stdout=subprocess.DEVNULL)

    run("simulate", "--symbols", "2", "--bars", "300", "--out", "bars.csv")
    run("simulate", "--symbols", "1", "--bars", "300", "--out", "one.csv")
    one = open(os.path.join(d, "one.csv"), encoding="utf-8").read().splitlines()
    header, rows = one[0], one[1:]

    def bars_with(i, col, value):  # one.csv with field `col` of row i replaced
        r = rows[:]
        f = r[i].split(",")
        f[col] = value
        r[i] = ",".join(f)
        return "\n".join([header] + r) + "\n"

    write(os.path.join(d, "nan.csv"), bars_with(10, 5, "nan"))
    write(os.path.join(d, "negative.csv"), bars_with(10, 5, "-3"))
    r = rows[:]
    r[11] = r[10]
    write(os.path.join(d, "duplicate.csv"), "\n".join([header] + r) + "\n")
    r = rows[:]
    r[10], r[11] = r[11], r[10]
    write(os.path.join(d, "unsorted.csv"), "\n".join([header] + r) + "\n")
    write(os.path.join(d, "latin1.csv"), ("\n".join([header] + rows) + "\n").replace("SIM000", "SIM\xe9").encode("latin-1"))
    write(os.path.join(d, "nul.csv"), ("\n".join([header] + rows) + "\n").replace("SIM000", "SIM\x00X"))
    huge = [",".join(f if i < 2 or i == 6 else repr(float(f) * 1e300) for i, f in enumerate(x.split(","))) for x in rows]
    write(os.path.join(d, "huge.csv"), "\n".join([header] + huge) + "\n")
    write(os.path.join(d, "empty.csv"), "")
    write(os.path.join(d, "short.csv"), "\n".join([header] + rows[:5]) + "\n")
    os.mkdir(os.path.join(d, "folder"))
    write(os.path.join(d, "afile"), "not a folder\n")

    events = "t0,t1\n" + "".join(f"{t},{t + 5}\n" for t in range(0, 290, 5))
    write(os.path.join(d, "events.csv"), events)
    write(os.path.join(d, "events_unsorted.csv"), "t0,t1\n10,15\n5,9\n")
    write(os.path.join(d, "events_backwards.csv"), "t0,t1\n10,8\n")
    write(os.path.join(d, "events_far.csv"), "t0,t1\n0,100000000000\n")
    write(os.path.join(d, "events_nan.csv"), "t0,t1\n0,nan\n")
    write(os.path.join(d, "returns.csv"), "ret\n" + "".join(f"{((i * 37) % 11 - 5) / 1000}\n" for i in range(100)))
    write(os.path.join(d, "returns_text.csv"), "ret\n0.01\nabc\n")
    write(os.path.join(d, "summary.json"), json.dumps({"models": [{"symbol": "A", "fitness": 0.8, "profit_factor": 1.5}]}))

    def cfg(name, text):
        write(os.path.join(d, name), text)

    cfg("cfg_overflow.json", '{"labels": {"pt": 1e400}}')
    cfg("cfg_duplicate.json", '{"threads": 1, "threads": 2}')
    cfg("cfg_threads.json", '{"threads": 100000}')
    cfg("cfg_unknown.json", '{"labels": {"pt": 1, "ptt": 2}}')
    cfg("cfg_type.json", '{"labels": {"pt": "wide"}}')
    cfg("cfg_negative_pt.json", '{"labels": {"pt": -1}}')
    cfg("cfg_spread.json", '{"costs": {"spread": -0.001}}')
    cfg("cfg_folder.json", '{"data": "folder"}')
    cfg("cfg_missing_data.json", '{"data": "nowhere.csv"}')
    cfg("cfg_truncated.json", '{"labels": {"pt": 1')
    cfg("cfg_not_object.json", '[1, 2]')
    cfg("cfg_method.json", '{"validation": {"method": "kfold"}}')
    cfg("cfg_latin1.json", b'{"data": "bars\xe9.csv"}')

    os.mkfifo(os.path.join(d, "pipe"))
    write(os.path.join(d, "target.csv"), "old\n")
    os.symlink("target.csv", os.path.join(d, "link.csv"))


def drain_fifo(path, stop):
    # The cases that write into the FIFO need a reader, or opening it would block.
    while not stop.is_set():
        try:
            fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
        except OSError:
            return
        try:
            while not stop.is_set():
                try:
                    if not os.read(fd, 65536):
                        stop.wait(0.01)
                except BlockingIOError:
                    stop.wait(0.01)
        finally:
            os.close(fd)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--tool", required=True)
    ap.add_argument("--doc", required=True)
    a = ap.parse_args()
    tool = os.path.abspath(a.tool)
    all_cases = cases(a.doc)
    failures = []
    with tempfile.TemporaryDirectory(prefix="embargo-errors-") as d:
        make_fixtures(tool, d)
        stop = threading.Event()
        reader = threading.Thread(target=drain_fifo, args=(os.path.join(d, "pipe"), stop), daemon=True)
        reader.start()
        for line, command, status, expected in all_cases:
            argv = shlex.split(command)
            argv[0] = tool
            try:
                p = subprocess.run(argv, cwd=d, stdin=subprocess.DEVNULL, capture_output=True, timeout=120)
            except subprocess.TimeoutExpired:
                failures.append(f"docs/errors.md:{line}: `{command}` did not finish in 120 s")
                continue
            err = p.stderr.decode("utf-8", "replace")
            problems = []
            if p.returncode != status:
                problems.append(f"exit {p.returncode}, expected {status}")
            if status != 0:
                if err.count("\n") != 1:
                    problems.append("stderr is not exactly one line")
                if expected not in err:
                    problems.append(f"stderr lacks '{expected}'")
                if "internal error" in err:
                    problems.append("reported as an internal error")
            if problems:
                failures.append(f"docs/errors.md:{line}: `{command}`: {'; '.join(problems)}; stderr: {err.strip()[:300]}")
        stop.set()
        nodes = {"pipe": stat.S_ISFIFO, "link.csv": stat.S_ISLNK}
        for name, is_kind in nodes.items():
            if not is_kind(os.lstat(os.path.join(d, name)).st_mode):
                failures.append(f"{name} was replaced by a regular file")
        if not stat.S_ISCHR(os.lstat("/dev/null").st_mode):
            failures.append("/dev/null is no longer a character device")
    print(f"errors catalogue: {len(all_cases)} cases, {len(failures)} failed")
    for f in failures:
        print("  " + f)
    if len(all_cases) < 60:
        print("errors catalogue: fewer than 60 cases found; is the table format intact?")
        return 1
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
