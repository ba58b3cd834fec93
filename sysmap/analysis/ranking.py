"""One ranking, explained: which findings a policy lead reads first, and why.

Findings come in four classes, read in this order:

1. **Documented gaps**: relationships the map records as missing, and relationships it
   records as weak with evidence (they exist, but the evidence says they often fail). A
   user curated these; they are the system's known failures.
2. **Gaps the guidance names**: parts of the system cut off, citizens cut off from a
   service, citizens and the sectors that serve them not meeting, a tier of government that
   barely meets the tier above, sectors in one place that do not talk, silos.
3. **Fragility**: single points of failure, ranked by what they cut off (a citizen counts
   3, a service 1, an inspector, auditor or court ½), the small ones folded into one finding.
4. **Context**: introductions to make, how mixed the map is, working clusters, brokers.

Within a class, findings are ordered by their own score (how much is cut off, how many
ties are missing); a kind lists at most its best eight (documented gaps excepted). The
**key findings** are the first :data:`KEY_FINDINGS` in that order, with no two highlighting
the same stakeholders and relationships and at most a few of one kind, so one sort of
problem cannot crowd out the rest. Every finding says in ``rank_reason`` why it ranks where
it does.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, replace

from sysmap.analysis.results import Finding

KEY_FINDINGS = 12
CLASSES: dict[str, str] = {
    "documented": "Documented gap",
    "guidance": "A gap the guidance names",
    "fragility": "Fragility",
    "context": "Context",
}
"""The classes of finding, in reading order, with the words that open each rank reason."""
CLASS_HEADINGS: dict[str, str] = {
    "documented": "Documented gaps",
    "guidance": "Gaps the guidance names",
    "fragility": "Single points of failure and routes through one organisation",
    "context": "Context: introductions, mixing, clusters and brokers",
}
"""Headings for each class where findings are listed under them."""
KEY_CAPS: dict[str, int] = {
    "known_gap": KEY_FINDINGS,
    "weak_link": 2,
    "group_gap": 3,
    "point_of_failure": 4,
    "suggested_link": 1,
    "citizen_single_route": 1,
}
"""How many key findings one kind may take (others: :data:`KEY_CAP`)."""
KEY_CAP = 2
MAX_PER_KIND = 8
"""Findings listed per kind (documented gaps excepted); the rest are in the result's sections."""


@dataclass(frozen=True)
class Candidate:
    """A finding before ranking: its class, its score within the class, why it ranks there."""

    kind_class: str
    score: float
    finding: Finding
    reason: str


def rank(candidates: Iterable[Candidate]) -> tuple[Finding, ...]:
    """Order findings class by class, best score first; mark the key ones and say why.

    Examples
    --------
    >>> a = Candidate("context", 1.0, Finding("info", "broker", "B", "b"), "a broker")
    >>> b = Candidate("documented", 0.0, Finding("high", "known_gap", "K", "k"), "recorded")
    >>> [(f.rank, f.title, f.key, f.rank_reason) for f in rank([a, b])]
    [(1, 'K', True, 'Documented gap: recorded.'), (2, 'B', True, 'Context: a broker.')]
    """
    order = list(CLASSES)
    ranked = _capped(
        sorted(
            candidates,
            key=lambda c: (order.index(c.kind_class), -c.score, c.finding.kind, c.finding.title),
        )
    )
    keys = _key_positions([c.finding for c in ranked])
    findings = []
    for position, candidate in enumerate(ranked):
        reason = f"{CLASSES[candidate.kind_class]}: {candidate.reason.rstrip('.')}."
        findings.append(
            replace(
                candidate.finding,
                rank=position + 1,
                key=position in keys,
                rank_reason=reason,
                rank_class=candidate.kind_class,
            )
        )
    return tuple(findings)


def _capped(ranked: list[Candidate]) -> list[Candidate]:
    """At most :data:`MAX_PER_KIND` findings of a kind (the best), so a large map's list stays
    readable; documented gaps are never cut, and the result's sections hold everything."""
    seen: Counter[str] = Counter()
    kept = []
    for candidate in ranked:
        kind = candidate.finding.kind
        seen[kind] += 1
        if kind == "known_gap" or seen[kind] <= MAX_PER_KIND:
            kept.append(candidate)
    return kept


def _key_positions(findings: list[Finding]) -> set[int]:
    """The key findings: the first twelve that neither repeat another nor overcrowd a kind."""
    chosen: set[int] = set()
    seen: set[tuple[frozenset[str], frozenset[str]]] = set()
    per_kind: Counter[str] = Counter()
    for position, finding in enumerate(findings):
        if len(chosen) == KEY_FINDINGS:
            break
        shown = (frozenset(finding.highlight.nodes), frozenset(finding.highlight.edges))
        if shown in seen and shown != (frozenset(), frozenset()):
            continue
        if per_kind[finding.kind] >= KEY_CAPS.get(finding.kind, KEY_CAP):
            continue
        chosen.add(position)
        seen.add(shown)
        per_kind[finding.kind] += 1
    return chosen
