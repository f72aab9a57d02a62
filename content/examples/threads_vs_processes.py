"""CPU-bound work: sequential vs threads vs processes (the article's example, corrected).

Usage:
    python threads_vs_processes.py [N] [TASKS] [--start-method fork|spawn|forkserver] [--repeat R]

N is the loop size per task (default 10**6, as in the article), TASKS the number of tasks,
threads and processes (default 4). Each method is timed R times (default 1); the best run counts.
"""
import argparse
import multiprocessing
import os
import platform
import sys
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


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", nargs="?", type=int, default=10**6, help="loop size per task")
    parser.add_argument("tasks", nargs="?", type=int, default=4, help="number of tasks/workers")
    parser.add_argument("--start-method", choices=multiprocessing.get_all_start_methods(),
                        help="multiprocessing start method (default: the platform's)")
    parser.add_argument("--repeat", type=int, default=1, help="time each method R times, keep the best")
    args = parser.parse_args()

    context = multiprocessing.get_context(args.start_method)
    gil_enabled = getattr(sys, "_is_gil_enabled", lambda: True)()
    print("python: %s (%s)" % (platform.python_version(), platform.python_implementation()))
    print("cpu_count: %s" % os.cpu_count())
    print("gil_enabled: %s" % gil_enabled)
    print("start_method: %s" % context.get_start_method())
    print("n = %d, tasks = %d" % (args.n, args.tasks))

    t_seq, r_seq = best_of(args.repeat, run_sequential, args.n, args.tasks)
    print("sequential: %.3f s" % t_seq)
    t_thr, r_thr = best_of(args.repeat, run_threads, args.n, args.tasks)
    print("threads: %.3f s" % t_thr)
    t_proc, r_proc = best_of(args.repeat, run_processes, args.n, args.tasks, context)
    print("processes: %.3f s" % t_proc)

    print("threads speedup: %.2fx" % (t_seq / t_thr))
    print("processes speedup: %.2fx" % (t_seq / t_proc))
    if r_seq == r_thr == r_proc:
        print("results match")
    else:
        print("results DIFFER")
        sys.exit(1)


# Without this guard, the spawn and forkserver start methods (Windows, macOS, and Linux from
# Python 3.14) re-run the whole module in every worker, which fails with a RuntimeError.
if __name__ == "__main__":
    main()
