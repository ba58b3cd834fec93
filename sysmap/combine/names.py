"""How people write the same organisation's name: normalising, acronyms and abbreviations.

Partial maps drawn by different tables name one organisation in different ways: "DWP",
"Department for Work and Pensions", "Dept. for Work & Pensions"; "HMPPS" and "HM Prison &
Probation Service"; "Probation Service – Greater Manchester" and "GM Probation". The
functions here turn a name into the forms those variants share:

- :func:`words`: the name's words, lower case, accents and punctuation gone, "&" read as
  "and", common abbreviations written out ("Dept." → department) and plurals made singular;
- :func:`name_keys`: the words that carry meaning, sorted, with and without the parts people
  drop (a prefix such as HM or NHS, a bracketed note);
- :func:`acronym_of` / :func:`initials`: whether a short name spells a long one's initials.

Nothing here knows about maps; :mod:`sysmap.combine.matching` uses these to propose matches.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

ABBREVIATIONS: dict[str, str] = {
    "dept": "department",
    "depts": "departments",
    "govt": "government",
    "gov": "government",
    "natl": "national",
    "nat'l": "national",
    "assoc": "association",
    "assn": "association",
    "svc": "service",
    "svcs": "services",
    "serv": "service",
    "servs": "services",
    "cttee": "committee",
    "ctte": "committee",
    "cttees": "committees",
    "ltd": "limited",
    "univ": "university",
    "uni": "university",
    "intl": "international",
    "mgmt": "management",
    "devt": "development",
    "dev": "development",
    "corp": "corporation",
    "auth": "authority",
    "cllr": "councillor",
    "hosp": "hospital",
    "org": "organisation",
    "orgs": "organisations",
    "organization": "organisation",
    "organizations": "organisations",
    "educ": "education",
    "infra": "infrastructure",
    "mgr": "manager",
    "hmp": "prison",
    "hmyoi": "young offender institution",
    "hmi": "inspectorate",
}
"""Abbreviations people write in names, and what they stand for (lower case, no dots)."""

STOP_WORDS = frozenset({"the", "of", "for", "and", "in", "on", "at", "to", "a", "an", "with"})
"""Words that carry no meaning in a name: "Department for Work and Pensions" keys on the rest."""

PREFIXES = frozenset({"hm", "his", "her", "majesty", "majestys", "nhs", "the"})
"""Leading words people drop: "HM Inspectorate of Prisons" is often just "Inspectorate of
Prisons", "NHS England" just "England Health & Justice"."""

_BRACKETS = re.compile(r"\s*[(\[][^)\]]*[)\]]\s*")
_SPLIT = re.compile(r"[^\w']+", re.UNICODE)
_CAPS = re.compile(r"^[A-Z][A-Za-z0-9]*[A-Z][A-Za-z0-9]*$")
_VOWELS = frozenset("aeiouy")


@lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """Drop accents and fold case.

    Examples
    --------
    >>> fold("Café Élan")
    'cafe elan'
    """
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


def _singular(word: str) -> str:
    if len(word) > 3 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


@dataclass(frozen=True)
class Word:
    """One word of a name: as written, and as compared."""

    written: str
    plain: str

    @property
    def is_caps(self) -> bool:
        """Written as an abbreviation: in capitals (HM, GM, NHS, MoJ, CAS3), or in a name typed
        in lower case, a short word without vowels (hm, gm, bcc)."""
        text = self.written
        if len(text) > 8:
            return False
        return bool(_CAPS.match(text)) or (
            text.islower() and 2 <= len(text) <= 4 and not _VOWELS & set(text)
        )


@lru_cache(maxsize=1 << 15)
def raw_words(name: str) -> tuple[Word, ...]:
    """The words of a name, each as written and in its compared form.

    "&" and "+" read as "and"; abbreviations are written out; plurals become singular.

    Examples
    --------
    >>> [w.plain for w in raw_words("Dept. for Work & Pensions")]
    ['department', 'for', 'work', 'and', 'pension']
    >>> [w.plain for w in raw_words("Magistrates' & Crown Courts")]
    ['magistrate', 'and', 'crown', 'court']
    """
    text = name.replace("&", " and ").replace("+", " and ")
    result: list[Word] = []
    for token in _SPLIT.split(text):
        token = token.strip("'’_")
        if not token:
            continue
        plain = fold(token).replace("'", "").replace("’", "")
        if plain.endswith("s") and token.endswith(("'s", "’s")):
            plain = plain[:-1]
        expansion = ABBREVIATIONS.get(fold(token)) or ABBREVIATIONS.get(plain)
        if expansion is not None:
            for part in expansion.split():
                result.append(Word(token, part))
            continue
        result.append(Word(token, _singular(plain)))
    return tuple(result)


def words(name: str) -> list[str]:
    """The compared form of each word of ``name``.

    Examples
    --------
    >>> words("HMP Forest Bank")
    ['prison', 'forest', 'bank']
    """
    return [w.plain for w in raw_words(name)]


def without_brackets(name: str) -> str:
    """The name without bracketed notes ("NHS Greater Manchester (ICB)" → "NHS Greater
    Manchester").

    Examples
    --------
    >>> without_brackets("Big Life Group (GMIRS wellbeing)")
    'Big Life Group'
    """
    return _BRACKETS.sub(" ", name).strip() or name.strip()


def bracketed(name: str) -> list[str]:
    """The bracketed notes of a name.

    Examples
    --------
    >>> bracketed("NHS Greater Manchester (ICB)")
    ['ICB']
    """
    return [m.strip(" ()[]") for m in _BRACKETS.findall(name) if m.strip(" ()[]")]


def content(tokens: Iterable[str]) -> list[str]:
    """The words that carry meaning (stop words removed)."""
    return [t for t in tokens if t not in STOP_WORDS]


def without_leading_acronym(name: str) -> str | None:
    """The name without a leading organisation's acronym ("BCC housing options" → "housing
    options"), when two or more words remain; else None.

    Examples
    --------
    >>> without_leading_acronym("WM Housing First service")
    'Housing First service'
    >>> without_leading_acronym("GM Probation") is None
    True
    """
    written = name.split()
    if len(written) >= 3 and Word(written[0], "").is_caps and fold(written[0]) not in PREFIXES:
        return " ".join(written[1:])
    return None


def drop_prefix(tokens: list[str]) -> list[str]:
    """The words without the leading ones people often leave out (HM, NHS, The).

    Examples
    --------
    >>> drop_prefix(["hm", "inspectorate", "of", "prison"])
    ['inspectorate', 'of', 'prison']
    >>> drop_prefix(["nhs"])
    ['nhs']
    """
    start = 0
    while start < len(tokens) - 1 and tokens[start] in PREFIXES:
        start += 1
    return tokens[start:]


def key_of(tokens: Iterable[str]) -> str:
    """The sorted meaningful words, joined: names that differ only in order share it."""
    return " ".join(sorted(content(tokens)))


def name_keys(name: str) -> set[str]:
    """Every key ``name`` may be known by: whole, without brackets, without a prefix.

    Examples
    --------
    >>> sorted(name_keys("HM Inspectorate of Prisons"))
    ['hm inspectorate prison', 'inspectorate prison']
    >>> "department pension work" in name_keys("Dept for Work & Pensions")
    True
    """
    keys: set[str] = set()
    for variant in {name, without_brackets(name)}:
        tokens = words(variant)
        if not tokens:
            continue
        keys.add(key_of(tokens))
        keys.add(key_of(drop_prefix(tokens)))
    keys.discard("")
    return keys


def initials(name: str) -> set[str]:
    return set(_initials(name))


@lru_cache(maxsize=1 << 15)
def _initials(name: str) -> frozenset[str]:
    """The acronyms a name could be shortened to.

    A word written in capitals (HM, GM, NHS) gives all its letters; other words give their
    first. Acronyms are made with and without the small words (DWP; MoJ, DfE), with and
    without a bracketed note and a leading HM or NHS, and with a long word in capitals
    giving only its first letter (PAB for Project ADDER Blackpool).

    Examples
    --------
    >>> sorted(initials("Department for Work & Pensions"))
    ['dfwap', 'dwp']
    >>> "hmpps" in initials("HM Prison & Probation Service")
    True
    >>> "moj" in initials("Ministry of Justice")
    True
    """
    found: set[str] = set()
    for variant in {name, without_brackets(name)}:
        written = raw_words(variant)
        if len(written) < 2:
            continue
        for skip_small, spell_caps in ((True, True), (False, True), (True, False)):
            letters = []
            last = None
            for word in written:
                if word.written == last:
                    continue  # one written word expanded to several (HMP → prison)
                last = word.written
                if skip_small and word.plain in STOP_WORDS:
                    continue
                spelt = word.is_caps and (spell_caps or len(word.written) <= 3)
                letters.append(fold(word.written) if spelt else fold(word.written)[:1])
            acronym = "".join(letters)
            if len(acronym) >= 2:
                found.add(acronym)
                first = written[0]
                if first.is_caps and fold(first.written) in PREFIXES:
                    found.add(acronym[len(first.written) :])
    return frozenset(a for a in found if len(a) >= 2)


def looks_like_acronym(name: str) -> bool:
    """Whether a name is written as an acronym (DWP, HMPPS, MoJ, DfE, NHS GM, CAS3).

    Examples
    --------
    >>> [looks_like_acronym(n) for n in ("DWP", "MoJ", "Home Office", "Clinks", "NHS GM")]
    [True, True, False, False, True]
    """
    tokens = without_brackets(name).replace(".", "").split()
    return 0 < len(tokens) <= 2 and all(_CAPS.match(t) and len(t) <= 8 for t in tokens)


def acronym_of(short: str, long: str) -> bool:
    """Whether ``short`` is an acronym of ``long``.

    Examples
    --------
    >>> acronym_of("DWP", "Department for Work and Pensions")
    True
    >>> acronym_of("HMPPS", "HM Prison & Probation Service")
    True
    >>> acronym_of("GMP", "Greater Manchester Probation")
    True
    >>> acronym_of("DWP", "Home Office")
    False
    """
    letters = _letters_against(short, long)
    return letters is not None and letters in initials(long)


def acronym_prefix_of(short: str, long: str) -> bool:
    """Whether ``short`` spells the start of ``long``'s initials, all but their last letter
    ("GMCA" for "GM Combined Authority & Mayor"): likely, but worth a look.

    Examples
    --------
    >>> acronym_prefix_of("GMCA", "GM Combined Authority & Mayor")
    True
    >>> acronym_prefix_of("DWP", "Department for Work and Pensions")
    False
    """
    letters = _letters_against(short, long)
    return (
        letters is not None
        and len(letters) >= 3
        and any(len(a) == len(letters) + 1 and a.startswith(letters) for a in initials(long))
    )


def _letters_against(short: str, long: str) -> str | None:
    """The letters of ``short`` if it is an acronym and ``long`` is not, else None."""
    if not looks_like_acronym(short) or looks_like_acronym(long):
        return None
    return acronym_letters(short)


def acronym_letters(acronym: str) -> str:
    """The letters an acronym is compared by ("D.W.P." and "NHS GM" → "dwp", "nhsgm").

    Examples
    --------
    >>> acronym_letters("NHS GM (ICB)")
    'nhsgm'
    """
    return fold(without_brackets(acronym)).replace(" ", "").replace(".", "")
