"""Checks the GIL Basics page's claim about counter_call_race.py: with a Python
function call inside the increment (counter += one()), updates are lost on every
version, including 3.10+ builds with the GIL."""

import re

from _testing import on_versions, outcome, unittest, run_example, versions_available

EXPECTED = 4 * 10**6
VERSIONS = ["2.7", "3.6", "3.7", "3.8", "3.9", "3.10", "3.11", "3.12", "3.13"]
RUNS = 3


def lost_update_runs(python=None):
    """Run up to RUNS times; stop at the first run that comes out short."""
    seen = []
    for _ in range(RUNS):
        out = run_example("counter_call_race.py", python=python).stdout
        match = re.search(r"^counter = (\d+)$", out, re.M)
        assert match, "no 'counter = N' line in:\n" + out
        seen.append(int(match.group(1)))
        if seen[-1] < EXPECTED:
            break
    return seen


class CounterCallRaceTest(unittest.TestCase):
    def test_prints_expected_total(self):
        out = run_example("counter_call_race.py", 1000, 2).stdout
        self.assertIn("expected = 2000", out)
        self.assertRegex(out, r"(?m)^counter = \d+$")

    def test_running_interpreter_loses_updates(self):
        seen = lost_update_runs()
        self.assertLess(min(seen), EXPECTED, "no lost update in %d runs: %s" % (RUNS, seen))

    def test_loses_updates_on_every_version(self):
        found, missing = versions_available(VERSIONS)
        for version, result in on_versions(found, lambda _, python: lost_update_runs(python)):
            with self.subTest(version=version):
                seen = outcome(result)
                self.assertLess(min(seen), EXPECTED,
                                "%s: no lost update in %d runs: %s" % (version, RUNS, seen))


if __name__ == "__main__":
    unittest.main()
