"""Places that nest: Salford within Greater Manchester within the North West within England.

A map's places vocabulary gives each place a level (national, regional, local) and may say
which place it sits within. A place the map does not describe, or describes without a parent,
is looked up among the places sysmap ships (:mod:`sysmap.model.uk_places`), so an example's
"Salford" sits within "Greater Manchester" without the map saying so. Names match ignoring
case, spacing and punctuation; a map's own entry always wins over the shipped one.

:class:`PlaceTree` answers the questions the analysis and the app ask: a place's level, its
parent, whether one place contains another. :func:`check_nesting` is the gate every places
vocabulary passes (a parent that exists, no place within itself through any chain).
"""

from __future__ import annotations

from collections.abc import Collection, Iterator
from dataclasses import dataclass, field
from functools import cache

from sysmap.model.errors import ValidationError
from sysmap.model.term import Term
from sysmap.model.uk_places import UK_PLACES

LEVELS = ("national", "regional", "local")
MAX_DEPTH = 64
"""No real hierarchy is this deep; a longer chain means a loop."""


def _normalise(text: str) -> str:
    return "".join(ch for ch in text.casefold().replace("&", "and") if ch.isalnum())


@cache
def _shipped() -> dict[str, Term]:
    return {_normalise(term.key): term for term in UK_PLACES}


def shipped_place(name: str) -> Term | None:
    """The place sysmap ships under this name (ignoring case, spacing, ``&``/``and``).

    Examples
    --------
    >>> shipped_place("salford").within, shipped_place("Tees valley").level
    ('Greater Manchester', 'regional')
    >>> shipped_place("Atlantis") is None
    True
    """
    return _shipped().get(_normalise(name))


@dataclass(frozen=True)
class PlaceTree:
    """Where each place sits, from a map's places vocabulary and the shipped places.

    Examples
    --------
    >>> tree = PlaceTree((Term("Leeds", "Leeds", level="local", within="West Yorkshire"),))
    >>> tree.chain("Leeds")
    ['Leeds', 'West Yorkshire', 'Yorkshire and the Humber', 'England', 'England & Wales', \
'Great Britain', 'United Kingdom']
    >>> tree.contains("England", "Leeds"), tree.contains("Leeds", "England")
    (True, False)
    >>> tree.level("Great Britain"), tree.level("Leeds")
    ('national', 'local')
    """

    places: Collection[Term] = ()
    """The map's places vocabulary (any terms; none means the shipped places alone)."""
    _own: dict[str, Term] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        own: dict[str, Term] = {}
        for term in self.places:
            own.setdefault(_normalise(term.key), term)
            own.setdefault(_normalise(term.label), term)
        object.__setattr__(self, "_own", own)

    def term(self, name: str) -> Term | None:
        """The map's entry for a place, else the shipped one, else ``None``."""
        key = _normalise(name)
        return self._own.get(key) or _shipped().get(key)

    def key(self, name: str) -> str:
        """The name a place is known by (its entry's key), or the name itself."""
        term = self.term(name)
        return term.key if term is not None else name

    def level(self, name: str) -> str | None:
        """``national``, ``regional`` or ``local``, where the map or sysmap knows it."""
        term = self.term(name)
        level = term.level if term is not None else None
        if level is None and term is not None and term.within is None:
            shipped = shipped_place(name)
            level = shipped.level if shipped is not None else None
        return level if level in LEVELS else None

    def parent(self, name: str) -> str | None:
        """The place this one sits within: the map's word first, else the shipped one."""
        own = self._own.get(_normalise(name))
        if own is not None and own.within:
            return self.key(own.within)
        shipped = shipped_place(name)
        return self.key(shipped.within) if shipped is not None and shipped.within else None

    def ancestors(self, name: str) -> Iterator[str]:
        """The places that contain this one, nearest first (stops at a loop)."""
        seen = {_normalise(name)}
        current = self.parent(name)
        while current is not None and _normalise(current) not in seen and len(seen) < MAX_DEPTH:
            seen.add(_normalise(current))
            yield current
            current = self.parent(current)

    def chain(self, name: str) -> list[str]:
        """The place and every place containing it, nearest first."""
        return [self.key(name), *self.ancestors(name)]

    def contains(self, outer: str, inner: str) -> bool:
        """Whether ``outer`` contains ``inner`` (directly or through places between)."""
        wanted = _normalise(outer)
        return any(_normalise(a) == wanted for a in self.ancestors(inner))

    def nested(self, a: str, b: str) -> bool:
        """Whether either place contains the other."""
        return self.contains(a, b) or self.contains(b, a)


class NestingError(ValidationError):
    """A place whose parent is unknown or loops back; ``place`` is its key."""

    def __init__(self, place: str, message: str) -> None:
        super().__init__(message)
        self.place = place


def check_nesting(places: Collection[Term]) -> None:
    """Refuse a places vocabulary whose parents are unknown or loop back.

    Raises
    ------
    NestingError
        Naming the place and what is wrong with where it sits.

    Examples
    --------
    >>> check_nesting((Term("Leeds", "Leeds", within="Narnia"),))
    Traceback (most recent call last):
    ...
    sysmap.model.places.NestingError: The place 'Leeds' is within 'Narnia', which is \
neither one of the map's places nor a place sysmap knows. Add 'Narnia' to the map's places \
first.
    """
    own = {_normalise(t.key) for t in places} | {_normalise(t.label) for t in places}
    tree = PlaceTree(places)
    for term in places:
        if term.within is None:
            continue
        if _normalise(term.within) not in own and shipped_place(term.within) is None:
            raise NestingError(
                term.key,
                f"The place '{term.key}' is within '{term.within}', which is neither one of "
                f"the map's places nor a place sysmap knows. Add '{term.within}' to the map's "
                "places first.",
            )
        seen = [term.key]
        current: str | None = term.within
        while current is not None:
            if _normalise(current) in {_normalise(s) for s in seen}:
                loop = " within ".join([*seen, tree.key(current)])
                raise NestingError(
                    term.key,
                    f"The place '{term.key}' would end up within itself ({loop}). Choose "
                    "another place for it to sit within.",
                )
            seen.append(tree.key(current))
            if len(seen) > MAX_DEPTH:
                raise NestingError(term.key, f"The place '{term.key}' sits within too many others.")
            current = tree.parent(current)
