"""Checks, with dis on each CPython here, the bytecode claims of the GIL Basics page:
- the instructions of `counter += 1` in each version, and the loop's backward jump;
- from 3.10 there is no eval-breaker check between reading and writing the counter in
  `counter += 1`, but the generic bytecode of `counter += one()` and `counter += len(t)`
  has one (the call);
- from 3.11 the calls are specialised: len(t) becomes PRECALL_NO_KW_LEN (3.11),
  CALL_NO_KW_LEN (3.12) or CALL_LEN (3.13), one() becomes CALL_PY_EXACT_ARGS;
- in CPython 3.13.0's Include/internal/pycore_opcode_metadata.h (installed with the
  interpreter) exactly 18 instructions plus the JUMP pseudo-instruction carry
  HAS_EVAL_BREAK_FLAG, and the nine CALL specialisations the page names do not; the
  script's own copy of both sets matches the header;
- measured with "signals" (a timer signal; its handler runs at the same eval-breaker
  check as a GIL drop request): up to 3.9 the check runs after LOAD_GLOBAL and
  INPLACE_ADD but never right after LOAD_CONST, so no switch falls between LOAD_CONST
  and INPLACE_ADD; from 3.10 the plain loop is only interrupted at its backward jump;
  3.10 and later also check when one() starts; 3.10 checks after len(), 3.11+ does not
  once the call is specialised."""

import os
import re
import subprocess
import sys

from _testing import unittest, run_example, versions_available

import basics_bytecode

VERSIONS = ["3.6", "3.7", "3.8", "3.9", "3.10", "3.11", "3.12", "3.13"]
CHECK = basics_bytecode.CHECK.strip()
MARK_PREFIX = "<--"

# What the page says 3.13.0 checks: instructions with HAS_EVAL_BREAK_FLAG.
PAGE_CHECKED_3_13 = {
    "RESUME", "INSTRUMENTED_RESUME", "JUMP_BACKWARD", "INSTRUMENTED_JUMP_BACKWARD", "JUMP",
    "CALL", "CALL_KW", "CALL_FUNCTION_EX", "CALL_BUILTIN_CLASS", "CALL_BUILTIN_FAST",
    "CALL_BUILTIN_FAST_WITH_KEYWORDS", "CALL_BUILTIN_O", "CALL_METHOD_DESCRIPTOR_FAST",
    "CALL_METHOD_DESCRIPTOR_FAST_WITH_KEYWORDS", "CALL_METHOD_DESCRIPTOR_NOARGS",
    "CALL_METHOD_DESCRIPTOR_O", "CALL_NON_PY_GENERAL", "CALL_STR_1", "CALL_TUPLE_1",
}
PAGE_UNCHECKED_CALLS_3_13 = {
    "CALL_LEN", "CALL_ISINSTANCE", "CALL_TYPE_1", "CALL_LIST_APPEND", "CALL_PY_EXACT_ARGS",
    "CALL_PY_GENERAL", "CALL_BOUND_METHOD_EXACT_ARGS", "CALL_BOUND_METHOD_GENERAL",
    "CALL_ALLOC_AND_ENTER_INIT",
}
LEN_SPECIALISATION = {(3, 11): "PRECALL_NO_KW_LEN", (3, 12): "CALL_NO_KW_LEN", (3, 13): "CALL_LEN"}


def listing(out, title):
    """Lines of the listing titled `title` (e.g. "plain" or "with_len (after it has run, ...)")."""
    block = out.split("\n%s:\n" % title, 1)[1].split("\n\n", 1)[0]
    return block.splitlines()


def adaptive(out, name):
    return listing(out, "%s (after it has run, adaptive=True)" % name)


def read_to_write(lines):
    """The lines from LOAD_GLOBAL* counter to STORE_GLOBAL counter."""
    start = next(i for i, l in enumerate(lines) if l.split()[1].startswith("LOAD_GLOBAL")
                 and l.endswith("counter"))
    end = next(i for i, l in enumerate(lines) if "STORE_GLOBAL" in l)
    return lines[start:end + 1]


def opnames(lines):
    return [l.split()[1] for l in lines]


def eval_break_flags(header):
    """{opname: has HAS_EVAL_BREAK_FLAG} from _PyOpcode_opcode_metadata in the header."""
    with open(header) as f:
        text = f.read()
    table = text.split("_PyOpcode_opcode_metadata[", 1)[1]
    rows = re.findall(r"^\s*\[(\w+)\] = \{ true, [^,]+, ([^}]*)\}", table, re.M)
    return {name: "HAS_EVAL_BREAK_FLAG" in flags for name, flags in rows}


def signal_places(out, name):
    """{place: count} from the "signals" listing of one loop."""
    block = out.split("\n%s: where the signal handler ran\n" % name, 1)[1].split("\n\n", 1)[0]
    return {line[:-len(line.split()[-1])].strip(): int(line.split()[-1]) for line in block.splitlines()}


class BytecodeTest(unittest.TestCase):
    def check(self, out, version_info):
        plain = listing(out, "plain")
        body = read_to_write(plain)
        add = "INPLACE_ADD" if version_info < (3, 11) else "BINARY_OP"
        self.assertEqual(opnames(body), ["LOAD_GLOBAL", "LOAD_CONST", add, "STORE_GLOBAL"])
        if version_info >= (3, 11):
            self.assertTrue(body[2].endswith("+="), body[2])
        jump = [l for l in plain if "JUMP_BACKWARD" in l or "JUMP_ABSOLUTE" in l]
        self.assertEqual(len(jump), 1)
        self.assertIn("JUMP_BACKWARD" if version_info >= (3, 11) else "JUMP_ABSOLUTE", jump[0])
        if version_info >= (3, 10):
            # No check inside `counter += 1`; the loop's backward jump is one.
            self.assertFalse(any(MARK_PREFIX in l for l in body), "\n".join(body))
            self.assertIn(CHECK, jump[0])
            # The generic call between read and write is a check.
            for name in ("with_call", "with_len"):
                call_body = read_to_write(listing(out, name))
                marked = [l for l in call_body if CHECK in l]
                self.assertEqual(len(marked), 1, "\n".join(call_body))
                self.assertTrue(marked[0].split()[1].startswith("CALL"), marked[0])
        else:
            self.assertNotIn(MARK_PREFIX, out)
            self.assertIn("between almost any two instructions", out)
        if version_info >= (3, 11):
            # The interpreter specialises the calls once the loops have run.
            len_ops = opnames(read_to_write(adaptive(out, "with_len")))
            self.assertIn(LEN_SPECIALISATION[version_info[:2]], len_ops)
            self.assertIn("CALL_PY_EXACT_ARGS", opnames(read_to_write(adaptive(out, "with_call"))))
        else:
            self.assertNotIn("adaptive=True", out)
        if version_info[:2] == (3, 13):
            len_body = read_to_write(adaptive(out, "with_len"))
            self.assertFalse(any(CHECK in l for l in len_body), "\n".join(len_body))
            call_body = read_to_write(adaptive(out, "with_call"))
            self.assertTrue(any("the callee's RESUME checks" in l for l in call_body))

    def test_running_interpreter(self):
        self.check(run_example("basics_bytecode.py").stdout, sys.version_info[:2])

    def test_pyenv_versions(self):
        found, missing = versions_available(VERSIONS)
        for version, python in sorted(found.items()):
            with self.subTest(version=version):
                out = run_example("basics_bytecode.py", python=python).stdout
                self.assertIn("python = %s." % version, out)
                self.check(out, tuple(int(p) for p in version.split(".")))

    def test_27_and_binary_op_arg(self):
        # 2.7 has no dis.get_instructions (the script needs 3.4+): read dis.dis's listing.
        src = ("import dis\ncounter = 0\ndef f(n):\n    global counter\n    for _ in range(n):\n"
               "        counter += 1\ndis.dis(f)\n")
        found, missing = versions_available(["2.7"])
        for version, python in found.items():
            out = subprocess.run([python, "-c", src], stdout=subprocess.PIPE,
                                 universal_newlines=True, check=True).stdout
            ops = re.findall(r"^\s*(?:\d+\s+)?(?:>>\s+)?\d+ ([A-Z_]+)", out, re.M)
            i = ops.index("INPLACE_ADD")
            self.assertEqual(ops[i - 2:i + 3],
                             ["LOAD_GLOBAL", "LOAD_CONST", "INPLACE_ADD", "STORE_GLOBAL", "JUMP_ABSOLUTE"])
        # 3.11+: the += is BINARY_OP with argument 13 (NB_INPLACE_ADD).
        src = ("import dis\ncounter = 0\ndef f():\n    global counter\n    counter += 1\n"
               "print([i.arg for i in dis.get_instructions(f) if i.opname == 'BINARY_OP'])\n")
        found, missing = versions_available(["3.11", "3.12", "3.13"])
        for version, python in sorted(found.items()):
            with self.subTest(version=version):
                out = subprocess.run([python, "-c", src], stdout=subprocess.PIPE,
                                     universal_newlines=True, check=True).stdout
                self.assertEqual(out.strip(), "[13]")

    def test_313_eval_breaker_table(self):
        found, missing = versions_available(["3.13"])
        if not found:
            self.skipTest("no CPython 3.13 here")
        python = found["3.13"]
        version, include = subprocess.run(
            [python, "-c", "import sys, sysconfig; print(sys.version.split()[0]); "
                           "print(sysconfig.get_path('include'))"],
            stdout=subprocess.PIPE, universal_newlines=True, check=True).stdout.split()
        if version != "3.13.0":
            self.skipTest("the page's table is for 3.13.0, this is %s" % version)
        header = os.path.join(include, "internal", "pycore_opcode_metadata.h")
        if not os.path.exists(header):
            self.skipTest("%s is not installed" % header)
        flags = eval_break_flags(header)
        checked = {name for name, has in flags.items() if has}
        self.assertEqual(checked, PAGE_CHECKED_3_13)
        self.assertEqual(len(checked - {"JUMP"}), 18)
        # JUMP is a pseudo-instruction (number 256 and up): the compiler replaces it with a
        # real jump, so no code object contains it.
        opmap = subprocess.run([python, "-c", "import dis; print(dis.opmap['JUMP'], dis.opmap['JUMP_BACKWARD'])"],
                               stdout=subprocess.PIPE, universal_newlines=True, check=True).stdout.split()
        self.assertGreaterEqual(int(opmap[0]), 256)
        self.assertLess(int(opmap[1]), 256)
        unchecked_calls = {name for name, has in flags.items() if not has and name.startswith("CALL_")
                           and not name.startswith("CALL_INTRINSIC")}
        self.assertEqual(unchecked_calls, PAGE_UNCHECKED_CALLS_3_13)
        self.assertEqual(basics_bytecode.NO_CHECK_3_13, PAGE_UNCHECKED_CALLS_3_13)
        self.assertEqual(basics_bytecode.CHECKS_3_13, checked)
        self.assertEqual(flags["RESUME_CHECK"], False)  # it falls back to RESUME instead

    def test_specialised_marks_cover_every_checking_instruction(self):
        for name in basics_bytecode.CHECKS_3_13 | {"RESUME_CHECK"}:
            ins = type("Ins", (), {"opname": name})()
            self.assertEqual(basics_bytecode.specialised_mark(ins), basics_bytecode.CHECK, name)
        for name in basics_bytecode.NO_CHECK_3_13:
            ins = type("Ins", (), {"opname": name})()
            self.assertNotEqual(basics_bytecode.specialised_mark(ins), basics_bytecode.CHECK, name)

    def test_signals_land_where_the_page_says(self):
        found, missing = versions_available(VERSIONS)
        for version, python in sorted(found.items()):
            with self.subTest(version=version):
                out = run_example("basics_bytecode.py", "signals", python=python).stdout
                vi = tuple(int(p) for p in version.split("."))
                landed = {name: signal_places(out, name) for name in ("plain", "with_call", "with_len")}
                plain = landed["plain"]
                if vi < (3, 10):
                    # Inside the increment: after the load and the add, never after LOAD_CONST.
                    self.assertIn("after LOAD_GLOBAL", plain, out)
                    self.assertIn("after INPLACE_ADD", plain, out)
                    for name in landed:
                        self.assertNotIn("after LOAD_CONST", landed[name], out)
                    self.assertNotIn("after STORE_FAST", plain, out)
                else:
                    jump = "after JUMP_ABSOLUTE" if vi < (3, 11) else "after JUMP_BACKWARD"
                    self.assertEqual(set(plain), {jump}, out)
                    self.assertIn("at the start of one()", landed["with_call"], out)
                    if vi < (3, 11):
                        self.assertIn("after CALL_FUNCTION", landed["with_len"], out)
                    else:
                        self.assertEqual(set(landed["with_len"]), {jump}, out)


if __name__ == "__main__":
    unittest.main()
