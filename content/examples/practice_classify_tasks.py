"""Practice problem 2, reference solution: find out whether a task releases
the GIL by timing it once in one thread, then twice at once in two threads.

    ratio = 2 x (time of one run) / (time of two runs in two threads)

About 2x: the GIL was released while the task worked (waiting on I/O, or C
code that lets go of it), so the two threads overlapped. About 1x: the GIL
was held the whole time, so the threads took turns. The "released" cases
need 2 free cores to reach 2x; the header says how many this process may use.

Usage: python practice_classify_tasks.py [scale]
scale multiplies every task's size (default 1.0).
"""
import hashlib
import json
import os
import random
import re
import sys
import threading
import time
import zlib


def usable_cores():
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def make_tasks(scale):
    rng = random.Random(42)
    words = ["gil", "thread", "lock", "bytecode", "switch", "interval", "python"]
    text = " ".join(rng.choice(words) for _ in range(int(600000 * scale)))
    blob = text.encode()
    big = blob * 8
    doc = json.dumps([{"id": i, "name": rng.choice(words), "tags": words[: i % 7]}
                      for i in range(int(60000 * scale))])
    items = [(rng.random(), str(i)) for i in range(int(300000 * scale))]
    n = int(2000000 * scale)
    return [
        # (name, what threads should find, function)
        ("time.sleep (stands in for I/O)", "releases", lambda: time.sleep(0.2 * scale)),
        ("hashlib.sha256 of %d MB" % (len(big) // 10**6),
         "releases", lambda: hashlib.sha256(big).hexdigest()),
        ("zlib.compress of %d MB" % (len(blob) // 10**6),
         "releases", lambda: zlib.compress(blob, 6)),
        ("json.loads of %d MB" % (len(doc) // 10**6), "holds", lambda: json.loads(doc)),
        ("re.findall over %d MB" % (len(text) // 10**6),
         "holds", lambda: re.findall(r"\b(\w+)ing\b", text)),
        ("sorted() of %d tuples" % len(items), "holds", lambda: sorted(items)),
        ("pure-Python loop, %d steps" % n, "holds", lambda: sum(i * i for i in range(n))),
    ]


def best(func, repeats=3):
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return min(times)


def in_two_threads(func):
    def run():
        threads = [threading.Thread(target=func) for _ in range(2)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    return run


def verdict(ratio):
    if ratio >= 1.5:
        return "releases the GIL: threads overlap"
    if ratio <= 1.25:
        return "holds the GIL: threads take turns"
    return "unclear: repeat on a quieter machine"


def main():
    scale = float(sys.argv[1]) if len(sys.argv) > 1 else 1.0
    print("python %s, cores: %d" % (sys.version.split()[0], usable_cores()))
    for name, expected, func in make_tasks(scale):
        func()  # warm-up
        one = best(func)
        two = best(in_two_threads(func))
        ratio = 2 * one / two
        print("%-34s %.2fx  %s (expected: %s)" % (name + ":", ratio, verdict(ratio), expected))


if __name__ == "__main__":
    main()
