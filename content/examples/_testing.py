"""Shared helpers for the example tests (test_*.py): run an example as a reader would,
and find other CPython builds for per-version claims."""

import glob
import os
from concurrent.futures import ThreadPoolExecutor
import subprocess
import sys
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
PYENV_ROOT = os.environ.get("PYENV_ROOT", os.path.expanduser("~/.pyenv"))


def example_path(name):
    return os.path.join(HERE, name)


def run_example(name, *args, python=None, timeout=180, env=None):
    """Run content/examples/<name> with the given arguments; return the CompletedProcess.
    Fails the calling test with the example's stderr if it exits non-zero."""
    cmd = [python or sys.executable, example_path(name), *map(str, args)]
    proc = subprocess.run(
        cmd, capture_output=True, text=True, timeout=timeout, cwd=HERE,
        env={**os.environ, **(env or {})},
    )
    if proc.returncode != 0:
        raise AssertionError(
            "%s exited %d\n--- stdout ---\n%s\n--- stderr ---\n%s"
            % (" ".join(cmd), proc.returncode, proc.stdout, proc.stderr)
        )
    return proc


def pyenv_python(version):
    """Path to the newest pyenv build of e.g. "3.9", or None when this machine has none."""
    candidates = sorted(glob.glob(os.path.join(PYENV_ROOT, "versions", version + ".*", "bin", "python")))
    return candidates[-1] if candidates else None


def versions_available(versions):
    """Split e.g. ["3.9", "3.13"] into ({version: python}, [missing versions]) and say what is missing,
    so a run on a machine without these builds reports it instead of passing silently."""
    found, missing = {}, []
    for v in versions:
        p = pyenv_python(v)
        if p:
            found[v] = p
        else:
            missing.append(v)
    if missing:
        sys.stderr.write("note: no CPython %s build under %s; those version checks did not run\n"
                         % (", ".join(missing), PYENV_ROOT))
    return found, missing


def on_versions(found, run, workers=2):
    """run(version, python) for each of versions_available()'s builds, two at a time, in version
    order. Only for checks that one interpreter's run cannot disturb in another (exact results,
    sleeps): timing of CPU-bound work needs the cores to itself. Returns [(version, outcome)], the
    outcome being run's result or the exception it raised, for the caller's subTest to re-raise."""
    def attempt(item):
        try:
            return item[0], run(*item)
        except Exception as e:  # re-raised by the caller inside its subTest
            return item[0], e
    items = sorted(found.items(), key=lambda kv: tuple(map(int, kv[0].split("."))))
    with ThreadPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(attempt, items))


def outcome(result):
    """A result from on_versions, or its exception raised."""
    if isinstance(result, Exception):
        raise result
    return result


def has_module(python, module):
    return subprocess.run([python, "-c", "import " + module], capture_output=True).returncode == 0


def usable_cores():
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


_BUSY_PROBE = """
import time
cpu0, wall0 = time.process_time(), time.perf_counter()
while time.process_time() - cpu0 < 0.3:
    pass
print(time.perf_counter() - wall0)
"""


def two_cores_free():
    """Run two CPU-bound processes at once; True if each got (almost) a whole core. Speed-up
    checks use it to tell "no speed-up" from "the shared machine was busy"."""
    procs = [subprocess.Popen([sys.executable, "-c", _BUSY_PROBE], stdout=subprocess.PIPE, text=True)
             for _ in range(2)]
    walls = [float(p.communicate(timeout=60)[0]) for p in procs]
    return max(walls) < 0.3 * 1.4


def until(attempt, ok, tries=3):
    """Call attempt() until ok(result) or `tries` calls; return (ok, every result). Timing claims
    use it: a busy neighbour on the shared machine can slow one run, not every run."""
    results = []
    for _ in range(tries):
        results.append(attempt())
        if ok(results[-1]):
            return True, results
    return False, results


__all__ = ["unittest", "run_example", "pyenv_python", "versions_available", "has_module", "example_path",
           "usable_cores", "two_cores_free", "until", "on_versions", "outcome"]
