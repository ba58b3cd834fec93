"""Keeping Python's garbage collector on the GUI thread while worker threads run.

The cyclic garbage collector runs in whichever thread happens to allocate when it is due. If
that is a worker thread and the garbage includes Qt objects made on the GUI thread (a scene
drawn for a picture, a replaced chart canvas), Qt destroys them from the wrong thread and the
process aborts. So while our workers run, automatic collection is paused; it resumes when the
last one finishes, and the next collection then runs on the GUI thread. Reference counting
still frees everything that is not in a cycle in the meantime. (A full collection is not
forced: on a big map it would itself hold the window up.)
"""

from __future__ import annotations

import gc

_holders = 0
_was_enabled = True


def hold() -> None:
    """A worker thread is starting (call on the GUI thread)."""
    global _holders, _was_enabled
    if _holders == 0:
        _was_enabled = gc.isenabled()
        gc.disable()
    _holders += 1


def release() -> None:
    """A worker thread has finished (call on the GUI thread)."""
    global _holders
    if _holders == 0:
        return
    _holders -= 1
    if _holders == 0 and _was_enabled:
        gc.enable()  # the next collection happens on whichever thread allocates: this one


def holding() -> bool:
    """Whether automatic collection is paused for a worker."""
    return _holders > 0
