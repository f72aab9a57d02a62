"""Which of these imports would turn the GIL back on?

On a free-threaded CPython (python3.13t, python3.14t, python3.15t), importing a C extension
that has not declared free-threading support (the Py_mod_gil slot, or
PyUnstable_Module_SetGIL) switches the GIL back on for the whole process and
issues a RuntimeWarning naming the module (Python/import.c). Once on, it stays
on for the life of the process (_PyEval_EnableGILPermanent), so this
script imports each module in a fresh interpreter and asks
sys._is_gil_enabled() afterwards.

PYTHON_GIL is removed from the children's environment: PYTHON_GIL=0 would keep
the GIL off and hide the module that needs it.

On a regular (GIL) build every line says "GIL on", because it always is.

Usage: python free_threaded_imports.py [module ...]
Without arguments it checks a few standard-library C extensions; pass the
packages your program imports instead, e.g. numpy.
Needs Python 3.6 or later (run on CPython 3.6-3.13 GIL builds).
"""
import os
import subprocess
import sys
import sysconfig

DEFAULT_MODULES = ["decimal", "hashlib", "json", "zlib"]

# Runs in the child: import one module (or none), then report the GIL.
CHILD = r"""
import importlib, sys
name = sys.argv[1]
if name:
    try:
        importlib.import_module(name)
    except Exception as exc:
        print("import failed (%s: %s)" % (type(exc).__name__, exc))
        sys.exit(0)
is_enabled = getattr(sys, "_is_gil_enabled", None)  # new in 3.13
print("on" if is_enabled is None or is_enabled() else "off")
"""


def gil_after_import(name):
    """("on" | "off" | "import failed (...)", lines of the child's stderr that mention the GIL)."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHON_GIL"}
    # stdout=PIPE and universal_newlines rather than capture_output and text (new in 3.7)
    proc = subprocess.run([sys.executable, "-c", CHILD, name], stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, universal_newlines=True, env=env, timeout=120)
    if proc.returncode != 0:
        return "child exited %d" % proc.returncode, proc.stderr.strip().splitlines()[-1:]
    notes = [line.strip() for line in proc.stderr.splitlines() if "GIL" in line]
    return proc.stdout.strip(), notes


def describe(at_start, after):
    """One verdict per module, given the GIL state before and after importing it."""
    if after not in ("on", "off"):
        return after
    if at_start == "off" and after == "on":
        return "GIL re-enabled by this import"
    return "GIL " + after


def main():
    modules = sys.argv[1:] or DEFAULT_MODULES
    free_threaded = sysconfig.get_config_var("Py_GIL_DISABLED") == 1
    print("python: %s" % sys.version.split()[0])
    print("free-threaded build: %s" % free_threaded)
    at_start, _ = gil_after_import("")
    print("GIL at start-up: %s" % at_start)
    for name in modules:
        after, notes = gil_after_import(name)
        print("%s: %s" % (name, describe(at_start, after)))
        for note in notes:
            print("  %s" % note)


if __name__ == "__main__":
    main()
