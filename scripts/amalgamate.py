#!/usr/bin/python3
"""Writes the copy-in distribution: single_include/embargo/<family>.hpp, one self-contained header
per umbrella header include/embargo/<family>.hpp, and embargo.hpp for the whole core.

Umbrellas whose include chain needs an optional companion (nlohmann-json, Armadillo, XGBoost, or a
header marked `// embargo-requires:`) get none: their users build with CMake anyway.

Our headers (`#include <embargo/...>`, or "..." resolving into include/) are inlined once each,
depth-first at their first include, include guards kept, so that two single headers in one
translation unit skip what they share. Every other include (the standard library, Eigen, Boost,
POSIX, intrinsics) stays an #include line where it was.

An #include of ours inside an #if block (other than the include guard) is inlined where it is, and
does not count as inlined: if the same header is included unconditionally later, it is inlined
again there, and its include guard makes the second copy empty whenever the first one was compiled.
Inlining it only once would lose it whenever the #if is false. (include/ has no such include
today; this keeps a future one correct.)

Each file names the embargo version, the last commit that changed one of its source headers (so
regenerating without changes to them gives identical bytes) and the licence.

usage: scripts/amalgamate.py [--rev REV]           regenerate single_include/embargo/ from the
                                                   working tree (or from include/ at commit REV)
       scripts/amalgamate.py --check [--rev REV]   regenerate into a temporary directory and
                                                   compare; exit 1, saying how to regenerate,
                                                   if single_include/ is out of date
"""
import argparse
import difflib
import os
import re
import subprocess
import sys
import tempfile
import textwrap

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
INCLUDE = os.path.join(ROOT, "include")
OUT = os.path.join(ROOT, "single_include", "embargo")
# How to regenerate for a commit: from include/ as committed, so that nobody's uncommitted work
# in the shared tree ends up in single_include/.
REGENERATE = ("python3 scripts/amalgamate.py --rev HEAD && git add single_include && "
              "git commit -m 'single_include: regenerated'")

INCLUDE_LINE = re.compile(r'^\s*#\s*include\s*(?:<([^>]*)>|"([^"]*)")')
DIRECTIVE = re.compile(r"^\s*#\s*(\w+)\s*(\S*)")
# Third-party includes whose presence makes a family an optional companion.
OPTIONAL = ("nlohmann/", "armadillo", "xgboost/")
# What the remaining third-party includes need, by prefix (Debian package names: scripts/install-deps.sh).
PACKAGES = {"Eigen/": "Eigen 3 (Debian: libeigen3-dev)", "boost/": "Boost (Debian: libboost-dev)",
            "range/": "range-v3 (Debian: librange-v3-dev)"}
POSIX = ("unistd.h", "fcntl.h", "sys/")


class Error(Exception):
    pass


def git(*args, raw=False):
    """git's output in the repository (stripped unless raw), None where there is no git checkout."""
    try:
        p = subprocess.run(["git", "-C", ROOT] + list(args), capture_output=True, text=True)
    except OSError:
        return None
    if p.returncode != 0:
        return None
    return p.stdout if raw else p.stdout.strip()


class Source:
    """The files of the repository: the working tree, or as of one commit (--rev) when someone
    else's uncommitted work in include/ must stay out of the committed single headers."""

    def __init__(self, rev=None):
        self.rev = rev
        self.cache = {}
        if rev is not None:
            self.commit = git("rev-parse", "--verify", rev + "^{commit}")
            if not self.commit:
                raise Error("--rev %s: not a commit of this repository" % rev)
            self.files = set(git("ls-tree", "-r", "--name-only", self.commit).splitlines())

    def read(self, path):
        """The text of a file (path relative to the repository root), None when it does not exist."""
        if path not in self.cache:
            if self.rev is None:
                full = os.path.join(ROOT, path)
                text = None
                if os.path.isfile(full):
                    with open(full, encoding="utf-8") as f:
                        text = f.read()
            else:
                text = git("show", "%s:%s" % (self.commit, path), raw=True) if path in self.files else None
            self.cache[path] = text
        return self.cache[path]

    def umbrellas(self):
        """include/embargo/*.hpp but version.hpp, sorted."""
        if self.rev is None:
            names = os.listdir(os.path.join(INCLUDE, "embargo"))
        else:
            names = [f[len("include/embargo/"):] for f in self.files if f.startswith("include/embargo/")]
        return sorted(f for f in names if f.endswith(".hpp") and "/" not in f and f != "version.hpp")

    def provenance(self, paths):
        """The last commit that changed one of these files, and whether any of them differs from it."""
        commit = git("log", "-1", "--format=%H", self.commit if self.rev else "HEAD", "--", *paths)
        if commit is None:
            return "unknown (not a git checkout)"
        if not commit:
            return "none (the headers are not committed yet)"
        dirty = None if self.rev else git("status", "--porcelain", "--untracked-files=all", "--", *paths)
        return commit + (", plus uncommitted changes to them" if dirty else "")


def code_of(line, in_comment):
    """The line with comments and the contents of string and character literals blanked, and
    whether a /* comment is still open at its end."""
    out, i, n = [], 0, len(line)
    while i < n:
        if in_comment:
            j = line.find("*/", i)
            if j < 0:
                return "".join(out), True
            i, in_comment = j + 2, False
            out.append(" ")
        elif line.startswith("//", i):
            break
        elif line.startswith("/*", i):
            i, in_comment = i + 2, True
        elif line[i] in "\"'":
            if line[i] == '"' and i > 0 and line[i - 1] == "R":  # R"delim( ... )delim"
                delim = line[i + 1:line.find("(", i)]
                j = line.find(")" + delim + '"', i)
                if j < 0:
                    raise Error("a raw string literal spanning lines (not supported)")
                out.append('""')
                i = j + len(delim) + 2
                continue
            if line[i] == "'" and i > 0 and line[i - 1].isalnum():  # digit separator: 1'000
                out.append(line[i])
                i += 1
                continue
            j = i + 1
            while j < n and line[j] != line[i]:
                j += 2 if line[j] == "\\" else 1
            out.append(line[i] + line[i])
            i = j + 1
        else:
            out.append(line[i])
            i += 1
    return "".join(out), in_comment


class Header:
    """One header of include/: its lines, and for each line whether it lies inside an #if block
    other than the include guard. Refuses what the inliner cannot handle faithfully."""

    def __init__(self, rel, text):
        self.rel = rel  # "embargo/core/error.hpp"
        self.lines = text.splitlines()
        self.conditional = []  # per line: inside an #if block other than the guard
        self.in_comment = []  # per line: starts inside a /* comment (so it holds no directive)
        stack, directives, in_comment, guard, closed = [], 0, False, None, None
        for n, line in enumerate(self.lines, 1):
            starts_in_comment = in_comment
            self.in_comment.append(in_comment)
            try:
                code, in_comment = code_of(line, in_comment)
            except Error as e:
                raise Error("%s:%d: %s" % (rel, n, e))
            m = None if starts_in_comment else DIRECTIVE.match(code)
            if m:
                word = m.group(1)
                directives += 1
                if closed is not None:
                    raise Error("%s:%d: a directive after the include guard's #endif (line %d)" % (rel, n, closed))
                if directives == 1 and word != "ifndef":
                    raise Error("%s:%d: the first directive is not the include guard's #ifndef" % (rel, n))
                if directives == 1:
                    guard = m.group(2)
                if directives == 2 and (word != "define" or m.group(2) != guard):
                    raise Error("%s:%d: #ifndef %s is not followed by #define %s" % (rel, n, guard, guard))
                if word in ("if", "ifdef", "ifndef"):
                    stack.append(n)
                elif word == "endif":
                    stack.pop()
                    if not stack:
                        closed = n
            # The guard is the outermost block: an include is conditional below it.
            self.conditional.append(len(stack) > 1)
        if guard is None or stack or closed is None:
            raise Error("%s: no include guard around the whole file" % rel)


class Amalgamation:
    """The inlined text of one umbrella, its source headers and its third-party includes."""

    def __init__(self, umbrella, source, headers):
        self.source = source
        self.headers = headers  # rel -> Header, shared between the umbrellas
        self.done = set()  # headers inlined outside any #if
        self.sources = []  # every header inlined, in order of first appearance
        self.external = {}  # third-party include -> True if ever included outside an #if
        self.out = []
        self.emit(umbrella, conditional=False, stack=())

    def header(self, rel):
        if rel not in self.headers:
            text = self.source.read("include/" + rel)
            if text is None:
                raise Error("include/%s: no such file" % rel)
            self.headers[rel] = Header(rel, text)
        return self.headers[rel]

    def resolve(self, including, angle, quoted):
        """The include/ path an include names, None for a third-party one."""
        if quoted is not None:
            for base in (os.path.dirname(including), ""):
                rel = os.path.normpath(os.path.join(base, quoted))
                if not rel.startswith("..") and self.source.read("include/" + rel) is not None:
                    return rel
            raise Error('include/%s: #include "%s" does not resolve into include/' % (including, quoted))
        if angle.startswith("embargo/"):
            if self.source.read("include/" + angle) is None:
                raise Error("include/%s: #include <%s> is not a file of include/" % (including, angle))
            return angle
        return None

    def emit(self, rel, conditional, stack):
        h = self.header(rel)
        if rel not in self.sources:
            self.sources.append(rel)
        self.out.append("// ---- begin <%s> ----" % rel)
        for line, local, commented in zip(h.lines, h.conditional, h.in_comment):
            m = None if commented else INCLUDE_LINE.match(line)
            if not m:
                if not commented and re.match(r"^\s*#\s*include\b", line):
                    raise Error("include/%s: computed #include is not supported: %s" % (rel, line.strip()))
                self.out.append(line)
                continue
            cond = conditional or local
            target = self.resolve(rel, m.group(1), m.group(2))
            if target is None:
                name = m.group(1) if m.group(1) is not None else m.group(2)
                self.external[name] = self.external.get(name, False) or not cond
                self.out.append(line)
            elif target in self.done or target in stack or target == rel:
                continue  # its guard is defined by now: the preprocessor would skip it
            else:
                if not cond:
                    self.done.add(target)
                self.emit(target, cond, stack + (rel,))
        self.out.append("// ---- end <%s> ----" % rel)


def needs(external):
    """What a single header needs beyond the C++20 standard library, one item per dependency."""
    items, posix, posix_if = [], [], []
    for prefix, package in PACKAGES.items():
        if any(name.startswith(prefix) for name in external):
            items.append(package)
    for name, unconditional in sorted(external.items()):
        if name.startswith(POSIX):
            (posix if unconditional else posix_if).append("<%s>" % name)
    if posix or posix_if:
        text = " ".join(["POSIX"] + posix)
        if posix_if:
            text += (" and " if posix else " ") + " ".join(posix_if) + " inside #if"
        items.append(text)
    other = sorted(n for n in external if "/" in n and not n.startswith(tuple(PACKAGES) + POSIX))
    if other:
        items.append("also " + " ".join("<%s>" % n for n in other))
    return items


def licence(source):
    for name in ("LICENSE", "LICENSE.md", "LICENSE.txt", "COPYING"):
        text = source.read(name)
        if text is not None:
            return ["Licence (the repository's %s):" % name] + text.rstrip().splitlines()
    return ["Licence: none stated. The embargo repository has no LICENSE file; ask its maintainers "
            "before you redistribute this file."]


def version(source):
    m = re.search(r'#define\s+EMBARGO_VERSION_STRING\s+"([^"]+)"', source.read("include/embargo/version.hpp") or "")
    if not m:
        raise Error("include/embargo/version.hpp: no EMBARGO_VERSION_STRING")
    return m.group(1)


def comment(paragraphs):
    """Paragraphs as // lines of at most 100 columns; a paragraph starting with a space is kept as is."""
    out = []
    for p in paragraphs:
        if not p or p.startswith(" "):
            out.append(("// " + p).rstrip())
        else:
            out += ["// " + l for l in textwrap.wrap(p, 97, break_long_words=False, break_on_hyphens=False)]
    return "\n".join(out)


def family_text(umbrella, source, headers):
    """The single header of one umbrella, or None when it needs an optional companion."""
    a = Amalgamation(umbrella, source, headers)
    if any(line.startswith("// embargo-requires:") for rel in a.sources for line in headers[rel].lines):
        return None
    if any(name.startswith(OPTIONAL) for name in a.external):
        return None
    family = os.path.splitext(os.path.basename(umbrella))[0]
    what = "the whole core" if family == "embargo" else "the %s family" % family
    paths = ["include/" + rel for rel in a.sources + ["embargo/version.hpp"]]
    head = [
        "embargo %s: <%s> (%s) as one self-contained header, its %d headers of include/ inlined "
        "in include order. Copy it into your project: README.md, \"Copy it into your project\"."
        % (version(source), umbrella, what, len(a.sources)),
        "Needs: " + "; ".join(["a C++20 compiler and standard library"] + needs(a.external)) + ".",
        "Source: include/ at commit %s (the last commit that changed one of these headers or "
        "version.hpp)." % source.provenance(paths),
        "Generated by scripts/amalgamate.py: do not edit. Change include/, commit, then regenerate:",
        "  " + REGENERATE,
        "",
    ] + licence(source)
    return comment(head) + "\n\n" + "\n".join(a.out) + "\n"


def generate(out_dir, source):
    """Writes every single header into out_dir (removing stale ones); returns their names and
    whether any was made from uncommitted headers."""
    headers, written, dirty = {}, [], False
    os.makedirs(out_dir, exist_ok=True)
    for name in source.umbrellas():
        text = family_text("embargo/" + name, source, headers)
        if text is None:
            continue
        dirty = dirty or "plus uncommitted changes" in text
        path = os.path.join(out_dir, name)
        old = None
        if os.path.isfile(path):
            with open(path, encoding="utf-8") as f:
                old = f.read()
        if old != text:
            with open(path, "w", encoding="utf-8") as f:
                f.write(text)
        written.append(name)
    for name in os.listdir(out_dir):
        if name.endswith(".hpp") and name not in written:
            os.remove(os.path.join(out_dir, name))
    return written, dirty


def check(source):
    if git("rev-parse", "--git-dir") is None:
        raise Error("--check needs a git checkout (the headers name the commit of their sources)")
    if git("rev-parse", "--is-shallow-repository") == "true":
        raise Error("--check needs the history of include/, which a shallow clone lacks "
                    "(git fetch --unshallow first)")
    with tempfile.TemporaryDirectory() as tmp:
        names, dirty = generate(tmp, source)
        committed = sorted(f for f in os.listdir(OUT) if f.endswith(".hpp")) if os.path.isdir(OUT) else []
        stale = []
        for name in sorted(set(names) | set(committed)):
            if name not in names:
                stale.append((name, "should not exist (no such umbrella, or it needs an optional companion)"))
                continue
            if name not in committed:
                stale.append((name, "is missing"))
                continue
            with open(os.path.join(tmp, name), encoding="utf-8") as f:
                new = f.read()
            with open(os.path.join(OUT, name), encoding="utf-8") as f:
                old = f.read()
            if old != new:
                diff = list(difflib.unified_diff(old.splitlines(), new.splitlines(), "committed", "regenerated",
                                                 n=0, lineterm=""))
                more = "\n    ..." if len(diff) > 12 else ""
                stale.append((name, "differs:\n    " + "\n    ".join(diff[2:12]) + more))
    if not stale:
        print("amalgamate: single_include/embargo/ is up to date (%d headers)" % len(names))
        return 0
    print("amalgamate: single_include/embargo/ is out of date:", file=sys.stderr)
    for name, why in stale:
        print("  %s %s" % (name, why), file=sys.stderr)
    if dirty:
        print("include/ has uncommitted changes to headers they inline. Commit those first (the single\n"
              "headers name the commit of their sources; `--check --rev HEAD` checks against the last\n"
              "commit only), then regenerate and commit:", file=sys.stderr)
    else:
        print("Regenerate them and commit the result:", file=sys.stderr)
    print("  " + REGENERATE, file=sys.stderr)
    return 1


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--check", action="store_true", help="exit 1 if single_include/ is out of date")
    ap.add_argument("--rev", help="read include/ as of this commit, not the working tree "
                                  "(leaves uncommitted work out)")
    ap.add_argument("--root", help=argparse.SUPPRESS)  # another tree (tests/single_include/fixture)
    ap.add_argument("--out", help=argparse.SUPPRESS)   # write there instead of single_include/embargo
    args = ap.parse_args()
    global ROOT, INCLUDE, OUT
    if args.root:
        ROOT = os.path.abspath(args.root)
        INCLUDE = os.path.join(ROOT, "include")
        OUT = os.path.join(ROOT, "single_include", "embargo")
    if args.out:
        OUT = os.path.abspath(args.out)
    try:
        source = Source(args.rev)
        if args.check:
            return check(source)
        names, dirty = generate(OUT, source)
    except Error as e:
        print("amalgamate: " + str(e), file=sys.stderr)
        return 2
    shown = OUT if os.path.relpath(OUT).startswith("..") else os.path.relpath(OUT)
    print("amalgamate: wrote %s in %s" % (", ".join(names), shown))
    if dirty:
        print("amalgamate: made from uncommitted headers; commit include/, then regenerate", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
