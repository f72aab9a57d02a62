"""I/O-bound work: fetch URLs sequentially and with a thread pool.

No internet needed: the script starts its own HTTP server on 127.0.0.1 whose handler waits
LATENCY_MS before answering, like a slow remote site.

Usage:
    python io_threads.py [COUNT] [LATENCY_MS] [WORKERS]

Defaults: 10 URLs, 200 ms latency, 10 worker threads.

Needs Python 3.7 or later: http.server.ThreadingHTTPServer is new in 3.7.
"""
import sys
import threading
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class SlowHandler(BaseHTTPRequestHandler):
    def do_GET(self):
        time.sleep(self.server.latency)  # the "network"; time.sleep releases the GIL
        body = ("page %s\n" % self.path).encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format, *args):  # keep the output quiet
        pass


class SlowServer(ThreadingHTTPServer):  # one thread per request
    request_queue_size = 128  # room for many simultaneous connections


def fetch_url(url):
    # timeout: never hang forever; with: always close the connection.
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.read()


def main():
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 10
    latency_ms = float(sys.argv[2]) if len(sys.argv) > 2 else 200.0
    workers = int(sys.argv[3]) if len(sys.argv) > 3 else 10

    # Talk to 127.0.0.1 directly, even if an http_proxy variable is set.
    urllib.request.install_opener(urllib.request.build_opener(urllib.request.ProxyHandler({})))

    server = SlowServer(("127.0.0.1", 0), SlowHandler)  # port 0: any free port
    server.latency = latency_ms / 1000
    server_thread = threading.Thread(target=server.serve_forever, daemon=True)
    server_thread.start()
    try:
        port = server.server_address[1]
        urls = ["http://127.0.0.1:%d/%d" % (port, i) for i in range(count)]
        expected = [("page /%d\n" % i).encode() for i in range(count)]
        print("urls: %d, latency: %g ms, workers: %d" % (count, latency_ms, workers))

        start = time.perf_counter()
        sequential = [fetch_url(url) for url in urls]
        t_seq = time.perf_counter() - start
        print("sequential: %.3f s" % t_seq)

        start = time.perf_counter()
        with ThreadPoolExecutor(max_workers=workers) as executor:
            threaded = list(executor.map(fetch_url, urls))
        t_thr = time.perf_counter() - start
        print("threads: %.3f s" % t_thr)
        print("speedup: %.1fx" % (t_seq / t_thr))

        ok = sum(1 for s, t, e in zip(sequential, threaded, expected) if s == t == e)
        print("responses: %d/%d ok" % (ok, count))
    finally:
        server.shutdown()
        server.server_close()
        server_thread.join()
    if ok != count:
        sys.exit(1)


if __name__ == "__main__":
    main()
