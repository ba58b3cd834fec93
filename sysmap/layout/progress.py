"""Progress and Cancel for long layouts.

A layout of a national map (10,000–20,000 stakeholders) takes a few seconds, so the app runs
it off the GUI thread with a progress bar and a Cancel button. Every layout therefore accepts
``progress``: a callable that receives the fraction done (0.0 to 1.0, never decreasing) many
times a second while the work runs, and returns ``False`` to stop it. The layout then raises
:class:`LayoutCancelled` and returns nothing, so the map is never half laid out.

The callback runs on the layout's thread: in the app it should only store the fraction (or
emit a queued signal) and read a cancel flag. Returning ``None`` or ``True`` carries on.

Examples
--------
>>> seen = []
>>> tracker = Tracker(lambda f: seen.append(f) or True)
>>> tracker.report(0.5)
>>> tracker.stage(0.5, 1.0).report(0.5)
>>> seen
[0.5, 0.75]
>>> Tracker(lambda f: False).report(0.1)
Traceback (most recent call last):
...
sysmap.layout.progress.LayoutCancelled: The layout was cancelled; nothing was moved.
"""

from __future__ import annotations

from collections.abc import Callable

from sysmap.model.errors import SysmapError

Progress = Callable[[float], "bool | None"]
"""``progress(fraction) -> bool | None``: return ``False`` to cancel the layout."""


class LayoutCancelled(SysmapError):  # noqa: N818 (the name the GUI and CLI catch)
    """The user stopped a layout before it finished; no stakeholder was moved."""

    def __init__(self) -> None:
        super().__init__("The layout was cancelled; nothing was moved.")


class Tracker:
    """Reports one stage of a layout's work to a progress callback.

    A tracker covers the part ``[start, end]`` of the whole job; :meth:`stage` hands a
    sub-part to a helper, which reports its own fractions from 0 to 1.

    Parameters
    ----------
    progress : callable, optional
        The callback described in this module's docstring; ``None`` reports nothing.
    start, end : float
        The part of the whole job this tracker covers.
    """

    def __init__(self, progress: Progress | None = None, start: float = 0.0, end: float = 1.0):
        self._progress = progress
        self._start = start
        self._end = end

    def report(self, fraction: float) -> None:
        """Say that ``fraction`` (0–1) of this stage is done; stop if the user cancelled.

        Raises
        ------
        LayoutCancelled
            If the callback returned ``False``.
        """
        if self._progress is None:
            return
        done = self._start + (self._end - self._start) * min(max(fraction, 0.0), 1.0)
        if self._progress(done) is False:
            raise LayoutCancelled

    def stage(self, start: float, end: float) -> Tracker:
        """Return a tracker for the part ``[start, end]`` of this stage."""
        span = self._end - self._start
        return Tracker(self._progress, self._start + span * start, self._start + span * end)


NO_PROGRESS = Tracker()
"""A tracker that reports nothing (for callers without a progress bar)."""
