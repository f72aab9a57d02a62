"""record_threads.py: the recorder behind the "model beside CPython" figure on GIL Basics. A reader
who downloads it gets one JSON object whose slices cover the threads' work, one holder at a time.
(tools/validate/real-cpython.test.ts also judges its figures against the GIL model.)
"""
import json

from _testing import run_example, unittest


class RecordThreadsTest(unittest.TestCase):
    def test_records_slices_for_each_thread(self):
        out = json.loads(run_example("record_threads.py", "--threads", 2, "--work-ms", 40).stdout)
        self.assertEqual(out["threads"], 2)
        self.assertEqual(out["implementation"], "CPython")
        slices = out["slices"]
        self.assertEqual({t for t, _, _ in slices}, {0, 1})
        for _, start, end in slices:
            self.assertLess(start, end)
        # On a GIL build the slices do not overlap: each starts after the one before ends.
        if out["gilEnabled"]:
            ordered = sorted(slices, key=lambda s: s[1])
            for before, after in zip(ordered, ordered[1:]):
                self.assertLessEqual(before[2], after[1] + out["thresholdUs"])


if __name__ == "__main__":
    unittest.main()
