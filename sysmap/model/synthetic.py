"""Policy-like synthetic maps for benchmarks and tests.

A stochastic block model over six sectors × a number of places: most ties stay inside a
sector (about 85%) and, within it, mostly inside a place, the rest cross sectors at random.
Mean degree is about 8, labels read like real organisations, and every stakeholder has a
position. The same size and seed always give the same map, at every version: the benchmarks
(README, Performance) compare timings taken on different commits, so a change to what the
generator makes must be deliberate (``tests/model/test_synthetic_positions.py`` holds a
fingerprint of one map).

Positions: the places sit evenly round a circle of radius 120·√n about the origin, the
first at angle 0, in the order listed below; each stakeholder starts at its place's centre
plus a normal scatter of standard deviation ``3 × 40·√32 ≈ 679`` px in x and in y.
"""

from __future__ import annotations

import math
import random
from collections import defaultdict

from sysmap.model.entities import Relationship, Stakeholder
from sysmap.model.system_map import SystemMap

_PLACES = [
    "Barnsley",
    "Bolton",
    "Bradford",
    "Bristol",
    "Coventry",
    "Derby",
    "Doncaster",
    "Exeter",
    "Gateshead",
    "Hull",
    "Ipswich",
    "Kirklees",
    "Leeds",
    "Leicester",
    "Luton",
    "Norwich",
    "Oldham",
    "Plymouth",
    "Preston",
    "Reading",
    "Rochdale",
    "Salford",
    "Sheffield",
    "Stockport",
    "Sunderland",
    "Swindon",
    "Telford",
    "Wakefield",
    "Walsall",
    "Wigan",
    "Wirral",
    "York",
]
_REGIONS = ["North West", "North East", "Yorkshire", "Midlands", "South West", "East"]
_AREAS = [
    "Northfield",
    "Southside",
    "Eastgate",
    "Westbrook",
    "Riverside",
    "Hillside",
    "Parkside",
    "Old Town",
    "Millbrook",
    "Highfield",
    "Fairfield",
    "Kingsway",
    "Moorside",
    "Ashgrove",
    "Brookside",
    "Canal Quarter",
    "Stonebridge",
    "Meadowbank",
    "Church End",
    "Greenhill",
]
_SURNAMES = [
    "Adams",
    "Begum",
    "Clarke",
    "Davies",
    "Evans",
    "Green",
    "Hussain",
    "Jones",
    "Khan",
    "Lewis",
    "Morgan",
    "Nowak",
    "Okafor",
    "Patel",
    "Roberts",
    "Singh",
    "Taylor",
    "Walker",
]
_SAINTS = ["Anne", "Mary", "John", "Luke", "Peter", "Hilda", "Aidan", "Chad"]
_TOPICS = [
    "Work",
    "Health",
    "Justice",
    "Education",
    "Housing",
    "Skills",
    "Transport",
    "Communities",
    "Families",
    "Employment",
]
_TEAMS = ["housing options", "homelessness", "benefits", "early help", "community safety"]
# Names read like a national map's: most carry a neighbourhood or a person's name, so a
# 10,000-stakeholder map has thousands of different labels, as real ones do.
_NAMES: dict[str, list[str]] = {
    "central_government": [
        "Department for {topic}",
        "{topic} Agency",
        "Office for {topic}",
        "{region} {topic} Directorate",
        "{region} {topic} Commissioner",
    ],
    "local_public_services": [
        "{place} Council {team} team",
        "{area} Neighbourhood Policing Team, {place}",
        "{area} Health Centre, {place}",
        "{place} Probation Delivery Unit",
        "{area} Academy, {place}",
        "{place} Youth Justice Service",
        "{place} Adult Social Care ({area})",
        "{place} Public Health",
        "Jobcentre Plus {place} {area}",
    ],
    "private": [
        "{surname} & {surname2} Solicitors",
        "{area} Lettings Ltd",
        "{surname} Construction",
        "{place} Employment Services Ltd",
        "{surname} Care Homes",
        "{area} Pharmacy, {place}",
    ],
    "third_sector": [
        "{area} Women's Centre",
        "{place} Food Bank ({area})",
        "{place} Mind",
        "{surname} Foundation",
        "{place} Credit Union",
        "{area} Recovery Network",
        "St {saint}'s Night Shelter, {place}",
    ],
    "citizens": [
        "{area} residents' group, {place}",
        "{area} parents' forum",
        "People on probation in {place}",
        "{area} tenants' association, {place}",
        "{place} lived experience panel",
    ],
    "independent": [
        "{place} Magistrates' Court",
        "Inspectorate of {topic}",
        "{place} Scrutiny Committee",
        "{region} Ombudsman",
        "Healthwatch {place}",
    ],
}
_SECTOR_SHARE = {
    "central_government": 0.08,
    "local_public_services": 0.30,
    "private": 0.17,
    "third_sector": 0.25,
    "citizens": 0.14,
    "independent": 0.06,
}
_RELATIONS = {
    "central_government": "funds",
    "local_public_services": "refers",
    "private": "delivers",
    "third_sector": "supports",
    "citizens": "advocates",
    "independent": "inspects",
}
CROSS_SECTOR_SHARE = 0.15
SAME_PLACE_SHARE = 0.7
MEAN_DEGREE = 8


def synthetic_map(n: int, seed: int = 1, mean_degree: float = MEAN_DEGREE) -> SystemMap:
    """Build a policy-like map of ``n`` stakeholders.

    Parameters
    ----------
    n : int
        Number of stakeholders (1,000 / 5,000 / 10,000 / 20,000 in the benchmarks).
    seed : int
        Random seed; the same ``n`` and seed give the same map.
    mean_degree : float
        Average number of relationships per stakeholder.

    Returns
    -------
    SystemMap

    Examples
    --------
    >>> m = synthetic_map(200)
    >>> m.stakeholder_count, 700 < m.relationship_count < 900
    (200, True)
    """
    rng = random.Random(seed)
    places = _PLACES[: max(3, min(len(_PLACES), n // 150))]
    system_map = SystemMap(
        f"Synthetic system of {n:,} stakeholders",
        "Generated for benchmarks: a stochastic block model of sectors and places.",
    )
    members: dict[str, list[str]] = defaultdict(list)
    by_sector_place: dict[tuple[str, str], list[str]] = defaultdict(list)
    sectors = list(_SECTOR_SHARE)
    weights = list(_SECTOR_SHARE.values())
    centres = _place_centres(places, n)
    for _ in range(n):
        sector = rng.choices(sectors, weights)[0]
        place = rng.choice(places)
        stakeholder = _stakeholder(rng, sector, place, centres[place])
        stored = system_map.add_stakeholder(stakeholder)
        members[sector].append(stored.id)
        by_sector_place[(sector, place)].append(stored.id)
    _add_ties(system_map, rng, members, by_sector_place, round(n * mean_degree / 2))
    return system_map


def _place_centres(places: list[str], n: int) -> dict[str, tuple[float, float]]:
    radius = 120.0 * math.sqrt(n)
    return {
        place: (
            radius * math.cos(2 * math.pi * i / len(places)),
            radius * math.sin(2 * math.pi * i / len(places)),
        )
        for i, place in enumerate(places)
    }


def _stakeholder(
    rng: random.Random, sector: str, place: str, centre: tuple[float, float]
) -> Stakeholder:
    template = rng.choice(_NAMES[sector])
    label = template.format(
        place=place,
        region=rng.choice(_REGIONS),
        topic=rng.choice(_TOPICS),
        surname=rng.choice(_SURNAMES),
        surname2=rng.choice(_SURNAMES),
        area=rng.choice(_AREAS),
        saint=rng.choice(_SAINTS),
        team=rng.choice(_TEAMS),
    )
    level = (
        "national"
        if sector == "central_government"
        else "regional"
        if rng.random() < 0.15
        else "local"
    )
    # The scatter's standard deviation is spread * 3 (module docstring): about 679 px.
    spread = 40.0 * math.sqrt(len(_PLACES))
    return Stakeholder(
        label=label,
        sector=sector,
        place=place,
        place_level=level,
        kind="individual" if sector == "citizens" and rng.random() < 0.3 else "organisation",
        x=centre[0] + rng.gauss(0, spread * 3),
        y=centre[1] + rng.gauss(0, spread * 3),
        influence=round(rng.random(), 2),
        interest=round(rng.random(), 2),
    )


def _add_ties(
    system_map: SystemMap,
    rng: random.Random,
    members: dict[str, list[str]],
    by_sector_place: dict[tuple[str, str], list[str]],
    target: int,
) -> None:
    graph = system_map.graph
    all_ids = list(graph.nodes)
    linked: set[frozenset[str]] = set()
    attempts = 0
    while len(linked) < target and attempts < target * 20:
        attempts += 1
        source = rng.choice(all_ids)
        data = graph.nodes[source]
        sector, place = data["sector"], data["place"]
        if rng.random() < CROSS_SECTOR_SHARE:
            other = rng.choice([s for s in members if s != sector] or [sector])
            pool = members[other]
        elif rng.random() < SAME_PLACE_SHARE:
            pool = by_sector_place[(sector, place)]
        else:
            pool = members[sector]
        target_id = rng.choice(pool)
        pair = frozenset((source, target_id))
        if source == target_id or pair in linked:
            continue
        linked.add(pair)
        status = "weak" if rng.random() < 0.1 else "active"
        system_map.add_relationship(
            Relationship(source, target_id, _RELATIONS[sector], status=status)
        )
