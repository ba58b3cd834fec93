"""matplotlib (about 50 MB resident) is loaded only when a chart is first drawn.

Checked in a fresh child process, since the test process has long since imported it.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

SCRIPT = """
import json, sys
from sysmap.gui.app import application
from sysmap.gui.main_window import MainWindow

app = application()
window = MainWindow()
window.resize(1200, 800)
window.show()
app.processEvents()
built = sorted(name for name in ("matplotlib", "igraph") if name in sys.modules)
window.analysis.charts_dock.show()  # the Charts panel shown with nothing to chart yet
app.processEvents()
shown = sorted(name for name in ("matplotlib", "igraph") if name in sys.modules)
print(json.dumps({"built": built, "shown": shown, "figure": window.analysis.charts.figure}))
"""


def test_the_window_starts_without_matplotlib() -> None:
    out = subprocess.run(
        [sys.executable, "-c", SCRIPT],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    loaded = json.loads(out.stdout.strip().splitlines()[-1])
    assert loaded == {"built": [], "shown": [], "figure": None}
