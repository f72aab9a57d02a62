"""why_refcount.py: reference counts go up and down by one per reference, and an object is freed
the moment its count reaches zero, on every CPython version here; None is immortal (its count never
moves) from 3.12 on and counted like any object before.

The page "Why the GIL Exists" relies on this behaviour to explain what the GIL protects.
"""
import sys

from _testing import run_example, unittest, versions_available

EXPECTED = [
    "after adding 3 references: +3",
    "after deleting them: +0",
    "deleting the last reference",
    "count reached zero: Payload freed",  # printed before "done": freeing is immediate
    "done",
]
VERSIONS = ["3.6", "3.7", "3.8", "3.9", "3.10", "3.11", "3.12", "3.13"]


def expected(version):
    """version: (major, minor). PEP 683 made None immortal in 3.12."""
    none_delta = "+0" if version >= (3, 12) else "+1000"
    return EXPECTED + ["None's count after 1000 more references: %s" % none_delta]


class WhyRefcountTest(unittest.TestCase):
    def test_current_python(self):
        self.assertEqual(run_example("why_refcount.py").stdout.splitlines(), expected(sys.version_info[:2]))

    def test_pyenv_versions(self):
        found, missing = versions_available(VERSIONS)
        if not found:
            self.skipTest("no pyenv CPython builds found")
        for version, python in sorted(found.items()):
            with self.subTest(version=version):
                self.assertEqual(run_example("why_refcount.py", python=python).stdout.splitlines(),
                                 expected(tuple(map(int, version.split(".")))))


if __name__ == "__main__":
    unittest.main()
