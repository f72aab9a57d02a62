"""CPU-bound work in 4 worker processes, written so that it works.

The version often written uses a lambda at module level:
    with ProcessPoolExecutor(max_workers=4) as executor:
        results = list(executor.map(lambda x: cpu_intensive(), range(4)))
This one differs in two ways:
- the task is a module-level function, not a lambda: lambdas cannot be
  pickled, so every task fails;
- the pool is created under `if __name__ == "__main__":`, so it also works
  with the "spawn" (Windows, macOS) and "forkserver" (Linux from Python
  3.14) start methods.
Like the common version, it consumes the results of executor.map() with
list(): errors raised in the workers are raised here only when the results
are read, so without list() a failing task would go unnoticed.
multiprocessing is imported only to pick a start method.

With --startup it measures instead what starting a worker costs: a thread,
a process with each start method this platform offers, and a pool of 4.

Usage: python process_pool.py [n] [--start-method fork|spawn|forkserver]
       python process_pool.py --startup
n is the size of each of the 4 tasks (default 10**7).
"""
import multiprocessing
import statistics
import sys
import threading
import time
from concurrent.futures import ProcessPoolExecutor


def cpu_intensive(n=10**7):
    return sum(i**2 for i in range(n))


def task(n):
    # A top-level function is pickled by name: every worker can import it.
    return cpu_intensive(n)


def noop():
    pass


def median_ms(start_and_join, repeat=5):
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        start_and_join()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def run_worker(worker):
    worker.start()
    worker.join()


def tiny_pool(ctx):
    with ProcessPoolExecutor(max_workers=4, mp_context=ctx) as executor:
        list(executor.map(task, [1] * 4))


def startup_costs():
    print("median of 5, start to join:")
    print("threading.Thread: %.2f ms" % median_ms(lambda: run_worker(threading.Thread(target=noop))))
    for method in multiprocessing.get_all_start_methods():
        ctx = multiprocessing.get_context(method)
        print("Process, %s: %.1f ms" % (method, median_ms(lambda: run_worker(ctx.Process(target=noop)))))
    spawn = multiprocessing.get_context("spawn")
    print("ProcessPoolExecutor(4), spawn, 4 tiny tasks: %.0f ms" % median_ms(lambda: tiny_pool(spawn)))


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
    if sys.argv[1:] == ["--startup"]:
        startup_costs()
        return
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
