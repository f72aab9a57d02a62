"""why_refcount.py: reference counts go up and down by one per reference, and an object is freed
the moment its count reaches zero, on every CPython version here.

The page "Why the GIL Exists" relies on this behaviour to explain what the GIL protects.
"""
from _testing import run_example, unittest, versions_available

EXPECTED = [
    "after adding 3 references: +3",
    "after deleting them: +0",
    "deleting the last reference",
    "count reached zero: Payload freed",  # printed before "done": freeing is immediate
    "done",
]


class WhyRefcountTest(unittest.TestCase):
    def test_current_python(self):
        self.assertEqual(run_example("why_refcount.py").stdout.splitlines(), EXPECTED)

    def test_pyenv_versions(self):
        found, missing = versions_available(["3.6", "3.7", "3.8", "3.9", "3.10", "3.11", "3.12", "3.13"])
        if not found:
            self.skipTest("no pyenv CPython builds found")
        for version, python in sorted(found.items()):
            with self.subTest(version=version):
                self.assertEqual(run_example("why_refcount.py", python=python).stdout.splitlines(), EXPECTED)


if __name__ == "__main__":
    unittest.main()
