"""ctypes.CDLL releases the GIL during a foreign call; ctypes.PyDLL keeps it.

Two threads each call the C library's usleep() for 0.5 s, once through
CDLL and once through PyDLL, and the script prints the wall time of each
pair.

- CDLL: each call runs with the GIL released, so the two calls overlap:
  about 0.5 s in total.
- PyDLL: the GIL is held for the whole call, so the calls run one after
  the other: about 1.0 s.

usleep stands in for any long C function that does not touch Python objects
(a compression routine, a solver). POSIX only (Linux, macOS): Windows has
no usleep in its C runtime.

Usage: python ctypes_release.py [seconds_per_call]   (default 0.5)
"""
import ctypes
import ctypes.util
import sys
import threading
import time


def load(loader):
    lib = loader(ctypes.util.find_library("c"))
    lib.usleep.argtypes = [ctypes.c_uint]
    lib.usleep.restype = ctypes.c_int
    return lib


def timed_pair(usleep, seconds):
    micros = int(seconds * 1e6)
    threads = [threading.Thread(target=usleep, args=(micros,))
               for _ in range(2)]
    start = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return time.perf_counter() - start


def main():
    if sys.platform == "win32":
        sys.exit("ctypes_release.py needs a POSIX C library (Linux or macOS)")
    seconds = float(sys.argv[1]) if len(sys.argv) > 1 else 0.5

    cdll = load(ctypes.CDLL)    # releases the GIL around each call
    pydll = load(ctypes.PyDLL)  # keeps the GIL during each call

    print("2 threads x usleep(%g s)" % seconds)
    print("CDLL (GIL released): %.2f s" % timed_pair(cdll.usleep, seconds))
    print("PyDLL (GIL held):    %.2f s" % timed_pair(pydll.usleep, seconds))


if __name__ == "__main__":
    main()
