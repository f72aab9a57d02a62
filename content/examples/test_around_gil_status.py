"""around_gil_status.py: reports the build and GIL state; GIL builds refuse to disable the GIL.

The pages "Working Around the GIL" and "Free-threaded Python" claim that sys._is_gil_enabled()
exists from 3.13, that every regular build reports the GIL as enabled, that the script runs on
CPython 3.6-3.13 and answers "unknown" on other Pythons without sys._is_gil_enabled(), that PYTHON_GIL=0 or
-X gil=0 stops a regular (non-free-threaded) 3.13 build at start-up with "Disabling the GIL is not
supported by this build", even when -X gil=1 is also given, and that 3.12 ignores both settings.
"""
import importlib.util
import os
import subprocess

from _testing import example_path, run_example, unittest, versions_available

CPYTHON_BEFORE_313 = "True (CPython before 3.13 always has a GIL)"


def status(stdout):
    return dict(line.split(": ", 1) for line in stdout.splitlines() if ": " in line)


def load_example():
    spec = importlib.util.spec_from_file_location("around_gil_status", example_path("around_gil_status.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class GilStatusTest(unittest.TestCase):
    def test_gil_enabled_line_by_implementation(self):
        line = load_example().gil_enabled_line
        self.assertEqual(line("CPython"), "GIL enabled: " + CPYTHON_BEFORE_313)
        self.assertEqual(line("PyPy"), "GIL enabled: unknown (PyPy has no sys._is_gil_enabled())")
        self.assertEqual(line("CPython", lambda: False), "GIL enabled: False")
        self.assertEqual(line("PyPy", lambda: True), "GIL enabled: True")

    def test_current_python(self):
        s = status(run_example("around_gil_status.py").stdout)
        self.assertIn(s["free-threaded build"], ("True", "False"))
        self.assertIn(s["default start method"], ("fork", "spawn", "forkserver"))
        if s["free-threaded build"] == "False":
            self.assertTrue(s["GIL enabled"].startswith("True"))

    def test_versions(self):
        found, missing = versions_available(["3.6", "3.7", "3.8", "3.9", "3.10", "3.11", "3.12", "3.13"])
        if not found:
            self.skipTest("no pyenv CPython builds found")
        for version, python in sorted(found.items()):
            with self.subTest(version=version):
                s = status(run_example("around_gil_status.py", python=python).stdout)
                self.assertTrue(s["python"].startswith(version + "."))
                self.assertEqual(s["implementation"], "CPython")
                self.assertEqual(s["free-threaded build"], "False")
                if version == "3.13":
                    self.assertEqual(s["GIL enabled"], "True")  # sys._is_gil_enabled()
                    self.assertEqual(s["sys.flags.gil"], "1")
                else:
                    self.assertEqual(s["GIL enabled"], CPYTHON_BEFORE_313)

    def test_gil_build_refuses_to_disable_the_gil(self):
        found, missing = versions_available(["3.13"])
        if not found:
            self.skipTest("no pyenv CPython 3.13 build found")
        python = found["3.13"]
        for args, env in ((["-X", "gil=0"], {}), ([], {"PYTHON_GIL": "0"}),
                          (["-X", "gil=1"], {"PYTHON_GIL": "0"})):
            with self.subTest(args=args, env=env):
                proc = subprocess.run([python, *args, example_path("around_gil_status.py")],
                                      capture_output=True, text=True, timeout=60, env={**os.environ, **env})
                self.assertNotEqual(proc.returncode, 0)
                self.assertIn("Disabling the GIL is not supported by this build", proc.stderr)

    def test_312_ignores_the_gil_settings(self):
        found, missing = versions_available(["3.12"])
        if not found:
            self.skipTest("no pyenv CPython 3.12 build found")
        for args, env in ((["-X", "gil=0"], {}), ([], {"PYTHON_GIL": "0"})):
            with self.subTest(args=args, env=env):
                proc = subprocess.run([found["3.12"], *args, example_path("around_gil_status.py")],
                                      capture_output=True, text=True, timeout=60, env={**os.environ, **env})
                self.assertEqual(proc.returncode, 0, proc.stderr)
                s = status(proc.stdout)
                self.assertEqual(s["GIL enabled"], CPYTHON_BEFORE_313)
                self.assertEqual(s["sys.flags.gil"], "n/a (new in 3.13)")


if __name__ == "__main__":
    unittest.main()
