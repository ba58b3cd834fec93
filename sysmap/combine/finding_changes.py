"""Which findings appeared, went or changed between two analyses, whatever their wording.

A finding is known by its kind and by what it points at: the groups, suggested pairs,
stakeholders and relationships it highlights (stakeholders of the earlier map renamed to the
later map's ids). Findings of one kind are paired by how much of that they share (Jaccard
similarity, at least :data:`SAME_FINDING`), best first, so a finding that now covers nine
weak relationships instead of eight is the same finding, changed; one with nothing in common
with any earlier finding is new. Titles are only read to say what happened.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sysmap.analysis import Finding

SAME_FINDING = 0.5


def footprint(finding: Finding, rename: Mapping[str, str]) -> frozenset[tuple[str, ...]]:
    """What a finding points at, as comparable items.

    Examples
    --------
    >>> from sysmap.analysis import Highlight
    >>> f = Finding("low", "broker", "X is a broker", "", Highlight(nodes=("a",)))
    >>> sorted(footprint(f, {"a": "b"}))
    [('node', 'b')]
    """
    light = finding.highlight
    items: set[tuple[str, ...]] = {("group", g.attribute, g.value) for g in light.groups}
    for pair in light.suggested:
        a, b = sorted(rename.get(n, n) for n in pair)
        items.add(("pair", a, b))
    items |= {("node", rename.get(n, n)) for n in light.nodes}
    return frozenset(items)


def _similarity(a: frozenset[tuple[str, ...]], b: frozenset[tuple[str, ...]]) -> float:
    if not a and not b:
        return 1.0  # a finding about the whole map (mixing, communities)
    return len(a & b) / len(a | b)


def pair_findings(
    before: Sequence[Finding], after: Sequence[Finding], rename: Mapping[str, str]
) -> tuple[list[tuple[Finding, Finding]], list[Finding], list[Finding]]:
    """The findings paired across the analyses, those that went, and those that are new."""
    old = [(f, footprint(f, rename)) for f in before]
    new = [(f, footprint(f, {})) for f in after]
    candidates = sorted(
        (
            (-_similarity(a_print, b_print), i, j)
            for i, (a, a_print) in enumerate(old)
            for j, (b, b_print) in enumerate(new)
            if a.kind == b.kind
        ),
    )
    used_old: set[int] = set()
    used_new: set[int] = set()
    pairs: list[tuple[Finding, Finding]] = []
    for negative, i, j in candidates:
        if -negative < SAME_FINDING or i in used_old or j in used_new:
            continue
        used_old.add(i)
        used_new.add(j)
        pairs.append((old[i][0], new[j][0]))
    gone = [f for i, (f, _) in enumerate(old) if i not in used_old]
    fresh = [f for j, (f, _) in enumerate(new) if j not in used_new]
    return pairs, gone, fresh


def numbers_changed(a: Finding, b: Finding) -> bool:
    """Whether a paired finding's figures moved (rewording alone is no change)."""

    def plain(numbers: Mapping[str, Any]) -> dict[str, Any]:
        return {k: round(v, 2) if isinstance(v, float) else v for k, v in numbers.items()}

    return plain(a.numbers) != plain(b.numbers)
