"""A window's connections to the map it shows, cut when the window lets the map go or as the
map itself goes, whichever comes first.

A window let go with a map open (not closed first: a script moving on to a fresh window) is
taken apart by the garbage collector together with its map, in no set order. Where the map
went first, its undo stack, dying with commands on it, emitted ``indexChanged`` and
``cleanChanged`` one last time into the window's slots, still connected, which read the stack
being deleted ("Internal C++ object (PySide6.QtGui.QUndoStack) already deleted", from
``refresh_guides`` and ``update_undo_actions``). A map emits ``destroyed`` before its children
(the stack) go, so the connections are cut then.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QMetaObject, QObject, SignalInstance

Links = list[tuple[SignalInstance, QMetaObject.Connection]]


class DocumentLinks:
    """The connections a window keeps to the signals of its map (and its map's undo stack)."""

    def __init__(self) -> None:
        self._links: Links = []

    def follow(self, document: QObject) -> None:
        """A new map is shown: its connections are cut as it goes, if it goes first."""
        self.cut()
        links: Links = []
        self._links = links  # its own list: the next map's are not cut when this one goes
        document.destroyed.connect(lambda *_gone: _cut_dying(links))

    def add(self, signal: SignalInstance, slot: Callable[..., object]) -> None:
        """Connect ``slot`` to a signal of the map shown."""
        self._links.append((signal, signal.connect(slot)))

    def cut(self) -> None:
        """The window lets the map go: disconnect everything connected to it."""
        for signal, connection in self._links:
            signal.disconnect(connection)
        self._links.clear()


def _cut_dying(links: Links) -> None:
    # The map's wrappers are no longer usable here: each connection is cut by its handle.
    for _signal, connection in links:
        QObject.disconnect(connection)
    links.clear()
