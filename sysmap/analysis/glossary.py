"""The technical words the analysis uses, each explained in one plain line.

One glossary, as data, so the briefing, the HTML report and the app's tooltips say the same
thing. :func:`terms_in` finds which terms a text uses, so a briefing explains just those.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from types import MappingProxyType

GLOSSARY: Mapping[str, str] = MappingProxyType(
    {
        "E-I index": (
            "Ties going out of a group minus ties staying in, over all its ties: −1 means "
            "every tie stays inside (a silo), +1 every tie crosses (Krackhardt & Stern 1988)."
        ),
        "random mixing": (
            "What the figure would be if ties ignored groups altogether: the yardstick a "
            "group's real figure is compared with."
        ),
        "p": (
            "How often shuffling the group labels at random gives a result at least this "
            "extreme: below 0.05, chance is an unlikely explanation."
        ),
        "assortativity": (
            "How much stakeholders tie to their own group, from −1 (only to others) through "
            "0 (no preference) to +1 (only to their own) (Newman 2003)."
        ),
        "modularity": (
            "How much more the ties stay inside groups than random mixing would give: near 0 "
            "no more, above 0.3 clearly grouped (Newman 2010)."
        ),
        "NMI": (
            "Normalised mutual information: how closely the working clusters match the "
            "groups, from 0 (unrelated) to 1 (identical)."
        ),
        "ARI": (
            "Adjusted Rand index: agreement between the working clusters and the groups, "
            "0 for what chance gives, 1 for identical."
        ),
        "working cluster": (
            "A set of stakeholders more tied to each other than to the rest, found from the "
            "ties alone (the Louvain method, Blondel et al. 2008)."
        ),
        "betweenness": (
            "The share of shortest routes between other stakeholders that pass through this "
            "one (Freeman 1977): high means many connections depend on it."
        ),
        "constraint": (
            "How far a stakeholder's contacts already know each other, 0 to 1 (Burt 1992): "
            "low means it brokers between people who would not otherwise meet."
        ),
        "effective size": (
            "How many of a stakeholder's contacts bring something the others do not: its "
            "contacts minus how far they overlap (Burt 1992)."
        ),
        "configuration model": (
            "The yardstick for expected ties: how many two groups would share if every "
            "stakeholder kept its number of ties but chose partners at random."
        ),
        "expected": (
            "The number of ties two groups would share if ties were made at random, given "
            "how connected each side is (the configuration model)."
        ),
        "resource allocation": (
            "A score for an introduction: each shared contact adds 1 over its number of "
            "ties, so contacts who know few others count most (Zhou, Lü & Zhang 2009)."
        ),
        "Adamic–Adar": (
            "A score like resource allocation that counts shared contacts with few ties "
            "more, less steeply (Adamic & Adar 2003)."
        ),
        "single point of failure": (
            "A stakeholder whose departure would leave others with no route at all to the "
            "rest of the system (an articulation point)."
        ),
        "bridge": ("One relationship whose loss would split the map into two parts."),
        "weak tie": (
            "A relationship across groups whose two ends share no other contact: it carries "
            "news between groups (Granovetter 1973)."
        ),
        "weak": (
            "A relationship the map records as existing, but which the evidence says often "
            "fails; it counts half in the analysis."
        ),
        "missing": (
            "A relationship the map records as needed but absent: a documented gap, never "
            "counted as a tie."
        ),
        "tier": (
            "The level bodies work at: national, regional (region, combined authority, NHS "
            "area) or local (a council area)."
        ),
        "home": (
            "The place the map is about (its focus place, or where most stakeholders are): "
            "where the system works, so never called a silo."
        ),
        "two-mode map": (
            "A map whose ties only ever join two kinds (people and the events they attend): "
            "silo measures assume ties within a kind are possible."
        ),
    }
)
"""Each technical term with its one-line explanation."""

_PATTERNS = {
    term: re.compile(
        rf"(?<![\w-]){re.escape(term)}(?![\w-])", re.IGNORECASE if term.islower() else 0
    )
    for term in GLOSSARY
    if term != "p"
}
_P = re.compile(r"(?<!\w)p [=<] ")


def explain_term(term: str) -> str:
    """The one-line explanation of a term (empty when the glossary does not have it).

    Examples
    --------
    >>> explain_term("E-I index").startswith("Ties going out")
    True
    """
    return GLOSSARY.get(term, "")


def terms_in(texts: Iterable[str]) -> list[str]:
    """The glossary's terms these texts use, in the glossary's order.

    Examples
    --------
    >>> terms_in(["E-I −0.62; random mixing would give +0.35, p = 0.002"])
    ['E-I index', 'random mixing', 'p']
    """
    text = "\n".join(texts)
    found = []
    for term in GLOSSARY:
        if term == "p":
            hit = bool(_P.search(text))
        elif term == "E-I index":
            hit = "E-I" in text
        else:
            hit = bool(_PATTERNS[term].search(text))
        if hit:
            found.append(term)
    return found


def tooltip(text: str) -> str:
    """Plain-text explanations of the terms a piece of text uses, one per line."""
    return "\n".join(f"{term}: {GLOSSARY[term]}" for term in terms_in([text]))
