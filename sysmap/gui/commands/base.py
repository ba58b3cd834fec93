"""What every edit has in common: a map, a readable name, and safe first execution.

An edit is a :class:`QUndoCommand` that only calls :class:`~sysmap.model.SystemMap` methods;
the canvas, tables and inspector follow the map's change events. Qt runs ``redo()`` as soon as
a command is pushed and cannot report a failure, so :func:`push` runs the edit first, inside
``try``: a refused edit (a :class:`~sysmap.model.errors.ValidationError`) never reaches the
undo stack, and a macro that fails half way is rolled back.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtGui import QUndoCommand, QUndoStack

from sysmap.model.system_map import SystemMap

# Command ids for QUndoCommand.id(): commands with the same id may merge (Qt's rule).
NUDGE_ID = 1001
TYPING_ID = 1002
NAMING_ID = 1003


class MapCommand(QUndoCommand):
    """An undoable edit of one map.

    Subclasses implement :meth:`do` and :meth:`undo`; ``redo`` calls ``do`` except right after
    :func:`push` ran it already.
    """

    def __init__(self, system_map: SystemMap, text: str) -> None:
        super().__init__(text)
        self.map = system_map
        self._already_done = False

    def do(self) -> None:
        """Make the change (first time and every redo)."""
        raise NotImplementedError

    def redo(self) -> None:
        if self._already_done:
            self._already_done = False
            return
        self.do()

    def mark_done(self) -> None:
        """Record that :meth:`do` has just run, so the stack's first ``redo`` skips it."""
        self._already_done = True


class MacroCommand(MapCommand):
    """Several edits as one step: done in order, undone in reverse order.

    The children live in a Python list rather than as Qt child commands, because PySide
    would let Python collect child commands the stack still points at.
    """

    def __init__(self, system_map: SystemMap, text: str, children: Sequence[MapCommand]) -> None:
        super().__init__(system_map, text)
        self.children = list(children)

    def do(self) -> None:
        done: list[MapCommand] = []
        try:
            for child in self.children:
                child.do()
                done.append(child)
        except Exception:
            for child in reversed(done):
                child.undo()
            raise

    def undo(self) -> None:
        for child in reversed(self.children):
            child.undo()


def push(stack: QUndoStack, command: MapCommand) -> None:
    """Run ``command`` and, if the map accepted it, put it on ``stack`` as one step.

    Raises
    ------
    SysmapError
        If the map refused the edit; nothing changed and the stack is untouched.
    """
    command.do()
    command.mark_done()
    stack.push(command)


def plural(count: int, noun: str, nouns: str | None = None) -> str:
    """Return "1 stakeholder" or "3 stakeholders".

    Examples
    --------
    >>> plural(1, "stakeholder"), plural(3, "relationship")
    ('1 stakeholder', '3 relationships')
    """
    return f"{count} {noun if count == 1 else nouns or noun + 's'}"


def short(text: str, limit: int = 40) -> str:
    """Cut a label for an undo step's name.

    Examples
    --------
    >>> short("Probation Service – Greater Manchester", 20)
    'Probation Service –…'
    """
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def named(system_map: SystemMap, ids: Sequence[str], noun: str = "stakeholder") -> str:
    """Name what an edit touches: the stakeholder's label for one, a count for several."""
    if len(ids) == 1:
        return short(system_map.label(ids[0]))
    return plural(len(ids), noun)


class EachCommand(MapCommand):
    """The same change made to several stakeholders or relationships, as one step.

    Subclasses set ``self.ids`` and implement :meth:`apply` and :meth:`restore` for one id. If
    the map refuses the change for one id, those already changed are restored.
    """

    ids: list[str]

    def apply(self, item: str) -> None:
        """Change one stakeholder or relationship."""
        raise NotImplementedError

    def restore(self, item: str) -> None:
        """Put one stakeholder or relationship back as it was."""
        raise NotImplementedError

    def do(self) -> None:
        done: list[str] = []
        try:
            for item in self.ids:
                self.apply(item)
                done.append(item)
        except Exception:
            for item in reversed(done):
                self.restore(item)
            raise

    def undo(self) -> None:
        for item in reversed(self.ids):
            self.restore(item)
