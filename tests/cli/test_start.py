"""Every command starts at once: it imports only what it uses.

``sysmap --help`` loads the command line and nothing else: no networkx, numpy, scipy, Qt or
matplotlib, and none of sysmap's readers, layouts or analysis. ``sysmap examples`` and
``sysmap info`` on a small map read GraphML with networkx and stop there. Checked by the
modules a fresh interpreter holds after the command, never by how long it took (that is a
budget, measured in ``tests/benchmarks/test_commands_bench.py``).
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

HEAVY = ("numpy", "scipy", "PySide6", "shiboken6", "matplotlib", "igraph", "openpyxl", "lxml")

_PROBE = r"""
import contextlib, io, json, sys
from sysmap.cli.main import main
with contextlib.redirect_stdout(io.StringIO()):
    try:
        code = main(sys.argv[1:])
    except SystemExit as exit:
        code = exit.code
print(json.dumps({"code": code, "modules": sorted(sys.modules)}))
"""


def _modules_after(*args: str) -> set[str]:
    """The modules a fresh interpreter has loaded after running ``sysmap ARGS``."""
    process = subprocess.run(
        [sys.executable, "-c", _PROBE, *args],
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
    )
    outcome = json.loads(process.stdout.splitlines()[-1])
    assert outcome["code"] == 0, process.stderr
    return set(outcome["modules"])


def _tops(modules: set[str]) -> set[str]:
    return {name.split(".")[0] for name in modules}


def test_help_loads_only_the_command_line() -> None:
    modules = _modules_after("--help")
    assert not _tops(modules) & {*HEAVY, "networkx"}, sorted(_tops(modules) & {*HEAVY})
    ours = {name for name in modules if name.startswith("sysmap")}
    # The command line, its commands' names and help, the error types and the list of
    # example maps (names and files): nothing that reads, lays out or analyses a map.
    expected = {"sysmap", "sysmap._lazy", "sysmap._data", "sysmap.io", "sysmap.io.examples"}
    expected |= {"sysmap.model", "sysmap.model.errors"}
    assert {name for name in ours if not name.startswith("sysmap.cli")} == expected


@pytest.mark.parametrize("args", [("examples",), ("info", "rough-sleeping")])
def test_examples_and_info_on_a_small_map_load_no_heavy_modules(args: tuple[str, ...]) -> None:
    modules = _modules_after(*args)
    assert not _tops(modules) & set(HEAVY), sorted(_tops(modules) & set(HEAVY))
    assert not any(name.startswith(("sysmap.layout", "sysmap.analysis.engine")) for name in modules)
    assert "sysmap.io.graphml_read" in modules  # it did read the map


def test_a_command_with_arguments_still_reads_them() -> None:
    # Only the chosen command's arguments are built; the others are never needed.
    from sysmap.cli.main import main

    with pytest.raises(SystemExit) as exited:
        main(["export", "reoffending"])  # -o is required
    assert exited.value.code == 2
