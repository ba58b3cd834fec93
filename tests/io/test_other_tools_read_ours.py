"""Other tools read what sysmap writes the way sysmap means it.

Each example map is written as GEXF and read back by networkx and by graphology-gexf (Gephi
Lite's reader, run under node from ``tests/graphology``): all three agree on the number of
stakeholders and relationships, their labels, and which way each relationship runs. As
node-link JSON, ``networkx.node_link_graph(data)`` with no other argument reads the same.

The graphology check needs node and the packages in ``tests/graphology`` (``npm ci --prefix
tests/graphology``, which CI runs); it is skipped only where node is not installed, and
fails, rather than skips, when ``SYSMAP_REQUIRE_NODE`` is set (as in CI).
"""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import networkx as nx
import pytest
from hypothesis import HealthCheck, given, settings

from sysmap.io import load_map, save_map
from sysmap.io.gexf_write import write_gexf
from sysmap.io.nodelink import write_node_link
from sysmap.model import SystemMap
from tests.strategies import system_maps

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((ROOT / "examples").glob("*.graphml"))
NODE_PROJECT = ROOT / "tests" / "graphology"


def expected_edges(system_map: SystemMap) -> Counter[tuple[str, str]]:
    """Every relationship from its source to its target, as the file writes it."""
    return Counter((r.source, r.target) for r in system_map.relationships())


@pytest.fixture(scope="module")
def graphology() -> Path:
    """The node project that reads GEXF with graphology-gexf, installed."""
    if shutil.which("node") is None:
        if os.environ.get("SYSMAP_REQUIRE_NODE"):
            pytest.fail("node is not installed, and this check must run here")
        pytest.skip("node is not installed; the graphology check runs where it is (and in CI)")
    if not (NODE_PROJECT / "node_modules" / "graphology-gexf").is_dir():
        npm = shutil.which("npm")
        assert npm, "node is installed without npm: install npm to run the graphology check"
        done = subprocess.run(
            [npm, "ci", "--no-audit", "--no-fund"],
            cwd=NODE_PROJECT,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        assert done.returncode == 0, f"npm ci in tests/graphology failed:\n{done.stderr}"
    return NODE_PROJECT / "read_gexf.js"


def read_with_graphology(script: Path, paths: list[Path]) -> dict[str, dict]:
    done = subprocess.run(
        ["node", str(script), *map(str, paths)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[SystemMap, Path]]:
    folder = tmp_path_factory.mktemp("gexf")
    found = {}
    for example in EXAMPLES:
        system_map = load_map(example).map
        path = folder / f"{example.stem}.gexf"
        save_map(system_map, path)
        found[example.stem] = (system_map, path)
    return found


@pytest.mark.parametrize("name", [p.stem for p in EXAMPLES])
def test_networkx_reads_each_example_gexf_as_sysmap_wrote_it(
    written: dict[str, tuple[SystemMap, Path]], name: str
) -> None:
    system_map, path = written[name]
    graph = nx.read_gexf(path)
    assert graph.is_directed()  # the examples mix one-way and mutual relationships
    assert graph.number_of_nodes() == system_map.stakeholder_count
    assert {n: d["label"] for n, d in graph.nodes(data=True)} == {
        s.id: s.label for s in system_map.stakeholders()
    }
    assert Counter((u, v) for u, v in graph.edges()) == expected_edges(system_map)
    mutual = Counter((u, v) for u, v, d in graph.edges(data=True) if d.get("directed") is False)
    assert mutual == Counter(
        (r.source, r.target) for r in system_map.relationships() if r.directed is False
    )
    assert sum(mutual.values()) > 0


def test_graphology_reads_each_example_gexf_as_networkx_does(
    graphology: Path, written: dict[str, tuple[SystemMap, Path]]
) -> None:
    found = read_with_graphology(graphology, [path for _, path in written.values()])
    for system_map, path in written.values():
        graph = found[str(path)]
        networkx_graph = nx.read_gexf(path)
        assert graph["type"] == "directed", path.name
        assert graph["nodes"] == networkx_graph.number_of_nodes() == system_map.stakeholder_count
        assert graph["labels"] == {s.id: s.label for s in system_map.stakeholders()}
        edges = Counter((source, target) for source, target, undirected, _ in graph["edges"])
        assert (
            edges
            == Counter((u, v) for u, v in networkx_graph.edges())
            == expected_edges(system_map)
        )
        assert not any(undirected for _, _, undirected, _ in graph["edges"])
        assert graph["meta"]["keywords"] == system_map.title  # GEXF 1.3 has no title


def test_graphology_reads_an_all_mutual_map_as_undirected(graphology: Path, tmp_path: Path) -> None:
    from sysmap.model import Relationship, Stakeholder

    m = SystemMap("Partners")
    a = m.add_stakeholder(Stakeholder("Probation"))
    b = m.add_stakeholder(Stakeholder("Police"))
    m.add_relationship(Relationship(a.id, b.id, "partners", directed=False))
    path = tmp_path / "mutual.gexf"
    save_map(m, path)
    graph = read_with_graphology(graphology, [path])[str(path)]
    assert graph["type"] == "undirected"
    assert [e[2] for e in graph["edges"]] == [True]
    assert not nx.read_gexf(path).is_directed()


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_networkx_reads_each_example_node_link_json_with_no_arguments(
    example: Path, tmp_path: Path
) -> None:
    system_map = load_map(example).map
    path = tmp_path / "map.json"
    save_map(system_map, path)
    graph = nx.node_link_graph(json.loads(path.read_text(encoding="utf-8")))
    assert graph.is_directed()
    assert graph.is_multigraph()
    assert {n: d["label"] for n, d in graph.nodes(data=True)} == {
        s.id: s.label for s in system_map.stakeholders()
    }
    assert Counter((u, v) for u, v in graph.edges()) == expected_edges(system_map)
    directions = {k: d.get("directed") for _, _, k, d in graph.edges(keys=True, data=True)}
    assert directions == {r.id: r.directed for r in system_map.relationships()}


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(system_maps())
def test_networkx_reads_any_map_written_as_gexf_and_node_link(system_map: SystemMap) -> None:
    graph = nx.read_gexf(io.BytesIO(write_gexf(system_map)))
    assert graph.number_of_nodes() == system_map.stakeholder_count
    assert graph.number_of_edges() == system_map.relationship_count
    document = json.loads(write_node_link(system_map))
    linked = nx.node_link_graph(document)
    assert linked.number_of_edges() == system_map.relationship_count


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(system_maps())
def test_graphology_and_networkx_agree_on_any_map(
    graphology: Path, tmp_path_factory: pytest.TempPathFactory, system_map: SystemMap
) -> None:
    path = tmp_path_factory.mktemp("random") / "map.gexf"
    save_map(system_map, path)
    found = read_with_graphology(graphology, [path])[str(path)]
    networkx_graph = nx.read_gexf(path)
    assert found["nodes"] == networkx_graph.number_of_nodes() == system_map.stakeholder_count
    ends = Counter((source, target) for source, target, _, _ in found["edges"])
    if networkx_graph.is_directed():
        assert (
            ends == Counter((u, v) for u, v in networkx_graph.edges()) == expected_edges(system_map)
        )
    else:  # every relationship mutual: both read one undirected edge for each
        assert all(undirected for _, _, undirected, _ in found["edges"])
        assert sum(ends.values()) == networkx_graph.number_of_edges()
        assert sum(ends.values()) == system_map.relationship_count
