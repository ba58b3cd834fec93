"""Errors a user can understand.

Every error raised on purpose by sysmap is a :class:`SysmapError`, whose message is one
plain-English sentence (or two) a policy analyst can act on. Anything else escaping to a user
is a bug.
"""

from __future__ import annotations


class SysmapError(Exception):
    """Base class of every error sysmap raises on purpose; its message is for the user."""


class ValidationError(SysmapError, ValueError):
    """A change to a map was refused because it would make the map invalid."""


class UnknownStakeholderError(ValidationError, KeyError):
    """A stakeholder id does not exist in the map."""

    def __str__(self) -> str:  # KeyError would otherwise quote the message
        return str(self.args[0]) if self.args else ""


class UnknownRelationshipError(ValidationError, KeyError):
    """A relationship id does not exist in the map."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""


class MapFileError(SysmapError):
    """A file could not be read or written as a map.

    Parameters
    ----------
    path : str
        The file's path, as the user gave it.
    problem : str
        What is wrong, as a sentence fragment without the file name.
    line : int, optional
        The line of the file where the problem was found, when known.
    hint : str, optional
        What the user can do about it.
    action : str
        What was being done: ``"open"`` or ``"save"``.
    """

    def __init__(
        self, path: str, problem: str, line: int | None = None, hint: str = "", action: str = "open"
    ) -> None:
        self.path = path
        self.problem = problem
        self.line = line
        self.hint = hint
        where = f"{path} (line {line})" if line else path
        message = f"Cannot {action} {where}: {problem}"
        if not message.endswith((".", "!", "?")):
            message += "."
        if hint:
            message += f" {hint}"
        super().__init__(message)

    @classmethod
    def refused(cls, path: str, error: Exception, action: str = "open") -> MapFileError:
        """The map's own refusal of a value from ``path``, as one sentence naming the file.

        Examples
        --------
        >>> str(MapFileError.refused("a.csv", ValidationError("The weight of x is -1.")))
        'Cannot open a.csv: the weight of x is -1.'
        """
        problem = str(error)
        if problem[:1].isupper() and problem[1:2].islower():  # "The weight…", not "GMCA…"
            problem = problem[0].lower() + problem[1:]
        return cls(path, problem, action=action)
