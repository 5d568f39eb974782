"""ctest "python: install": `cmake --install` into a DESTDIR, then Debian's interpreter imports the
installed package from the staged folder, and that folder without the DESTDIR is on the
interpreter's own sys.path, so a real install needs no PYTHONPATH.

Usage: install_check.py <build dir> <destdir> <absolute install folder of the package's parent>
"""
import os
import shutil
import subprocess
import sys

build, destdir, site = sys.argv[1], sys.argv[2], sys.argv[3]
shutil.rmtree(destdir, ignore_errors=True)
env = dict(os.environ, DESTDIR=destdir)
env.pop("PYTHONPATH", None)  # the build tree's package must not be the one imported
subprocess.run(["cmake", "--install", build], check=True, env=env, stdout=subprocess.DEVNULL)
staged = destdir + site
imports_staged = (f"import sys; sys.path.insert(0, {staged!r}); import embargo; "
                  f"assert embargo.__file__.startswith({staged!r}), embargo.__file__; "
                  "assert embargo.cusum([1.0, 1.1, 1.0], 0.05).tolist() == [1, 2]")
subprocess.run([sys.executable, "-c", imports_staged], check=True, env=env)
on_path = f"import sys; assert {site!r} in sys.path, ({site!r}, sys.path)"
subprocess.run([sys.executable, "-c", on_path], check=True, env=env)
print("installed into", site, "which is on", sys.executable + "'s sys.path")
