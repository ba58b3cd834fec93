"""Where the reference workload's stakeholders start, and that it is the same map at every version.

The module docstring of ``sysmap.model.synthetic`` promises: places evenly round a circle of
radius 120·√n about the origin, the first at angle 0; each stakeholder at its place's centre
plus a normal scatter of standard deviation 3 × 40·√32 ≈ 679 px in x and in y. The scatter
is checked statistically on a seeded map (its own map: mutmut credits a shared fixture's
calls to its first user only). The fingerprint pins the whole of one small map, since the
benchmarks compare timings of these maps taken on different commits.
"""

from __future__ import annotations

import hashlib
import math

import numpy as np

from sysmap.model.synthetic import _PLACES, synthetic_map

SCATTER = 3 * 40 * math.sqrt(32)  # ≈ 678.8 px


def _offsets(n: int, seed: int) -> np.ndarray:
    """Each stakeholder's (dx, dy) from its place's centre, as the docstring places them."""
    system_map = synthetic_map(n, seed=seed)
    places = _PLACES[: max(3, min(len(_PLACES), n // 150))]
    radius = 120 * math.sqrt(n)
    angle = {p: 2 * math.pi * i / len(places) for i, p in enumerate(places)}
    rows = []
    for _, d in system_map.graph.nodes(data=True):
        a = angle[d["place"]]
        rows.append((d["x"] - radius * math.cos(a), d["y"] - radius * math.sin(a)))
    return np.array(rows)


def test_stakeholders_scatter_about_their_place_by_the_documented_spread() -> None:
    offsets = _offsets(2000, seed=4)
    # 2,000 draws a coordinate: the standard deviation is known to about 1.6 %, the mean
    # to about 15 px (one standard error); allow three standard errors each.
    assert np.abs(offsets.std(axis=0) / SCATTER - 1).max() < 0.05
    assert np.abs(offsets.mean(axis=0)).max() < 3 * SCATTER / math.sqrt(2000)
    # Normal, not uniform or clipped: about 68 % within one standard deviation.
    within = (np.abs(offsets) < SCATTER).mean(axis=0)
    assert np.abs(within - 0.683).max() < 0.035


# What the generator sets (not the model's defaults, which may grow without changing the map).
STAKEHOLDER_FIELDS = ("label", "sector", "place", "place_level", "kind", "influence", "interest")


def _fingerprint(n: int, seed: int) -> str:
    """A digest of what the generator makes: stakeholders (positions to 0.01 px), relationships."""
    graph = synthetic_map(n, seed=seed).graph
    parts = []
    for node, d in graph.nodes(data=True):
        where = (round(d["x"], 2), round(d["y"], 2))
        parts.append(repr((node, [d[k] for k in STAKEHOLDER_FIELDS], where)))
    for u, v, d in graph.edges(data=True):
        parts.append(repr((u, v, d["relation"], d["status"])))
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:16]


def test_the_reference_workload_is_the_same_map_at_every_version() -> None:
    # If a change to the generator is meant, update this digest and say in README
    # (Performance) that timings before and after it measured different maps.
    assert _fingerprint(300, seed=1) == "6aba75b0275603de"
