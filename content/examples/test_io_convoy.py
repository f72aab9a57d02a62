"""Checks for io_convoy.py: the convoy effect described on the "GIL and I/O" page."""
import re

from _testing import run_example, unittest

EXAMPLE = "io_convoy.py"


def rates(stdout):
    found = {}
    for m in re.finditer(r"^cpu (threads|process): (\d+) -> (\d+) req/s$", stdout, re.M):
        found[(m.group(1), int(m.group(2)))] = int(m.group(3))
    return found


class Convoy(unittest.TestCase):
    def test_cpu_thread_slows_io_thread_but_cpu_process_does_not(self):
        # 1 s per run, 0, 1 and 2 CPU-bound threads, then the CPU work in a process.
        # The page gives the measured ranges (2 cores, CPython 3.11.7 and 3.13.0, load varying):
        # one CPU thread cut throughput 4-92x (4-10x in most runs), two threads 10-630x.
        # The assertions only ask for a 2x drop, far less than that.
        # The machine is shared: whatever else runs also lowers the baseline, so the baseline is
        # the better of "alone" and "CPU work in a process", and a second attempt is allowed.
        for _ in range(2):
            out = run_example(EXAMPLE, 1, 2, timeout=60).stdout
            r = rates(out)
            self.assertEqual(set(r), {("threads", 0), ("threads", 1), ("threads", 2), ("process", 1)}, out)
            alone, beside_thread, beside_two = r[("threads", 0)], r[("threads", 1)], r[("threads", 2)]
            beside_process = r[("process", 1)]
            baseline = max(alone, beside_process)
            if (beside_thread * 2 < baseline and beside_two * 2 < baseline
                    and beside_process * 2 > alone):
                break
        print("\n    alone %d req/s, 1 CPU thread %d, 2 CPU threads %d, CPU process %d"
              % (alone, beside_thread, beside_two, beside_process))
        self.assertLess(beside_thread * 2, baseline, out)
        self.assertLess(beside_two * 2, baseline, out)
        # A CPU-bound *process* doesn't hold this process's GIL: no convoy.
        self.assertGreater(beside_process * 2, alone, out)


    def test_switch_interval_argument_is_applied(self):
        out = run_example(EXAMPLE, 0.2, 0, 0.001, timeout=60).stdout
        self.assertRegex(out, r"(?m)^switch interval: 0\.001 s$")
        self.assertIn(("threads", 0), rates(out), out)


if __name__ == "__main__":
    unittest.main()
