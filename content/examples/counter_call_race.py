"""The counter race again, with one small change: the value added comes from a
Python function call, counter += one().

Usage: python counter_call_race.py [increments_per_thread] [threads]
Defaults: 1000000 increments x 4 threads, so the correct total is 4000000.

The call sits between reading counter and writing it back, and the interpreter
may hand the GIL to another thread at a call. So this version loses updates on
every CPython version, including 3.10+ builds with the GIL.
"""
import sys
import threading

counter = 0


def one():
    return 1


def increment(n):
    global counter
    for _ in range(n):
        counter += one()  # read counter, call one(), add, write back


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 10**6
    num_threads = int(sys.argv[2]) if len(sys.argv) > 2 else 4

    threads = [threading.Thread(target=increment, args=(n,)) for _ in range(num_threads)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    print("expected = %d" % (n * num_threads))
    # usually prints less than 4000000: the GIL can change hands during one()
    print("counter = %d" % counter)


if __name__ == "__main__":
    main()
