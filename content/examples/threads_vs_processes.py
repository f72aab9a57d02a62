"""CPU-bound work: sequential vs threads vs processes, and what starting a worker costs.

Usage:
    python threads_vs_processes.py [N] [TASKS] [--start-method fork|spawn|forkserver] [--repeat R]
    python threads_vs_processes.py --startup [--repeat R]

N is the loop size per task (default 10**6), TASKS the number of tasks, threads and
processes (default 4). Each method is timed R times (default 1); the best run counts.

--startup times, instead, how long it takes to start and join one thread, one process
and a pool of TASKS processes with each start method this platform offers (the median
of R runs, default 5).
"""
import argparse
import multiprocessing
import os
import platform
import statistics
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor


def cpu_bound(n):
    """Pure-Python CPU work: it never releases the GIL on its own."""
    result = 0
    for i in range(n):
        result += i ** 2
    return result


def run_sequential(n, tasks):
    return [cpu_bound(n) for _ in range(tasks)]


def run_threads(n, tasks):
    # A bare threading.Thread throws the return value away; an executor hands it back.
    with ThreadPoolExecutor(max_workers=tasks) as executor:
        return list(executor.map(cpu_bound, [n] * tasks))


def run_processes(n, tasks, context):
    # The timing includes starting and stopping the worker processes: that cost is real.
    with context.Pool(tasks) as pool:
        return pool.map(cpu_bound, [n] * tasks)


def best_of(repeat, func, *args):
    best_time, result = None, None
    for _ in range(repeat):
        start = time.perf_counter()
        result = func(*args)
        elapsed = time.perf_counter() - start
        if best_time is None or elapsed < best_time:
            best_time = elapsed
    return best_time, result


def do_nothing():
    pass


def start_thread():
    t = threading.Thread(target=do_nothing)
    t.start()
    t.join()


def start_process(context):
    p = context.Process(target=do_nothing)
    p.start()
    p.join()


def start_pool(context, tasks):
    with context.Pool(tasks) as pool:
        pool.map(abs, range(tasks))  # a tiny job, so the time is the pool's own cost


def median_ms(repeat, func, *args):
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        func(*args)
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def header(args, context=None):
    gil_enabled = getattr(sys, "_is_gil_enabled", lambda: True)()
    print("python: %s (%s)" % (platform.python_version(), platform.python_implementation()))
    print("cpu_count: %s" % os.cpu_count())
    print("gil_enabled: %s" % gil_enabled)
    if context is not None:
        print("start_method: %s" % context.get_start_method())


def startup(args):
    header(args)
    repeat = args.repeat or 5
    print("startup: median of %d runs, pool size %d" % (repeat, args.tasks))
    print("thread start+join: %.2f ms" % median_ms(repeat, start_thread))
    for method in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context(method)
        print("process start+join, %s: %.2f ms" % (method, median_ms(repeat, start_process, context)))
        print("pool create+map+close, %s: %.2f ms"
              % (method, median_ms(repeat, start_pool, context, args.tasks)))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", nargs="?", type=int, default=10**6, help="loop size per task")
    parser.add_argument("tasks", nargs="?", type=int, default=4, help="number of tasks/workers")
    parser.add_argument("--start-method", choices=multiprocessing.get_all_start_methods(),
                        help="multiprocessing start method (default: the platform's)")
    parser.add_argument("--repeat", type=int, help="time each method R times, keep the best")
    parser.add_argument("--startup", action="store_true",
                        help="time starting threads, processes and pools instead")
    args = parser.parse_args()
    if args.startup:
        startup(args)
        return

    context = multiprocessing.get_context(args.start_method)
    repeat = args.repeat or 1
    header(args, context)
    print("n = %d, tasks = %d" % (args.n, args.tasks))

    t_seq, r_seq = best_of(repeat, run_sequential, args.n, args.tasks)
    print("sequential: %.3f s" % t_seq)
    t_thr, r_thr = best_of(repeat, run_threads, args.n, args.tasks)
    print("threads: %.3f s" % t_thr)
    t_proc, r_proc = best_of(repeat, run_processes, args.n, args.tasks, context)
    print("processes: %.3f s" % t_proc)

    # Speed-up = sequential time / method time: above 1 is faster, below 1 slower.
    print("threads speedup: %.2fx" % (t_seq / t_thr))
    print("processes speedup: %.2fx" % (t_seq / t_proc))
    if r_seq == r_thr == r_proc:
        print("results match")
    else:
        print("results DIFFER")
        sys.exit(1)


# Without this guard, the spawn and forkserver start methods (Windows, macOS, and other
# platforms from Python 3.14) re-import this module in every worker, and the workers fail
# with a RuntimeError.
if __name__ == "__main__":
    main()
