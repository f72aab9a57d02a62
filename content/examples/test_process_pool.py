"""process_pool.py, and the lambda version that the page shows as a common misconception.

The page "Working Around the GIL" claims:
- the pool returns 4 equal, correct results with the platform's default start method
  and with "spawn" (Windows, macOS) forced;
- the commonly written `executor.map(lambda x: cpu_intensive(), range(4))` fails with a pickling
  error as soon as the results are iterated, and silently does nothing when they are not;
- starting a thread costs less than forking a process, which costs less than spawning one
  (process_pool.py --startup);
- without the __main__ guard, under spawn, ProcessPoolExecutor fails with BrokenProcessPool while
  multiprocessing.Pool keeps restarting workers that fail.
"""
import os
import re
import signal
import subprocess
import sys
import tempfile
import textwrap

from _testing import run_example, unittest, versions_available

N = 20000
EXPECTED = (N - 1) * N * (2 * N - 1) // 6  # sum of i**2 for i in range(N)


def parse_results(stdout):
    return [int(v) for v in re.findall(r"^result \d+ = (\d+)$", stdout, re.M)]


# The commonly written snippet, with only the size shrunk and a __main__ guard added so that the test
# isolates the lambda problem from the missing-guard problem.
LAMBDA_SNIPPET = textwrap.dedent("""
    from concurrent.futures import ProcessPoolExecutor

    def cpu_intensive():
        return sum(i**2 for i in range(10**4))

    if __name__ == "__main__":
        with ProcessPoolExecutor(max_workers=4) as executor:
            results = {consume}(executor.map(lambda x: cpu_intensive(), range(4)))
        print("finished without an error")
""")


def run_snippet(source):
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "lambda_pool.py")
        with open(path, "w") as f:
            f.write(source)
        return subprocess.run([sys.executable, path], capture_output=True, text=True, timeout=120)


class ProcessPoolTest(unittest.TestCase):
    def check(self, *args, python=None):
        out = run_example("process_pool.py", N, *args, python=python).stdout
        results = parse_results(out)
        self.assertEqual(results, [EXPECTED] * 4, out)
        self.assertRegex(out, r"(?m)^sequential: \d+\.\d+ s$")
        self.assertRegex(out, r"(?m)^processes: +\d+\.\d+ s$")
        return out

    def test_default_start_method(self):
        out = self.check()
        self.assertRegex(out, r"(?m)^start method: (fork|spawn|forkserver)$")

    def test_spawn_forced(self):
        out = self.check("--start-method", "spawn")
        self.assertIn("start method: spawn", out)

    @unittest.skipUnless(sys.platform.startswith("linux"), "forkserver is the 3.14 Linux default; checked on Linux")
    def test_forkserver_forced(self):
        out = self.check("--start-method=forkserver")
        self.assertIn("start method: forkserver", out)

    def test_other_versions_with_spawn(self):
        found, missing = versions_available(["3.9", "3.10", "3.11", "3.12", "3.13"])
        if not found:
            self.skipTest("no pyenv CPython 3.9-3.13 builds found")
        for version, python in sorted(found.items()):
            with self.subTest(version=version):
                self.check("--start-method", "spawn", python=python)

    def test_lambda_fails_when_results_are_iterated(self):
        proc = run_snippet(LAMBDA_SNIPPET.format(consume="list"))
        self.assertNotEqual(proc.returncode, 0, proc.stdout + proc.stderr)
        self.assertNotIn("finished without an error", proc.stdout)
        # Checked with the interpreter that runs this test (CPython 3.11.7 here):
        # "_pickle.PicklingError: Can't pickle <function <lambda> ...>".
        self.assertIn("PicklingError", proc.stderr)
        self.assertIn("lambda", proc.stderr)

    def test_lambda_is_a_silent_no_op_when_results_are_ignored(self):
        proc = run_snippet(LAMBDA_SNIPPET.format(consume=""))
        self.assertEqual(proc.returncode, 0, proc.stderr)
        self.assertIn("finished without an error", proc.stdout)
        self.assertNotIn("PicklingError", proc.stderr)


    @unittest.skipIf(sys.platform == "win32", "stops the endless pool with os.killpg (POSIX)")
    def test_no_guard_with_spawn(self):
        # The page: without the __main__ guard, under spawn, every child re-runs the module and
        # raises the bootstrapping RuntimeError; ProcessPoolExecutor then raises BrokenProcessPool
        # and the script exits with an error, while multiprocessing.Pool keeps starting workers.
        header = textwrap.dedent("""
            import multiprocessing
            from concurrent.futures import ProcessPoolExecutor

            def task(n):
                return n * n

            ctx = multiprocessing.get_context("spawn")
        """)
        proc = run_snippet(header + textwrap.dedent("""
            with ProcessPoolExecutor(max_workers=2, mp_context=ctx) as executor:
                print(list(executor.map(task, range(4))))
        """))
        self.assertNotEqual(proc.returncode, 0, proc.stdout)
        self.assertIn("bootstrapping phase", proc.stderr)
        self.assertIn("BrokenProcessPool", proc.stderr)

        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "pool_no_guard.py")
            with open(path, "w") as f:
                f.write(header + textwrap.dedent("""
                    with ctx.Pool(2) as pool:
                        print(pool.map(task, range(4)))
                """))
            child = subprocess.Popen([sys.executable, path], stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE, text=True, start_new_session=True)
            try:
                _out, err = child.communicate(timeout=5)
                self.fail("multiprocessing.Pool without the guard ended by itself:\n" + err)
            except subprocess.TimeoutExpired:
                os.killpg(child.pid, signal.SIGKILL)
                _out, err = child.communicate()
        # Still running after 5 s, having started and lost worker after worker.
        self.assertGreaterEqual(err.count("bootstrapping phase"), 3, err[-2000:])

    def test_startup_costs_are_ordered(self):
        out = run_example("process_pool.py", "--startup").stdout
        ms = {m.group(1): float(m.group(2))
              for m in re.finditer(r"^(threading\.Thread|Process, \w+|ProcessPoolExecutor\(4\)[^:]*): ([0-9.]+) ms$",
                                   out, re.M)}
        self.assertIn("threading.Thread", ms, out)
        self.assertIn("Process, spawn", ms, out)
        self.assertTrue(any(k.startswith("ProcessPoolExecutor(4)") for k in ms), out)
        if sys.platform.startswith("linux"):
            self.assertIn("Process, forkserver", ms, out)
            # fork copies a running process; spawn starts and imports a new interpreter.
            self.assertLess(ms["threading.Thread"], ms["Process, fork"], out)
            self.assertLess(ms["Process, fork"], ms["Process, spawn"], out)


if __name__ == "__main__":
    unittest.main()
