"""Prints, as JSON, the bytecode CPython compiles the race stepper's code to: the body
`global counter; counter += 1`, and the same increment inside `with lock:`.
Run by bytecode.test.ts on every interpreter the machine has (3.6 and later)."""
import dis
import json
import sys
import sysconfig
import threading

counter = 0
lock = threading.Lock()


def plain():
    global counter
    counter += 1


def locked():
    global counter
    with lock:
        counter += 1


def listing(func):
    return [{"opname": i.opname, "argval": i.argval if isinstance(i.argval, (int, str)) else None}
            for i in dis.get_instructions(func)]


print(json.dumps({
    "version": "%d.%d" % sys.version_info[:2],
    "full": sys.version.split()[0],
    "freeThreaded": sysconfig.get_config_var("Py_GIL_DISABLED") == 1,
    "plain": listing(plain),
    "locked": listing(locked),
}))
