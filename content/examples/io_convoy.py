"""The convoy effect: CPU-bound threads slow down an I/O-bound thread in the same process.

An echo server thread answers a client that runs in a separate process, over 127.0.0.1.
We count round trips per second with 0, 1, ... CPU-bound threads running beside the server
thread, and once with the same CPU work moved into a separate process.

Usage:
    python io_convoy.py [SECONDS] [MAX_CPU_THREADS] [SWITCH_INTERVAL]

Defaults: 2 seconds per run, up to 2 CPU-bound threads, the interpreter's
switch interval (5 ms unless changed). SWITCH_INTERVAL is in seconds and is
passed to sys.setswitchinterval() before the runs.
"""
import multiprocessing
import socket
import sys
import threading
import time


def spin(stop):
    """Pure-Python CPU work until told to stop: it holds the GIL whenever it can.

    The same loop runs in a thread and in a process. It checks the stop flag once per 10,000
    additions, so the check costs next to nothing in either: a multiprocessing.Event is
    a semaphore, far dearer to check than a threading.Event.
    """
    x = 0
    while not stop.is_set():
        for _ in range(10_000):
            x += 1


def client(port, seconds, results):
    """Runs in its own process, so only the server side competes for the GIL."""
    with socket.create_connection(("127.0.0.1", port)) as sock:
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        count = 0
        deadline = time.perf_counter() + seconds
        while time.perf_counter() < deadline:
            sock.sendall(b"ping")
            if not sock.recv(64):
                break
            count += 1
    results.put(count / seconds)


def echo(listener):
    """The I/O-bound thread: every recv() and sendall() releases the GIL and must take it back."""
    conn, _ = listener.accept()
    with conn:
        conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        while True:
            data = conn.recv(64)
            if not data:
                break
            conn.sendall(data)


def measure(seconds, cpu_threads=0, cpu_process=False):
    stop_threads = threading.Event()
    stop_process = multiprocessing.Event()
    spinners = [threading.Thread(target=spin, args=(stop_threads,)) for _ in range(cpu_threads)]
    if cpu_process:
        spinners.append(multiprocessing.Process(target=spin, args=(stop_process,)))

    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(1)
        server = threading.Thread(target=echo, args=(listener,))
        server.start()
        for s in spinners:
            s.start()
        results = multiprocessing.Queue()
        client_process = multiprocessing.Process(
            target=client, args=(listener.getsockname()[1], seconds, results))
        client_process.start()
        rate = results.get()
        client_process.join()
        server.join()
    stop_threads.set()
    stop_process.set()
    for s in spinners:
        s.join()
    return rate


def main():
    seconds = float(sys.argv[1]) if len(sys.argv) > 1 else 2.0
    max_threads = int(sys.argv[2]) if len(sys.argv) > 2 else 2
    if len(sys.argv) > 3:
        sys.setswitchinterval(float(sys.argv[3]))
    print("switch interval: %g s" % sys.getswitchinterval())
    for n in range(max_threads + 1):
        print("cpu threads: %d -> %.0f req/s" % (n, measure(seconds, cpu_threads=n)))
    print("cpu process: 1 -> %.0f req/s" % measure(seconds, cpu_process=True))


if __name__ == "__main__":
    main()
