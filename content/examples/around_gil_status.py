"""Which kind of CPython is this, and is the GIL on right now?

Prints what a program can find out about the GIL at run time:
- free-threaded build: was this interpreter built with --disable-gil
  (python3.13t, python3.14t, python3.15t)?
- GIL enabled: sys._is_gil_enabled() (3.13+). On a free-threaded build it
  turns True when PYTHON_GIL=1 / -X gil=1 is given, or when a C extension
  without free-threading support was imported (CPython then prints a
  RuntimeWarning naming the module).
- sys.flags.gil (3.13+): the gil setting, from -X gil / PYTHON_GIL when
  given (a regular GIL build reports 1).
- the start method a ProcessPoolExecutor would use by default.

Usage: python around_gil_status.py [module ...]
Imports the named modules first (e.g. numpy), then reports.
"""
import importlib
import multiprocessing
import os
import sys
import sysconfig


def main():
    for name in sys.argv[1:]:
        importlib.import_module(name)
        print("imported: %s" % name)

    free_threaded = sysconfig.get_config_var("Py_GIL_DISABLED") == 1
    print("python: %s" % sys.version.split()[0])
    print("free-threaded build: %s" % free_threaded)
    if hasattr(sys, "_is_gil_enabled"):
        print("GIL enabled: %s" % sys._is_gil_enabled())
    else:
        print("GIL enabled: True (every build before 3.13 has a GIL)")
    print("sys.flags.gil: %s" % getattr(sys.flags, "gil", "n/a (new in 3.13)"))
    print("PYTHON_GIL: %s" % os.environ.get("PYTHON_GIL", "not set"))
    print("default start method: %s" % multiprocessing.get_start_method())


if __name__ == "__main__":
    main()
