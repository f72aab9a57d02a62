"""process_pool.py, and the lambda version that the page shows as a common misconception.

The page "Working Around the GIL" claims:
- the pool returns 4 equal, correct results with the platform's default start method
  and with "spawn" (Windows, macOS) forced;
- the commonly written `executor.map(lambda x: cpu_intensive(), range(4))` fails with a pickling
  error as soon as the results are iterated, and silently does nothing when they are not;
- starting a thread costs less than forking a process, which costs less than spawning one
  (process_pool.py --startup).
"""
import os
import re
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
        # 3.9-3.13: "_pickle.PicklingError: Can't pickle <function <lambda> ...>"; 3.14 words it
        # differently but it is still a PicklingError.
        self.assertIn("PicklingError", proc.stderr)
        self.assertIn("lambda", proc.stderr)

    def test_lambda_is_a_silent_no_op_when_results_are_ignored(self):
        proc = run_snippet(LAMBDA_SNIPPET.format(consume=""))
        self.assertEqual(proc.returncode, 0, proc.stderr)
        self.assertIn("finished without an error", proc.stdout)
        self.assertNotIn("PicklingError", proc.stderr)


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
