"""Plain-English wording for findings: numbers rounded sensibly, names listed naturally.

British English throughout. Signed values use a true minus sign (−0.62), as printed reports do.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence

MINUS = "\u2212"


def signed(value: float, digits: int = 2) -> str:
    """A value with its sign: ``+0.35``, ``−0.62``, ``0.00``.

    Examples
    --------
    >>> signed(-0.6153), signed(0.35), signed(0.0)
    ('−0.62', '+0.35', '0.00')
    """
    if math.isnan(value):
        return "n/a"
    text = f"{abs(value):.{digits}f}"
    if float(text) == 0:
        return text
    return (MINUS if value < 0 else "+") + text


def decimal(value: float, digits: int = 2) -> str:
    """A value to ``digits`` places, with a true minus sign.

    Examples
    --------
    >>> decimal(-0.123), decimal(3.14159, 1)
    ('−0.12', '3.1')
    """
    if math.isnan(value):
        return "n/a"
    text = f"{value:.{digits}f}"
    return text.replace("-", MINUS)


def p_value(p: float) -> str:
    """A p-value as a report prints it: ``p = 0.03``, ``p = 0.002``, ``p < 0.001``.

    Examples
    --------
    >>> p_value(0.0312), p_value(0.0021), p_value(0.000999)
    ('p = 0.03', 'p = 0.002', 'p < 0.001')
    """
    if math.isnan(p):
        return "p not available"
    if p < 0.001:
        return "p < 0.001"
    if p < 0.01:
        return f"p = {p:.3f}"
    return f"p = {p:.2f}"


def about(value: float) -> str:
    """An expected count in words: ``about 6``, ``about 1.4``, ``under 1``.

    Examples
    --------
    >>> about(5.7), about(1.36), about(0.4), about(1234.4)
    ('about 6', 'about 1.4', 'under 1', 'about 1,234')
    """
    if value < 1:
        return "under 1"
    if value < 2:
        return f"about {value:.1f}"
    return f"about {round(value):,}"


def count(n: int, singular: str, plural: str | None = None) -> str:
    """``1 tie``, ``17 ties``, ``1,204 stakeholders``.

    Examples
    --------
    >>> count(1, "tie"), count(17, "tie"), count(2, "body", "bodies")
    ('1 tie', '17 ties', '2 bodies')
    """
    word = singular if n == 1 else (plural or singular + "s")
    return f"{n:,} {word}"


def verb(n: int, singular: str, plural: str) -> str:
    """The verb agreeing with ``n`` things: ``1 stakeholder loses``, ``2 stakeholders lose``.

    Examples
    --------
    >>> verb(1, "loses", "lose"), verb(3, "loses", "lose")
    ('loses', 'lose')
    """
    return singular if n == 1 else plural


def percent(share: float) -> str:
    """A share as a whole percentage (``0.337`` → ``34%``), ``under 1%`` when tiny.

    Examples
    --------
    >>> percent(0.337), percent(0.004), percent(0.0)
    ('34%', 'under 1%', '0%')
    """
    if share <= 0:
        return "0%"
    if share < 0.01:
        return "under 1%"
    return f"{round(share * 100)}%"


def listing(names: Sequence[str], limit: int = 4) -> str:
    """Names joined as prose: ``A``, ``A and B``, ``A, B and C``, ``A, B, C and 4 others``.

    Examples
    --------
    >>> listing(["A", "B", "C"]), listing(["A", "B", "C", "D", "E", "F"], limit=3)
    ('A, B and C', 'A, B, C and 3 others')
    """
    names = list(names)
    if not names:
        return ""
    if len(names) > limit:
        rest = len(names) - limit
        shown = names[:limit]
        return ", ".join(shown) + f" and {rest} {'other' if rest == 1 else 'others'}"
    if len(names) == 1:
        return names[0]
    return ", ".join(names[:-1]) + " and " + names[-1]


def capitalise(text: str) -> str:
    """Upper-case the first letter only (``citizens & communities`` stays readable).

    Examples
    --------
    >>> capitalise("third sector and x")
    'Third sector and x'
    """
    return text[:1].upper() + text[1:]


_PLURAL_WORDS = frozenset({"people", "children", "police", "staff", "men", "women"})
_CUT = re.compile(
    r"\s(?:with|on|at|in|of|to|for|from|who|whose|leaving|after|under|dependent)\s", re.I
)


def is_plural(name: str, kind: str | None = None) -> bool:
    """Whether a stakeholder's name reads as plural, so its verbs take the plural form.

    The head of the name decides (the words before "with", "on", "of"…, brackets left out):
    "Residents" and "Families & carers" are plural, "Person with no recourse to public funds"
    is not. An individual is one person and an organisation one body, whatever its name
    (Clinks, Council housing options); a group reads as its name does.

    Examples
    --------
    >>> [is_plural(n) for n in ("Residents", "Families & carers", "Young people")]
    [True, True, True]
    >>> [is_plural(n) for n in ("Person with no recourse to public funds", "Woman on probation")]
    [False, False]
    >>> is_plural("Clinks", "organisation"), is_plural("Local employers", "group")
    (False, True)
    """
    if kind == "individual":
        return False
    head = _CUT.split(re.sub(r"\([^)]*\)", " ", name), maxsplit=1)[0]
    words = re.findall(r"[A-Za-z][A-Za-z'’-]*", head)
    if not words:
        return False
    last = words[-1]
    lower = last.casefold()
    if lower in _PLURAL_WORDS:
        return True
    if kind == "organisation":
        return False
    return lower.endswith("s") and not lower.endswith(("ss", "us", "is", "'s", "’s"))


def agree(name: str, kind: str | None, singular: str, plural: str) -> str:
    """The verb form that agrees with a stakeholder's name.

    Examples
    --------
    >>> agree("Residents", "group", "reaches", "reach"), agree("DWP", None, "joins", "join")
    ('reach', 'joins')
    """
    return plural if is_plural(name, kind) else singular


def possessive(name: str) -> str:
    """A group's or stakeholder's name with its possessive: an apostrophe alone after a plural
    ending in s ("Local public services' E-I index"), ``'s`` otherwise.

    Examples
    --------
    >>> possessive("Local public services"), possessive("Third sector"), possessive("Salford")
    ("Local public services'", "Third sector's", "Salford's")
    """
    return f"{name}'" if is_plural(name) and name.endswith("s") else f"{name}'s"


def one_line(text: str) -> str:
    """Text on one line: line breaks and other control characters become single spaces, so a
    name typed over two lines cannot break a sentence, a list or a table.

    Examples
    --------
    >>> one_line("Leeds\\nCity  Council\\t")
    'Leeds City Council'
    """
    return " ".join("".join(ch if ch.isprintable() else " " for ch in text).split())
