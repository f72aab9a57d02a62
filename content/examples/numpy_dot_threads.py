"""np.dot releases the GIL, so two threads can multiply matrices at once.

The article's `result = np.dot(arr1, arr2)  # Releases GIL`, made runnable:
arr1 and arr2 are defined, and the effect is measured. One np.dot in one
thread gains nothing from releasing the GIL; the gain appears when other
threads run meanwhile. So this runs k products in one thread, then split
between 2 threads, and prints both times and the speed-up.

BLAS libraries (OpenBLAS, MKL) may already use every core for a single
product, which would hide the effect of our threads and oversubscribe the
CPU. For a fair comparison this script limits BLAS to one thread. BLAS reads
these variables when NumPy is imported, so they are set here, before the
import, unless you set them yourself.

Usage: python numpy_dot_threads.py [n] [k]
n x n matrices (default 1500), k products (even, default 4).
"""
import os

for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

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


def main():
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
