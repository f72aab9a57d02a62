"""Practice problem 4, reference solution: a thread-safe counter three ways,
after a racy one that shows the bug.

4 threads x N increments each (N = 10**6 by default), in four variants:
  racy   counter += one(), no lock. The call between the read and the write
         lets the GIL change hands there, so updates are lost even on the
         3.10-3.13 GIL builds, where a
         plain `counter += 1` happens to survive, and before 3.10. A
         free-threaded build has no GIL to hold the threads back at all.
  lock   `with lock: counter += 1`: one Lock around each read-modify-write.
  local  per-thread counts in threading.local, summed after join().
  queue  threads send increments to a queue; one consumer owns the counter.

Usage: python practice_thread_safe_counter.py [N] [variant ...]
Runs all four by default and prints one line per variant, for example
"lock: counter = 4000000 (0.95 s)".
"""
import sys
import threading
import time

try:
    from queue import SimpleQueue  # C implementation, 3.7+
except ImportError:  # Python 3.6
    from queue import Queue as SimpleQueue

THREADS = 4


def run_threads(target, n):
    threads = [threading.Thread(target=target, args=(n,))
               for _ in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()


def racy(n):
    state = {"counter": 0}

    def one():
        return 1

    def work(n):
        for _ in range(n):
            # read, call one() (the GIL may move here), add, write back
            state["counter"] += one()

    run_threads(work, n)
    return state["counter"]


def locked(n):
    state = {"counter": 0}
    lock = threading.Lock()

    def work(n):
        for _ in range(n):
            with lock:
                state["counter"] += 1

    run_threads(work, n)
    return state["counter"]


def local_sum(n):
    local = threading.local()
    totals = []  # list.append is safe from several threads

    def work(n):
        local.count = 0  # each thread sees its own attribute
        for _ in range(n):
            local.count += 1
        totals.append(local.count)

    run_threads(work, n)
    return sum(totals)


def queued(n):
    q = SimpleQueue()
    state = {"counter": 0}

    def producer(n):
        for _ in range(n):
            q.put(1)
        q.put(None)  # "this producer is done"

    def consumer():
        done = 0
        while done < THREADS:
            item = q.get()
            if item is None:
                done += 1
            else:
                state["counter"] += item  # only this thread writes it

    c = threading.Thread(target=consumer)
    c.start()
    run_threads(producer, n)
    c.join()
    return state["counter"]


VARIANTS = {"racy": racy, "lock": locked, "local": local_sum, "queue": queued}


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 10**6
    names = sys.argv[2:] or list(VARIANTS)
    for name in names:
        start = time.perf_counter()
        result = VARIANTS[name](n)
        elapsed = time.perf_counter() - start
        print("%s: counter = %d (%.2f s)" % (name, result, elapsed))
    print("expected = %d" % (THREADS * n))


if __name__ == "__main__":
    main()
