"""practice_thread_safe_counter.py: the three safe variants are exact; the racy one loses updates.

The page "Practice Problems" (problem 4) claims that the lock, threading.local + sum and queue
versions print exactly 4 x N on every version, and that `counter += one()` loses updates even on
3.10-3.13 GIL builds, where the plain `counter += 1` happens to survive.
"""
import re

from _testing import on_versions, outcome, run_example, unittest, versions_available

SAFE = ["lock", "local", "queue"]


def parse(stdout):
    counts = {name: int(v) for name, v in re.findall(r"^(\w+): counter = (\d+) \(\d+\.\d+ s\)$", stdout, re.M)}
    expected = int(re.search(r"^expected = (\d+)$", stdout, re.M).group(1))
    return counts, expected


class ThreadSafeCounterTest(unittest.TestCase):
    def test_safe_variants_print_4000000(self):
        counts, expected = parse(run_example("practice_thread_safe_counter.py", 10**6, *SAFE).stdout)
        self.assertEqual(expected, 4000000)
        self.assertEqual(counts, {name: 4000000 for name in SAFE})

    def test_racy_variant_loses_updates(self):
        # Lost updates are likely, not certain, in any one run: allow 3 tries.
        results = []
        for _ in range(3):
            counts, expected = parse(run_example("practice_thread_safe_counter.py", 10**6, "racy").stdout)
            results.append(counts["racy"])
            self.assertLessEqual(counts["racy"], expected)
            if counts["racy"] < expected:
                return
        self.fail("racy variant never lost an update: %s" % results)

    def test_safe_variants_on_pyenv_versions(self):
        found, missing = versions_available(["3.6", "3.7", "3.8", "3.9", "3.10", "3.11", "3.12", "3.13"])
        if not found:
            self.skipTest("no pyenv CPython builds found")
        n = 100000

        def counts(version, python):
            return parse(run_example("practice_thread_safe_counter.py", n, *SAFE, python=python).stdout)[0]

        for version, result in on_versions(found, counts):
            with self.subTest(version=version):
                self.assertEqual(outcome(result), {name: 4 * n for name in SAFE})
    def test_racy_variant_loses_updates_on_pyenv_versions(self):
        # 3.10-3.13 included: the call to one() is where the GIL can move, unlike plain += 1.
        found, missing = versions_available(["3.6", "3.7", "3.8", "3.9", "3.10", "3.11", "3.12", "3.13"])
        if not found:
            self.skipTest("no pyenv CPython builds found")
        n = 300000

        def racy(version, python):
            results = []
            for _ in range(3):  # lost updates are likely, not certain, in any one run
                counts, expected = parse(run_example("practice_thread_safe_counter.py", n, "racy",
                                                     python=python).stdout)
                results.append(counts["racy"])
                if counts["racy"] < expected:
                    break
            return results

        for version, result in on_versions(found, racy):
            with self.subTest(version=version):
                results = outcome(result)
                self.assertTrue(all(r <= 4 * n for r in results), results)
                self.assertLess(results[-1], 4 * n, "never lost an update: %s" % results)


if __name__ == "__main__":
    unittest.main()
