"""One way for long work to say how far it has got, and to stop when the user cancels.

Reading a big file, laying out or analysing a national map, writing a report or a picture:
each takes seconds, so the app runs it off the GUI thread with a progress bar and Cancel.
All of them take one :class:`Progress`:

- the work calls :meth:`Progress.report` now and then with the share of *its* job done
  (0–1) and, if it likes, a few words on what it is doing ("Brokers");
- a helper doing one part of the job gets :meth:`Progress.part`, and reports its own 0–1;
- once the user has pressed Cancel, the next :meth:`~Progress.report` (or
  :meth:`~Progress.check`) raises :class:`Cancelled`, so the work stops there and returns
  nothing: no map is half laid out, no file half read.

Code deep inside a reader, whose signature should not carry a progress argument, reports to
the progress of the current context instead (:func:`reporting`, :func:`report`): each thread
and each reading has its own. The desktop app adapts a :class:`Progress` to its progress bar
in one place (:mod:`sysmap.gui.tasks`); the CLI passes none.

Examples
--------
>>> seen = []
>>> progress = Progress(lambda fraction, stage: seen.append((fraction, stage)))
>>> progress.report(0.5, "Reading")
>>> progress.part(0.5, 1.0).report(0.5)
>>> seen
[(0.5, 'Reading'), (0.75, '')]
>>> with reporting(progress.part(0.0, 0.5)):
...     report(0.5)
>>> seen[-1]
(0.25, '')
>>> Progress(cancelled=lambda: True).report(0.1)
Traceback (most recent call last):
...
sysmap.model.progress.Cancelled: Cancelled; nothing was changed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from sysmap.model.errors import SysmapError

OnProgress = Callable[[float, str], object]
"""``on_progress(fraction, stage)``: the share of the whole job done (0–1, never decreasing
within one job) and a few words on the current stage (may be empty)."""


class Cancelled(SysmapError):  # noqa: N818 (the name callers catch: "the work was cancelled")
    """The user stopped the work before it finished; nothing it would have changed changed."""

    def __init__(self, message: str = "Cancelled; nothing was changed.") -> None:
        super().__init__(message)


class Progress:
    """Where one job (or one part of it) reports, and how it learns it was cancelled.

    Parameters
    ----------
    on_progress : callable, optional
        Called as ``on_progress(fraction, stage)`` with the share of the *whole* job done.
        It runs on the worker's thread: it should only store the value or emit a signal.
    cancelled : callable, optional
        Returns true once the user has pressed Cancel.
    start, end : float
        The part of the whole job this object covers (see :meth:`part`).
    stage : str
        What this part is doing, when a report does not say.
    """

    __slots__ = ("_cancelled", "_end", "_on_progress", "_stage", "_start")

    def __init__(
        self,
        on_progress: OnProgress | None = None,
        cancelled: Callable[[], bool] | None = None,
        start: float = 0.0,
        end: float = 1.0,
        stage: str = "",
    ) -> None:
        self._on_progress = on_progress
        self._cancelled = cancelled
        self._start = start
        self._end = end
        self._stage = stage

    @property
    def wanted(self) -> bool:
        """Whether anyone listens (so work can skip counting for nobody)."""
        return self._on_progress is not None or self._cancelled is not None

    def is_cancelled(self) -> bool:
        """Whether the user has pressed Cancel (for work that must stop in its own way)."""
        return self._cancelled is not None and self._cancelled()

    def check(self) -> None:
        """Stop here if the user has cancelled.

        Raises
        ------
        Cancelled
            If Cancel was pressed.
        """
        if self.is_cancelled():
            raise Cancelled

    def report(self, fraction: float, stage: str = "") -> None:
        """Say that ``fraction`` (0–1) of this part is done; stop if the user cancelled.

        Raises
        ------
        Cancelled
            If Cancel was pressed.
        """
        self.check()
        if self._on_progress is not None:
            done = self._start + (self._end - self._start) * min(max(fraction, 0.0), 1.0)
            self._on_progress(done, stage or self._stage)

    def part(self, start: float, end: float, stage: str = "") -> Progress:
        """Return the progress of the share ``[start, end]`` of this part (doing ``stage``)."""
        span = self._end - self._start
        return Progress(
            self._on_progress,
            self._cancelled,
            self._start + span * start,
            self._start + span * end,
            stage or self._stage,
        )


NO_PROGRESS = Progress()
"""Reports nothing and is never cancelled (for callers without a progress bar)."""

_CURRENT: ContextVar[Progress] = ContextVar("sysmap_progress", default=NO_PROGRESS)


@contextmanager
def reporting(progress: Progress | None) -> Iterator[None]:
    """Inside this block, :func:`report` and :func:`current` go to ``progress``."""
    token = _CURRENT.set(progress if progress is not None else NO_PROGRESS)
    try:
        yield
    finally:
        _CURRENT.reset(token)


@contextmanager
def part(low: float, high: float) -> Iterator[None]:
    """Inside this block, a reader's 0–1 counts as ``low``–``high`` of the current job."""
    with reporting(_CURRENT.get().part(low, high)):
        yield


def current() -> Progress:
    """The progress of the current context (:data:`NO_PROGRESS` when nobody asked)."""
    return _CURRENT.get()


def report(fraction: float, stage: str = "") -> None:
    """Report to the progress of the current context; may raise :class:`Cancelled`."""
    _CURRENT.get().report(fraction, stage)


def wanted() -> bool:
    """Whether the current context has a progress (so a reader can skip counting)."""
    return _CURRENT.get().wanted
