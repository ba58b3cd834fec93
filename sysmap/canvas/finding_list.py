"""The findings a team sees: grouped into sections, without links they dismissed (no Qt).

The analysis ranks every finding; the Analysis panel and the HTML report show them under the
headings a policy lead thinks in — silos, gaps, suggested links, brokers, single points of
failure, the citizen's view — and leave out suggested links the team has dismissed for this
map or already recorded (as a proposed relationship, say). Dismissed links are kept in the
map's metadata under ``dismissed_links`` as JSON, so they travel with the file::

    [["probation-service-gm", "council-housing-options"], ...]
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sysmap.analysis import AnalysisResult, Finding
from sysmap.model.errors import ValidationError
from sysmap.model.system_map import SystemMap

DISMISSED_KEY = "dismissed_links"
"""The map metadata entry that lists dismissed suggested links."""

Pair = tuple[str, str]


@dataclass(frozen=True)
class Section:
    """A heading of the findings list and the kinds of finding under it."""

    key: str
    title: str
    kinds: tuple[str, ...]
    blurb: str


KEY_SECTION = Section(
    "key",
    "Key findings",
    (),
    "The findings to read first: documented gaps, then the gaps the guidance names, then "
    "single points of failure; none repeats another.",
)
SECTIONS: tuple[Section, ...] = (
    KEY_SECTION,
    Section(
        "silos",
        "Silos",
        ("silo", "silo_community", "mixing", "communities"),
        "Groups that keep their ties to themselves, against what random mixing would give.",
    ),
    Section(
        "gaps",
        "Gaps",
        ("separate_part", "known_gap", "group_gap", "broker_needed", "isolate"),
        "Groups that should work together but barely do, and parts of the map cut off.",
    ),
    Section(
        "links",
        "Suggested links",
        ("suggested_link",),
        "Introductions that would close a gap, each through a contact both sides share.",
    ),
    Section(
        "brokers",
        "Brokers",
        ("broker", "local_bridge"),
        "Stakeholders and ties that hold different groups together.",
    ),
    Section(
        "fragility",
        "Single points of failure",
        ("point_of_failure", "bridge", "weak_link"),
        "Stakeholders and relationships whose loss would cut people off.",
    ),
    Section(
        "citizen",
        "The citizen's view",
        ("citizen_unreachable", "citizen_single_route", "citizen_route"),
        "How many steps and boundaries stand between citizens and the services they need.",
    ),
    Section(
        "to_be",
        "What the proposals change",
        ("to_be",),
        "What the proposed relationships would change if they were made.",
    ),
)
"""Every section, in the order a briefing reads them."""

_SECTION_OF = {kind: section for section in SECTIONS for kind in section.kinds}


def section_of(kind: str) -> Section:
    """The section a kind of finding belongs to, when it is not a key finding (kinds added
    later go under Gaps).

    Examples
    --------
    >>> section_of("suggested_link").title
    'Suggested links'
    """
    return _SECTION_OF.get(kind, SECTIONS[2])


def pair_key(a: str, b: str) -> Pair:
    """The order-free key of a pair of stakeholders.

    Examples
    --------
    >>> pair_key("b", "a")
    ('a', 'b')
    """
    return (a, b) if a <= b else (b, a)


def suggested_pair(finding: Finding) -> Pair | None:
    """The two stakeholders a suggested-link finding would connect, or ``None``."""
    if finding.kind != "suggested_link" or not finding.highlight.suggested:
        return None
    source, target = finding.highlight.suggested[0]
    return (source, target)


# ---------------------------------------------------------------------- dismissed links
def dismissed_links(system_map: SystemMap) -> frozenset[Pair]:
    """The suggested links dismissed for this map (order-free pairs of stakeholder ids).

    A damaged entry counts as none dismissed, so a hand-edited file still opens.
    """
    try:
        return read_dismissed(system_map.metadata.get(DISMISSED_KEY))
    except ValidationError:
        return frozenset()


def read_dismissed(text: object) -> frozenset[Pair]:
    """Parse the ``dismissed_links`` metadata text.

    Raises
    ------
    ValidationError
        If the text is not a JSON list of pairs of stakeholder ids.

    Examples
    --------
    >>> sorted(read_dismissed('[["b", "a"]]'))
    [('a', 'b')]
    >>> read_dismissed(None)
    frozenset()
    """
    if text is None or (isinstance(text, str) and not text.strip()):
        return frozenset()
    try:
        data = json.loads(str(text))
    except json.JSONDecodeError as exc:
        raise ValidationError("The map's list of dismissed links is not valid JSON.") from exc
    if not isinstance(data, list) or not all(
        isinstance(p, list) and len(p) == 2 and all(isinstance(x, str) for x in p) for p in data
    ):
        raise ValidationError("The map's list of dismissed links must be a list of pairs of ids.")
    return frozenset(pair_key(a, b) for a, b in data)


def dismissed_text(pairs: Iterable[Pair]) -> str | None:
    """The metadata text for these dismissed pairs (``None`` when there are none).

    Examples
    --------
    >>> dismissed_text([("b", "a")])
    '[["a", "b"]]'
    >>> dismissed_text([]) is None
    True
    """
    keys = sorted({pair_key(a, b) for a, b in pairs})
    return json.dumps([list(k) for k in keys]) if keys else None


def recorded_pairs(system_map: SystemMap) -> frozenset[Pair]:
    """Pairs of stakeholders with any relationship recorded between them (any status)."""
    return frozenset(pair_key(str(u), str(v)) for u, v in system_map.all_ends().values())


# ---------------------------------------------------------------------- what to show
def visible_findings(
    result: AnalysisResult, system_map: SystemMap, every_suggestion: bool = False
) -> tuple[Finding, ...]:
    """The findings to show for a map: suggested links it dismissed or already records are
    left out (a suggestion accepted as a proposed relationship is done with). With
    ``every_suggestion``, every suggested link of the result is listed, not the best few."""
    from sysmap.analysis.findings import suggestion_finding

    hidden = dismissed_links(system_map) | recorded_pairs(system_map)
    findings = list(result.findings)
    if every_suggestion:
        listed = {suggested_pair(f) for f in findings}
        findings += [
            finding
            for position in range(len(result.missing_links))
            if suggested_pair(finding := suggestion_finding(result, position)) not in listed
        ]
    shown = []
    for finding in findings:
        pair = suggested_pair(finding)
        if pair is not None and pair_key(*pair) in hidden:
            continue
        shown.append(finding)
    return tuple(shown)


def by_section(findings: Sequence[Finding]) -> list[tuple[Section, list[Finding]]]:
    """Findings under their section headings, sections in briefing order, empty ones left out.

    The key findings come first under their own heading; the rest under their topic. Within
    a section the findings keep the analysis's ranking.
    """
    grouped: dict[str, list[Finding]] = {s.key: [] for s in SECTIONS}
    for finding in findings:
        key = KEY_SECTION.key if finding.key else section_of(finding.kind).key
        grouped[key].append(finding)
    return [(s, grouped[s.key]) for s in SECTIONS if grouped[s.key]]


def finding_key(finding: Finding) -> tuple[str, str]:
    """What identifies a finding from one run of the analysis to the next."""
    return (finding.kind, finding.title)


# ---------------------------------------------------------------------- numbers
NUMBER_NAMES: dict[str, str] = {
    "internal": "Ties inside",
    "external": "Ties outside",
    "ei_index": "E-I index",
    "expected_ei": "Random mixing would give",
    "p_value": "Permutation p",
    "assortativity": "Assortativity",
    "modularity": "Modularity",
    "observed": "Relationships",
    "expected": "Expected from how connected each side is (configuration model)",
    "stakeholders": "Stakeholders",
    "members": "Members",
    "share": "Share from one group",
    "nmi": "Agreement with the groups (NMI)",
    "ari": "Agreement beyond chance (ARI)",
    "agreement_across_seeds": "Same clusters across seeds",
    "resource_allocation": "Resource allocation score",
    "adamic_adar": "Adamic–Adar score",
    "common_neighbours": "Shared partners",
    "betweenness": "Betweenness",
    "constraint": "Constraint",
    "effective_size": "Effective size",
    "cut_off": "Stakeholders cut off",
    "routes": "Citizen routes over it",
    "weight": "What it cuts off (citizen 3, service 1, other ½)",
    "points": "Single points of failure",
    "citizens": "Citizens",
    "relationships": "Relationships",
    "documented": "With evidence",
    "carry_routes": "Carrying citizens' routes",
    "ties": "Ties",
    "span": "Steps round it if it went",
    "unreachable": "Services out of reach",
    "reachable": "Services in reach",
    "services": "Services",
    "steps": "Steps",
    "sector_crossings": "Sector boundaries crossed",
    "place_crossings": "Place boundaries crossed",
    "before": "As is",
    "after": "To be",
}
"""Readable names of the numbers findings quote."""

_SIGNED = frozenset({"ei_index", "expected_ei", "assortativity"})
_SHARES = frozenset({"share", "agreement_across_seeds"})


def number_text(name: str, value: object) -> str:
    """One number of a finding as a briefing prints it.

    Examples
    --------
    >>> number_text("ei_index", -0.714), number_text("p_value", 0.0004)
    ('−0.71', '< 0.001')
    >>> number_text("share", 0.85), number_text("observed", 3), number_text("after", None)
    ('85%', '3', '—')
    """
    from sysmap.analysis.wording import decimal, p_value, percent, signed

    if value is None:
        return "—"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, float):
        if name == "p_value":
            return p_value(value).removeprefix("p ").removeprefix("= ")
        if name in _SIGNED:
            return signed(value)
        if name in _SHARES:
            return percent(value)
        return decimal(value, 2 if abs(value) < 100 else 0)
    if isinstance(value, list | tuple):
        return f"{len(value):,}"
    return str(value)


def numbers_of(finding: Finding) -> list[tuple[str, str]]:
    """A finding's numbers as (readable name, text) rows, in the order the finding gives."""
    return [
        (NUMBER_NAMES.get(name, name.replace("_", " ").capitalize()), number_text(name, value))
        for name, value in finding.numbers.items()
    ]
