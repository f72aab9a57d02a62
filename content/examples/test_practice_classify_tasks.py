"""practice_classify_tasks.py: the 1-thread/2-thread ratio tells GIL-releasing work from the rest.

The page "Practice Problems" (problem 2) claims that waiting (time.sleep), hashlib and zlib let two
threads overlap (about 2x on 2 free cores), while json.loads, re, sorted() and pure-Python code
hold the GIL (about 1x). Ratios are checked generously; the overlap of the C tasks needs two free
cores, so when the shared machine is too busy that check is skipped with the reason.
"""
import re

from _testing import run_example, two_cores_free, unittest, until, usable_cores, versions_available

LINE = re.compile(r"^(.+?): +(\d+\.\d+)x  (.+) \(expected: (releases|holds)\)$", re.M)


def parse(stdout):
    return {name: (float(ratio), expected) for name, ratio, _, expected in LINE.findall(stdout)}


class ClassifyTasksTest(unittest.TestCase):
    def test_every_task_reported_and_gil_holders_do_not_overlap(self):
        def holders_do_not_overlap(out):
            return all(ratio < 1.4 for ratio, expected in parse(out).values() if expected == "holds")

        # A slowed 1-thread run looks like overlap; a task that really overlaps does so every time.
        ok, outs = until(lambda: run_example("practice_classify_tasks.py", 0.3).stdout, holders_do_not_overlap)
        rows = parse(outs[0])
        self.assertEqual(len(rows), 7, outs[0])
        self.assertEqual(sum(e == "releases" for _, e in rows.values()), 3)
        sleep = next(r for n, (r, _) in rows.items() if n.startswith("time.sleep"))
        self.assertGreater(sleep, 1.7, outs[0])  # waiting overlaps even on one core
        self.assertTrue(ok, "a task that holds the GIL overlapped:\n" + "\n".join(outs))

    @unittest.skipIf(usable_cores() < 2, "only 1 CPU core available: C code cannot overlap")
    def test_c_code_that_releases_the_gil_overlaps(self):
        def c_code_overlaps(out):
            return min(r for n, (r, e) in parse(out).items() if e == "releases" and not n.startswith("time.sleep")) >= 1.4

        ok, outputs = until(lambda: run_example("practice_classify_tasks.py", 0.3).stdout, c_code_overlaps)
        if ok:
            return
        if not two_cores_free():
            self.skipTest("machine too busy: two CPU-bound processes could not run in parallel")
        self.fail("hashlib/zlib did not overlap:\n" + "\n".join(outputs))

    def test_runs_on_other_versions(self):
        found, missing = versions_available(["3.9", "3.13"])
        if not found:
            self.skipTest("no pyenv CPython builds found")
        for version, python in sorted(found.items()):
            with self.subTest(version=version):
                out = run_example("practice_classify_tasks.py", 0.1, python=python).stdout
                self.assertIn("python %s." % version, out)
                self.assertEqual(len(parse(out)), 7, out)


if __name__ == "__main__":
    unittest.main()
