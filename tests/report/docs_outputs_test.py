#!/usr/bin/env python3
"""Docs that cannot drift: every sample output in README.md and docs/*.md that is marked

    <!-- output-of: embargo <arguments> -->
    ```
    <what the program prints>
    ```

(the HTML comment right above the fenced block; it does not show when the Markdown is rendered)
is compared with what the program prints now. `embargo` is the tool under test; `$TMP` in the
arguments is a fresh temporary folder, written as `$TMP` in the output too. Normalisation, so that
only what varies between runs is ignored:
- run ids (20240101_120000_123456, maybe with -N) become <run id>;
- ISO 8601 times with fractional seconds (a run's creation time) become <time>;
- a wall time at the end of a line ("; 0.1 s") becomes "<t> s";
- trailing spaces are dropped, and so are blank lines at the ends.
A block that differs fails the test with a diff; so does a README or tutorial without any marked
block (the check would pass vacuously).
"""
import argparse
import difflib
import glob
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile

MARK = re.compile(r"^<!-- output-of: (embargo\b.*?) -->\s*$")


def normalise(text, tmp):
    text = text.replace(tmp, "$TMP")
    text = re.sub(r"\b\d{8}_\d{6}_\d{6}(-\d+)?\b", "<run id>", text)
    text = re.sub(r"\b\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d+Z", "<time>", text)
    text = re.sub(r"\b\d+(\.\d+)? s$", "<t> s", text, flags=re.M)
    lines = [l.rstrip() for l in text.splitlines()]
    while lines and not lines[0]:
        lines.pop(0)
    while lines and not lines[-1]:
        lines.pop()
    return lines


def blocks(path):
    """(line number, command, expected lines) of each marked block."""
    with open(path, encoding="utf-8") as f:
        lines = f.read().splitlines()
    out = []
    for i, line in enumerate(lines):
        m = MARK.match(line)
        if not m:
            continue
        if i + 1 >= len(lines) or not lines[i + 1].startswith("```"):
            raise SystemExit("FAIL: %s:%d: an output-of mark must be right above a fenced block" % (path, i + 1))
        j = i + 2
        while j < len(lines) and not lines[j].startswith("```"):
            j += 1
        out.append((i + 1, m.group(1), lines[i + 2:j]))
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--tool", required=True)
    ap.add_argument("--root", required=True)
    a = ap.parse_args()
    a.tool = os.path.abspath(a.tool)  # the commands run in a temporary folder
    files = [os.path.join(a.root, "README.md")] + sorted(glob.glob(os.path.join(a.root, "docs", "*.md")))
    failures, checked, per_file = [], 0, {}
    for path in files:
        for line, command, expected in blocks(path):
            tmp = tempfile.mkdtemp(prefix="embargo-docs-")
            try:
                args = shlex.split(command.replace("$TMP", tmp))
                r = subprocess.run([a.tool] + args[1:], capture_output=True, text=True, timeout=600, cwd=tmp)
                got = normalise(r.stdout, tmp)
            finally:
                shutil.rmtree(tmp, ignore_errors=True)
            rel = os.path.relpath(path, a.root)
            checked += 1
            per_file[rel] = per_file.get(rel, 0) + 1
            if r.returncode != 0:
                failures.append("%s:%d: `%s` exited with %d: %s" % (rel, line, command, r.returncode, r.stderr.strip()))
            elif got != normalise("\n".join(expected), tmp):
                diff = "\n".join(difflib.unified_diff(normalise("\n".join(expected), tmp), got, "documented", "printed now",
                                                      lineterm=""))
                failures.append("%s:%d: `%s` prints something else now; update the doc:\n%s" % (rel, line, command, diff))
    for needed in ("README.md", os.path.join("docs", "tutorial.md")):
        if needed not in per_file:
            failures.append("%s has no block marked <!-- output-of: ... -->: nothing of it is checked" % needed)
    for f in failures:
        print("FAIL: " + f)
    print("checked %d sample outputs (%s)" % (checked, ", ".join("%s: %d" % kv for kv in sorted(per_file.items()))))
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
