"""Reference counting, the bookkeeping the GIL was built to protect.

Every CPython object carries a count of the references to it. Binding a
name, storing the object in a list or passing it to a function adds one;
losing that reference subtracts one; at zero the object is freed at once.
Each update is a read-modify-write of one integer in the object's header,
done in C many times per line of Python. The GIL is what stops two threads
from updating the same count at the same moment and losing an update.

This script shows the counting from Python with sys.getrefcount(). It
prints changes relative to a starting value, because the absolute number
includes getrefcount's own argument and can differ between versions.

Its last line shows immortal objects (PEP 683, Python 3.12 and later):
None's count does not move when a list takes 1000 references to it.

Usage: python why_refcount.py
"""
import sys
import weakref


class Payload:
    pass


def main():
    obj = Payload()
    base = sys.getrefcount(obj)

    holders = [obj, obj]  # two references held by a list
    alias = obj  # one more, held by a name
    print("after adding 3 references: %+d" % (sys.getrefcount(obj) - base))

    del holders, alias
    print("after deleting them: %+d" % (sys.getrefcount(obj) - base))

    # Runs the moment the object is freed, i.e. when its count reaches zero.
    weakref.finalize(obj, print, "count reached zero: Payload freed")
    print("deleting the last reference")
    del obj
    print("done")

    # None is immortal from 3.12 on: its count is pinned and never changes.
    before = sys.getrefcount(None)
    many = [None] * 1000
    print("None's count after 1000 more references: %+d" % (sys.getrefcount(None) - before))
    del many


if __name__ == "__main__":
    main()
