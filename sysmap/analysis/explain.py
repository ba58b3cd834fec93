"""One-sentence explanations a policy lead can repeat in a meeting.

Each function takes names and numbers and returns plain British English. Stakeholders and
groups are named by label; numbers are rounded as :mod:`.wording` does.
"""

from __future__ import annotations

from collections.abc import Sequence

from sysmap.analysis.wording import (
    about,
    agree,
    capitalise,
    count,
    decimal,
    is_plural,
    listing,
    p_value,
    percent,
    signed,
    verb,
)


def silo(group: str, internal: int, external: int, ei: float, expected: float, p: float) -> str:
    """Why a group is a silo.

    Examples
    --------
    >>> print(silo("Third sector", 17, 4, -0.619, 0.35, 0.002))  # doctest: +NORMALIZE_WHITESPACE
    Third sector is inward-looking: 17 of its 21 ties stay inside it
    (E-I −0.62; random mixing would give +0.35, p = 0.002).
    """
    total = internal + external
    return (
        f"{group} is inward-looking: {internal} of its {count(total, 'tie')} stay inside it "
        f"(E-I {signed(ei)}; random mixing would give {signed(expected)}, {p_value(p)})."
    )


def mixing(
    attribute: str, internal: int, external: int, ei: float, expected: float, p: float
) -> str:
    """How far the whole map's ties stay inside the groups of one attribute."""
    total = internal + external
    share = internal / total if total else 0.0
    return (
        f"{internal} of the map's {count(total, 'tie')} ({percent(share)}) join stakeholders in "
        f"the same {attribute} (E-I {signed(ei)}; random mixing would give {signed(expected)}, "
        f"{p_value(p)})."
    )


def gap(a: str, b: str, observed: int, expected: float, place: str | None = None) -> str:
    """Why two groups that should talk are a gap.

    Examples
    --------
    >>> print(gap("Central government", "Citizens & communities", 0, 6.2))
    ... # doctest: +NORMALIZE_WHITESPACE
    Central government and Citizens & communities share no working relationship;
    about 6 would be expected from how connected each side is.
    """
    where = f"In {place}, " if place else ""
    pair = f"{a} and {b}"
    if observed == 0:
        shared = "share no working relationship"
    else:
        shared = f"share only {count(observed, 'working relationship')}"
    return capitalise(
        f"{where}{pair} {shared}; {about(expected)} would be expected from how connected "
        "each side is."
    )


def introduction(
    source: str,
    target: str,
    introducer: str,
    introducer_ties: int,
    a: str,
    b: str,
    shared: int,
    citizen: bool = False,
) -> str:
    """Why two stakeholders should be introduced, and by whom.

    Examples
    --------
    >>> print(introduction("Probation", "Food bank", "On the Out CIC", 2,
    ...                    "Local public services", "Third sector", 1))
    ... # doctest: +NORMALIZE_WHITESPACE
    Probation and Food bank both work with On the Out CIC, who knows few others — ask
    On the Out CIC to introduce them. It would help join Local public services and
    Third sector.
    """
    if citizen:
        return (
            f"{source} and {target} meet only through {introducer}, who has to carry "
            f"information between them; a direct link would help join {a} and {b}."
        )
    knows = (
        "who knows few others"
        if introducer_ties <= 3
        else f"who has {count(introducer_ties, 'working relationship')}"
    )
    also = "" if shared <= 1 else f" They share {shared} contacts in all."
    return (
        f"{source} and {target} both work with {introducer}, {knows} — ask {introducer} to "
        f"introduce them.{also} It would help join {a} and {b}."
    )


def broker_needed(
    a: str, b: str, side_a: Sequence[str], side_b: Sequence[str], place: str | None
) -> str:
    """Why no introduction is possible between two groups."""
    where = f" in {place}" if place else ""
    return (
        f"No member of {a}{where} shares a contact with any member of {b}{where}, so nobody in "
        f"the map can make an introduction: a new broker is needed. Best placed to build the "
        f"link are {listing(list(side_a))} ({a}) and {listing(list(side_b))} ({b}), who sit "
        f"on the most routes between others."
    )


def separate_part(members: Sequence[str], join_from: str, join_to: str) -> str:
    """Why a part of the map is cut off, and the link that would join it."""
    return (
        f"{listing(list(members))} have no route to the rest of the system. A link between "
        f"{join_from} and {join_to}, the most central stakeholder in the main part, would "
        "join them."
    )


def known_gap(source: str, relation: str, target: str, evidence: str, description: str) -> str:
    """A relationship the map records as missing."""
    text = f"The map records this relationship as needed but missing: {source} {relation} {target}."
    return text + _detail(description, evidence)


def point_of_failure(point: str, separated: Sequence[str]) -> str:
    """Who loses every route if one stakeholder leaves.

    Examples
    --------
    >>> print(point_of_failure("Jobcentre Plus", ["A", "B"]))
    ... # doctest: +NORMALIZE_WHITESPACE
    If Jobcentre Plus leaves, 2 stakeholders lose every route to the rest of the system:
    A and B.
    >>> print(point_of_failure("Jobcentre Plus", ["A"]))
    ... # doctest: +NORMALIZE_WHITESPACE
    If Jobcentre Plus leaves, 1 stakeholder loses every route to the rest of the system: A.
    """
    n = len(separated)
    return (
        f"If {point} leaves, {count(n, 'stakeholder')} {verb(n, 'loses', 'lose')} every route "
        f"to the rest of the system: {listing(list(separated))}."
    )


def bridge(source: str, target: str, cut_off: int) -> str:
    """Why one relationship holds parts of the map together."""
    return (
        f"The relationship between {source} and {target} is the only link between two parts of "
        f"the map: without it, {count(cut_off, 'stakeholder')} "
        f"{verb(cut_off, 'loses', 'lose')} every route to the rest."
    )


def local_bridge(source: str, target: str, span: int, groups: str) -> str:
    """Why a cross-group tie matters (Granovetter's weak tie)."""
    return (
        f"{source} and {target} share no contacts: without their relationship the shortest route "
        f"between them takes {span} steps. Ties like this carry news between {groups}."
    )


def broker(
    name: str,
    betweenness: float,
    constraint: float,
    roles: str,
    kind: str | None = None,
    estimate: str = "",
) -> str:
    """Why a stakeholder is a key broker (``estimate``: how sure, on a big map)."""
    sits = agree(name, kind, "sits", "sit")
    text = (
        f"{name} {sits} on {percent(betweenness)} of the shortest routes between other "
        "stakeholders "
        f"(betweenness {decimal(betweenness)}; constraint {decimal(constraint)}, where lower means "
        f"its contacts would not otherwise meet)."
    )
    return text + "".join(f" {part}" for part in (estimate, roles) if part)


def betweenness_sample(pivots: int, stakeholders: int, seed: int, groups: int) -> str:
    """The note that says betweenness on a big map is an estimate, and how it was made.

    Examples
    --------
    >>> betweenness_sample(1000, 50000, 1, 10).split(":")[0]
    'Betweenness on this map of 50,000 stakeholders is an estimate'
    """
    return (
        f"Betweenness on this map of {stakeholders:,} stakeholders is an estimate: shortest "
        f"routes were counted from {pivots:,} stakeholders chosen at random (seed {seed}) "
        "rather than from every one, and scaled up (Brandes & Pich 2007), which keeps the "
        "analysis of a map this size to minutes. A broker's share of routes is given with its "
        f"standard error, from how far the estimates of {groups} separate groups of those "
        "starting points differ."
    )


def estimated(pivots: int, stakeholders: int, error: float) -> str:
    """How sure a broker's estimated share of routes is (``error``: one standard error).

    Examples
    --------
    >>> estimated(1000, 50000, 0.0042)
    'That share is estimated from routes out of 1,000 of the 50,000 stakeholders, give or take \
0.4 percentage points (one standard error).'
    """
    return (
        f"That share is estimated from routes out of {pivots:,} of the {stakeholders:,} "
        f"stakeholders, give or take {error * 100:.1f} percentage points (one standard error)."
    )


def weak_link(
    source: str, target: str, routes: int, description: str = "", evidence: str = ""
) -> str:
    """Why a weak relationship matters, to citizens where their routes depend on it.

    Examples
    --------
    >>> print(weak_link("Prison offender manager", "Community offender manager", 12,
    ...                 "Handovers missed in half of cases", "HMI Probation (2023)"))
    ... # doctest: +NORMALIZE_WHITESPACE
    The relationship between Prison offender manager and Community offender manager is weak
    (it exists, but evidence says it often fails), yet 12 of the shortest routes from
    citizens to services run over it. Handovers missed in half of cases. Evidence: HMI
    Probation (2023).
    >>> print(weak_link("MHCLG", "DWP", 0))  # doctest: +NORMALIZE_WHITESPACE
    The map records the relationship between MHCLG and DWP as weak: it exists, but evidence
    says it often fails.
    """
    if routes:
        text = (
            f"The relationship between {source} and {target} is weak (it exists, but evidence "
            f"says it often fails), yet {routes} of the shortest routes from citizens to "
            f"services {verb(routes, 'runs', 'run')} over it."
        )
    else:
        text = (
            f"The map records the relationship between {source} and {target} as weak: it "
            "exists, but evidence says it often fails."
        )
    return text + _detail(description, evidence)


def _detail(description: str, evidence: str) -> str:
    """`` Description. Evidence: source.`` from a relationship's own text, when it has some."""
    text = ""
    if description.strip():
        text += f" {capitalise(description.strip().rstrip('.'))}."
    if evidence.strip():
        text += f" Evidence: {evidence.strip().rstrip('.')}."
    return text


def citizen_link(citizen: str, separated: Sequence[str], kind: str | None = None) -> str:
    """Stakeholders only a citizen joins to the rest of the system.

    Examples
    --------
    >>> print(citizen_link("Prison leaver", ["Jobcentre", "DWP"]))
    ... # doctest: +NORMALIZE_WHITESPACE
    Only Prison leaver joins Jobcentre and DWP to the rest of the system: no organisation links
    them, so the connection rests on citizens themselves.
    """
    them = "it" if len(separated) == 1 else "them"
    return (
        f"Only {citizen} {agree(citizen, kind, 'joins', 'join')} {listing(list(separated))} "
        "to the rest of the system: no "
        f"organisation links {them}, so the connection rests on citizens themselves."
    )


def isolates(names: Sequence[str]) -> str:
    """Stakeholders with no working relationship."""
    verb = "has" if len(names) == 1 else "have"
    return f"{listing(list(names))} {verb} no working relationship in the map (active or weak)."


def unreachable(citizen: str, services: Sequence[str]) -> str:
    """Services a citizen cannot reach."""
    return (
        f"{citizen} cannot reach {count(len(services), 'service')} by any route: "
        f"{listing(list(services))}."
    )


def only_through(citizen: str, point: str, services: Sequence[str]) -> str:
    """Services a citizen reaches only through one organisation."""
    return (
        f"Every route from {citizen} to {count(len(services), 'service')} runs through {point}: "
        f"{listing(list(services))}."
    )


def long_route(
    citizen: str, service: str, steps: int, sector: int, place: int, kind: str | None = None
) -> str:
    """How hard one service is to reach.

    Examples
    --------
    >>> print(long_route("A prison leaver", "drug treatment", 4, 2, 0))
    ... # doctest: +NORMALIZE_WHITESPACE
    To reach drug treatment, A prison leaver goes through 3 organisations and crosses
    2 sector boundaries.
    """
    between = steps - 1
    goes, cross, are = (
        ("go", "cross", "are") if is_plural(citizen, kind) else ("goes", "crosses", "is")
    )
    through = (
        f"{goes} through {count(between, 'organisation')}" if between else f"{are} linked directly"
    )
    crossings = [count(sector, "sector boundary", "sector boundaries")] if sector else []
    if place:
        crossings.append(count(place, "place boundary", "place boundaries"))
    crossed = (
        f" and {cross} {listing(crossings)}"
        if crossings
        else f" and {'stay' if cross == 'cross' else 'stays'} within one sector and place"
    )
    return f"To reach {service}, {citizen} {through}{crossed}."


def communities_follow(attribute: str, nmi: float) -> str:
    """Whether the working clusters follow the declared groups."""
    if nmi >= 0.5:
        return (
            f"The working clusters the ties form follow {attribute} lines closely "
            f"(normalised mutual information {decimal(nmi)}, where 1 means identical)."
        )
    return (
        f"The working clusters the ties form cut across {attribute} lines (normalised mutual "
        f"information {decimal(nmi)}, where 0 means unrelated): good news for joined-up working."
    )


def silo_community(size: int, shares: Sequence[tuple[float, str]]) -> str:
    """A detected working cluster made mostly of one group (per grouping attribute).

    Examples
    --------
    >>> print(silo_community(5, [(1.0, "Local public services"), (0.8, "Salford")]))
    ... # doctest: +NORMALIZE_WHITESPACE
    A working cluster of 5 stakeholders is 100% Local public services and 80% Salford: they
    mostly work with each other.
    """
    parts = [f"{percent(share)} {group}" for share, group in shares]
    return (
        f"A working cluster of {count(size, 'stakeholder')} is {listing(parts)}: "
        f"they mostly work with each other."
    )
