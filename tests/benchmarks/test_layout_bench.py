"""Force-directed layout budget (README, Performance; issue 7), on the reference workload.

Run: ``python -m pytest tests/benchmarks/test_layout_bench.py --benchmark-only
-p no:cacheprovider -o addopts="" -s`` (``-s`` prints the table).

Budget, at 5,000 stakeholders: sysmap's force-directed layout within **2×** igraph's
Fruchterman–Reingold (grid variant, default 500 steps) on the same graph, and at least
**20×** faster than ``networkx.spring_layout`` (defaults). The same checks run at 1,000.

What is timed:

- **sysmap** — ``compute_layout("force", map)`` on the ``SystemMap``: reading the graph,
  box sizes, the force simulation, turning and scaling to pixels, gathering separate parts
  and removing every box overlap, down to the ``{id: (x, y)}`` result. Everything a user
  waits for.
- **igraph** — only ``Graph.layout_fruchterman_reingold(grid=True)`` on an ``igraph.Graph``
  built beforehand (untimed) from the same undirected simple edges. No scaling, no overlap
  removal: the strictest baseline.
- **networkx** — ``nx.spring_layout(map.graph, seed=1)`` with its defaults (50 steps; for
  500+ nodes networkx ≥ 3.4 minimises the FR energy with L-BFGS), run in full: once at 5,000
  (it takes about a minute), three times at 1,000.

sysmap and igraph runs alternate (igraph runs in the untimed set-up of each sysmap round),
so the two noisy cores' load falls on both alike. Budgets are checked on **wall-clock
medians**; process CPU medians are recorded beside them in ``extra_info``.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable

import igraph
import networkx as nx
import pytest

from sysmap.layout import LAYOUTS, compute_layout
from sysmap.layout.nodes import node_table
from sysmap.model import SystemMap
from sysmap.model.synthetic import synthetic_map

IGRAPH_BUDGET = 2.0
NETWORKX_SPEEDUP = 20.0
ROUNDS = {1000: 9, 5000: 7}
NETWORKX_ROUNDS = {1000: 3, 5000: 1}

_MAPS: dict[int, SystemMap] = {}


def _map(n: int) -> SystemMap:
    if n not in _MAPS:
        _MAPS[n] = synthetic_map(n, seed=1)
    return _MAPS[n]


def _igraph_fr(system_map: SystemMap) -> Callable[[], object]:
    """igraph's grid FR on the map's undirected simple graph (built outside the timing)."""
    table = node_table(system_map.graph)
    graph = igraph.Graph(n=table.count, edges=table.edges.tolist())
    return lambda: graph.layout_fruchterman_reingold(grid=True)


def _timed(fn: Callable[[], object]) -> tuple[float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    fn()
    return time.perf_counter() - wall, time.process_time() - cpu


@pytest.mark.parametrize("n", [1000, 5000])
def test_force_layout_within_budget(benchmark, n: int) -> None:
    system_map = _map(n)

    def sysmap_force() -> object:
        return compute_layout("force", system_map)

    igraph_fr = _igraph_fr(system_map)
    sysmap_force()  # warm up imports, FFT plans and caches outside the timing
    igraph_fr()
    igraph_wall: list[float] = []
    igraph_cpu: list[float] = []
    sysmap_cpu: list[float] = []

    def between_rounds() -> None:
        wall, cpu = _timed(igraph_fr)
        igraph_wall.append(wall)
        igraph_cpu.append(cpu)
        sysmap_cpu.append(time.process_time())

    def timed_sysmap() -> object:
        result = sysmap_force()
        sysmap_cpu[-1] = time.process_time() - sysmap_cpu[-1]
        return result

    result = benchmark.pedantic(timed_sysmap, setup=between_rounds, rounds=ROUNDS[n], iterations=1)
    assert len(result.positions) == n
    networkx_runs = [
        _timed(lambda: nx.spring_layout(system_map.graph, seed=1))
        for _ in range(NETWORKX_ROUNDS[n])
    ]
    sysmap_median = benchmark.stats.stats.median
    igraph_median = statistics.median(igraph_wall)
    networkx_median = statistics.median(wall for wall, _ in networkx_runs)
    ratio = sysmap_median / igraph_median
    speedup = networkx_median / sysmap_median
    benchmark.extra_info.update(
        {
            "stakeholders": n,
            "sysmap_wall_s": sysmap_median,
            "sysmap_cpu_s": statistics.median(sysmap_cpu),
            "igraph_fr_grid_wall_s": igraph_median,
            "igraph_fr_grid_cpu_s": statistics.median(igraph_cpu),
            "networkx_spring_wall_s": networkx_median,
            "networkx_spring_cpu_s": statistics.median(cpu for _, cpu in networkx_runs),
            "ratio_to_igraph": ratio,
            "speedup_over_networkx": speedup,
        }
    )
    print(
        f"\nforce layout, {n:,} stakeholders (wall-clock medians): sysmap {sysmap_median:.3f} s, "
        f"igraph FR grid {igraph_median:.3f} s (ratio {ratio:.2f}, budget ≤ {IGRAPH_BUDGET}), "
        f"networkx spring_layout {networkx_median:.1f} s (sysmap {speedup:.0f}× faster, "
        f"budget ≥ {NETWORKX_SPEEDUP:.0f}×)"
    )
    assert ratio <= IGRAPH_BUDGET, (
        f"force layout of {n:,} stakeholders took {sysmap_median:.3f} s, {ratio:.2f}× "
        f"igraph's FR ({igraph_median:.3f} s)"
    )
    assert speedup >= NETWORKX_SPEEDUP, (
        f"force layout of {n:,} stakeholders is only {speedup:.1f}× faster than "
        f"networkx.spring_layout ({networkx_median:.1f} s)"
    )


NATIONAL_SECONDS = 30.0
"""Every layout of a national map (10,000 stakeholders) finishes within this (wall clock)."""


@pytest.mark.parametrize("name", sorted(LAYOUTS))
def test_every_layout_of_a_national_map_within_30_s(benchmark, name: str) -> None:
    system_map = _map(10_000)
    result = benchmark.pedantic(
        lambda: compute_layout(name, system_map), rounds=1, iterations=1, warmup_rounds=0
    )
    assert len(result.positions) == 10_000
    took = benchmark.stats.stats.median
    benchmark.extra_info.update({"layout": name, "stakeholders": 10_000, "wall_s": took})
    print(f"\n{name} layout of 10,000 stakeholders: {took:.1f} s (budget ≤ {NATIONAL_SECONDS} s)")
    assert took <= NATIONAL_SECONDS, f"the {name} layout of 10,000 stakeholders took {took:.1f} s"


LINE_PASS_MAPS = [
    ("sparse", 150),
    ("sparse", 300),
    ("sparse", 1000),
    ("dense", 150),
    ("dense", 300),
]
"""Maps the line pass is measured on beyond its limit (``line_nudge.CLEAR_LIMIT``, 150
stakeholders / 300 lines): "sparse" is the tests' random map with 1.5 lines per stakeholder
(a policy map's density), "dense" the reference workload (mean degree 8)."""


@pytest.mark.parametrize(("kind", "n"), LINE_PASS_MAPS)
def test_line_pass_beyond_its_limit(benchmark, monkeypatch, kind: str, n: int) -> None:
    """What taking lines off stakeholders would cost after the force layout of bigger maps
    (issue 13): the reason for the pass's limit. Recorded, not budgeted."""
    from sysmap.layout import line_nudge
    from sysmap.layout.common import map_table
    from sysmap.layout.force import force_positions
    from sysmap.layout.line_clearance import table_crossings
    from tests.layout.synthetic_shapes import random_map

    system_map = _map(n) if kind == "dense" else random_map(n, links=int(1.5 * n), seed=7)
    table = map_table(system_map, None)
    start = force_positions(table)
    monkeypatch.setattr(line_nudge, "CLEAR_LIMIT", 10**9)
    monkeypatch.setattr(line_nudge, "LINE_LIMIT", 10**9)
    cpu = time.process_time()
    cleared = benchmark.pedantic(
        lambda: line_nudge.clear_table_lines(table, start), rounds=1, iterations=1
    )
    cpu = time.process_time() - cpu
    before, after = len(table_crossings(table, start)), len(table_crossings(table, cleared))
    took = benchmark.stats.stats.median
    benchmark.extra_info.update(
        {"map": kind, "stakeholders": n, "lines": len(table.lines), "wall_s": took, "cpu_s": cpu}
    )
    benchmark.extra_info.update({"crossings_before": before, "crossings_after": after})
    print(f"\nline pass, {kind} {n}: {before} -> {after} crossings, {took:.1f} s ({cpu:.1f} s CPU)")
    assert after < before
