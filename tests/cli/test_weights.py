"""Weights and directions said plainly: every awkward weight a file can hold goes through
``sysmap info`` and ``sysmap analyse`` with a sentence or a right answer, never an
"unexpected error"; opposite one-way relationships count as one mutual relationship."""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import pytest

from sysmap.cli.main import main

NODES = [("a", "Residents", "citizens"), ("b", "Food bank", "third_sector")]
NODES += [("c", "Council", "local_public_services"), ("d", "Landlords", "private")]
NODES += [("e", "DWP", "central_government")]


def graphml(path: Path, weights: dict[tuple[str, str], str], directed: bool = False) -> Path:
    """A small GraphML file whose relationships carry these weights, written as text."""
    nodes = "".join(
        f'<node id="{i}"><data key="label">{label}</data><data key="sector">{sector}</data></node>'
        for i, label, sector in NODES
    )
    edges = "".join(
        f'<edge source="{a}" target="{b}"><data key="weight">{w}</data></edge>'
        if w
        else f'<edge source="{a}" target="{b}"/>'
        for (a, b), w in weights.items()
    )
    path.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">'
        '<key id="label" for="node" attr.name="label" attr.type="string"/>'
        '<key id="sector" for="node" attr.name="sector" attr.type="string"/>'
        '<key id="weight" for="edge" attr.name="weight" attr.type="double"/>'
        f'<graph id="G" edgedefault="{"directed" if directed else "undirected"}">'
        f"{nodes}{edges}</graph></graphml>",
        encoding="utf-8",
    )
    return path


def ring(weight: str) -> dict[tuple[str, str], str]:
    """Five stakeholders in a ring with a chord; the first tie carries ``weight``."""
    return {("a", "b"): weight, ("b", "c"): "1", ("c", "d"): "2", ("d", "e"): "1"} | {
        ("e", "a"): "1",
        ("a", "c"): "",
    }


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main(argv)
    captured = capsys.readouterr()
    return code, captured.out + captured.err


WEIRD = ["0", "1e-300", "-1e-300", "1e300", "-1e300", "NaN", "INF", "-INF", "abc", "1e19", "-1"]
SET_ASIDE = {"-1e-300", "-1e300", "NaN", "INF", "-INF", "abc", "-1"}
RESCALED = {"1e-300", "1e300", "1e19"}


@pytest.mark.parametrize("weight", WEIRD)
def test_every_awkward_weight_gets_a_sentence_never_an_unexpected_error(
    weight: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = graphml(tmp_path / "weights.graphml", ring(weight))
    code, info = run(["info", str(path)], capsys)
    assert code == 0
    assert "unexpected error" not in info
    code, briefing = run(["analyse", str(path)], capsys)
    assert code == 0, briefing
    assert "unexpected error" not in briefing
    code, text = run(["analyse", str(path), "--format", "json"], capsys)
    notes = " ".join(json.loads(text)["notes"])
    if weight in SET_ASIDE:
        assert "a weight sysmap cannot use" in info
        assert "a weight sysmap cannot use" in notes
        assert "counts as an ordinary tie of strength 1" in notes
    elif weight == "0":
        assert "1 relationship has weight 0 and does not count as a working tie." in info
        assert "does not count as a working tie" in notes
    elif weight in RESCALED:
        assert "too far apart to compare exactly" in info
        assert "too far apart to compare exactly" in notes
    for note in json.loads(text)["notes"]:
        assert f"Note: {note.split(',')[0]}" in " ".join(briefing.split())


def test_weights_far_beyond_the_range_give_the_answer_of_their_ratios(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """1e300, 2e300 and 3e300 are 1, 2 and 3 as far as every measure is concerned."""

    def brokers(scale: str) -> list[dict[str, object]]:
        weights = {("a", "b"): f"1{scale}", ("b", "c"): f"2{scale}", ("c", "d"): f"3{scale}"}
        weights |= {("d", "e"): f"1{scale}", ("e", "a"): f"2{scale}", ("a", "c"): f"1{scale}"}
        path = graphml(tmp_path / f"scaled{scale}.graphml", weights)
        code, text = run(["analyse", str(path), "--format", "json"], capsys)
        assert code == 0, text
        return json.loads(text)["brokers"]

    assert brokers("e300") == brokers("")


def test_a_weight_a_million_million_times_the_rest_gives_right_betweenness(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Strength 1e12 on one tie: shortest routes run over it, as exact arithmetic says."""
    weights = ring("1e12")
    path = graphml(tmp_path / "strong.graphml", weights)
    code, text = run(["analyse", str(path), "--format", "json"], capsys)
    assert code == 0
    got = {b["id"]: b["betweenness"] for b in json.loads(text)["brokers"]}
    graph = nx.Graph()
    for (a, b), w in weights.items():
        graph.add_edge(a, b, distance=1.0 / float(w or 1))
    exact = nx.betweenness_centrality(graph, weight="distance")
    assert got == pytest.approx(exact, abs=1e-6)


def test_opposite_one_way_relationships_are_one_mutual_tie(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    both_ways = {("a", "b"): "", ("b", "a"): "", ("b", "c"): "", ("c", "b"): ""}
    both_ways |= {("c", "d"): "", ("d", "e"): ""}
    path = graphml(tmp_path / "arrows.graphml", both_ways, directed=True)
    code, info = run(["info", str(path)], capsys)
    assert code == 0
    assert "2 one-way, 2 mutual (2 of them drawn as pairs of opposite one-way" in info
    code, text = run(["analyse", str(path), "--format", "json"], capsys)
    assert code == 0
    sector = json.loads(text)["groups"]["sector"]
    # Unweighted file: every tie has strength 1, so weighted and plain modularity agree.
    assert sector["weighted_modularity"] == pytest.approx(sector["modularity"])
