"""One value of a vocabulary (a sector, a place, a kind, a relationship type): a :class:`Term`.

Its own module, below :mod:`.vocab` and :mod:`.places`: a places vocabulary checks its nesting
through the place tree, and the tree reads terms, so both import the term from here.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from sysmap.model.entities import check_colour, check_name, check_text
from sysmap.model.errors import ValidationError


@dataclass(frozen=True)
class Term:
    """One value of a vocabulary: its stored key, the label people read, and how it looks.

    Parameters
    ----------
    key : str
        The value stored in the map file (``"third_sector"``).
    label : str
        What people read (``"Third sector"``).
    colour : str, optional
        A ``#RRGGBB`` colour for the value, if it has one.
    description : str
        One line saying what belongs here.
    level : str, optional
        For places only: ``national``, ``regional`` or ``local``.
    directed : bool, optional
        For relationship types only: whether the relationship runs one way by default.
    within : str, optional
        For places only: the place this one sits within (Salford within Greater Manchester),
        a place of the same vocabulary or one sysmap ships (:mod:`sysmap.model.uk_places`).
    """

    key: str
    label: str
    colour: str | None = None
    description: str = ""
    level: str | None = None
    directed: bool | None = None
    within: str | None = None

    def __post_init__(self) -> None:
        # The gate for every vocabulary entry, from a file, the clipboard or an edit: a colour
        # is painted, exported and written into reports, so only #RRGGBB passes.
        check_name(self.key, "A vocabulary key")
        what = f"The term '{self.key[:40]}'"
        check_name(self.label, f"{what}'s label")
        check_text(self.description, f"{what}'s description")
        if self.colour is not None:
            object.__setattr__(self, "colour", check_colour(self.colour, f"{what}'s"))
        if self.level is not None:
            check_name(self.level, f"{what}'s level")
        if self.directed is not None and not isinstance(self.directed, bool):
            raise ValidationError(f"{what}'s 'directed' flag must be true or false.")
        if self.within is not None:
            check_text(self.within, f"The place '{self.key}' sits within")
            if normalise_key(self.within) == normalise_key(self.key):
                raise ValidationError(f"{what} cannot sit within itself.")

    def to_json(self) -> dict[str, Any]:
        """Return the term as a JSON object, leaving out empty fields."""
        return {k: v for k, v in asdict(self).items() if v not in (None, "")}


def normalise_key(text: str) -> str:
    """A key or label as compared: case and everything but letters and digits ignored."""
    return "".join(ch for ch in text.casefold() if ch.isalnum())
