"""A drag's lines: single bends while the pointer moves, full routes when it rests or lets go.

Each step of a mouse drag re-routes the lines near the dragged stakeholder. With the
two-waypoint search (:mod:`sysmap.layout.waypoint_routes`) a step cost up to 45 ms on the
examples after by place and 90 ms on the densest synthetic map, over the 20 ms budget for
moving one stakeholder. :class:`DragRoutes` puts the :class:`~.line_routes.LineRouter` in
its rough mode for each step (the cheapest bends only: the dragged stakeholder's own lines
still follow the pointer every step) and leaves it, routing in full the lines routed
roughly, :data:`PAUSE_MS` after the last step and at once when the drag ends, before the
move becomes an undo step: after the drop the canvas draws what a fresh canvas of the map
draws. Every step starts the rough mode again and every rest ends it, so nothing stays
routed roughly longer than :data:`PAUSE_MS` after the last step, even where the end of the
drag never reached the canvas. A held arrow key's nudges are routed as a drag's steps.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import QTimer

from sysmap.canvas.line_routes import LineRouter

PAUSE_MS = 120
"""A drag resting this long gets its full routes (a pause to look, before letting go); a
held arrow key repeats faster than this."""


class DragRoutes:
    """Rough routing during a drag, settled when it pauses or ends.

    Parameters
    ----------
    router : LineRouter
        The map's lines.
    rerouted : callable
        Told the ids of lines whose bend changed when settling (the overview follows them).
    marks_moved : callable
        Called when the overlay's marks along lines were routed roughly meanwhile: they
        should be measured again (with full routes).
    """

    def __init__(
        self,
        router: LineRouter,
        rerouted: Callable[[Iterable[str]], None],
        marks_moved: Callable[[], None],
    ) -> None:
        self._router = router
        self._rerouted = rerouted
        self._marks_moved = marks_moved
        self._pause = QTimer()
        self._pause.setSingleShot(True)
        self._pause.setInterval(PAUSE_MS)
        self._pause.timeout.connect(self.end)

    @property
    def dragging(self) -> bool:
        """Whether a drag is under way (lines are routed roughly)."""
        return self._router.rough

    def begin(self) -> None:
        """A step of a drag or of a held arrow key is about to move stakeholders: route
        roughly until the steps rest or end."""
        self._router.rough = True
        self._pause.start()

    def moved(self) -> None:
        """A stakeholder moved: during a drag, end it only once the steps rest."""
        if self._router.rough:
            self._pause.start()

    def end(self) -> None:
        """The drag ends or rests: route in full what was routed roughly."""
        self._pause.stop()
        self._router.rough = False
        self.settle()

    def settle(self) -> None:
        """Route in full the lines routed roughly so far; the drag, if any, goes on."""
        rough, self._router.rough = self._router.rough, False  # marks ask in full, too
        try:
            changed, marks = self._router.settle()
            self._rerouted(changed)
            if marks:
                self._marks_moved()
        finally:
            self._router.rough = rough
