"""Checks intro_check_build.py, which the Introduction uses to show how to tell a
GIL build from a free-threaded one, and what it cannot know on other implementations."""

import os
import re
import subprocess
import sys
import sysconfig

from _testing import HERE, unittest, run_example, versions_available

import intro_check_build

VERSIONS = ["3.6", "3.7", "3.8", "3.9", "3.10", "3.11", "3.12", "3.13"]


def fields(out):
    return dict(re.findall(r"(?m)^([A-Za-z -]+) = (.*)$", out))


def run_as(python, impl_name):
    """Run the script with sys.implementation.name faked, as on another implementation."""
    code = ("import runpy, sys, types\n"
            "fake = types.SimpleNamespace(**vars(sys.implementation))\n"
            "fake.name = %r\n"
            "sys.implementation = fake\n"
            "runpy.run_path(%r, run_name='__main__')\n"
            % (impl_name, os.path.join(HERE, "intro_check_build.py")))
    proc = subprocess.run([python, "-c", code], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          universal_newlines=True, timeout=60)
    if proc.returncode != 0:
        raise AssertionError(proc.stderr)
    return fields(proc.stdout), proc.stdout


class CheckBuildTest(unittest.TestCase):
    def test_running_interpreter(self):
        f = fields(run_example("intro_check_build.py").stdout)
        self.assertEqual(f["python"], "%d.%d.%d" % sys.version_info[:3])
        free = sysconfig.get_config_var("Py_GIL_DISABLED") == 1
        self.assertEqual(f["free-threaded build"], "yes" if free else "no")
        if hasattr(sys, "_is_gil_enabled"):
            expected = ("yes" if sys._is_gil_enabled() else "no") + " (sys._is_gil_enabled())"
        else:
            expected = "yes (CPython before 3.13 always runs with one)"
        self.assertEqual(f["GIL enabled"], expected)
        self.assertEqual(f["switch interval"], "%g s" % sys.getswitchinterval())

    def test_every_pyenv_build_has_a_gil_and_5ms_interval(self):
        # All pyenv builds here are ordinary (GIL) builds of CPython.
        found, missing = versions_available(VERSIONS)
        for version, python in sorted(found.items()):
            with self.subTest(version=version):
                f = fields(run_example("intro_check_build.py", python=python).stdout)
                self.assertTrue(f["python"].startswith(version + "."))
                self.assertEqual(f["implementation"], "CPython")
                self.assertEqual(f["free-threaded build"], "no")
                how = ("sys._is_gil_enabled()" if version == "3.13"
                       else "CPython before 3.13 always runs with one")
                self.assertEqual(f["GIL enabled"], "yes (%s)" % how)
                self.assertEqual(f["switch interval"], "0.005 s")

    def test_other_implementations_are_not_assumed_gil_free(self):
        # Faked sys.implementation.name on each pyenv build: the script must not answer "no"
        # for PyPy (which has a GIL of its own) or GraalPy just because they are not CPython.
        found, missing = versions_available(VERSIONS)
        for version, python in sorted(found.items()):
            for impl in ("pypy", "graalpy"):
                with self.subTest(version=version, impl=impl):
                    f, out = run_as(python, impl)
                    self.assertIn("note: the GIL described in this guide is CPython's", out)
                    if version == "3.13":
                        # sys._is_gil_enabled() exists, so the answer comes from it.
                        self.assertEqual(f["GIL enabled"], "yes (sys._is_gil_enabled())")
                    else:
                        self.assertTrue(f["GIL enabled"].startswith("unknown"), f["GIL enabled"])
                    self.assertTrue(f["free-threaded build"].startswith("unknown"))

    def test_describe(self):
        d = lambda *a: dict(intro_check_build.describe(*a))
        # Free-threaded CPython with the GIL off, and with it switched back on.
        self.assertEqual(d("cpython", lambda: False, 1),
                         {"free-threaded build": "yes", "GIL enabled": "no (sys._is_gil_enabled())"})
        self.assertEqual(d("cpython", lambda: True, 1)["GIL enabled"], "yes (sys._is_gil_enabled())")
        # CPython before 3.13: no sys._is_gil_enabled, Py_GIL_DISABLED is None.
        self.assertEqual(d("cpython", None, None),
                         {"free-threaded build": "no",
                          "GIL enabled": "yes (CPython before 3.13 always runs with one)"})
        # Another implementation without sys._is_gil_enabled: no guess either way.
        other = d("pypy", None, None)
        self.assertTrue(other["GIL enabled"].startswith("unknown"))
        self.assertTrue(other["free-threaded build"].startswith("unknown"))


if __name__ == "__main__":
    unittest.main()
