"""Exporting a picture of the map, off the GUI thread when the map is big.

A picture of a national map (thousands of stakeholders) takes a second or more to draw and
compress. Such a map is drawn from a copy of its data on a worker thread, with a progress
bar and a Cancel that stops it before anything is written, while the window carries on.
Small maps, and maps showing an analysis overlay, are drawn from the live canvas at once.
"""

from __future__ import annotations

from pathlib import Path

from sysmap.gui import dialogs
from sysmap.gui.tasks import Task, launch
from sysmap.gui.window_base import WindowBase
from sysmap.model.errors import SysmapError
from sysmap.model.progress import Progress

IN_BACKGROUND_FROM = 2000
"""Stakeholders plus relationships from which a picture is drawn on a worker thread."""


class PictureExport:
    """Writes pictures of one window's map; at most one in the background at a time."""

    def __init__(self, window: WindowBase) -> None:
        self.window = window
        self.task: Task | None = None

    def export(self, target: Path, fmt: str, width: int, transparent: bool) -> None:
        """Write the picture the canvas shows to ``target`` (the result is told in the
        status bar, or in an error dialog)."""
        scene = self.window.scene
        system_map = scene.system_map
        size = system_map.stakeholder_count + system_map.relationship_count
        if self.task is not None:
            self.window.show_message("A picture is still being exported; wait for it.")
            return
        if scene.overlay is None and size >= IN_BACKGROUND_FROM:
            self._in_background(target, fmt, width, transparent)
        else:
            self._now(target, fmt, width, transparent)

    def _now(self, target: Path, fmt: str, width: int, transparent: bool) -> None:
        from sysmap.canvas.export import export_scene

        try:
            export_scene(self.window.scene, target, fmt, width=width, transparent=transparent)
        except SysmapError as exc:
            dialogs.show_error(self.window, "Cannot export the picture", str(exc))
            return
        self._written(target)

    def _in_background(self, target: Path, fmt: str, width: int, transparent: bool) -> None:
        from sysmap.canvas.export import export_sketch

        scene = self.window.scene
        snapshot = scene.system_map.copy()  # the worker reads its own copy
        guides, colour_by = scene.guides, scene.colour_attribute

        def work(progress: Progress) -> bool:
            return export_sketch(
                snapshot, target, fmt, width, transparent, guides, colour_by, progress
            )

        window = self.window
        stopped = f"Stopped exporting {target.name}; nothing written."
        self.task = launch(
            Task(f"Exporting {target.name}", work, window),
            window.progress,
            done=lambda drawn: self._drawn(drawn, target, fmt, width, transparent),
            failed=lambda message: dialogs.show_error(window, "Cannot export the picture", message),
            cancelled=lambda: window.show_message(stopped),
            over=self._over,
        )

    def _drawn(self, drawn: bool, target: Path, fmt: str, width: int, transparent: bool) -> None:
        if drawn:
            self._written(target)
        else:  # drawn so large that each item shows: only the live canvas can draw that
            self._now(target, fmt, width, transparent)

    def _written(self, target: Path) -> None:
        self.window.settings.set_last_folder(target.parent)
        self.window.show_message(f"Exported {target.name}.")

    def _over(self) -> None:
        task, self.task = self.task, None
        if task is not None:
            task.deleteLater()

    def cancel(self) -> None:
        """Stop a picture being drawn (the window is closing)."""
        if self.task is not None:
            self.task.cancel()
            self.task.wait(5000)
