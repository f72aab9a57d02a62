"""Show the bytecode of the two counter loops and mark where a GIL switch can happen.

Usage: python basics_bytecode.py

From CPython 3.10 the running thread only checks whether it should hand over the
GIL at a few kinds of instruction: backward jumps (the end of every loop pass),
calls and function entry. Before 3.10 it could hand over between almost any two
instructions. (The marks are this script's summary of that rule, for reading the
listing; dis itself does not report them.)
"""
import dis
import sys

counter = 0


def one():
    return 1


def plain(n):
    global counter
    for _ in range(n):
        counter += 1


def with_call(n):
    global counter
    for _ in range(n):
        counter += one()


def may_switch_here(ins):
    """True for the instruction kinds where 3.10+ checks the eval breaker:
    calls, backward jumps (the end of each loop pass) and function entry (RESUME)."""
    name = ins.opname
    if name.startswith("CALL") or name in ("RESUME", "JUMP_BACKWARD"):
        return True
    # 3.10 spells the loop's backward jump as JUMP_ABSOLUTE to an earlier offset.
    return name == "JUMP_ABSOLUTE" and isinstance(ins.argval, int) and ins.argval < ins.offset


def show(func):
    print("%s:" % func.__name__)
    for ins in dis.get_instructions(func):
        mark = ""
        if sys.version_info >= (3, 10) and may_switch_here(ins):
            mark = "   <-- GIL may change hands here"
        print(("  %4d %-20s %s%s" % (ins.offset, ins.opname, ins.argrepr, mark)).rstrip())
    print()


def main():
    print("python = %s" % sys.version.split()[0])
    if sys.version_info < (3, 10):
        print("note: before 3.10 the GIL may change hands between almost any two instructions")
    print()
    show(plain)
    show(with_call)


if __name__ == "__main__":
    main()
