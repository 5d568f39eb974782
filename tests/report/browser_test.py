#!/usr/bin/env python3
"""The demo's HTML tear sheet (report.html) rendered in headless Chromium.

Runs `embargo demo` into a temporary archive, then checks that:
- the page is self-contained: no script, no http(s) URL but the SVG namespace, no src= or href=,
  no url() but to a pattern in the page, no @import or @font-face;
- Chromium loads it with no console message and no network request: the browser runs with a
  proxy that refuses every connection and writes a NetLog, and a request made by the page (its
  network isolation key is file://) fails the test; Chromium's own housekeeping requests (update
  checks, with no page origin) are not the page's and are ignored;
- every chart and table is in the DOM Chromium parsed, counted by id, one set per trained symbol;
- a screenshot is not blank (Pillow: size, grey-level spread, share of non-white pixels).
A control page with an external image and a console.error must be caught by the same checks,
so the checks cannot pass vacuously. Where Chromium or Pillow is missing the test says so and
fails: scripts/install-deps.sh --tests (the README's test command) installs both.
"""
import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

TIMEOUT = 120  # seconds per Chromium run


def fail(msg):
    print("FAIL: " + msg)
    sys.exit(1)


def chromium_command():
    for name in ("chromium", "chromium-browser"):
        path = shutil.which(name)
        if path:
            return path
    fail("Chromium is not installed (Debian package `chromium`; scripts/install-deps.sh --tests installs it), "
         "so the HTML report cannot be checked in a browser")


def run_chromium(browser, url, work, tag, extra):
    """Runs headless Chromium on url; returns (stdout, stderr, page requests)."""
    profile = tempfile.mkdtemp(prefix="profile-", dir=work)  # private, never the user's
    netlog = os.path.join(work, tag + "-netlog.json")
    cmd = [browser, "--headless", "--disable-gpu", "--no-first-run", "--no-default-browser-check",
           "--user-data-dir=" + profile, "--enable-logging=stderr", "--v=0",
           "--proxy-server=127.0.0.1:9", "--proxy-bypass-list=<-loopback>",  # any request fails
           "--disable-background-networking", "--disable-component-update", "--disable-sync",
           "--disable-extensions", "--disable-default-apps", "--log-net-log=" + netlog] + extra + [url]
    if os.geteuid() == 0:
        cmd.insert(1, "--no-sandbox")  # Chromium refuses to run its sandbox as root
    try:
        r = subprocess.run(cmd, capture_output=True, text=True, timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        fail("Chromium did not finish within %d s on %s" % (TIMEOUT, url))
    if r.returncode != 0:
        fail("Chromium exited with %d on %s:\n%s" % (r.returncode, url, r.stderr[-3000:]))
    with open(netlog, encoding="utf-8") as f:
        log = json.load(f)
    types = {v: k for k, v in log["constants"]["logEventTypes"].items()}
    requests = set()
    for e in log["events"]:
        p = e.get("params") or {}
        if types.get(e["type"]) == "URL_REQUEST_START_JOB" and "url" in p:
            key = p.get("network_isolation_key", "") + " " + p.get("site_for_cookies", "")
            if "file://" in key:  # made on behalf of the page
                requests.add(p["url"])
    return r.stdout, r.stderr, sorted(requests)


def console_lines(stderr):
    return [l for l in stderr.splitlines() if ":CONSOLE" in l]


def static_problems(html):
    problems = []
    if re.search(r"<script", html, re.I):
        problems.append("a <script> element")
    for url in re.findall(r"(?:https?|ftp|wss?)://[^\s\"'<>)]*", html, re.I):
        if url != "http://www.w3.org/2000/svg":
            problems.append("a URL " + url)
    for attr in re.findall(r"\s(?:src|href|srcset|xlink:href)\s*=", html, re.I):
        problems.append("an attribute" + attr)
    for u in re.findall(r"url\(([^)]*)\)", html):
        if not u.startswith("#"):
            problems.append("url(" + u + ")")
    if re.search(r"@import|@font-face", html, re.I):
        problems.append("@import or @font-face")
    return problems


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--tool", required=True)
    ap.add_argument("--screenshot-out", help="also keep the screenshot here (docs/img)")
    a = ap.parse_args()
    browser = chromium_command()
    try:
        from PIL import Image, ImageStat
    except ImportError:
        fail("Pillow is not installed for %s (Debian package python3-pil; scripts/install-deps.sh --tests "
             "installs it), so the screenshot cannot be checked" % sys.executable)

    work = tempfile.mkdtemp(prefix="embargo-browser-")
    try:
        # The control: the checks must see a request and a console message where there are some.
        control = os.path.join(work, "control.html")
        with open(control, "w") as f:
            f.write('<!DOCTYPE html><p>control</p><img src="http://example.invalid/x.png">'
                    '<script>console.error("control message")</script>')
        _, err, reqs = run_chromium(browser, "file://" + control, work, "control", ["--dump-dom"])
        if not reqs or not console_lines(err):
            fail("the control page's request (%s) or console message (%s) was not seen: the checks below would "
                 "pass vacuously" % (reqs, console_lines(err)))

        archive = os.path.join(work, "archive")
        r = subprocess.run([a.tool, "demo", "--out", archive], capture_output=True, text=True, timeout=600)
        if r.returncode != 0:
            fail("embargo demo exited with %d: %s" % (r.returncode, r.stderr))
        runs = sorted(d for d in os.listdir(archive) if d[:1].isdigit())
        if len(runs) != 1:
            fail("expected one run in %s, found %s" % (archive, runs))
        run_dir = os.path.join(archive, runs[0])
        page = os.path.join(run_dir, "report.html")
        with open(page, encoding="utf-8") as f:
            html = f.read()
        with open(os.path.join(run_dir, "recommendations.md"), encoding="utf-8") as f:
            if "(report.html)" not in f.read():
                fail("recommendations.md does not link to report.html")
        # `embargo report` rebuilds the same page from the run folder.
        again = os.path.join(work, "again.html")
        r = subprocess.run([a.tool, "report", "--archive", archive, "--out", again], capture_output=True, text=True,
                           timeout=300)
        if r.returncode != 0:
            fail("embargo report exited with %d: %s" % (r.returncode, r.stderr))
        with open(again, encoding="utf-8") as f:
            if f.read() != html:
                fail("embargo report wrote a page different from the run's report.html")

        problems = static_problems(html)
        if problems:
            fail("report.html is not self-contained: " + "; ".join(problems[:10]))

        with open(os.path.join(run_dir, "summary.json"), encoding="utf-8") as f:
            summary = json.load(f)
        trained = [s for s in summary["symbols"] if s.get("kept") and "candidate" in s]
        if not trained:
            fail("the demo trained no symbol: nothing to check")
        expected = ["tier-counts", "psr", "dsr", "fitness-history", "tier-table", "candidates", "gate-criteria",
                    "integrity", "run-meta"]
        for k in range(min(len(trained), 50)):
            expected += ["%s-%d" % (c, k) for c in ("equity", "underwater", "rolling-sharpe", "monthly-returns",
                                                     "regimes", "splits")]

        dom, err, reqs = run_chromium(browser, "file://" + page, work, "dom", ["--dump-dom"])
        if reqs:
            fail("the page made network requests: " + ", ".join(reqs))
        if console_lines(err):
            fail("console messages: " + "\n".join(console_lines(err)))
        ids = set(re.findall(r"\sid=\"([^\"]+)\"", dom))
        missing = [i for i in expected if i not in ids]
        if missing:
            fail("not in the DOM Chromium parsed: " + ", ".join(missing))
        charts = re.findall(r"<svg[^>]*\sid=\"([^\"]+)\"", dom)
        empty = re.findall(r"class=\"empty\">([^<]*)<", dom)
        print("report.html: %d bytes, %d charts (SVG elements with an id, panels included), %d trained symbols, "
              "%d empty-chart messages %s" % (len(html.encode()), len(charts), len(trained), len(empty), sorted(set(empty))))

        shot = os.path.join(work, "report.png")
        _, err, reqs = run_chromium(browser, "file://" + page, work, "shot",
                                    ["--screenshot=" + shot, "--window-size=1280,2000", "--hide-scrollbars"])
        if reqs or console_lines(err):
            fail("screenshot run: requests %s, console %s" % (reqs, console_lines(err)))
        img = Image.open(shot)
        if img.size != (1280, 2000):
            fail("screenshot is %dx%d, expected 1280x2000" % img.size)
        grey = img.convert("L")
        stat = ImageStat.Stat(grey)
        hist = grey.histogram()
        non_white = 1 - sum(hist[250:]) / float(img.size[0] * img.size[1])
        print("screenshot: %dx%d, grey mean %.1f, stddev %.1f, %.1f %% non-white" %
              (img.size[0], img.size[1], stat.mean[0], stat.stddev[0], 100 * non_white))
        if stat.stddev[0] < 10 or non_white < 0.02:
            fail("the screenshot looks blank")
        if a.screenshot_out:
            shutil.copyfile(shot, a.screenshot_out)
        print("PASS")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
