"""Which kind of CPython is this, and is the GIL on right now?

Prints what a program can find out about the GIL at run time:
- free-threaded build: was this interpreter built with --disable-gil
  (python3.13t, python3.14t, python3.15t)?
- GIL enabled: sys._is_gil_enabled() (CPython 3.13+). On a free-threaded
  build it turns True when PYTHON_GIL=1 / -X gil=1 is given, or when a C
  extension without free-threading support was imported (CPython then
  prints a RuntimeWarning naming the module). On CPython before 3.13 the
  answer is True, as every such build has a GIL; on other Pythons without
  sys._is_gil_enabled() the script says "unknown".
- sys.flags.gil (3.13+): the gil setting, from -X gil / PYTHON_GIL when
  given (a regular GIL build reports 1).
- the start method a ProcessPoolExecutor would use by default.

Usage: python around_gil_status.py [module ...]
Imports the named modules first (e.g. numpy), then reports.
Needs Python 3.6 or later (run on CPython 3.6-3.13 GIL builds).
"""
import importlib
import multiprocessing
import os
import platform
import sys
import sysconfig


def gil_enabled_line(implementation, is_gil_enabled=None):
    """The "GIL enabled" answer. is_gil_enabled is sys._is_gil_enabled, if it exists."""
    if is_gil_enabled is not None:
        return "GIL enabled: %s" % is_gil_enabled()
    if implementation == "CPython":
        return "GIL enabled: True (CPython before 3.13 always has a GIL)"
    return "GIL enabled: unknown (%s has no sys._is_gil_enabled())" % implementation


def main():
    for name in sys.argv[1:]:
        importlib.import_module(name)
        print("imported: %s" % name)

    free_threaded = sysconfig.get_config_var("Py_GIL_DISABLED") == 1
    implementation = platform.python_implementation()
    print("python: %s" % sys.version.split()[0])
    print("implementation: %s" % implementation)
    print("free-threaded build: %s" % free_threaded)
    print(gil_enabled_line(implementation, getattr(sys, "_is_gil_enabled", None)))
    print("sys.flags.gil: %s" % getattr(sys.flags, "gil", "n/a (new in 3.13)"))
    print("PYTHON_GIL: %s" % os.environ.get("PYTHON_GIL", "not set"))
    print("default start method: %s" % multiprocessing.get_start_method())


if __name__ == "__main__":
    main()
