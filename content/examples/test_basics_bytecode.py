"""Checks the GIL Basics bytecode table and the claim that, from 3.10, there is no
GIL switch point between reading and writing the counter in `counter += 1`, but
there is one (the call) in `counter += one()`."""

import sys

from _testing import unittest, run_example, versions_available

VERSIONS = ["3.6", "3.7", "3.8", "3.9", "3.10", "3.11", "3.12", "3.13"]
MARK = "<-- GIL may change hands here"


def listing(out, name):
    """Lines of the listing for function `name`."""
    block = out.split("\n%s:\n" % name, 1)[1].split("\n\n", 1)[0]
    return block.splitlines()


def read_to_write(lines):
    """The lines from LOAD_GLOBAL counter to STORE_GLOBAL counter."""
    start = next(i for i, l in enumerate(lines) if "LOAD_GLOBAL" in l and l.endswith("counter"))
    end = next(i for i, l in enumerate(lines) if "STORE_GLOBAL" in l)
    return lines[start:end + 1]


class BytecodeTest(unittest.TestCase):
    def check(self, out, version_info):
        plain = listing(out, "plain")
        with_call = listing(out, "with_call")
        body = read_to_write(plain)
        add = "INPLACE_ADD" if version_info < (3, 11) else "BINARY_OP"
        self.assertEqual([l.split()[1] for l in body],
                         ["LOAD_GLOBAL", "LOAD_CONST", add, "STORE_GLOBAL"])
        if version_info >= (3, 11):
            self.assertTrue(body[2].endswith("+="), body[2])
        if version_info >= (3, 10):
            # No switch point inside `counter += 1`; the loop's backward jump is one.
            self.assertFalse(any(MARK in l for l in body), "\n".join(body))
            jump = [l for l in plain if "JUMP_BACKWARD" in l or "JUMP_ABSOLUTE" in l]
            self.assertEqual(len(jump), 1)
            self.assertIn(MARK, jump[0])
            # `counter += one()`: the call between read and write is a switch point.
            call_body = read_to_write(with_call)
            self.assertEqual(sum(MARK in l for l in call_body), 1, "\n".join(call_body))
        else:
            self.assertNotIn(MARK, out)
            self.assertIn("between almost any two instructions", out)

    def test_running_interpreter(self):
        self.check(run_example("basics_bytecode.py").stdout, sys.version_info[:2])

    def test_pyenv_versions(self):
        found, missing = versions_available(VERSIONS)
        for version, python in sorted(found.items()):
            with self.subTest(version=version):
                out = run_example("basics_bytecode.py", python=python).stdout
                self.assertIn("python = %s." % version, out)
                self.check(out, tuple(int(p) for p in version.split(".")))


if __name__ == "__main__":
    unittest.main()
