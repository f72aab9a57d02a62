"""CPU-bound work in 4 worker processes: the article's example, corrected.

What changed from the article:
- the task is a module-level function, not a lambda: lambdas cannot be
  pickled, so every task failed;
- the results of executor.map() are consumed with list(), so errors raised
  in the workers are raised here too;
- the pool is created under `if __name__ == "__main__":`, so it also works
  with the "spawn" (Windows, macOS) and "forkserver" (Linux from Python
  3.14) start methods;
- the unused `import ctypes` is gone; multiprocessing is imported only to
  pick a start method.

Usage: python process_pool.py [n] [--start-method fork|spawn|forkserver]
n is the size of each of the 4 tasks (default 10**7, the article's size).
"""
import multiprocessing
import sys
import time
from concurrent.futures import ProcessPoolExecutor


def cpu_intensive(n=10**7):
    return sum(i**2 for i in range(n))


def task(n):
    # A top-level function is pickled by name: every worker can import it.
    return cpu_intensive(n)


def parse_args(argv):
    n, method = 10**7, None
    args = list(argv)
    while args:
        arg = args.pop(0)
        if arg == "--start-method":
            method = args.pop(0)
        elif arg.startswith("--start-method="):
            method = arg.split("=", 1)[1]
        else:
            n = int(arg)
    return n, method


def main():
    n, method = parse_args(sys.argv[1:])
    ctx = multiprocessing.get_context(method)  # None: the platform default
    print("start method: %s" % ctx.get_start_method())

    start = time.perf_counter()
    sequential = [task(n) for _ in range(4)]
    print("sequential: %.2f s" % (time.perf_counter() - start))

    start = time.perf_counter()
    with ProcessPoolExecutor(max_workers=4, mp_context=ctx) as executor:
        results = list(executor.map(task, [n] * 4))
    print("processes:  %.2f s" % (time.perf_counter() - start))

    assert results == sequential
    for i, r in enumerate(results):
        print("result %d = %d" % (i, r))


if __name__ == "__main__":
    main()
