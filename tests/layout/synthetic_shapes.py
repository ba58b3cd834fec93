"""Maps whose shapes make lines run through stakeholders: random, dense, star, chain, and the
youth-violence map the user drew (issue 13: A&E → Redthread ran under the Home Office)."""

from __future__ import annotations

import random
from collections.abc import Callable

from sysmap.model import Relationship, Stakeholder, SystemMap

_SECTORS = ["central_government", "local_public_services", "third_sector", "private", "citizens"]
_KINDS = ["organisation", "group", "individual", None]


def _blank(title: str, n: int, seed: int = 0, prefix: str = "Stakeholder") -> SystemMap:
    """``n`` stakeholders of mixed sectors and kinds (so boxes, hexagons and ellipses)."""
    rng = random.Random(seed)
    system_map = SystemMap(title)
    for i in range(n):
        system_map.add_stakeholder(
            Stakeholder(
                f"{prefix} {i}" + (" of the region" if rng.random() < 0.3 else ""),
                id=f"s{i}",
                sector=rng.choice(_SECTORS),
                kind=rng.choice(_KINDS),
            )
        )
    return system_map


def _link(system_map: SystemMap, pairs: list[tuple[int, int]]) -> SystemMap:
    for a, b in pairs:
        system_map.add_relationship(Relationship(f"s{a}", f"s{b}", "partners"))
    return system_map


def random_map(n: int = 40, links: int = 70, seed: int = 7) -> SystemMap:
    """A random sparse map (with a few parallel relationships)."""
    rng = random.Random(seed)
    pairs = []
    while len(pairs) < links:
        a, b = rng.sample(range(n), 2)
        pairs.append((a, b))
    return _link(_blank("Random", n, seed), pairs)


def dense_cluster(seed: int = 3) -> SystemMap:
    """A nearly complete core of 12 with a ring of 16 hangers-on: lines everywhere."""
    rng = random.Random(seed)
    core = [(a, b) for a in range(12) for b in range(a + 1, 12) if rng.random() < 0.7]
    rim = [(12 + i, rng.randrange(12)) for i in range(16)]
    rim += [(12 + i, 12 + (i + 1) % 16) for i in range(0, 16, 2)]
    return _link(_blank("Dense cluster", 28, seed), core + rim)


def star(spokes: int = 30) -> SystemMap:
    """One hub tied to everyone, and a few ties between spokes across the hub."""
    pairs = [(0, i) for i in range(1, spokes + 1)]
    pairs += [(i, i + spokes // 2) for i in range(1, spokes // 2, 3)]
    return _link(_blank("Star", spokes + 1, 5, prefix="Service"), pairs)


def long_chain(n: int = 40) -> SystemMap:
    """A chain, with a few long-range ties that cut across its bends."""
    pairs = [(i, i + 1) for i in range(n - 1)] + [(0, n - 1), (5, 25), (10, 30), (3, 33)]
    return _link(_blank("Long chain", n, 9), pairs)


# (id, label, sector, kind)
_LEEDS = [
    ("yjs", "Youth Justice Service", "local_public_services", "organisation"),
    ("police", "West Yorkshire Police", "local_public_services", "organisation"),
    ("ae", "A&E Leeds General Infirmary", "local_public_services", "organisation"),
    ("redthread", "Redthread", "third_sector", "organisation"),
    ("catch22", "Catch22", "third_sector", "organisation"),
    ("council", "Leeds City Council", "local_public_services", "organisation"),
    ("vru", "Violence Reduction Unit", "local_public_services", "organisation"),
    ("stgiles", "St Giles Trust", "third_sector", "organisation"),
    ("schools", "Schools", "local_public_services", "group"),
    ("social", "Children's social care", "local_public_services", "organisation"),
    ("camhs", "CAMHS", "local_public_services", "organisation"),
    ("youth", "Youth workers", "third_sector", "group"),
    ("parents", "Parents", "citizens", "group"),
    ("young", "Young people", "citizens", "group"),
    ("probation", "Probation Service", "central_government", "organisation"),
    ("cps", "Crown Prosecution Service", "central_government", "organisation"),
    ("magistrates", "Magistrates", "independent", "group"),
    ("housing", "Housing options", "local_public_services", "organisation"),
    ("faith", "Faith groups", "third_sector", "group"),
    ("sports", "Sports clubs", "private", "group"),
    ("ho", "Home Office", "central_government", "organisation"),
]
_LEEDS_TIES = [
    ("ho", "funds", "vru"),
    ("ho", "funds", "police"),
    ("vru", "funds", "redthread"),
    ("vru", "funds", "catch22"),
    ("vru", "funds", "stgiles"),
    ("ae", "refers", "redthread"),
    ("redthread", "supports", "young"),
    ("police", "refers", "yjs"),
    ("police", "partners", "vru"),
    ("council", "partners", "vru"),
    ("council", "funds", "youth"),
    ("council", "commissions", "housing"),
    ("yjs", "supervises", "young"),
    ("catch22", "supports", "young"),
    ("stgiles", "supports", "young"),
    ("schools", "refers", "social"),
    ("social", "supports", "parents"),
    ("camhs", "supports", "young"),
    ("schools", "refers", "camhs"),
    ("youth", "supports", "young"),
    ("parents", "supports", "young"),
    ("cps", "refers", "magistrates"),
    ("police", "refers", "cps"),
    ("magistrates", "sentences", "yjs"),
    ("probation", "partners", "yjs"),
    ("housing", "houses", "parents"),
    ("faith", "supports", "parents"),
    ("sports", "supports", "young"),
    ("ae", "shares_data", "police"),
    ("ho", "funds", "probation"),
]


def leeds_youth_violence() -> SystemMap:
    """The 21-stakeholder map of issue 13, "Reducing youth violence in Leeds"."""
    system_map = SystemMap("Reducing youth violence in Leeds")
    for sid, label, sector, kind in _LEEDS:
        system_map.add_stakeholder(
            Stakeholder(label, id=sid, sector=sector, kind=kind, place="Leeds")
        )
    for source, relation, target in _LEEDS_TIES:
        system_map.add_relationship(Relationship(source, target, relation))
    return system_map


SHAPES: dict[str, Callable[[], SystemMap]] = {
    "random": random_map,
    "dense-cluster": dense_cluster,
    "star": star,
    "long-chain": long_chain,
    "leeds": leeds_youth_violence,
}
"""The synthetic maps, by name, for tests and the crossing counts in the report."""
