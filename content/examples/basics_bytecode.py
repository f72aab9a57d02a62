"""Show the bytecode of three counter loops and mark where the running thread checks
whether it should hand over the GIL (the "eval breaker").

Usage: python basics_bytecode.py [signals]

Up to 3.9 the interpreter checked before almost every instruction. A few fast
instructions, such as LOAD_CONST and STORE_FAST, skip the check and go straight
to the next one. From 3.10 it checks only at certain places: the backward jump at
the end of each loop pass, the start of a function's code (RESUME from 3.11) and
calls.

From 3.11 the interpreter also rewrites instructions while the code runs
("specialisation"). A generic CALL becomes, for example, CALL_LEN for len(t) or
CALL_PY_EXACT_ARGS for a call to a Python function. In CPython 3.13.0 nine of
these specialised calls do not check the eval breaker: they lack HAS_EVAL_BREAK_FLAG
in Include/internal/pycore_opcode_metadata.h (see NO_CHECK_3_13 below). A call to a
Python function is then checked at the callee's RESUME instead. So this script
prints a second listing, after the loops have run, with dis's adaptive=True.

The marks are this script's summary of those rules; dis itself does not print them.
The second listing is marked only on 3.13, the version whose table is copied here.

With "signals" (Unix only) the script measures instead of summarising. It runs each
loop with a timer signal every 0.1 ms and counts where the Python-level signal
handler ran. CPython runs signal handlers at the same eval-breaker check where a
thread gives up the GIL on request, so these are the places where a switch can
happen.
"""
import collections
import dis
import signal
import sys

counter = 0
t = (1,)

CHECK = "   <-- checks the eval breaker: GIL may change hands here"
NO_CHECK = "   <-- no check here"
NO_CHECK_PY = "   <-- no check here; the callee's RESUME checks"

# Generic call instructions; before specialisation each one checks (3.10+).
GENERIC_CALLS = {"CALL", "CALL_KW", "CALL_FUNCTION", "CALL_FUNCTION_KW", "CALL_FUNCTION_EX", "CALL_METHOD"}

# CPython 3.13.0, Include/internal/pycore_opcode_metadata.h: every instruction with
# HAS_EVAL_BREAK_FLAG. JUMP is a pseudo-instruction that never appears in running code.
CHECKS_3_13 = {"RESUME", "INSTRUMENTED_RESUME", "JUMP_BACKWARD", "INSTRUMENTED_JUMP_BACKWARD",
               "JUMP", "CALL", "CALL_KW", "CALL_FUNCTION_EX", "CALL_BUILTIN_CLASS",
               "CALL_BUILTIN_FAST", "CALL_BUILTIN_FAST_WITH_KEYWORDS", "CALL_BUILTIN_O",
               "CALL_METHOD_DESCRIPTOR_FAST", "CALL_METHOD_DESCRIPTOR_FAST_WITH_KEYWORDS",
               "CALL_METHOD_DESCRIPTOR_NOARGS", "CALL_METHOD_DESCRIPTOR_O",
               "CALL_NON_PY_GENERAL", "CALL_STR_1", "CALL_TUPLE_1"}

# The same header: the CALL specialisations without HAS_EVAL_BREAK_FLAG. The five that
# start a Python frame are checked at its RESUME.
NO_CHECK_3_13 = {"CALL_LEN", "CALL_ISINSTANCE", "CALL_TYPE_1", "CALL_LIST_APPEND",
                 "CALL_PY_EXACT_ARGS", "CALL_PY_GENERAL", "CALL_BOUND_METHOD_EXACT_ARGS",
                 "CALL_BOUND_METHOD_GENERAL", "CALL_ALLOC_AND_ENTER_INIT"}
ENTERS_PYTHON_FRAME = {"CALL_PY_EXACT_ARGS", "CALL_PY_GENERAL", "CALL_BOUND_METHOD_EXACT_ARGS",
                       "CALL_BOUND_METHOD_GENERAL", "CALL_ALLOC_AND_ENTER_INIT"}


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


def with_len(n):
    global counter
    for _ in range(n):
        counter += len(t)


def generic_mark(ins):
    """The mark for an instruction of the generic (unspecialised) bytecode, 3.10+."""
    name = ins.opname
    if name in GENERIC_CALLS or name == "RESUME" or name == "JUMP_BACKWARD":
        return CHECK
    # 3.10 spells the loop's backward jump as JUMP_ABSOLUTE to an earlier offset.
    if name == "JUMP_ABSOLUTE" and isinstance(ins.argval, int) and ins.argval < ins.offset:
        return CHECK
    return ""


def specialised_mark(ins):
    """The mark for an instruction of the specialised bytecode, CPython 3.13 only."""
    name = ins.opname
    if name in ENTERS_PYTHON_FRAME:
        return NO_CHECK_PY
    if name in NO_CHECK_3_13:
        return NO_CHECK
    # RESUME_CHECK compares the eval breaker and falls back to RESUME when it is set.
    if name in CHECKS_3_13 or name == "RESUME_CHECK":
        return CHECK
    return ""


def show(func, adaptive=False):
    print("%s%s:" % (func.__name__, " (after it has run, adaptive=True)" if adaptive else ""))
    instructions = dis.get_instructions(func, adaptive=True) if adaptive else dis.get_instructions(func)
    for ins in instructions:
        mark = ""
        if adaptive:
            if sys.version_info[:2] == (3, 13):
                mark = specialised_mark(ins)
        elif sys.version_info >= (3, 10):
            mark = generic_mark(ins)
        print(("  %4d %-20s %s%s" % (ins.offset, ins.opname, ins.argrepr, mark)).rstrip())
    print()


def where_signals_land(func, n=10**6, interval=0.0001):
    """Run func(n) with a timer signal every `interval` seconds. Return a Counter of where
    the Python-level handler ran: "after OPNAME" in func's own loop, or "at the start of
    NAME()" when it ran as another function began."""
    code = func.__code__
    opnames = {ins.offset: ins.opname for ins in dis.get_instructions(func)}
    landed = collections.Counter()

    def handler(signum, frame):
        if frame is None:
            return
        if frame.f_code is code:
            landed["after " + opnames.get(frame.f_lasti, "offset %d" % frame.f_lasti)] += 1
        elif (frame.f_code is not handler.__code__ and frame.f_back is not None
              and frame.f_back.f_code is code):
            landed["at the start of %s()" % frame.f_code.co_name] += 1

    if sys.version_info >= (3, 11):
        func(1000)  # let the interpreter specialise the loop first
    previous = signal.signal(signal.SIGALRM, handler)
    signal.setitimer(signal.ITIMER_REAL, interval, interval)
    try:
        func(n)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    return landed


def show_signals():
    print("python = %s" % sys.version.split()[0])
    if not hasattr(signal, "setitimer"):
        print("note: this needs signal.setitimer (Unix)")
        return
    for func in (plain, with_call, with_len):
        print("%s: where the signal handler ran" % func.__name__)
        for place, count in sorted(where_signals_land(func).items()):
            print("  %-32s %d" % (place, count))
        print()


def main():
    if sys.argv[1:] == ["signals"]:
        show_signals()
        return
    print("python = %s" % sys.version.split()[0])
    if sys.version_info < (3, 10):
        print("note: before 3.10 the GIL may change hands between almost any two instructions")
    print()
    for func in (plain, with_call, with_len):
        show(func)
    if sys.version_info >= (3, 11):
        # Run the loops so that the interpreter specialises them, then show what it made.
        for func in (with_call, with_len):
            func(1000)
        if sys.version_info[:2] != (3, 13):
            print("note: the marks below need this version's table; the script has 3.13.0's only")
            print()
        for func in (with_call, with_len):
            show(func, adaptive=True)


if __name__ == "__main__":
    main()
