"""One open map in a window: the map, where it came from, and its undo stack."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from sysmap.gui.commands import MapCommand, push
from sysmap.io import LoadResult, save_map
from sysmap.io.file_state import FileState
from sysmap.model import events as ev
from sysmap.model.errors import SysmapError
from sysmap.model.ids import slugify
from sysmap.model.system_map import SystemMap

NATIVE_FORMAT = "sysmap map (GraphML)"
"""What :func:`sysmap.io.load_map` calls a map sysmap itself saved."""


class MapDocument(QObject):
    """A map being edited: its undo stack, its file, and whether it has unsaved changes.

    Parameters
    ----------
    system_map : SystemMap
    path : Path, optional
        The file it was opened from or saved to. ``None`` for a new map or an example.
    native : bool
        Whether Save can write back to ``path`` (a sysmap GraphML map). Maps opened from other
        tools' files, and examples, are saved with Save As.
    warnings : list of str
        What the reader had to tell the user.
    disk : FileState, optional
        What ``path`` held when the map was read from it; Save checks it still does.
    """

    title_changed = Signal()
    """The map's title, the file name or the modified state changed."""
    edit_refused = Signal(str)
    """An edit was refused; the argument says why, in one sentence."""

    def __init__(
        self,
        system_map: SystemMap | None = None,
        path: Path | None = None,
        *,
        native: bool = True,
        warnings: list[str] | None = None,
        source: Path | None = None,
        disk: FileState | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.map = system_map if system_map is not None else SystemMap()
        # Absolute and resolved: the working folder may change, the file may not.
        self.path = path.resolve() if path is not None else None
        self.native = native and path is not None
        self.source = source or self.path
        self.disk = disk
        self.warnings = list(warnings or [])
        self.undo_stack = QUndoStack(self)
        self.undo_stack.cleanChanged.connect(self.title_changed)
        self._unsubscribe = self.map.events.subscribe(self._on_map_event)

    @classmethod
    def from_load(
        cls,
        result: LoadResult,
        path: Path,
        *,
        example: bool = False,
        disk: FileState | None = None,
    ) -> MapDocument:
        """Make a document from what a reader returned (and what the file held then).

        An example opens as an untitled copy, so Save never writes into sysmap's own files.
        """
        native = result.format == NATIVE_FORMAT and not example
        return cls(
            result.map,
            None if example else path,
            native=native,
            warnings=result.warnings,
            source=path,
            disk=None if example else disk,
        )

    def _on_map_event(self, event: ev.MapEvent) -> None:
        if isinstance(event, ev.MapChanged) and "title" in event.fields:
            self.title_changed.emit()

    def close(self) -> None:
        """Stop following the map (call before dropping the document)."""
        self._unsubscribe()

    # ------------------------------------------------------------------ editing
    def push(self, command: MapCommand) -> bool:
        """Run an edit as one undo step; return False (and say why) if the map refused it."""
        try:
            push(self.undo_stack, command)
        except SysmapError as exc:
            self.edit_refused.emit(str(exc))
            return False
        return True

    # ------------------------------------------------------------------ state
    @property
    def modified(self) -> bool:
        """Whether there are changes since the map was opened or last saved."""
        return not self.undo_stack.isClean()

    @property
    def file_name(self) -> str:
        """The file's name, or "Untitled" for a map never saved."""
        return self.path.name if self.path is not None else "Untitled"

    @property
    def display_name(self) -> str:
        """What to call the map in a question: its file's name, or its title if never saved."""
        return self.path.name if self.path is not None else self.map.title

    def window_title(self) -> str:
        """ "Title — file.graphml[*]": Qt shows the ``[*]`` as a modified marker."""
        # A new map says so once: "Untitled map — not saved yet", not "Untitled — Untitled".
        if self.path is None:
            return f"{self.map.title or 'Untitled map'} — not saved yet[*]"
        return f"{self.map.title} — {self.file_name}[*]"

    def suggested_path(self, folder: Path) -> Path:
        """Where Save As proposes to save: beside the file, as GraphML, named after it."""
        if self.path is not None:
            return self.path.with_suffix(".graphml")
        stem = slugify(self.map.title, fallback="map") if self.map.title else "map"
        return folder / f"{stem}.graphml"

    # ------------------------------------------------------------------ files
    def save(self, path: Path | None = None) -> Path:
        """Write the map atomically to ``path`` (or where it came from); mark it saved.

        A map saved as GraphML becomes the file Save writes to from then on; one exported to
        another format keeps its file (use :meth:`export` for that).

        Raises
        ------
        MapFileError
            If the file cannot be written; the file on disk is unchanged.
        """
        target = path or self.path
        if target is None:
            raise ValueError("save() needs a path for a map never saved")
        target = target.resolve()
        fmt = save_map(self.map, target)
        if fmt.key == "graphml":
            self.path, self.native, self.source = target, True, target
            self.disk = _state(target)
            self.undo_stack.setClean()
            self.title_changed.emit()
        return target

    def disk_change(self) -> tuple[str, FileState | None] | None:
        """Whether the file changed on disk since it was opened or last saved here.

        Returns
        -------
        tuple or None
            ``("changed", now)`` if another window or program wrote other content there,
            ``("missing", None)`` if the file is gone, ``None`` if it holds what this window
            read or wrote (or nothing is known about it).
        """
        if self.path is None or self.disk is None:
            return None
        now = _state(self.path)
        if now is None:
            return ("missing", None) if not self.path.exists() else None
        if self.disk.same_content(now):
            self.disk = now  # only its time was touched
            return None
        return ("changed", now)

    def forget_disk(self) -> None:
        """Stop checking the file: the user chose to write over whatever it holds."""
        self.disk = None

    def export(self, path: Path, fmt: str | None = None) -> Path:
        """Write a copy in another format; the map stays attached to its own file."""
        save_map(self.map, path, fmt)
        return path


def _state(path: Path) -> FileState | None:
    try:
        return FileState.of(path)
    except SysmapError:  # not readable as a file: nothing to compare with
        return None
