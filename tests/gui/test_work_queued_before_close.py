"""Work queued for a later turn of the event loop never reaches a panel already deleted.

Showing the Charts panel and closing the window while a redraw was queued called into the
deleted panel (a RuntimeError, and on some machines a segmentation fault). Every
``QTimer.singleShot`` now names the object it works on, so Qt drops the call with the object.
"""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

import sysmap

SCRIPT = """
import time
import shiboken6
from sysmap.gui.app import application
from sysmap.gui.main_window import MainWindow

app = application()
window = MainWindow()
window.resize(1200, 800)
window.show()
window.files.open_example("reoffending")
window.analysis.charts_dock.show()
deadline = time.monotonic() + 300  # a wait, not a budget: a busy machine only takes longer
while window.analysis.charts.data is None and time.monotonic() < deadline:
    app.processEvents()
    time.sleep(0.01)
assert window.analysis.charts.data is not None, "the analysis never reached the Charts panel"
window.analysis.charts.set_data(window.analysis.charts.data)  # a redraw is now queued
window.close()
shiboken6.delete(window)  # gone before the queued redraw runs
for _ in range(50):
    app.processEvents()
print("closed cleanly")
"""


def test_closing_the_window_with_a_chart_redraw_queued_is_quiet() -> None:
    out = subprocess.run(
        [sys.executable, "-c", SCRIPT],
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert out.returncode == 0, out.stderr[-2000:]
    assert "Traceback" not in out.stderr, out.stderr[-2000:]
    assert out.stdout.strip().endswith("closed cleanly")


def _single_shots_without_context(path: Path) -> list[int]:
    """Lines of ``QTimer.singleShot(ms, callable)`` calls that name no context object."""
    lines = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "singleShot"
            and len(node.args) < 3
        ):
            lines.append(node.lineno)
    return lines


def test_every_queued_call_in_the_app_names_the_object_it_works_on() -> None:
    package = Path(sysmap.__file__).parent
    found = {
        str(path.relative_to(package)): lines
        for folder in ("gui", "canvas")
        for path in sorted((package / folder).rglob("*.py"))
        if (lines := _single_shots_without_context(path))
    }
    assert found == {}
