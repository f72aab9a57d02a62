"""Which Python is this, and does it run with a GIL?

Usage: python intro_check_build.py

Works on any Python 3. sys._is_gil_enabled() exists from CPython 3.13; on older
CPython versions the GIL is always on.
"""
import platform
import sys
import sysconfig


def main():
    impl = platform.python_implementation()
    print("python = %s" % sys.version.split()[0])
    print("implementation = %s" % impl)
    if impl != "CPython":
        print("note: the GIL described in this guide is a CPython detail")

    # Was this interpreter compiled with --disable-gil (a 3.13t / 3.14t build)?
    free_threaded_build = sysconfig.get_config_var("Py_GIL_DISABLED") == 1
    print("free-threaded build = %s" % ("yes" if free_threaded_build else "no"))

    # Is the GIL on in this process right now? A free-threaded build can turn it
    # back on, e.g. with PYTHON_GIL=1 or when an extension module needs it.
    is_gil_enabled = getattr(sys, "_is_gil_enabled", None)
    if is_gil_enabled is not None:
        gil_on = is_gil_enabled()
    else:
        gil_on = impl == "CPython"  # before 3.13 every CPython build has a GIL
    print("GIL enabled = %s" % ("yes" if gil_on else "no"))

    print("switch interval = %g s" % sys.getswitchinterval())


if __name__ == "__main__":
    main()
