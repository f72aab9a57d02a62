"""ctypes_release.py: CDLL calls overlap in two threads (GIL released), PyDLL calls do not.

The page "Working Around the GIL" claims that ctypes releases the GIL for the length of a foreign
call made through CDLL, and keeps it through PyDLL (Doc/library/ctypes.rst). Sleeping in C is
not CPU-bound, so these ratios hold even on a busy machine.
"""
import re
import sys

from _testing import on_versions, outcome, run_example, unittest, versions_available

SECONDS = 0.3


def run(python=None):
    return run_example("ctypes_release.py", SECONDS, python=python).stdout


def parse(stdout):
    cdll = float(re.search(r"^CDLL \(GIL released\): (\d+\.\d+) s$", stdout, re.M).group(1))
    pydll = float(re.search(r"^PyDLL \(GIL held\): +(\d+\.\d+) s$", stdout, re.M).group(1))
    return cdll, pydll


@unittest.skipIf(sys.platform == "win32", "the example uses the POSIX usleep()")
class CtypesReleaseTest(unittest.TestCase):
    def check(self, out):
        cdll, pydll = parse(out)
        # Overlapping calls: close to one call's length (well under two).
        self.assertLess(cdll, 1.5 * SECONDS, out)
        # Serialised calls: close to two calls' length.
        self.assertGreaterEqual(pydll, 1.8 * SECONDS, out)
        self.assertGreater(pydll / cdll, 1.4, out)

    def test_current_python(self):
        self.check(run())

    def test_pyenv_versions(self):
        # The page says "on every CPython from 3.6 to 3.13 here".
        found, missing = versions_available(["3.6", "3.7", "3.8", "3.9", "3.10", "3.11", "3.12", "3.13"])
        if not found:
            self.skipTest("no pyenv CPython 3.6-3.13 builds found")
        for version, result in on_versions(found, lambda _, python: run(python)):
            with self.subTest(version=version):
                self.check(out=outcome(result))


if __name__ == "__main__":
    unittest.main()
