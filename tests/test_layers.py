"""The core runs without Qt: importing it, and running headless commands, never loads PySide6."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

CHECK = """
import sys
import sysmap.model, sysmap.io, sysmap.layout, sysmap.workspace, sysmap.combine, sysmap.cli.main
from sysmap.cli.main import main
import contextlib, io
with contextlib.redirect_stdout(io.StringIO()):
    assert main(["examples"]) == 0
    assert main(["info", "reoffending"]) == 0
    assert main(["export", "reoffending", "-o", sys.argv[1]]) == 0
    merged = sys.argv[1] + ".merged.graphml"
    assert main(["merge", "reoffending-justice", "reoffending-health", "-o", merged]) == 0
import sysmap.analysis
loaded = sorted(m for m in sys.modules if m.startswith(("PySide6", "shiboken6")))
print(",".join(loaded))
"""


def test_core_and_headless_commands_never_load_qt(tmp_path) -> None:
    out = tmp_path / "map.graphml"
    result = subprocess.run(
        [sys.executable, "-c", CHECK, str(out)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "", f"Qt was loaded: {result.stdout}"
    assert out.exists()


def test_import_linter_contracts_hold() -> None:
    lint_imports = Path(sys.executable).parent / "lint-imports"
    result = subprocess.run(
        [str(lint_imports), "--no-cache"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "BROKEN" not in result.stdout


def _import_cycles(package: str = "sysmap") -> list[str]:
    """Each import cycle among ``package``'s modules, with the imports that make it.

    Every import counts: at the top of a module, inside a function (a lazy import), and
    under ``if TYPE_CHECKING:`` (a module that names another only in its type hints still
    cannot be read, or moved, without it).
    """
    import grimp
    import networkx as nx

    graph = grimp.build_graph(package, include_external_packages=False, cache_dir=None)
    imports = nx.DiGraph()
    for module in graph.modules:
        for imported in graph.find_modules_directly_imported_by(module):
            imports.add_edge(module, imported)
    found = []
    for part in nx.strongly_connected_components(imports):
        if len(part) > 1:
            edges = [
                f"{importer} -> {imported} (line "
                + ", ".join(
                    str(d["line_number"])
                    for d in graph.get_import_details(importer=importer, imported=imported)
                )
                + ")"
                for importer, imported in sorted(imports.subgraph(part).edges)
            ]
            found.append("; ".join(edges))
    return sorted(found)


def test_the_import_graph_has_no_cycles() -> None:
    # A module that must name another which names it back is one piece split in two, or
    # needs a small interface between (a protocol the lower module declares, or the shared
    # piece moved down into a module both import).
    cycles = _import_cycles()
    assert not cycles, "import cycles:\n" + "\n".join(cycles)


def test_the_cycle_check_counts_lazy_and_type_only_imports(tmp_path, monkeypatch) -> None:
    # The check above can fail: a package whose modules import each other only inside a
    # function, or only for type hints, has cycles, and a package importing one way has none.
    package = tmp_path / "cyclic"
    package.mkdir()
    files = {
        "__init__.py": "",
        "a.py": "def f():\n    from cyclic import b\n",
        "b.py": "import cyclic.a\n",
        "c.py": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from cyclic.d import D\n",
        "d.py": "from cyclic import c\nclass D: ...\n",
        "e.py": "from cyclic import d\n",
    }
    for name, text in files.items():
        (package / name).write_text(text, encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    assert _import_cycles("cyclic") == [
        "cyclic.a -> cyclic.b (line 2); cyclic.b -> cyclic.a (line 1)",
        "cyclic.c -> cyclic.d (line 3); cyclic.d -> cyclic.c (line 1)",
    ]


def test_nothing_outside_the_model_and_io_reads_the_map_s_storage() -> None:
    # Views and readers go through SystemMap's read-only views (stakeholder_fields,
    # positions, relationship_rows, network…): the storage's keys are the model's business.
    reads = re.compile(r"\.graph\b")
    found = [
        f"{path.relative_to(REPO)}:{number}: {line.strip()}"
        for path in sorted((REPO / "sysmap").rglob("*.py"))
        if path.parent.name not in ("model", "io") or path.parent.parent.name != "sysmap"
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if reads.search(line)
    ]
    assert not found, "\n".join(found)
