"""What the matcher knows of a stakeholder: its names in every comparable form.

A :class:`Profile` gathers the forms of one stakeholder's names (label, short name, bracketed
acronym) that :mod:`sysmap.combine.scoring` compares: normalised keys, initials, acronyms and
the meaningful words, each weighted by how rare it is across the maps being merged (a word on
every other name, such as "council", says less than "Forest"). A group of stakeholders already
matched has one profile holding all their names, so a third map's "DWP" can match the group
in which "Department for Work & Pensions" met "Dept for Work and Pensions".
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from sysmap.combine.expansions import Expansions
from sysmap.combine.names import (
    acronym_letters,
    bracketed,
    content,
    drop_prefix,
    fold,
    initials,
    key_of,
    looks_like_acronym,
    raw_words,
    without_brackets,
    without_leading_acronym,
)
from sysmap.model.system_map import SystemMap

_GENERIC_ID = re.compile(r"^(?:n|node|v|id|s)?[-_]?\d+$|^[0-9a-f-]{16,}$", re.IGNORECASE)


def readable_id(stakeholder_id: str) -> bool:
    """Whether an id says something (``hmpps``), unlike the numbers tools make (``n12``).

    Examples
    --------
    >>> [readable_id(i) for i in ("hmpps", "n12", "42", "node-3", "probation-gm")]
    [True, False, False, False, True]
    """
    return not _GENERIC_ID.match(stakeholder_id) and sum(c.isalpha() for c in stakeholder_id) >= 2


@dataclass(frozen=True)
class Member:
    """One stakeholder of one of the maps being merged."""

    map: int
    id: str
    label: str
    short_name: str = ""
    sector: str | None = None
    place: str | None = None
    kind: str | None = None

    @classmethod
    def all_of(cls, index: int, system_map: SystemMap) -> list[Member]:
        """Every stakeholder of a map, in map order."""
        return [
            cls(index, s.id, s.label, s.short_name, s.sector, s.place, s.kind)
            for s in system_map.stakeholders()
        ]

    def names(self) -> list[str]:
        """The names it goes by: label, short name, and an acronym in brackets."""
        found = [self.label]
        if self.short_name:
            found.append(self.short_name)
        found += [note for note in bracketed(self.label) if looks_like_acronym(note)]
        return list(dict.fromkeys(found))


@dataclass
class Profile:
    """Every comparable form of the names of one stakeholder, or of a matched group."""

    names: list[str] = field(default_factory=list)
    labels: set[str] = field(default_factory=set)
    """The labels, case-folded (same-name matches compare labels, not short names)."""
    keys: set[str] = field(default_factory=set)
    initials: set[str] = field(default_factory=set)
    acronyms: set[str] = field(default_factory=set)
    long_names: list[str] = field(default_factory=list)
    word_sets: list[tuple[str, ...]] = field(default_factory=list)
    """The meaningful words of each full name (acronyms are compared as ``acronyms``)."""
    place_keys: set[tuple[str, str]] = field(default_factory=set)
    short_keys: set[str] = field(default_factory=set)
    """Keys of the full names without a leading acronym (BCC, WM)."""
    ids: set[str] = field(default_factory=set)
    sectors: set[str] = field(default_factory=set)
    places: set[str] = field(default_factory=set)
    kinds: set[str] = field(default_factory=set)

    def add(self, member: Member, expansions: Expansions) -> None:
        """Take in a stakeholder's names, id and tags."""
        self.labels.add(fold(member.label))
        for name in member.names():
            if name in self.names:
                continue
            self.names.append(name)
            self._add_name(name, expansions)
            if member.place and not _bare_acronym(name):
                self._add_place_keys(name, member.place, expansions)
        if readable_id(member.id):
            self.ids.add(member.id)
        for values, value in (
            (self.sectors, member.sector),
            (self.places, member.place),
            (self.kinds, member.kind),
        ):
            if value:
                values.add(value)

    def _add_name(self, name: str, expansions: Expansions) -> None:
        """File a name: a bare acronym (DWP) is compared as letters; any other name (even
        "MHCLG (DLUHC 2021–24)", whose note is a name too) by its words as well."""
        if _bare_acronym(name):
            self.acronyms.add(acronym_letters(name))
            return
        if looks_like_acronym(name):
            self.acronyms.add(acronym_letters(name))
        self.long_names.append(name)
        self.initials |= initials(name)
        shorter = without_leading_acronym(name)
        if shorter is not None:
            self.short_keys.add(key_of(expansions.expand(raw_words(shorter))))
        for variant in dict.fromkeys((name, without_brackets(name))):
            if _bare_acronym(variant):
                continue
            tokens = expansions.expand(raw_words(variant))
            for form in (tokens, drop_prefix(tokens)):
                meaningful = tuple(content(form))
                if not meaningful:
                    continue
                self.keys.add(key_of(form))
                if meaningful not in self.word_sets:
                    self.word_sets.append(meaningful)

    def _add_place_keys(self, name: str, place: str, expansions: Expansions) -> None:
        """Keys of the name with its own place left out, filed under the place:
        "WM Housing First service" in West Midlands is "Housing First service" there."""
        place_words = content(expansions.expand(raw_words(place)))
        for variant in dict.fromkeys((name, without_brackets(name))):
            tokens = content(drop_prefix(expansions.expand(raw_words(variant))))
            rest = _without_run(tokens, place_words)
            if rest:
                self.place_keys.add((place, key_of(rest)))


def _bare_acronym(name: str) -> bool:
    """A name that is nothing but an acronym: "DWP", "NHS GM", not "MHCLG (DLUHC)"."""
    return looks_like_acronym(name) and not bracketed(name)


def _without_run(tokens: list[str], run: list[str]) -> list[str]:
    """``tokens`` without the first occurrence of the words ``run``, in order.

    Examples
    --------
    >>> _without_run(["probation", "service", "greater", "manchester"], ["greater", "manchester"])
    ['probation', 'service']
    """
    size = len(run)
    for start in range(len(tokens) - size + 1):
        if size and tokens[start : start + size] == run:
            return tokens[:start] + tokens[start + size :]
    return tokens


def profile_of(members: Iterable[Member], expansions: Expansions) -> Profile:
    """The profile of one stakeholder, or of several already matched."""
    profile = Profile()
    for member in members:
        profile.add(member, expansions)
    return profile


class WordWeights:
    """How much a word tells: its inverse document frequency over every name being merged.

    A word on many names ("council", "service") weighs little; a rare one ("Forest") a lot;
    a word seen nowhere else (a typo) weighs as much as the rarest.
    """

    def __init__(self, word_sets: Sequence[Iterable[str]]) -> None:
        counts: Counter[str] = Counter()
        for words in word_sets:
            counts.update(set(words))
        self._total = max(1, len(word_sets))
        self._weights = {w: math.log(1 + self._total / n) for w, n in counts.items()}
        self._rarest = math.log(1 + self._total)

    def __call__(self, word: str) -> float:
        return self._weights.get(word, self._rarest)
