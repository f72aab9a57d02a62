"""A shared counter that is correct on every CPython: GIL builds of any
version and free-threaded builds alike.

The lock is held across the whole read-modify-write (`counter += 1` is a
load, an add and a store), so no update can be lost.

Usage: python counter_locked.py [increments_per_thread] [threads]
Defaults: 4 threads x 10**6 increments, so it prints "counter = 4000000".
"""
import sys
import threading

counter = 0
lock = threading.Lock()


def safe_increment(n):
    global counter
    for _ in range(n):
        with lock:  # acquire, then release even if the body raised
            counter += 1


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 10**6
    n_threads = int(sys.argv[2]) if len(sys.argv) > 2 else 4

    threads = [threading.Thread(target=safe_increment, args=(n,))
               for _ in range(n_threads)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    print("counter = %d" % counter)  # n * n_threads: 4000000 by default


if __name__ == "__main__":
    main()
