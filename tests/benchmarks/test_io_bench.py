"""Reading and writing budgets (README, Performance): a 5,000-stakeholder GraphML map.

Run: ``python -m pytest tests/benchmarks/test_io_bench.py --benchmark-only
-p no:cacheprovider -o addopts="" -s``.

- **Open** ≤ 1.5× ``networkx.read_graphml`` of the same file. sysmap's side is
  :func:`sysmap.workspace.open_map`, everything the app and the command line do with a path:
  recognising the format, screening the XML for hostile content, parsing, checking every
  value, building the map (vocabularies, styles) and checking its limits. networkx only
  parses it into a graph.
- **Save** ≤ 1.5× ``networkx.write_graphml`` of the map's own graph. sysmap's side is
  :func:`sysmap.io.save_map`: the map's vocabularies, styles and every attribute as typed
  GraphML keys, written atomically (temporary file, fsync, rename, ``.bak`` kept).
  networkx writes the same graph to a plain file.

Both are checked on process CPU medians (the disk's fsync waits are not CPU; the wall-clock
medians, which include them, are recorded beside).
"""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest

from sysmap.io import save_map
from sysmap.workspace import open_map
from tests.benchmarks.timing import paired, record, reference_map

BUDGET = 1.5
ROUNDS = 5


@pytest.fixture(scope="module")
def saved_5k(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("io") / "national.graphml"
    save_map(reference_map(5000), path)
    return path


def test_open_5k_graphml_within_budget(benchmark, saved_5k: Path) -> None:
    opened: list[object] = []
    runs = paired(
        benchmark,
        lambda: opened.append(open_map(str(saved_5k))),
        lambda: nx.read_graphml(saved_5k),
        ROUNDS,
    )
    result = opened[-1]
    assert result.map.stakeholder_count == 5000  # type: ignore[attr-defined]
    assert result.map.relationship_count == reference_map(5000).relationship_count  # type: ignore[attr-defined]
    met = runs.ratio <= BUDGET
    record(
        benchmark,
        "open a 5k GraphML map (parse + validate + model)",
        runs.ours.cpu_median,
        f"≤ {BUDGET}× nx.read_graphml",
        met,
        baseline=runs.theirs.cpu_median,
        sysmap_wall_s=runs.ours.wall_median,
        baseline_wall_s=runs.theirs.wall_median,
        wall_ratio=runs.wall_ratio,
        file_bytes=saved_5k.stat().st_size,
    )
    assert met, f"opening took {runs.ratio:.2f}× nx.read_graphml (CPU medians)"


def test_save_5k_map_within_budget(benchmark, tmp_path: Path) -> None:
    system_map = reference_map(5000)
    ours, theirs = tmp_path / "ours.graphml", tmp_path / "theirs.graphml"
    runs = paired(
        benchmark,
        lambda: save_map(system_map, ours),
        lambda: nx.write_graphml(system_map.graph, theirs),
        ROUNDS,
    )
    assert open_map(str(ours)).map.stakeholder_count == 5000
    met = runs.ratio <= BUDGET
    record(
        benchmark,
        "save a 5k map",
        runs.ours.cpu_median,
        f"≤ {BUDGET}× nx.write_graphml",
        met,
        baseline=runs.theirs.cpu_median,
        sysmap_wall_s=runs.ours.wall_median,
        baseline_wall_s=runs.theirs.wall_median,
        wall_ratio=runs.wall_ratio,
        sysmap_bytes=ours.stat().st_size,
        baseline_bytes=theirs.stat().st_size,
    )
    assert met, f"saving took {runs.ratio:.2f}× nx.write_graphml (CPU medians)"
