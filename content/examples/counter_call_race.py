"""The counter race again, with one small change: the value added comes from a call.

Usage: python counter_call_race.py [increments_per_thread] [threads] [one|len]
Defaults: 1000000 increments x 4 threads, so the correct total is 4000000, and
the call is one(), a Python function.

one:  counter += one(). The call sits between reading counter and writing it
      back. Up to 3.9 the GIL can change hands after most instructions; 3.10
      checks when one() starts and after the call; 3.11+ checks when one()
      starts (its RESUME instruction). So this version loses updates on every
      CPython version, including 3.10+ GIL builds.
len:  counter += len(t). Up to 3.10 this loses updates too. From 3.11 the
      interpreter specialises the call after a few passes (CALL_LEN in 3.13),
      and that specialised form does not check, so on 3.11-3.13 nothing was
      lost in our runs. The first, unspecialised passes do check.
Neither result is a promise: += is not atomic, so use a Lock.
"""
import sys
import threading

counter = 0
t = (1,)


def one():
    return 1


def increment_one(n):
    global counter
    for _ in range(n):
        counter += one()  # read counter, call one(), add, write back


def increment_len(n):
    global counter
    for _ in range(n):
        counter += len(t)  # read counter, call len(), add, write back


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 10**6
    num_threads = int(sys.argv[2]) if len(sys.argv) > 2 else 4
    kind = sys.argv[3] if len(sys.argv) > 3 else "one"
    target = {"one": increment_one, "len": increment_len}[kind]

    threads = [threading.Thread(target=target, args=(n,)) for _ in range(num_threads)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()

    print("call = %s" % kind)
    print("expected = %d" % (n * num_threads))
    # may print less than expected: += is not atomic; use a Lock
    print("counter = %d" % counter)


if __name__ == "__main__":
    main()
