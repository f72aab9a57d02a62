"""Checks the claims the GIL Basics page makes about counter_race.py:
- on 3.10-3.13 GIL builds the default program (4 threads x 10**6) prints exactly 4000000;
- on 3.9 and older it loses updates (a free-threaded build, if one runs this, is expected to);
- with opcode tracing on ("trace"), it loses updates on 3.10-3.13 too."""

import re
import sys

from _testing import on_versions, outcome, unittest, run_example, versions_available

EXPECTED = 4 * 10**6
EXACT_VERSIONS = ["3.10", "3.11", "3.12", "3.13"]
LOSSY_VERSIONS = ["2.7", "3.6", "3.7", "3.8", "3.9"]
RUNS = 3


def counter_of(proc):
    match = re.search(r"^counter = (\d+)$", proc.stdout, re.M)
    assert match, "no 'counter = N' line in:\n" + proc.stdout
    return int(match.group(1))


def results(python=None, runs=RUNS, stop_on_loss=False, args=()):
    seen = []
    for _ in range(runs):
        seen.append(counter_of(run_example("counter_race.py", *args, python=python)))
        if stop_on_loss and seen[-1] < EXPECTED:
            break
    return seen


def gil_enabled_here():
    is_enabled = getattr(sys, "_is_gil_enabled", None)
    return is_enabled() if is_enabled else True


class CounterRaceTest(unittest.TestCase):
    def test_prints_expected_total(self):
        out = run_example("counter_race.py", 1000, 2).stdout
        self.assertIn("expected = 2000", out)
        self.assertRegex(out, r"(?m)^counter = \d+$")

    def test_running_interpreter(self):
        if sys.version_info >= (3, 10) and gil_enabled_here():
            # The page: 3.10+ GIL builds print exactly 4000000.
            self.assertEqual(results(), [EXPECTED] * RUNS)
        else:
            # <= 3.9, or a free-threaded build with the GIL off: updates are lost.
            seen = results(stop_on_loss=True)
            self.assertLess(min(seen), EXPECTED, "no lost update in %d runs: %s" % (RUNS, seen))

    def test_310_to_313_print_exactly_4000000(self):
        found, missing = versions_available(EXACT_VERSIONS)
        for version, result in on_versions(found, lambda _, python: results(python)):
            with self.subTest(version=version):
                self.assertEqual(outcome(result), [EXPECTED] * RUNS)

    def test_39_and_older_lose_updates(self):
        found, missing = versions_available(LOSSY_VERSIONS)
        for version, result in on_versions(found, lambda _, python: results(python, stop_on_loss=True)):
            with self.subTest(version=version):
                seen = outcome(result)
                self.assertLess(min(seen), EXPECTED,
                                "%s: no lost update in %d runs: %s" % (version, RUNS, seen))

    def test_opcode_tracing_loses_updates_on_310_to_313(self):
        found, missing = versions_available(EXACT_VERSIONS)
        run = lambda _, python: results(python, stop_on_loss=True, args=(200000, 4, "trace"))
        for version, result in on_versions(found, run):
            with self.subTest(version=version):
                seen = outcome(result)
                self.assertLess(min(seen), 800000,
                                "%s: no lost update in %d traced runs: %s" % (version, RUNS, seen))


if __name__ == "__main__":
    unittest.main()
