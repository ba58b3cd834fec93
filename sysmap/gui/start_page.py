"""The start page: new map, open a file, recent files and the example systems."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QPixmap
from PySide6.QtWidgets import (
    QAbstractButton,
    QCommandLinkButton,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from sysmap.gui.plain_text import plain_tooltip
from sysmap.gui.resources import app_icon, icon, mute
from sysmap.gui.thumbnails import (
    THUMBNAIL_ASPECT,
    cached_thumbnail,
    make_thumbnail,
)
from sysmap.io import EXAMPLES, Example

THUMBNAIL_HEIGHT = 132
"""Pixels of a card's picture: short enough that the page fits 1366×768 unscrolled."""
THUMBNAIL_SIZE = QSize(round(THUMBNAIL_HEIGHT / THUMBNAIL_ASPECT), THUMBNAIL_HEIGHT)


def example_title(example: Example) -> tuple[str, str]:
    """Split an example's summary into a title and one line ("Reducing reoffending", "…")."""
    title, _, line = example.summary.partition(":")
    return title.strip(), line.strip()


class StartPage(QWidget):
    """What the window shows before a map is open.

    Signals carry what the user chose; the window does the opening.
    """

    new_requested = Signal()
    open_requested = Signal()
    recent_requested = Signal(str)
    example_requested = Signal(str)
    clear_recent_requested = Signal()
    draw_thumbnails = True
    """Whether to draw missing thumbnails when shown (tests that do not look at them skip it)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("StartPage")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.example_buttons: dict[str, ExampleCard] = {}
        self._pending: list[Example] = []

        content = QWidget()
        content.setObjectName("StartPage")
        content.setMaximumWidth(1360)  # long lines and huge cards on wide screens read badly
        layout = QVBoxLayout(content)
        layout.setContentsMargins(48, 20, 48, 16)
        layout.setSpacing(10)
        layout.addLayout(self._header())
        columns = QHBoxLayout()
        columns.setSpacing(36)
        columns.addLayout(self._start_column(), 2)
        columns.addLayout(self._examples_column(), 5)
        layout.addLayout(columns)
        layout.addStretch(1)

        scroll = QScrollArea()
        scroll.setAccessibleName("Start page")
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes to the buttons, which scroll in
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        holder = QWidget()
        holder.setObjectName("StartPage")
        centred = QHBoxLayout(holder)
        centred.setContentsMargins(0, 0, 0, 0)
        centred.addWidget(content)
        scroll.setWidget(holder)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        for button in self.findChildren(QAbstractButton):
            button.installEventFilter(self)  # Enter presses a button here, as Space does

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            isinstance(watched, QAbstractButton)
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        ):
            watched.animateClick()
            return True
        return False

    # -------------------------------------------------------------- building
    def _header(self) -> QHBoxLayout:
        row = QHBoxLayout()
        logo = QLabel()
        logo.setPixmap(app_icon().pixmap(56, 56))
        logo.setAccessibleName("sysmap logo")
        row.addWidget(logo)
        words = QVBoxLayout()
        title = QLabel("sysmap")
        title.setObjectName("StartTitle")
        tagline = QLabel(
            "Map the system behind a policy problem, and find its silos and missing links."
        )
        tagline.setObjectName("StartTagline")
        tagline.setWordWrap(True)
        mute(tagline)
        words.addWidget(title)
        words.addWidget(tagline)
        row.addLayout(words, 1)
        return row

    def _start_column(self) -> QVBoxLayout:
        column = QVBoxLayout()
        column.setSpacing(8)
        column.addWidget(_heading("Start"))
        self.new_button = QCommandLinkButton("New map", "Start from an empty canvas.")
        self.new_button.setIcon(icon("new"))
        self.new_button.clicked.connect(self.new_requested)
        self.open_button = QCommandLinkButton(
            "Open…", "A sysmap map, or a file from Gephi, yEd, Kumu or a spreadsheet."
        )
        self.open_button.setIcon(icon("open"))
        self.open_button.clicked.connect(self.open_requested)
        for button in (self.new_button, self.open_button):
            button.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
            column.addWidget(button)

        recent_row = QHBoxLayout()
        recent_row.addWidget(_heading("Recent maps"), 1)
        self.clear_recent_button = QPushButton("Clear")
        self.clear_recent_button.setFlat(True)
        self.clear_recent_button.setToolTip("Forget the list of recent maps")
        self.clear_recent_button.clicked.connect(self.clear_recent_requested)
        recent_row.addWidget(self.clear_recent_button, 0, Qt.AlignmentFlag.AlignBottom)
        column.addLayout(recent_row)
        self.recent_list = QListWidget()
        self.recent_list.setAccessibleName("Recent maps")
        self.recent_list.setIconSize(QSize(20, 20))
        # One click or Enter opens a recent map, as a link would: a double-click was needed.
        self.recent_list.setStyleSheet("QListWidget { activate-on-singleclick: 1; }")
        self.recent_list.itemActivated.connect(self._recent_activated)
        self.recent_list.setMinimumHeight(140)
        self.recent_list.setMaximumHeight(360)
        column.addWidget(self.recent_list)
        self.no_recent = QLabel("Maps you open or save will be listed here.")
        self.no_recent.setWordWrap(True)
        mute(self.no_recent)
        column.addWidget(self.no_recent)
        column.addStretch(1)
        return column

    def _examples_column(self) -> QVBoxLayout:
        column = QVBoxLayout()
        column.setSpacing(6)
        column.addWidget(_heading("Example systems"))
        hint = QLabel("Real systems from published sources, ready to explore and change.")
        hint.setWordWrap(True)
        mute(hint)
        column.addWidget(hint)
        grid = QGridLayout()
        grid.setSpacing(12)
        for i, example in enumerate(EXAMPLES):
            button = self._example_button(example)
            grid.addWidget(button, i // 2, i % 2)
            self.example_buttons[example.name] = button
        column.addLayout(grid)
        column.addStretch(1)
        return column

    def _example_button(self, example: Example) -> ExampleCard:
        card = ExampleCard(example)
        card.clicked.connect(lambda: self.example_requested.emit(example.name))
        cached = cached_thumbnail(example)
        if cached is not None:
            card.set_picture(QPixmap(str(cached)))
        else:
            self._pending.append(example)
        return card

    # -------------------------------------------------------------- behaviour
    def showEvent(self, event: object) -> None:
        super().showEvent(event)  # type: ignore[arg-type]
        if self._pending and self.draw_thumbnails:
            QTimer.singleShot(50, self, self._draw_next_thumbnail)

    def _draw_next_thumbnail(self) -> None:
        # One per turn of the event loop, so the page stays responsive while they are drawn.
        if not self._pending:
            return
        example = self._pending.pop(0)
        path = make_thumbnail(example)
        if path is not None:
            self.example_buttons[example.name].set_picture(QPixmap(str(path)))
        if self._pending:
            QTimer.singleShot(0, self, self._draw_next_thumbnail)

    def set_recent_files(self, files: list[Path]) -> None:
        """Show the recent files (missing ones are shown greyed out, and skipped on open)."""
        self.recent_list.clear()
        for path in files:
            item = QListWidgetItem(icon("map"), f"{path.name}\n{_folder(path)}")
            item.setData(Qt.ItemDataRole.UserRole, str(path))
            item.setToolTip(plain_tooltip(str(path)))
            if not path.exists():
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEnabled)
                item.setToolTip(plain_tooltip(f"{path} (no longer there)"))
            self.recent_list.addItem(item)
        self.recent_list.setVisible(bool(files))
        self.clear_recent_button.setVisible(bool(files))
        self.no_recent.setVisible(not files)

    def _recent_activated(self, item: QListWidgetItem) -> None:
        if not self.isVisible():
            return  # the second click of a double-click, once the first has opened the map
        self.recent_requested.emit(str(item.data(Qt.ItemDataRole.UserRole)))


class ExampleCard(QPushButton):
    """An example system: its picture, its title in bold and one line under it.

    A push button underneath, so it takes the keyboard focus and opens with Space or Enter.
    """

    def __init__(self, example: Example) -> None:
        super().__init__()
        title, line = example_title(example)
        self.setObjectName("ExampleCard")
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setAccessibleName(f"Open the example: {title}")
        self.setAccessibleDescription(line)
        self.setToolTip(f"Open the example map “{title}”: {line}.")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.picture = QLabel()
        self.picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.picture.setFixedHeight(THUMBNAIL_SIZE.height())
        self.picture.setPixmap(icon("map").pixmap(64, 64))
        self.title = QLabel(title)
        self.title.setProperty("heading", True)
        self.title.setWordWrap(True)
        self.line = QLabel(line[:1].upper() + line[1:])
        self.line.setWordWrap(True)
        mute(self.line)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 10, 10, 10)
        layout.setSpacing(2)
        layout.addWidget(self.picture)
        layout.addWidget(self.title)
        layout.addWidget(self.line)
        for child in (self.picture, self.title, self.line):
            child.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, True)

    def set_picture(self, pixmap: QPixmap) -> None:
        """Show the map's thumbnail, scaled to fit the card."""
        self.picture.setPixmap(
            pixmap.scaled(
                THUMBNAIL_SIZE,
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
        )

    def sizeHint(self) -> QSize:
        layout = self.layout()  # a push button sizes itself by its text; this one has labels
        return layout.sizeHint() if layout is not None else super().sizeHint()


def _folder(path: Path) -> str:
    """The folder a file is in, with the home folder written as ~ (shorter to read)."""
    folder = path.parent
    try:
        return "~/" + str(folder.relative_to(Path.home()))
    except ValueError:
        return str(folder)


def _heading(text: str) -> QLabel:
    label = QLabel(text)
    label.setProperty("heading", True)
    return label
