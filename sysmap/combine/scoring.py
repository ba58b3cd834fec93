"""How alike two stakeholders' names are, with a score and a reason a person can check.

The strongest evidence wins: the same readable id, the same name, the same name once
normalised, a short name, an acronym of the other's long name, and last how similar the
names are (:func:`word_similarity`, a weighted, typo-tolerant comparison of their words).
Agreement on sector, place and kind then raises the score a little and disagreement lowers
it, and the reason says so: "acronym of Department for Work & Pensions, same sector".

Word similarity is Jaro–Winkler (Winkler 1990), which forgives a slip in a short word better
than edit distances do, computed by rapidfuzz: chosen over difflib and jellyfish, and over
other metrics, by measurement (README, "Drawing a map together").
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from rapidfuzz.distance import JaroWinkler

from sysmap.combine.expansions import Expansions
from sysmap.combine.names import (
    acronym_letters,
    acronym_prefix_of,
    bracketed,
    content,
    initials,
    key_of,
    looks_like_acronym,
    raw_words,
)
from sysmap.combine.profiles import Member, Profile, WordWeights

Similarity = Callable[[str, str], float]
"""A string similarity from 0 (nothing alike) to 1 (identical)."""


def jaro_winkler(a: str, b: str) -> float:
    """Jaro–Winkler similarity, 0–1 (rapidfuzz).

    Examples
    --------
    >>> round(jaro_winkler("probation", "probaton"), 2), round(jaro_winkler("drug", "drus"), 2)
    (0.98, 0.88)
    """
    return float(JaroWinkler.normalized_similarity(a, b))


SAME_ID = 1.05
"""Above the same name: when names repeat (two 'Local employers'), the id tells them apart.
Scores rank above 1 where evidence adds up; they are shown capped at 1."""
SAME_NAME = 1.0
SAME_KEY = 0.98
SAME_BUT_PLACE = 0.95
SAME_BUT_PREFIX = 0.92
SHORT_NAME = 0.96
ACRONYM = 0.93
ACRONYM_DOUBTED = 0.70
ACRONYM_PART = 0.80
WORD_MATCH = 0.8
"""Two words this similar (and at least three letters long) count as the same word mistyped."""
ACRONYM_LETTERS_MOVED = 0.9
ACRONYM_MISTYPED = 0.8
"""An acronym one letter off another is only a hint: DfE and DfT are different departments."""
SECTOR_AGREES, SECTOR_DIFFERS = 0.03, -0.08
PLACE_AGREES, PLACE_DIFFERS = 0.01, -0.03
KIND_DIFFERS = -0.04


@dataclass(frozen=True)
class Scored:
    """A score and the reason for it. Scores rank candidates and may pass 1 when evidence adds
    up (same id, same sector and place); people are shown them capped at 1."""

    score: float
    reason: str


@dataclass(frozen=True)
class WordMatch:
    """How two word lists compare: the similarity, and whether each kept a word of its own."""

    similarity: float
    only_in_a: bool
    only_in_b: bool

    @property
    def contradicts(self) -> bool:
        """Each side has a word the other lacks (Inspectorate of *Prisons* / of *Probation*)."""
        return self.only_in_a and self.only_in_b


def match_words(
    a: Sequence[str], b: Sequence[str], weight: WordWeights, similar: Similarity
) -> WordMatch:
    """Weighted Dice similarity of two word lists, a mistyped word counting as the word.

    Each word of ``a`` is paired with the most similar unpaired word of ``b``; a pair counts
    with its similarity when that is at least :data:`WORD_MATCH` (exact for words under three
    letters), weighted by how rare the two words are (Cohen, Ravikumar & Fienberg 2003, "A
    comparison of string distance metrics for name-matching tasks": soft TF-IDF).
    """
    if not a or not b:
        return WordMatch(0.0, bool(a), bool(b))
    free = list(b)
    shared = 0.0
    alone = 0
    for word in a:
        best, best_at = 0.0, -1
        for at, other in enumerate(free):
            if word == other:
                best, best_at = 1.0, at
                break
            if min(len(word), len(other)) >= 3:
                value = similar(word, other)
                if value > best:
                    best, best_at = value, at
        if best_at >= 0 and best >= WORD_MATCH:
            shared += best * (weight(word) + weight(free[best_at])) / 2
            del free[best_at]
        else:
            alone += 1
    total = sum(weight(w) for w in a) + sum(weight(w) for w in b)
    return WordMatch(2 * shared / total if total else 0.0, alone > 0, bool(free))


class Scorer:
    """Scores a stakeholder against a stakeholder or group, with the reason."""

    def __init__(
        self,
        weight: WordWeights,
        similar: Similarity = jaro_winkler,
        ambiguous: set[str] | None = None,
    ) -> None:
        self.weight = weight
        self.similar = similar
        self.ambiguous = ambiguous or set()

    def score(self, member: Member, mine: Profile, theirs: Profile) -> Scored:
        """How likely ``member`` (profile ``mine``) is the stakeholder(s) of ``theirs``."""
        base, reason = self._names(member, mine, theirs)
        if base <= 0:
            return Scored(0.0, "")
        bonus, evidence = _evidence(member, theirs)
        return Scored(round(max(0.0, base + bonus), 3), reason + evidence)

    def _names(self, member: Member, mine: Profile, theirs: Profile) -> tuple[float, str]:
        shared = self._ambiguous_label(member, theirs)
        if shared:  # "MC" and "MC": which of the stakeholders it stands for, each table knew
            return (
                ACRONYM_DOUBTED,
                f"same short name, but {shared} stands for more than one stakeholder",
            )
        if member.id in theirs.ids:
            return SAME_ID, "same id"
        if mine.labels & theirs.labels:
            return SAME_NAME, "same name"
        if mine.keys & theirs.keys:
            return SAME_KEY, "same name after normalising"
        if mine.place_keys & theirs.place_keys:
            return SAME_BUT_PLACE, "same name apart from the place"
        if mine.short_keys & theirs.keys or mine.keys & theirs.short_keys:
            return SAME_BUT_PREFIX, "same name apart from a leading acronym"
        acronym = self._acronym(mine, theirs)
        if acronym is not None and acronym[0] >= ACRONYM:
            return acronym
        best = self._similarity(mine, theirs)
        found = (best, f"{round(best * 100)} % similar") if best > 0 else (0.0, "")
        letters = self._acronym_similarity(mine, theirs)
        if letters > found[0]:
            found = (letters, "an acronym spelt differently")
        # A doubted acronym is only a hint: it never hides names that are alike on their own.
        return acronym if acronym is not None and acronym[0] > found[0] else found

    def _ambiguous_label(self, member: Member, theirs: Profile) -> str:
        """The acronym, if ``member`` is called by one that stands for more than one
        stakeholder here and the other side is called by it too."""
        if not looks_like_acronym(member.label) or bracketed(member.label):
            return ""
        letters = acronym_letters(member.label)
        return letters.upper() if letters in self.ambiguous and letters in theirs.acronyms else ""

    def _similarity(self, mine: Profile, theirs: Profile) -> float:
        """The best similarity between a full name of each side."""
        return max((m.similarity for m in self._word_matches(mine, theirs)), default=0.0)

    def _word_matches(self, mine: Profile, theirs: Profile) -> list[WordMatch]:
        return [
            match_words(a, b, self.weight, self.similar)
            for a in mine.word_sets
            for b in theirs.word_sets
        ]

    def _acronym_similarity(self, mine: Profile, theirs: Profile) -> float:
        """Two acronyms with the same letters moved (MCHLG, MHCLG), or one letter off."""
        best = 0.0
        for a in mine.acronyms:
            for b in theirs.acronyms:
                if len(a) >= 4 and sorted(a) == sorted(b):
                    best = max(best, ACRONYM_LETTERS_MOVED)
                elif min(len(a), len(b)) >= 3 and self.similar(a, b) >= WORD_MATCH:
                    best = max(best, ACRONYM_MISTYPED)
        return best

    def _acronym(self, mine: Profile, theirs: Profile) -> tuple[float, str] | None:
        """An acronym of one side spelling the initials of a long name of the other.

        HMIP is HM Inspectorate of Probation to some and of Prisons to others. The acronym is
        only a hint when the two sides also have full names that differ, or when it spells
        the initials of two stakeholders of one map (both are in the system, so which?).
        """
        found = _acronym_match(mine, theirs)
        if found is None:
            return None
        score, reason, letters = found
        if score < ACRONYM:
            return score, reason
        if letters & self.ambiguous:
            shown = sorted(letters & self.ambiguous)[0].upper()
            return ACRONYM_DOUBTED, f"{reason}, but {shown} stands for more than one stakeholder"
        matches = self._word_matches(mine, theirs)
        if matches and all(m.contradicts for m in matches):
            return ACRONYM_DOUBTED, reason + ", but the full names differ"
        return score, reason


def ambiguous_initials(
    members: Iterable[Member],
    weight: WordWeights,
    similar: Similarity = jaro_winkler,
    expansions: Expansions | None = None,
) -> set[str]:
    """Initials that two different stakeholders spell: HMIP is both HM Inspectorate of
    Prisons and of Probation, MC both Middlesbrough Council and College.

    Two names are different stakeholders when each has a word the other lacks; a name and
    its misspelling are not ("Middesbrough Council").

    Examples
    --------
    >>> people = [Member(0, "c", "Middlesbrough Council"), Member(1, "k", "Middlesbrough College")]
    >>> "mc" in ambiguous_initials(people, WordWeights([]))
    True
    """
    spelt: dict[str, dict[str, tuple[str, ...]]] = {}
    for member in members:
        if looks_like_acronym(member.label):
            continue
        written = raw_words(member.label)
        plain = expansions.expand(written) if expansions else [w.plain for w in written]
        words = tuple(content(plain))
        for letters in initials(member.label):
            spelt.setdefault(letters, {})[key_of(words)] = words
    ambiguous: set[str] = set()
    for letters, names in spelt.items():
        distinct = list(names.values())
        if any(
            match_words(a, b, weight, similar).contradicts
            for i, a in enumerate(distinct)
            for b in distinct[i + 1 :]
        ):
            ambiguous.add(letters)
    return ambiguous


def _acronym_match(mine: Profile, theirs: Profile) -> tuple[float, str, set[str]] | None:
    """The acronym evidence between two profiles: score, reason and the letters involved."""
    shared = mine.acronyms & theirs.acronyms
    if shared:
        return SHORT_NAME, "same short name", shared
    for acronyms, other in ((mine.acronyms, theirs), (theirs.acronyms, mine)):
        if not acronyms & other.initials:
            continue
        for long in other.long_names:
            hit = acronyms & initials(long)
            if hit:
                return ACRONYM, f"acronym of {long}", hit
    for short_names, long_names in (
        (mine.names, theirs.long_names),
        (theirs.names, mine.long_names),
    ):
        for short in short_names:
            for long in long_names:
                if acronym_prefix_of(short, long):
                    return ACRONYM_PART, f"{short} may stand for {long}", set()
    return None


def _evidence(member: Member, theirs: Profile) -> tuple[float, str]:
    """Sector, place and kind agreement: a small bonus or penalty, and the words for it."""
    bonus = 0.0
    agree: list[str] = []
    differ: list[str] = []
    for value, seen, good, bad, noun in (
        (member.sector, theirs.sectors, SECTOR_AGREES, SECTOR_DIFFERS, "sector"),
        (member.place, theirs.places, PLACE_AGREES, PLACE_DIFFERS, "place"),
        (member.kind, theirs.kinds, 0.0, KIND_DIFFERS, "kind"),
    ):
        if not value or not seen:
            continue
        if value in seen:
            bonus += good
            if good:
                agree.append(noun)
        else:
            bonus += bad
            differ.append(noun)
    words = ""
    if agree:
        words += ", same " + " and ".join(agree)
    if differ:
        words += "; " + " and ".join(differ) + (" differ" if len(differ) > 1 else " differs")
    return bonus, words
