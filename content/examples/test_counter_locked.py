"""counter_locked.py: the lock-protected counter is exact on every CPython version.

The page "Why the GIL Exists" claims that holding a Lock across `counter += 1` gives exactly
4 x N on every version, including the pre-3.10 ones where the unlocked counter loses updates.
"""
import re
import sys

from _testing import run_example, unittest, versions_available

PYENV_VERSIONS = ["3.6", "3.7", "3.8", "3.9", "3.10", "3.11", "3.12", "3.13"]
# Before 3.10 the four threads fight over the lock much harder (about 6 s for 4 x 10**6 on
# 2 cores), so those builds run a smaller N; the check is still "exactly 4 * N".
SMALL_N_BEFORE_310 = 200000


def parse_counter(stdout):
    m = re.search(r"^counter = (\d+)$", stdout, re.M)
    if not m:
        raise AssertionError("no 'counter = N' line in output:\n" + stdout)
    return int(m.group(1))


class CounterLockedTest(unittest.TestCase):
    def test_default_size_prints_exactly_4000000(self):
        out = run_example("counter_locked.py").stdout
        self.assertEqual(out.strip(), "counter = 4000000")

    def test_thread_count_argument(self):
        out = run_example("counter_locked.py", 1000, 7).stdout
        self.assertEqual(parse_counter(out), 7000)

    def test_exact_on_every_pyenv_version(self):
        found, missing = versions_available(PYENV_VERSIONS)
        if not found:
            self.skipTest("no pyenv CPython builds found (wanted %s)" % ", ".join(PYENV_VERSIONS))
        for version, python in sorted(found.items(), key=lambda kv: tuple(map(int, kv[0].split(".")))):
            major_minor = tuple(map(int, version.split(".")))
            n = SMALL_N_BEFORE_310 if major_minor < (3, 10) else 10**6
            with self.subTest(version=version, n=n):
                out = run_example("counter_locked.py", n, python=python).stdout
                self.assertEqual(parse_counter(out), 4 * n, "Python %s" % version)
        if missing:
            sys.stderr.write("counter_locked: not checked on %s (no build)\n" % ", ".join(missing))


if __name__ == "__main__":
    unittest.main()
