"""Vocabularies: the sectors, places, kinds, relationship types and statuses a map uses.

A map starts with the defaults below, which follow the systems-leadership guidance (six
sectors, three place levels) and can extend them: a map may add a sector, name its places and
give them colours. Values outside a vocabulary are kept as they are and flagged, never coerced.

Colours are the Okabe–Ito palette (Okabe & Ito 2008), which stays distinguishable for the
common forms of colour blindness.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from sysmap.model.errors import ValidationError
from sysmap.model.places import NestingError, check_nesting
from sysmap.model.term import Term as Term  # re-exported: a vocabulary's values
from sysmap.model.term import normalise_key

# Okabe–Ito colour-blind-safe palette, in its published order.
OKABE_ITO: tuple[str, ...] = (
    "#E69F00",  # orange
    "#56B4E9",  # sky blue
    "#009E73",  # bluish green
    "#F0E442",  # yellow
    "#0072B2",  # blue
    "#D55E00",  # vermillion
    "#CC79A7",  # reddish purple
    "#000000",  # black
)
UNKNOWN_COLOUR = "#9E9E9E"
_COLOUR = re.compile(r"#[0-9A-Fa-f]{6}")


@dataclass(frozen=True)
class Vocabulary:
    """An ordered, immutable set of :class:`Term` keyed by :attr:`Term.key`.

    Examples
    --------
    >>> v = Vocabulary("sector", (Term("a", "A"), Term("b", "B")))
    >>> v.label("b"), v.label("zz"), "a" in v
    ('B', 'zz', True)
    """

    name: str = field(compare=False)
    terms: tuple[Term, ...] = ()
    _index: Mapping[str, Term] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        index: dict[str, Term] = {}
        for term in self.terms:
            if not term.key:
                raise ValidationError(f"A {self.name} needs a non-empty key.")
            if term.key in index:
                raise ValidationError(f"The {self.name} '{term.key}' is listed twice.")
            index[term.key] = term
        object.__setattr__(self, "_index", index)
        if any(term.within for term in self.terms):
            check_nesting(self)

    def __contains__(self, key: object) -> bool:
        return key in self._index

    def __iter__(self) -> Iterator[Term]:
        return iter(self.terms)

    def __len__(self) -> int:
        return len(self.terms)

    def get(self, key: str) -> Term | None:
        """Return the term with this key, or ``None``."""
        return self._index.get(key)

    def keys(self) -> list[str]:
        """Return the keys in order."""
        return [t.key for t in self.terms]

    def label(self, key: str) -> str:
        """Return the label for ``key``, or the key itself when it is not in the vocabulary."""
        term = self._index.get(key)
        return term.label if term else key

    def key_for(self, text: str) -> str | None:
        """Find the key whose key or label matches ``text``, ignoring case and spacing."""
        wanted = normalise_key(text)
        for term in self.terms:
            if wanted in (normalise_key(term.key), normalise_key(term.label)):
                return term.key
        return None

    def with_term(self, term: Term) -> Vocabulary:
        """Return a copy with ``term`` added, or replacing the term with the same key."""
        if term.key in self._index:
            terms = tuple(term if t.key == term.key else t for t in self.terms)
        else:
            terms = (*self.terms, term)
        return Vocabulary(self.name, terms)

    def to_json(self) -> str:
        """Serialise the terms as compact, deterministic JSON text."""
        return json.dumps([t.to_json() for t in self.terms], ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_json(cls, name: str, text: str, notes: list[str] | None = None) -> Vocabulary:
        """Read terms written by :meth:`to_json`.

        A colour that is not ``#RRGGBB`` is left out (the value is drawn in a default colour)
        and said in ``notes``, if given: one bad colour must not cost the whole vocabulary.

        Raises
        ------
        ValidationError
            If the text is not a JSON list of terms.

        Examples
        --------
        >>> notes = []
        >>> v = Vocabulary.from_json("sector", '[{"key": "a", "colour": "red"}]', notes)
        >>> v.get("a").colour is None, notes[0][:40]
        (True, "The sector 'a' has the colour 'red', whi")
        """
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise ValidationError(f"The map's list of {name}s is not valid JSON.") from exc
        if not isinstance(data, list):
            raise ValidationError(f"The map's list of {name}s should be a JSON list.")
        terms = [term_from_dict(name, item, notes) for item in data]
        return cls._nested(name, terms, notes)

    @classmethod
    def _nested(cls, name: str, terms: list[Term], notes: list[str] | None) -> Vocabulary:
        """The vocabulary, with any place whose parent is unknown or loops made a top level."""
        for _ in range(len(terms) + 1):
            try:
                return cls(name, tuple(terms))
            except NestingError as exc:
                terms = [replace(t, within=None) if t.key == exc.place else t for t in terms]
                if notes is not None:
                    notes.append(f"{exc} It is kept without a place to sit within.")
        return cls(name, tuple(terms))  # pragma: no cover - each pass clears one parent


def term_from_dict(name: str, item: object, notes: list[str] | None = None) -> Term:
    """Make a term of the vocabulary ``name`` from a JSON object (a file, the clipboard).

    Unknown fields are ignored; a colour that is not ``#RRGGBB`` is dropped and said in
    ``notes``; anything else malformed raises :class:`ValidationError`.
    """
    if not isinstance(item, dict) or not isinstance(item.get("key"), str):
        raise ValidationError(f"Each {name} in the map's list needs a text 'key'.")
    allowed = {"key", "label", "colour", "description", "level", "directed", "within"}
    values = {k: v for k, v in item.items() if k in allowed and v is not None}
    values.setdefault("label", values["key"])
    for text_field in ("label", "colour", "description", "level", "within"):
        if text_field in values and not isinstance(values[text_field], str):
            raise ValidationError(f"The {name} '{values['key']}' has a bad '{text_field}'.")
    if "directed" in values and not isinstance(values["directed"], bool):
        raise ValidationError(f"The {name} '{values['key']}' has a bad 'directed' flag.")
    colour = values.get("colour")
    if colour is not None and not _COLOUR.fullmatch(colour):
        del values["colour"]
        if notes is not None:
            notes.append(
                f"The {name} '{values['key']}' has the colour {colour[:40]!r}, which is not "
                "written as #RRGGBB; it is drawn in a default colour."
            )
    return Term(**values)


def _terms(rows: Iterable[tuple[Any, ...]]) -> tuple[Term, ...]:
    return tuple(Term(*row) for row in rows)


DEFAULT_SECTORS = Vocabulary(
    "sector",
    _terms(
        [
            (
                "central_government",
                "Central government",
                "#0072B2",
                "Departments, their agencies and arm's-length bodies",
            ),
            (
                "local_public_services",
                "Local public services",
                "#56B4E9",
                "Councils, police, NHS, probation, prisons, colleges, combined authorities",
            ),
            (
                "private",
                "Private sector",
                "#E69F00",
                "Contractors, employers, landlords and investors",
            ),
            (
                "third_sector",
                "Third sector",
                "#009E73",
                "Charities, community interest companies, housing associations",
            ),
            (
                "citizens",
                "Citizens & communities",
                "#CC79A7",
                "The people the system exists for, their families and communities",
            ),
            (
                "independent",
                "Independent bodies",
                "#F0E442",
                "Inspectorates, regulators, courts, auditors and scrutiny committees",
            ),
        ]
    ),
)

CITIZEN_SECTOR = "citizens"

PLACE_LEVELS = Vocabulary(
    "place level",
    _terms(
        [
            ("national", "National", None, "Works across the whole country"),
            ("regional", "Regional", None, "A region, combined authority or NHS area"),
            ("local", "Local", None, "A named local area"),
        ]
    ),
)

DEFAULT_PLACES = Vocabulary("place", ())

KINDS = Vocabulary(
    "kind",
    _terms(
        [
            ("organisation", "Organisation", None, "A body with its own governance"),
            ("group", "Group or partnership", None, "A team, board, partnership or community"),
            ("individual", "Individual", None, "One person, or a role one person holds"),
        ]
    ),
)

STATUSES = Vocabulary(
    "status",
    _terms(
        [
            ("active", "Active", None, "Works as intended"),
            ("weak", "Weak", None, "Exists, but evidence says it often fails"),
            ("missing", "Missing", None, "Documented as needed but absent"),
            ("proposed", "Proposed", None, "Planned, not yet in place"),
        ]
    ),
)

# Relationship types: (key, label, colour, description, level, directed by default).
DEFAULT_RELATION_TYPES = Vocabulary(
    "relationship type",
    _terms(
        [
            ("funds", "funds", None, "Provides money", None, True),
            ("commissions", "commissions", None, "Buys a service under contract", None, True),
            ("manages", "manages", None, "Line-manages or runs", None, True),
            ("delivers", "delivers to", None, "Provides a service to", None, True),
            ("refers", "refers to", None, "Passes people on to", None, True),
            ("shares_data", "shares data with", None, "Exchanges information", None, False),
            ("houses", "houses", None, "Provides a home or bed", None, True),
            ("employs", "employs", None, "Gives work to", None, True),
            ("supervises", "supervises", None, "Oversees an individual's order", None, True),
            ("sentences", "sentences", None, "Passes sentence on", None, True),
            ("releases", "releases", None, "Releases from custody", None, True),
            ("advises", "advises", None, "Gives advice or reports", None, True),
            ("advocates", "advocates to", None, "Campaigns or lobbies", None, True),
            ("partners", "partners with", None, "Works jointly as equals", None, False),
            ("part_of", "is part of", None, "Is a member or unit of", None, True),
            ("convenes", "convenes", None, "Brings together or chairs", None, True),
            ("inspects", "inspects", None, "Inspects, audits or scrutinises", None, True),
            ("accountable_to", "is accountable to", None, "Answers to", None, True),
            ("supports", "supports", None, "Gives informal or peer support", None, True),
            ("conditions", "sets conditions for", None, "Attaches legal conditions", None, True),
            ("other", "is linked to", None, "Any other relationship", None, False),
        ]
    ),
)

VOCABULARY_NAMES = ("sectors", "places", "kinds", "relation_types")
VOCABULARY_NOUNS = {
    "sectors": "sector",
    "places": "place",
    "kinds": "kind",
    "relation_types": "relationship type",
}
