"""The File menu: new, open, recent, examples, save, save as, export, close and quit.

Every path that could lose work asks first ("Save changes?" with Save / Discard / Cancel),
and every file error is shown as the one sentence the io layer wrote, never a traceback.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEventLoop, QMimeData, QObject, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QMenu

from sysmap.gui import dialogs
from sysmap.gui.actions import make_action
from sysmap.gui.column_mapping import offer_column_mapping
from sysmap.gui.document import NATIVE_FORMAT, MapDocument
from sysmap.gui.open_process import drop_reader, open_in_process, warm_reader
from sysmap.gui.tasks import Task, launch
from sysmap.gui.window_base import WindowBase, open_window
from sysmap.gui.window_saving import MapSaver
from sysmap.io import EXAMPLES, LoadResult, find_example
from sysmap.io.file_state import FileState
from sysmap.io.map_preview import MapPreview
from sysmap.model.errors import SysmapError
from sysmap.model.progress import Progress, reporting
from sysmap.model.system_map import SystemMap
from sysmap.workspace import open_map


class FileController(QObject):
    """Opening, saving and exporting maps for one window."""

    previewed = Signal(object)  # a big map's first picture, sent by its reading process

    PROCESS_BYTES = 8_000_000
    """Files this big (about 2,000 stakeholders) are read in a child process."""

    def __init__(self, window: WindowBase) -> None:
        super().__init__(window)  # destroyed with the window, and its connections with it
        self.window = window
        self.loading: Task | None = None
        self.saver = MapSaver(window, reload=lambda path: self._open(path, reload=True))
        self.pictures = self.saver.pictures
        self.previewed.connect(self._show_preview)  # queued: emitted on the reading thread
        w, reg = window, window.register
        reg(
            "file.new",
            make_action(
                w,
                "&New map",
                self.new_map,
                icon_name="new",
                keys=QKeySequence.StandardKey.New,
                tip="Start a new, empty map",
            ),
        )
        reg(
            "file.new_window",
            make_action(
                w,
                "New &window",
                self.new_window,
                keys="Ctrl+Shift+N",
                tip="Open another window, to work on two maps side by side",
            ),
        )
        reg(
            "file.open",
            make_action(
                w,
                "&Open…",
                self.open_dialog,
                icon_name="open",
                keys=QKeySequence.StandardKey.Open,
                tip="Open a map, or a file from Gephi, yEd, Kumu or a spreadsheet",
            ),
        )
        reg(
            "file.save",
            make_action(
                w,
                "&Save",
                self.save,
                icon_name="save",
                keys=QKeySequence.StandardKey.Save,
                tip="Save the map",
            ),
        )
        reg(
            "file.save_as",
            make_action(
                w,
                "Save &as…",
                self.save_as,
                icon_name="save-as",
                keys=QKeySequence.StandardKey.SaveAs,
                tip="Save the map under a new name",
            ),
        )
        reg(
            "file.export_picture",
            make_action(
                w,
                "Export &picture…",
                self.saver.export_picture,
                icon_name="picture",
                keys="Ctrl+E",
                tip="Save the map as a PNG, SVG or PDF picture, with its title and legend",
            ),
        )
        reg(
            "file.export_other",
            make_action(
                w,
                "Export as other &format…",
                self.saver.export_other,
                icon_name="export",
                keys="Ctrl+Shift+E",
                tip="Write a copy for another tool (JSON and the other formats sysmap writes)",
            ),
        )
        reg(
            "file.close",
            make_action(
                w,
                "&Close map",
                self.close_map,
                icon_name="close",
                keys=QKeySequence.StandardKey.Close,
                tip="Close the map and go back to the start page",
            ),
        )
        reg(
            "file.quit",
            make_action(
                w,
                "&Quit",
                self.quit,
                icon_name="quit",
                keys=QKeySequence.StandardKey.Quit,
                tip="Close every window and leave sysmap",
            ),
        )
        self.recent_menu = QMenu("Open &recent", w)
        self.recent_menu.setIcon(self.window.action("file.open").icon())
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        self.examples_menu = QMenu("Open e&xample", w)
        for example in EXAMPLES:
            title, _, line = example.summary.partition(":")
            action = self.examples_menu.addAction(title.strip())
            action.setStatusTip(line.strip().capitalize() or title)
            action.triggered.connect(lambda _c=False, n=example.name: self.open_example(n))

    def fill_menu(self, menu: QMenu) -> None:
        """Fill the File menu."""
        a = self.window.action
        menu.addActions([a("file.new"), a("file.new_window"), a("file.open")])
        menu.addMenu(self.recent_menu)
        menu.addMenu(self.examples_menu)
        menu.addSeparator()
        menu.addActions([a("file.save"), a("file.save_as")])
        menu.addSeparator()
        menu.addActions([a("file.export_picture"), a("file.export_other")])
        menu.addSeparator()
        menu.addActions([a("file.close"), a("file.quit")])

    def update_actions(self) -> None:
        """Enable what makes sense with or without a map open."""
        has_map = self.window.document is not None
        for name in (
            "file.save",
            "file.save_as",
            "file.export_picture",
            "file.export_other",
            "file.close",
        ):
            self.window.action(name).setEnabled(has_map)

    # -------------------------------------------------------------- asking first
    def maybe_save(self) -> bool:
        """Before the map goes away: ask to save changes; False means the user cancelled."""
        return self.saver.maybe_save()

    # -------------------------------------------------------------- new and open
    def new_map(self) -> None:
        """Start an empty map in this window."""
        if self.maybe_save():
            self.window.set_document(MapDocument(SystemMap("Untitled map")))
            self.window.show_message(
                "Double-click the canvas, or press Ctrl+Shift+A, to add a stakeholder."
            )

    def new_window(self) -> None:
        """Open another window with the start page."""
        open_window()

    def open_dialog(self) -> None:
        """Ask which file to open, then open it."""
        if not self.maybe_save():
            return
        warm_reader()  # a big map's reading process starts while the user chooses
        path = dialogs.ask_open_path(self.window, self.window.settings.last_folder())
        if path is not None:
            self.open_path(path, asked=True)
        if self.loading is None or path is None:  # read here, refused, or not chosen
            drop_reader()

    def open_recent(self, text: str) -> None:
        """Open a file from the recent list."""
        self.open_path(Path(text))

    def open_example(self, name: str, wait: bool = True) -> None:
        """Open an example system, as an untitled copy (read by a worker, as any file)."""
        example = find_example(name)
        if example is not None and self.maybe_save():
            self._open(example.path, example=True, wait=wait)

    def open_path(self, path: Path, asked: bool = False, wait: bool = True) -> bool:
        """Open a map file in this window (asking to save the current one first).

        Every file is read off the window's thread: big ones in a child process, the rest in
        a worker thread, with progress and Cancel in the status bar when it takes a while.
        With ``wait``, return once the map has opened or been refused, the window painting
        and answering meanwhile as it does under a dialog (the user can keep editing, and is
        asked before the new map replaces the changed one); without, return at once.

        Returns
        -------
        bool
            With ``wait``, whether the map opened; without, whether the reading began.
        """
        if not asked and not self.maybe_save():
            return False
        return self._open(Path(path), wait=wait)

    def _open(
        self, path: Path, example: bool = False, wait: bool = True, reload: bool = False
    ) -> bool:
        if self.loading is not None:
            self.window.show_message("Another map is still opening; wait for it, or cancel it.")
            return False
        in_process = _size(path) >= self.PROCESS_BYTES
        preview = self.previewed.emit if in_process and self.window.document is None else None
        outcome: list[bool] = []

        def work(progress: Progress) -> Opened:
            # What the file holds is noted before it is read: if another program writes it
            # meanwhile, Save will see a change rather than overwrite it unasked.
            disk = None if example else _disk_state(path)
            if in_process:  # the parse's memory goes with the child (see open_process)
                return open_in_process(str(path), progress, preview), disk
            # The readers report as they go; Cancel raises from that report and stops them.
            with reporting(progress):
                return open_map(str(path)), disk

        def done(opened: Opened) -> None:
            result, disk = opened
            outcome.append(self._opened(result, path, example, not reload, disk))

        waiting = QEventLoop()
        ended: list[bool] = []

        def over() -> None:  # connected before the task starts: a quick read cannot slip by
            self._loading_over()
            ended.append(True)
            waiting.quit()

        self.loading = launch(
            Task(f"Opening {path.name}", work, self),
            self.window.progress,
            done=done,
            failed=lambda message: self._open_failed(path, example, message),
            cancelled=lambda: self.window.show_message(f"Stopped opening {path.name}."),
            over=over,
        )
        if wait and not ended:
            waiting.exec()
        return bool(outcome and outcome[0]) if wait else True

    def cancel(self) -> None:
        """Stop opening a file and drawing a picture (the window is closing)."""
        if self.loading is not None:
            self.loading.cancel()
            self.loading.wait(5000)
        self.pictures.cancel()

    def _loading_over(self) -> None:
        task, self.loading = self.loading, None
        if task is not None:
            task.deleteLater()
        if self.window.document is None and self.window.scene.previewing:
            self.window.show_start_page()  # refused or cancelled after its first picture

    def _show_preview(self, preview: MapPreview) -> None:
        if self.loading is not None and not self.loading.is_cancelled():
            self.window.show_preview(preview)

    def _open_failed(self, path: Path, example: bool, message: str) -> None:
        dialogs.show_error(self.window, "Cannot open the map", message)
        if not example and not path.exists():
            self.window.settings.remove_recent_file(path)
            self.window.start_page.set_recent_files(self.window.settings.recent_files())

    def _opened(
        self,
        result: LoadResult,
        path: Path,
        example: bool,
        ask_again: bool = False,
        disk: FileState | None = None,
    ) -> bool:
        # A map read in the background arrives later: the user may have edited since.
        if ask_again and not self.maybe_save():
            return False
        if not example and result.format != NATIVE_FORMAT:
            offer_column_mapping(self.window, result, path.name)
        document = MapDocument.from_load(result, path, example=example, disk=disk)
        self.window.set_document(document)
        if not example:
            self.window.settings.add_recent_file(path)
        if not document.native and not example:
            self.window.show_message(
                f"Opened {path.name} ({result.format}). Saving writes a sysmap GraphML copy.",
                8000,
            )
        if result.notes:
            self.window.show_message(" ".join(result.notes), 12000)
        if result.warnings:
            dialogs.show_warnings(self.window, path.name, result.warnings)
        return True

    def clear_recent(self) -> None:
        """Forget the recent files."""
        self.window.settings.clear_recent_files()
        self.window.start_page.set_recent_files([])

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        files = self.window.settings.recent_files()
        for i, path in enumerate(files):
            name = path.name.replace("&", "&&")  # a file's name, not a keyboard shortcut
            action = self.recent_menu.addAction(f"&{i + 1} {name}" if i < 9 else name)
            action.setStatusTip(str(path))
            action.setEnabled(path.exists())
            action.triggered.connect(lambda _c=False, p=path: self.open_path(p))
        if not files:
            self.recent_menu.addAction("No recent maps").setEnabled(False)
        else:
            self.recent_menu.addSeparator()
            self.recent_menu.addAction("Clear the list", self.clear_recent)

    # -------------------------------------------------------------- save
    def save(self) -> bool:
        """Save to the map's own file (see :class:`~sysmap.gui.window_saving.MapSaver`)."""
        return self.saver.save()

    def save_as(self) -> bool:
        """Ask for a name and save the map there as GraphML."""
        return self.saver.save_as()

    # -------------------------------------------------------------- close
    def close_map(self) -> None:
        """Close the map (asking to save) and show the start page."""
        if self.maybe_save():
            self.window.show_start_page()

    def quit(self) -> None:
        """Close every window; each asks about its own unsaved changes."""
        QApplication.closeAllWindows()

    # -------------------------------------------------------------- drag and drop
    @staticmethod
    def droppable(mime: QMimeData) -> Path | None:
        """The first local file in a drop, if there is one."""
        for url in mime.urls():
            if url.isLocalFile():
                path = Path(url.toLocalFile())
                if path.is_file():
                    return path
        return None


Opened = tuple[LoadResult, "FileState | None"]
"""What a worker hands back: the map read, and what the file held when it was read."""


def _disk_state(path: Path) -> FileState | None:
    try:
        return FileState.of(path)
    except SysmapError:
        return None  # the reader says why, in its own sentence


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0  # a missing file fails at once, with the reader's message
