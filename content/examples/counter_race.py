"""Four threads each add 1 to a shared global counter one million times.

Usage: python counter_race.py [increments_per_thread] [threads] [trace]
Defaults: 1000000 increments x 4 threads, so the correct total is 4000000.
With "trace" (Python 3.7+), every thread runs under a trace function with opcode
tracing on (frame.f_trace_opcodes = True), as some debugging tools do.

On CPython 3.9 and older the total usually comes out short, and it is expected to on
free-threaded builds too (nothing makes += atomic without the GIL). On 3.10-3.13 GIL builds this exact program happens to print 4000000, but
that is an accident of where the interpreter may switch threads, not a guarantee.
"""
import sys
import threading

counter = 0


def increment(n):
    global counter
    for _ in range(n):
        counter += 1  # read, add, write: three steps, not one


def trace_opcodes(frame, event, arg):
    frame.f_trace_opcodes = True
    return trace_opcodes


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 10**6
    num_threads = int(sys.argv[2]) if len(sys.argv) > 2 else 4
    if len(sys.argv) > 3 and sys.argv[3] == "trace":
        if sys.version_info < (3, 7):
            sys.exit("opcode tracing (frame.f_trace_opcodes) needs Python 3.7 or later")
        threading.settrace(trace_opcodes)  # for the threads started below

    threads = [threading.Thread(target=increment, args=(n,)) for _ in range(num_threads)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    print("expected = %d" % (n * num_threads))
    # may print less than expected: += is not atomic; use a Lock
    print("counter = %d" % counter)


if __name__ == "__main__":
    main()
