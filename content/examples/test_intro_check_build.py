"""Checks intro_check_build.py, which the Introduction uses to show how to tell a
GIL build from a free-threaded one."""

import re
import sys
import sysconfig

from _testing import unittest, run_example, versions_available


def fields(out):
    return dict(re.findall(r"(?m)^([A-Za-z -]+) = (.*)$", out))


class CheckBuildTest(unittest.TestCase):
    def test_running_interpreter(self):
        f = fields(run_example("intro_check_build.py").stdout)
        self.assertEqual(f["python"], "%d.%d.%d" % sys.version_info[:3])
        free = sysconfig.get_config_var("Py_GIL_DISABLED") == 1
        self.assertEqual(f["free-threaded build"], "yes" if free else "no")
        gil = sys._is_gil_enabled() if hasattr(sys, "_is_gil_enabled") else True
        self.assertEqual(f["GIL enabled"], "yes" if gil else "no")
        self.assertEqual(f["switch interval"], "%g s" % sys.getswitchinterval())

    def test_default_builds_have_a_gil_and_5ms_interval(self):
        # All pyenv builds here are ordinary (GIL) builds.
        found, missing = versions_available(["3.6", "3.9", "3.12", "3.13"])
        for version, python in sorted(found.items()):
            with self.subTest(version=version):
                f = fields(run_example("intro_check_build.py", python=python).stdout)
                self.assertTrue(f["python"].startswith(version + "."))
                self.assertEqual(f["implementation"], "CPython")
                self.assertEqual(f["free-threaded build"], "no")
                self.assertEqual(f["GIL enabled"], "yes")
                self.assertEqual(f["switch interval"], "0.005 s")


if __name__ == "__main__":
    unittest.main()
