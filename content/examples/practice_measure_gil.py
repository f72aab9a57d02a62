"""Practice problem 5, reference solution: what the GIL costs CPU-bound
threads, compared with processes.

The same 4 pure-Python tasks run with 1, 2 and 4 threads, then with 2 and
4 worker processes. Each line gives the best time of R repeats and the
speed-up over 1 thread. The header says which interpreter ran: version,
whether the GIL is enabled (sys._is_gil_enabled(), 3.13+), whether the
build is free-threaded, and how many cores this process may use.

What to expect on a 2-core machine:
- GIL build: threads about 1.0x at any count; processes up to 2x, minus
  start-up cost.
- free-threaded build with the GIL off (3.13t and later): threads can run in
  parallel and speed up, up to the number of cores; third-party runs show
  they do not always scale as well as processes. The second line of output
  says which case this run is.

Usage: python practice_measure_gil.py [n] [repeats]
n = size of each task (default 5 * 10**6), repeats = best-of count (3).
Run on CPython 3.6-3.13 GIL builds.
"""
import os
import platform
import sys
import sysconfig
import time
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor

TASKS = 4


def burn(n):
    return sum(i * i for i in range(n))


def gil_status(implementation=None):
    implementation = implementation or platform.python_implementation()
    if hasattr(sys, "_is_gil_enabled"):
        return "GIL enabled: %s" % sys._is_gil_enabled()
    if implementation == "CPython":
        return "GIL enabled: True (CPython before 3.13 always has one)"
    return "GIL enabled: unknown (no sys._is_gil_enabled() on %s)" % implementation


def build_note(free_threaded, gil_enabled):
    """What to expect from this interpreter, in one sentence."""
    if free_threaded and not gil_enabled:
        return ("Free-threaded build, GIL disabled (sys._is_gil_enabled() is False): "
                "threads can run in parallel, up to the number of cores.")
    if free_threaded:
        return ("Free-threaded build, but the GIL is enabled (PYTHON_GIL=1, -X gil=1, or an "
                "extension without free-threading support): threads will not scale.")
    return ("GIL build: threads take turns, so expect about 1x; "
            "processes scale up to the number of cores.")


def usable_cores():
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def best_time(executor_class, workers, n, repeats, expected):
    best = None
    for _ in range(repeats):
        start = time.perf_counter()
        # The timing includes starting the pool (and its processes).
        with executor_class(max_workers=workers) as executor:
            results = list(executor.map(burn, [n] * TASKS))
        elapsed = time.perf_counter() - start
        if results != [expected] * TASKS:
            raise SystemExit("wrong results: %r" % results)
        best = elapsed if best is None else min(best, elapsed)
    return best


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 5 * 10**6
    repeats = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    expected = (n - 1) * n * (2 * n - 1) // 6

    free_threaded = sysconfig.get_config_var("Py_GIL_DISABLED") == 1
    print("python %s, %s, free-threaded build: %s, cores: %d"
          % (sys.version.split()[0], gil_status(), free_threaded,
             usable_cores()))
    # Asked after every import: an extension can turn the GIL back on.
    print(build_note(free_threaded, getattr(sys, "_is_gil_enabled", lambda: True)()))
    print("%d tasks of sum(i * i for i in range(%d)), best of %d"
          % (TASKS, n, repeats))

    burn(n // 10)  # warm-up
    base = None
    for label, executor_class, workers in [
        ("threads=1", ThreadPoolExecutor, 1),
        ("threads=2", ThreadPoolExecutor, 2),
        ("threads=4", ThreadPoolExecutor, 4),
        ("processes=2", ProcessPoolExecutor, 2),
        ("processes=4", ProcessPoolExecutor, 4),
    ]:
        t = best_time(executor_class, workers, n, repeats, expected)
        base = base or t
        print("%-12s %.3f s (%.2fx)" % (label + ":", t, base / t))


if __name__ == "__main__":
    main()
