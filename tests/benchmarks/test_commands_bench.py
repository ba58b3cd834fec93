"""Whole commands against plain scripts, each a fresh process, in the same run (issue 17).

Run: ``python -m pytest tests/benchmarks/test_commands_bench.py --benchmark-only
-p no:cacheprovider -o addopts="" -s`` (``-s`` prints the table).

A user meets a command as a whole: the interpreter starting, the imports, reading the file,
the work, writing the result. Each row runs ``sysmap …`` and the script a Python user would
otherwise write as separate processes, alternately (so whatever load the shared machine has
falls on both), and compares medians of the processes' CPU time (user + system, from
``wait4``); wall-clock medians are recorded beside. The map is the reference workload at
5,000 stakeholders (``sysmap.model.synthetic``) in two files: a plain GraphML file written by
networkx (no yFiles block), and sysmap's own file.

| row | sysmap | baseline script | budget |
|---|---|---|---|
| PNG | ``sysmap export plain.graphml -o x.png`` | ``nx.read_graphml`` + ``nx.draw`` to PNG, same size | ≤ 1× |
| analysis | ``sysmap analyse plain.graphml --format json`` | ``nx.read_graphml``, igraph betweenness + multilevel, ``nx.constraint`` | ≤ 2× |
| layout | ``sysmap export plain.graphml --layout force -o out.graphml`` | ``nx.read_graphml``, igraph FR (grid), ``nx.write_graphml`` | ≤ 2× |
| info | ``sysmap info plain.graphml`` (and ``own.graphml``) | ``nx.read_graphml`` of the same file | ≤ 1.5× |
| start | ``sysmap --help``; ``sysmap info`` on a 40-stakeholder map | — | ≤ 0.3 s / ≤ 0.5 s CPU |
"""  # noqa: E501

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

import networkx as nx
import pytest

from sysmap.io import save_map
from sysmap.model import SystemMap
from tests.benchmarks.timing import Clocks, record, reference_map

ROUNDS = 3
START_ROUNDS = 7
pytestmark = pytest.mark.timeout(3600)  # whole commands, three of each, on a busy machine


def _sysmap() -> list[str]:
    script = Path(sys.executable).with_name("sysmap")
    return [str(script)] if script.exists() else [sys.executable, "-m", "sysmap"]


def _run(command: list[str], runs: Clocks, cwd: Path) -> str:
    """Run ``command`` to its end; add its CPU (from ``wait4``) and wall seconds to ``runs``."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        process = subprocess.Popen(command, stdout=out, stderr=err, cwd=cwd, env=env)
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        assert process.returncode == 0, err.read().decode()[-2000:]
        out.seek(0)
        text = out.read().decode()
    runs.cpu.append(usage.ru_utime + usage.ru_stime)
    runs.wall.append(wall)
    return text


def _alternate(ours: list[str], theirs: list[str], rounds: int, cwd: Path) -> tuple[Clocks, Clocks]:
    mine, baseline = Clocks(), Clocks()
    for _ in range(rounds):
        _run(theirs, baseline, cwd)
        _run(ours, mine, cwd)
    return mine, baseline


def _script(code: str, *args: str) -> list[str]:
    return [sys.executable, "-c", textwrap.dedent(code), *args]


def _plain_copy(system_map: SystemMap) -> nx.MultiDiGraph:
    """The map as a plain networkx graph: scalar attributes only, as any tool would write."""
    graph = nx.MultiDiGraph()
    for node, data in system_map.graph.nodes(data=True):
        graph.add_node(
            node,
            label=str(data.get("label", node)),
            sector=str(data.get("sector", "")),
            place=str(data.get("place", "")),
            x=float(data["x"]),
            y=float(data["y"]),
        )
    for source, target, key, data in system_map.graph.edges(keys=True, data=True):
        graph.add_edge(
            source,
            target,
            key=key,
            relation=str(data.get("relation") or ""),
            status=str(data.get("status", "active")),
        )
    return graph


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("commands")
    system_map = reference_map(5000)
    plain, own = folder / "plain.graphml", folder / "own.graphml"
    nx.write_graphml(_plain_copy(system_map), plain)
    save_map(system_map, own)
    return {"plain": plain, "own": own, "folder": folder}


def _row(
    benchmark, work: str, mine: Clocks, baseline: Clocks | None, budget: float | str, limit: float
) -> float:  # type: ignore[no-untyped-def]
    value = mine.cpu_median / baseline.cpu_median if baseline is not None else mine.cpu_median
    met = value <= limit
    record(
        benchmark,
        work,
        mine.cpu_median,
        str(budget),
        met,
        baseline=None if baseline is None else baseline.cpu_median,
        sysmap_wall_s=mine.wall_median,
        baseline_wall_s=None if baseline is None else baseline.wall_median,
        sysmap_cpu_runs=mine.cpu,
        baseline_cpu_runs=None if baseline is None else baseline.cpu,
    )
    return value


PNG_SCRIPT = """
    import struct, sys
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import networkx as nx
    graph = nx.read_graphml(sys.argv[1])
    width, height = (int(v) for v in sys.argv[3:5])
    pos = {n: (float(d["x"]), -float(d["y"])) for n, d in graph.nodes(data=True)}
    palette = {}
    colours = [palette.setdefault(d["sector"], f"C{len(palette)}") for _, d in graph.nodes(data=True)]
    fig = plt.figure(figsize=(width / 100, height / 100), dpi=100)
    nx.draw(graph, pos, node_color=colours, node_size=12, width=0.3, with_labels=False, arrows=False)
    fig.savefig(sys.argv[2], format="png", dpi=100)
"""  # noqa: E501


def _png_size(path: Path) -> tuple[int, int]:
    import struct

    width, height = struct.unpack(">II", path.read_bytes()[16:24])
    return width, height


def test_png_export_as_a_whole_command(benchmark, files: dict[str, Path]) -> None:
    folder, plain = files["folder"], files["plain"]
    ours = [*_sysmap(), "export", str(plain), "-o", "ours.png"]
    _run(ours, Clocks(), folder)  # warm the disk cache and font cache; gives the picture's size
    width, height = _png_size(folder / "ours.png")
    theirs = _script(PNG_SCRIPT, str(plain), "theirs.png", str(width), str(height))
    mine, baseline = benchmark.pedantic(
        lambda: _alternate(ours, theirs, ROUNDS, folder), rounds=1, iterations=1
    )
    ratio = _row(benchmark, "PNG of a 5k map as a whole command", mine, baseline, "≤ 1×", 1.0)
    assert _png_size(folder / "theirs.png") == (width, height)
    assert ratio <= 1.0, f"sysmap export to PNG took {ratio:.2f}× the matplotlib script"


ANALYSIS_SCRIPT = """
    import sys
    import igraph
    import networkx as nx
    graph = nx.Graph(nx.read_graphml(sys.argv[1]))
    index = {n: i for i, n in enumerate(graph)}
    tied = igraph.Graph(n=len(index), edges=[(index[a], index[b]) for a, b in graph.edges])
    tied.betweenness()
    tied.community_multilevel()
    nx.constraint(graph)
"""


def test_analyse_as_a_whole_command(benchmark, files: dict[str, Path]) -> None:
    folder, plain = files["folder"], files["plain"]
    ours = [*_sysmap(), "analyse", str(plain), "--format", "json", "-o", "analysis.json"]
    theirs = _script(ANALYSIS_SCRIPT, str(plain))
    mine, baseline = benchmark.pedantic(
        lambda: _alternate(ours, theirs, ROUNDS, folder), rounds=1, iterations=1
    )
    ratio = _row(
        benchmark, "analyse a 5k map (json) as a whole command", mine, baseline, "≤ 2×", 2.0
    )
    assert ratio <= 2.0, f"sysmap analyse took {ratio:.2f}× the igraph + networkx script"


LAYOUT_SCRIPT = """
    import sys
    import igraph
    import networkx as nx
    graph = nx.read_graphml(sys.argv[1])
    index = {n: i for i, n in enumerate(graph)}
    simple = {(min(index[a], index[b]), max(index[a], index[b])) for a, b in graph.edges()}
    layout = igraph.Graph(n=len(index), edges=sorted(simple)).layout_fruchterman_reingold(grid=True)
    for node, (x, y) in zip(graph, layout.coords):
        graph.nodes[node]["x"], graph.nodes[node]["y"] = x, y
    nx.write_graphml(graph, sys.argv[2])
"""


def test_force_layout_as_a_whole_command(benchmark, files: dict[str, Path]) -> None:
    folder, plain = files["folder"], files["plain"]
    ours = [*_sysmap(), "export", str(plain), "--layout", "force", "-o", "laid.graphml"]
    theirs = _script(LAYOUT_SCRIPT, str(plain), "theirs.graphml")
    mine, baseline = benchmark.pedantic(
        lambda: _alternate(ours, theirs, ROUNDS, folder), rounds=1, iterations=1
    )
    ratio = _row(
        benchmark, "force layout of a 5k map as a whole command", mine, baseline, "≤ 2×", 2.0
    )
    assert ratio <= 2.0, f"sysmap export --layout force took {ratio:.2f}× the igraph script"


READ_SCRIPT = """
    import sys
    import networkx as nx
    nx.read_graphml(sys.argv[1])
"""


@pytest.mark.parametrize("which", ["plain", "own"])
def test_info_as_a_whole_command(benchmark, files: dict[str, Path], which: str) -> None:
    folder, path = files["folder"], files[which]
    ours = [*_sysmap(), "info", str(path)]
    theirs = _script(READ_SCRIPT, str(path))
    mine, baseline = benchmark.pedantic(
        lambda: _alternate(ours, theirs, ROUNDS, folder), rounds=1, iterations=1
    )
    work = f"sysmap info on a 5k map ({which} file) vs nx.read_graphml, whole processes"
    ratio = _row(benchmark, work, mine, baseline, "≤ 1.5×", 1.5)
    assert ratio <= 1.5, f"sysmap info took {ratio:.2f}× nx.read_graphml ({which} file)"


@pytest.mark.parametrize(
    ("args", "limit"), [(("--help",), 0.3), (("info", "reoffending"), 0.5)], ids=["help", "info"]
)
def test_command_start(benchmark, tmp_path: Path, args: tuple[str, ...], limit: float) -> None:
    mine = Clocks()
    benchmark.pedantic(
        lambda: [_run([*_sysmap(), *args], mine, tmp_path) for _ in range(START_ROUNDS)],
        rounds=1,
        iterations=1,
    )
    cpu = _row(benchmark, f"sysmap {' '.join(args)} (CPU)", mine, None, f"≤ {limit} s", limit)
    assert cpu <= limit, f"sysmap {' '.join(args)} took {cpu:.2f} s of CPU"
