"""The window's child processes start without running the app's launcher script again."""

from __future__ import annotations

import sys
import types
from pathlib import Path

import pytest

from sysmap.gui.open_process import open_in_process
from sysmap.model.progress import Progress

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "addiction.graphml"


def test_a_reading_child_does_not_run_the_launcher_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The sysmap-gui launcher is a script that imports the whole window (Qt and all); a
    # spawned child would run it again before reading a byte. This one leaves a mark instead.
    mark = tmp_path / "ran"
    launcher = tmp_path / "sysmap-gui.py"
    launcher.write_text(f"open({str(mark)!r}, 'a').close()\n")
    main = types.ModuleType("__main__")
    main.__file__ = str(launcher)
    monkeypatch.setitem(sys.modules, "__main__", main)
    result = open_in_process(str(EXAMPLE), Progress())
    assert result.map.stakeholder_count > 0
    assert not mark.exists()
    assert sys.modules["__main__"] is main
