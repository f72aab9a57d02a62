"""Which Python is this, and does it run with a GIL?

Usage: python intro_check_build.py

Runs on any Python 3. What it can know depends on the interpreter:

- CPython 3.13 and later: sys._is_gil_enabled() says whether the GIL is on in
  this process, and the build setting Py_GIL_DISABLED says whether this is a
  free-threaded build.
- CPython before 3.13: there is no free-threaded build, so the GIL is always on.
- Other implementations (PyPy, GraalPy, ...): unless they provide
  sys._is_gil_enabled(), this script cannot tell. PyPy, for one, has a GIL of
  its own (PyPy FAQ). Each implementation's documentation says what it does.
"""
import platform
import sys
import sysconfig


def describe(impl, is_gil_enabled, py_gil_disabled):
    """The answers as (name, value) pairs.

    impl: sys.implementation.name ("cpython", "pypy", "graalpy", ...).
    is_gil_enabled: sys._is_gil_enabled, or None where it does not exist.
    py_gil_disabled: sysconfig.get_config_var("Py_GIL_DISABLED").
    """
    cpython = impl == "cpython"

    # Was this interpreter compiled with --disable-gil (a 3.13t or later "t" build)?
    if py_gil_disabled == 1:
        free_threaded = "yes"
    elif cpython:
        free_threaded = "no"  # 0 on a normal 3.13+ build, None before 3.13
    else:
        free_threaded = "unknown (Py_GIL_DISABLED is a CPython build setting)"

    # Is the GIL on in this process right now? A free-threaded build can turn it
    # back on, e.g. with PYTHON_GIL=1 or when an extension module needs it.
    if is_gil_enabled is not None:
        gil = "%s (sys._is_gil_enabled())" % ("yes" if is_gil_enabled() else "no")
    elif cpython and py_gil_disabled != 1:
        gil = "yes (CPython before 3.13 always runs with one)"
    else:
        gil = "unknown (no sys._is_gil_enabled() here; see this implementation's documentation)"

    return [("free-threaded build", free_threaded), ("GIL enabled", gil)]


def main():
    impl = getattr(sys, "implementation", None)
    impl_name = impl.name if impl is not None else platform.python_implementation().lower()
    print("python = %s" % platform.python_version())
    print("implementation = %s" % platform.python_implementation())
    if impl_name != "cpython":
        print("note: the GIL described in this guide is CPython's")

    for name, value in describe(impl_name, getattr(sys, "_is_gil_enabled", None),
                                sysconfig.get_config_var("Py_GIL_DISABLED")):
        print("%s = %s" % (name, value))

    getswitchinterval = getattr(sys, "getswitchinterval", None)
    if getswitchinterval is not None:
        print("switch interval = %g s" % getswitchinterval())


if __name__ == "__main__":
    main()
