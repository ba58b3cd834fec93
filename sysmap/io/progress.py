"""How far a file has been read, for a progress bar; and the place a Cancel can stop it.

Readers call :func:`report` now and then with the share done. Nothing happens unless the
caller asked, with :func:`reporting`, to be told: the desktop app opens a big file in a
worker thread inside ``with reporting(progress):``, and its ``progress`` raises when the
user has pressed Cancel, which stops the reading there. The callback lives in a context
variable, so each thread (and each reading) has its own and no reader's signature changes.

Examples
--------
>>> seen = []
>>> with reporting(seen.append):
...     report(0.5)
>>> report(0.9)  # nobody asked: nothing happens
>>> seen
[0.5]
>>> with reporting(seen.append), part(0.5, 1.0):
...     report(0.5)
>>> seen
[0.5, 0.75]
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

Progress = Callable[[float], None]

_CURRENT: ContextVar[Progress | None] = ContextVar("sysmap_reading_progress", default=None)


@contextmanager
def reporting(progress: Progress | None) -> Iterator[None]:
    """Send what readers :func:`report` inside this block to ``progress(fraction)``.

    An exception ``progress`` raises (the user cancelled) stops the reader where it reported.
    """
    token = _CURRENT.set(progress)
    try:
        yield
    finally:
        _CURRENT.reset(token)


@contextmanager
def part(low: float, high: float) -> Iterator[None]:
    """Inside this block, a reader's 0–1 counts as ``low``–``high`` of the whole."""
    outer = _CURRENT.get()
    if outer is None:
        yield
        return

    def scaled(fraction: float) -> None:
        outer(low + (high - low) * min(1.0, max(0.0, fraction)))

    token = _CURRENT.set(scaled)
    try:
        yield
    finally:
        _CURRENT.reset(token)


def report(fraction: float) -> None:
    """Say how much of the reading is done (0–1); may raise if the reading was cancelled."""
    progress = _CURRENT.get()
    if progress is not None:
        progress(fraction)


def wanted() -> bool:
    """Whether anyone is listening (so a reader can skip counting for nobody)."""
    return _CURRENT.get() is not None
