"""The core runs without Qt: importing it, and running headless commands, never loads PySide6."""

from __future__ import annotations

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
try:
    import sysmap.analysis
except ImportError:
    pass
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
