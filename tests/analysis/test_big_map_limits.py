"""Maps too big to analyse are refused with a sentence; igraph comes without matplotlib.

Issue 17: at the reader's old caps the analysis ran out of time and memory (the citizen's
routes are a table per citizen over every stakeholder). The limit is made small here, so a
15-stakeholder map stands for a 40,000-stakeholder one.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from sysmap.analysis import analyse, size_limit
from sysmap.cli.main import main
from sysmap.io import save_map
from sysmap.model import SystemMap
from sysmap.model.errors import ValidationError


def test_the_analysis_refuses_a_map_above_its_limit(
    monkeypatch: pytest.MonkeyPatch, salford: SystemMap
) -> None:
    monkeypatch.setattr(size_limit, "MAX_ANALYSED", 14)
    with pytest.raises(ValidationError, match="up to 14 stakeholders, and this one has 15"):
        analyse(salford, permutations=99)
    monkeypatch.setattr(size_limit, "MAX_ANALYSED", 15)
    assert analyse(salford, permutations=99).map.stakeholders == 15


def test_the_command_names_the_file_the_limit_and_what_to_do(
    monkeypatch: pytest.MonkeyPatch,
    salford: SystemMap,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = tmp_path / "national.graphml"
    save_map(salford, path)
    monkeypatch.setattr(size_limit, "MAX_ANALYSED", 10)
    assert main(["analyse", str(path), "-o", str(tmp_path / "out.txt")]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"sysmap: Cannot analyse {path}: sysmap analyses maps of up to 10 ")
    assert "this one has 15. Analyse part of it: save a region or a few sectors" in err
    assert "Traceback" not in err
    assert not (tmp_path / "out.txt").exists()


def test_igraph_comes_without_matplotlib_on_the_command_line() -> None:
    code = textwrap.dedent(
        """
        import sys
        from sysmap.analysis.igraph_import import load_igraph
        assert load_igraph().Graph(n=2, edges=[(0, 1)]).ecount() == 1
        assert "matplotlib" not in sys.modules
        import matplotlib  # still importable afterwards
        print(matplotlib.__name__)
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, timeout=120
    )
    assert (done.returncode, done.stdout.strip()) == (0, "matplotlib"), done.stderr
