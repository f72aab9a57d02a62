"""Checks the GIL Basics page's claims about counter_call_race.py:
- with a Python function call inside the increment (counter += one()), updates are lost
  on every version, including 3.10+ builds with the GIL;
- with len() instead (counter += len(t)), updates are lost up to 3.10 but not on 3.11-3.13,
  where the call is specialised to an instruction that does not check the eval breaker."""

import re

from _testing import on_versions, outcome, unittest, run_example, versions_available

EXPECTED = 4 * 10**6
VERSIONS = ["2.7", "3.6", "3.7", "3.8", "3.9", "3.10", "3.11", "3.12", "3.13"]
LEN_LOSSY = ["2.7", "3.6", "3.9", "3.10"]
LEN_EXACT = ["3.11", "3.12", "3.13"]
RUNS = 3


def counters(kind, python=None, stop_on_loss=True):
    """Run up to RUNS times; with stop_on_loss, stop at the first run that comes out short."""
    seen = []
    for _ in range(RUNS):
        out = run_example("counter_call_race.py", 10**6, 4, kind, python=python).stdout
        assert "call = %s" % kind in out, out
        match = re.search(r"^counter = (\d+)$", out, re.M)
        assert match, "no 'counter = N' line in:\n" + out
        seen.append(int(match.group(1)))
        if stop_on_loss and seen[-1] < EXPECTED:
            break
    return seen


class CounterCallRaceTest(unittest.TestCase):
    def test_prints_expected_total(self):
        out = run_example("counter_call_race.py", 1000, 2).stdout
        self.assertIn("call = one", out)
        self.assertIn("expected = 2000", out)
        self.assertRegex(out, r"(?m)^counter = \d+$")

    def test_running_interpreter_loses_updates(self):
        seen = counters("one")
        self.assertLess(min(seen), EXPECTED, "no lost update in %d runs: %s" % (RUNS, seen))

    def test_one_loses_updates_on_every_version(self):
        found, missing = versions_available(VERSIONS)
        for version, result in on_versions(found, lambda _, python: counters("one", python)):
            with self.subTest(version=version):
                seen = outcome(result)
                self.assertLess(min(seen), EXPECTED,
                                "%s: no lost update in %d runs: %s" % (version, RUNS, seen))

    def test_len_loses_updates_up_to_310(self):
        found, missing = versions_available(LEN_LOSSY)
        for version, result in on_versions(found, lambda _, python: counters("len", python)):
            with self.subTest(version=version):
                seen = outcome(result)
                self.assertLess(min(seen), EXPECTED,
                                "%s: no lost update in %d runs: %s" % (version, RUNS, seen))

    def test_len_is_exact_on_311_to_313(self):
        found, missing = versions_available(LEN_EXACT)
        run = lambda _, python: counters("len", python, stop_on_loss=False)
        for version, result in on_versions(found, run):
            with self.subTest(version=version):
                self.assertEqual(outcome(result), [EXPECTED] * RUNS)


if __name__ == "__main__":
    unittest.main()
