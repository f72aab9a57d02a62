"""np.dot releases the GIL, so two threads can multiply matrices at once.

`result = np.dot(arr1, arr2)  # Releases GIL`, as it is often written, made
runnable: arr1 and arr2 are defined, and the effect is measured. One np.dot
in one thread gains nothing from releasing the GIL; the gain appears when
other threads run meanwhile. So this runs k products in one thread, then
split between 2 threads, and prints both times and the speed-up.

BLAS libraries (OpenBLAS, MKL) may already use every core for a single
product, which would hide the effect of our threads and oversubscribe the
CPU. For a fair comparison this script limits BLAS to one thread. BLAS reads
these variables when NumPy is imported, so they are set here, before the
import, unless you set them yourself.

With --gil-probe it answers a different question: does a call hold the GIL?
A background Python thread counts while the main thread makes the call. The
script prints the share of the call's wall time in which the counter kept
running, relative to its speed when it runs alone: near 1 on a machine with
a free core when the call releases the GIL, near 0 when it holds it. Besides
NumPy calls it probes built-in C code (sum, sorted, re, json), which holds
the GIL while it runs its own C code, and sum() over a generator, whose
Python code lets the counter take turns.

Usage: python numpy_dot_threads.py [n] [k]
       python numpy_dot_threads.py --gil-probe
n x n matrices (default 1500), k products (even, default 4).
"""
import os

for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import json
import random
import re
import sys
import threading
import time

try:
    import numpy as np
except ImportError:
    sys.exit("numpy_dot_threads.py needs NumPy: pip install numpy")


def multiply(arr1, arr2, count, out, slot):
    for i in range(count):
        # float64 matmul runs in BLAS; NumPy releases the GIL around it.
        out[slot + i] = np.dot(arr1, arr2)


def counter_share(call, repeat=3):
    """Run call() `repeat` times while a background thread counts; return the best share of the
    call's wall time in which the counter ran, relative to its speed alone (best: a busy machine
    can only lower the share of a call that releases the GIL)."""
    box = [0]
    stop = threading.Event()
    running = threading.Event()

    def count():
        n = 0
        running.set()
        while not stop.is_set():
            n += 1
            box[0] = n

    thread = threading.Thread(target=count)
    thread.start()
    running.wait()
    try:
        # The counter's speed alone: the main thread sleeps, which releases the GIL.
        time.sleep(0.05)
        start_count, start = box[0], time.perf_counter()
        time.sleep(0.3)
        solo_rate = (box[0] - start_count) / (time.perf_counter() - start)
        best = 0.0
        for _ in range(repeat):
            start_count, start = box[0], time.perf_counter()
            call()
            elapsed = time.perf_counter() - start
            best = max(best, (box[0] - start_count) / elapsed / solo_rate)
        return best
    finally:
        stop.set()
        thread.join()


def gil_probe():
    print("numpy %s, CPython %s" % (np.__version__, sys.version.split()[0]))
    print("share of each call's time in which a background Python thread kept running:")
    floats = [np.ones(4_000_000) for _ in range(4)]
    objects = np.ones(10_000_000, dtype=object)  # 10 M references to the int 1
    # Built-in C code, for comparison: it keeps the GIL while it runs its own C code, and lets
    # other threads in only while it calls back into Python code (here, a generator).
    rng = random.Random(0)
    numbers = [rng.random() for _ in range(1_000_000)]
    text = " ".join("word%d" % (i % 1000) for i in range(1_000_000))
    document = json.dumps(numbers)
    calls = [
        ("np.concatenate, 4 x 4M float64", lambda: np.concatenate(floats)),
        ("np.sum, 10M-element object array", lambda: objects.sum()),
        ("sum(range(10_000_000)), no NumPy", lambda: sum(range(10_000_000))),
        ("sum over a generator of 3M ints", lambda: sum(i for i in range(3_000_000))),
        ("sorted, 1M floats", lambda: sorted(numbers)),
        ("re.findall, 1M words", lambda: re.findall(r"\w+", text)),
        ("json.loads, 1M floats", lambda: json.loads(document)),
    ]
    for name, call in calls:
        print("%s: %.2f" % (name, counter_share(call)))


def main():
    if sys.argv[1:] == ["--gil-probe"]:
        gil_probe()
        return
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1500
    k = int(sys.argv[2]) if len(sys.argv) > 2 else 4
    if k < 2 or k % 2:
        sys.exit("k must be an even number >= 2")

    rng = np.random.default_rng(0)
    arr1 = rng.random((n, n))
    arr2 = rng.random((n, n))
    print("numpy %s, %dx%d float64, %d products, OPENBLAS_NUM_THREADS=%s"
          % (np.__version__, n, n, k, os.environ.get("OPENBLAS_NUM_THREADS")))

    # Warm-up: the first call pays one-off costs (page faults, BLAS set-up).
    np.dot(arr1, arr2)

    sequential = [None] * k
    start = time.perf_counter()
    multiply(arr1, arr2, k, sequential, 0)
    t_seq = time.perf_counter() - start
    print("sequential: %.3f s" % t_seq)

    threaded = [None] * k
    half = k // 2
    threads = [
        threading.Thread(target=multiply,
                         args=(arr1, arr2, half, threaded, slot))
        for slot in (0, half)
    ]
    start = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    t_thr = time.perf_counter() - start
    print("2 threads:  %.3f s" % t_thr)
    print("speedup: %.2fx" % (t_seq / t_thr))

    same = all(np.allclose(a, b) for a, b in zip(sequential, threaded))
    print("results match: %s" % same)
    if not same:
        sys.exit(1)


if __name__ == "__main__":
    main()
