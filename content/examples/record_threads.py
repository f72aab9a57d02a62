#!/usr/bin/env python3
"""Record when CPU-bound threads really held the GIL (the recordings on GIL Basics come from it).

Each thread spins on time.perf_counter_ns(). A thread reads the clock only while it runs Python,
i.e. while it holds the GIL, so a jump between two consecutive readings larger than the
threshold means the thread was descheduled for that gap. The readings between two jumps make
one run interval (slice). Prints one JSON object (all times in whole microseconds from the
start of the threaded run); see `main` for the fields. Standard library only, CPython 3.9+.

    python3 record_threads.py --threads 4 --work-ms 120 --max-slices 100
"""
import argparse
import datetime
import json
import os
import platform
import sys
import sysconfig
import threading
import time


def spin(iterations, threshold_ns):
    """The workload: `iterations` clock readings. Returns (first, last, gaps) in ns."""
    pc = time.perf_counter_ns  # a local: keeps the loop as tight as possible
    gaps = []
    first = last = pc()
    for _ in range(iterations):
        now = pc()
        if now - last > threshold_ns:
            gaps.append((last, now))
        last = now
    return first, last, gaps


def calibrate(work_ms):
    """Iterations that take about work_ms of CPU on this interpreter (best of 3 short runs)."""
    probe = 100_000
    best = min(_timed(probe) for _ in range(3))
    return max(1000, int(probe * work_ms * 1e6 / best))


def _timed(iterations):
    start = time.perf_counter_ns()
    spin(iterations, 1 << 62)
    return time.perf_counter_ns() - start


def gil_enabled():
    check = getattr(sys, "_is_gil_enabled", None)  # 3.13+
    if check is not None:
        return bool(check())
    return not sysconfig.get_config_var("Py_GIL_DISABLED")


def run_threads(n, iterations, threshold_ns):
    results = [None] * n
    barrier = threading.Barrier(n)  # all threads start spinning together

    def worker(index):
        barrier.wait()
        cpu0 = time.thread_time_ns()
        first, last, gaps = spin(iterations, threshold_ns)
        results[index] = (first, last, gaps, time.thread_time_ns() - cpu0)

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results


def to_slices(results):
    """Run intervals (index, start_ns, end_ns) in time order, plus the number of OS preemptions.

    A gap only counts as losing the GIL if another thread ran during it. If none did, the OS
    took the core from the holder, which kept the GIL all along (nobody else could run Python).
    """
    raw = []
    for index, (first, last, gaps, _) in enumerate(results):
        start = first
        for gap_start, gap_end in gaps:
            raw.append((index, start, gap_start))
            start = gap_end
        raw.append((index, start, last))
    raw.sort(key=lambda s: s[1])

    slices = []
    preempted = 0
    for s in raw:
        prev = next((p for p in reversed(slices) if p[0] == s[0]), None)
        if prev is not None and not any(o[0] != s[0] and o[1] >= prev[2] and o[1] < s[1] for o in slices):
            # No one else started running between the two: one slice, the gap was the OS.
            slices[slices.index(prev)] = (s[0], prev[1], s[2])
            preempted += 1
        else:
            slices.append(s)
    slices.sort(key=lambda s: s[1])
    return slices, preempted


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--threads", type=int, default=2, help="number of CPU-bound threads (default 2)")
    parser.add_argument("--work-ms", type=float, default=150, help="CPU work per thread in ms (default 150)")
    parser.add_argument("--iterations", type=int, help="loop iterations per thread (overrides --work-ms)")
    parser.add_argument("--threshold-us", type=int, default=200, help="a larger gap between readings is a deschedule")
    parser.add_argument("--switch-interval-us", type=int, help="sys.setswitchinterval() first, in µs")
    parser.add_argument("--max-slices", type=int, help="keep only the first N slices (small committed files)")
    parser.add_argument("--date", help="ISO date to record (default: today)")
    args = parser.parse_args(argv)
    if args.threads < 1:
        parser.error("--threads must be >= 1")

    if args.switch_interval_us is not None:
        sys.setswitchinterval(args.switch_interval_us / 1e6)
    iterations = args.iterations or calibrate(args.work_ms)
    threshold_ns = args.threshold_us * 1000

    # The same total work in the main thread alone: the baseline threads are compared with.
    # Half before and half after the threaded run, so a machine that speeds up or slows down
    # (shared, noisy) affects both about equally.
    total_work = args.threads * iterations
    sequential_ns = _timed(total_work // 2)
    results = run_threads(args.threads, iterations, threshold_ns)
    sequential_ns += _timed(total_work - total_work // 2)
    slices, preempted = to_slices(results)
    t0 = min(r[0] for r in results)
    end = max(r[1] for r in results)
    total = len(slices)
    if args.max_slices is not None:
        slices = slices[: args.max_slices]

    def us(ns):
        return (ns - t0) // 1000

    json.dump(
        {
            "python": sys.version,
            "version": platform.python_version(),
            "implementation": platform.python_implementation(),
            "gilEnabled": gil_enabled(),
            "switchInterval": round(sys.getswitchinterval() * 1e6),
            "cores": os.cpu_count(),
            # Cores this process may use (taskset): with only one, a woken waiter must preempt the holder.
            "usableCores": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count(),
            # Other load on the machine stretches slices (a woken waiter must wait for a core).
            "load": round(os.getloadavg()[0], 2),
            "date": args.date or datetime.date.today().isoformat(),
            "threads": args.threads,
            "iterations": iterations,
            "thresholdUs": args.threshold_us,
            "sequentialWall": sequential_ns // 1000,
            "wall": us(end),
            # time.thread_time_ns() of each thread: the CPU time the model is given.
            "threadCpu": [r[3] // 1000 for r in results],
            "preempted": preempted,
            "totalSlices": total,
            "slices": [[i, us(a), us(b)] for i, a, b in slices],
        },
        sys.stdout,
        separators=(",", ":"),
    )
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
