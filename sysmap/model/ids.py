"""Readable, unique ids for stakeholders and relationships.

Cytoscape names each node by its GraphML id and people read ids in diffs, so ids are slugs of
the label (``"Probation Service – Greater Manchester"`` becomes
``"probation-service-greater-manchester"``), made unique with a numeric suffix.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Container

_NON_WORD = re.compile(r"[^\w]+", re.UNICODE)
MAX_SLUG_LENGTH = 48


def slugify(text: str, fallback: str = "stakeholder") -> str:
    """Turn a label into a short, readable id.

    Accents are dropped, letters of every script are kept, and runs of anything else become
    one hyphen. Long labels are cut at a word boundary.

    Parameters
    ----------
    text : str
        The label.
    fallback : str
        The slug used when the label has no letters or digits at all.

    Returns
    -------
    str

    Examples
    --------
    >>> slugify("HMP Forest Bank")
    'hmp-forest-bank'
    >>> slugify("Café & Co.")
    'cafe-co'
    >>> slugify("!!!")
    'stakeholder'
    """
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    slug = _NON_WORD.sub("-", stripped.lower()).replace("_", "-").strip("-")
    slug = re.sub(r"-{2,}", "-", slug)
    if len(slug) > MAX_SLUG_LENGTH:
        cut = slug[:MAX_SLUG_LENGTH]
        slug = cut.rsplit("-", 1)[0] if "-" in cut else cut
    return slug or fallback


def unique_id(base: str, taken: Container[str]) -> str:
    """Return ``base``, or ``base-2``, ``base-3``… whichever is not yet taken.

    Examples
    --------
    >>> unique_id("gmp", {"gmp", "gmp-2"})
    'gmp-3'
    """
    if base not in taken:
        return base
    n = 2
    while f"{base}-{n}" in taken:
        n += 1
    return f"{base}-{n}"


def relationship_id(source: str, relation: str | None, target: str, taken: Container[str]) -> str:
    """Return an unused, readable relationship id such as ``hmpps-funds-gmca``.

    Examples
    --------
    >>> relationship_id("hmpps", "funds", "gmca", {"hmpps-funds-gmca"})
    'hmpps-funds-gmca-2'
    >>> relationship_id("a", "works with\\n(locally)", "b", set())
    'a-works-with-locally-b'
    """
    # A relationship type may hold spaces or line breaks; an id (GraphML's NMTOKEN) cannot.
    kind = "-".join(re.findall(r"[\w.:-]+", relation or "")) or "link"
    return unique_id(f"{source}-{kind}-{target}", taken)
