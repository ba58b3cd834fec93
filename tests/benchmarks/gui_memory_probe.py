"""Open a map in a fresh main window and print the process's resident memory as JSON.

Run by ``test_gui_bench.py`` in a child process (``python gui_memory_probe.py MAP``), so that
nothing the test process holds counts. The map is opened the way a user opens it (File >
Open: read on a worker, drawn, fitted), its analysis is allowed to finish (the findings and
charts are part of an open map), and the window settles before the figures are read from
``/proc/self/status``: ``VmRSS`` (resident now) and ``VmHWM`` (the peak, while reading).
"""

from __future__ import annotations

import gc
import json
import os
import sys
import time
from pathlib import Path


def _status_mb(field: str) -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024  # kB
    raise LookupError(field)


def _wait(app: object, until: object, seconds: float) -> bool:
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        app.processEvents()  # type: ignore[attr-defined]
        if until():  # type: ignore[operator]
            return True
        time.sleep(0.01)
    return False


def main(path: str) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from sysmap.gui.app import application
    from sysmap.gui.main_window import MainWindow

    app = application()
    window = MainWindow()
    window.resize(1600, 1000)
    window.show()
    app.processEvents()
    before = _status_mb("VmRSS")
    assert window.files.open_path(Path(path), asked=True)
    opened = _wait(app, lambda: window.document is not None, 120)
    runner = window.analysis.runner
    analysed = _wait(app, lambda: runner.outcome is not None and runner.task is None, 180)
    _wait(app, lambda: False, 1.0)  # pictures redrawn in slices, tables filled
    gc.collect()
    _wait(app, lambda: False, 0.2)
    document = window.document
    figures = {
        "stakeholders": document.map.stakeholder_count if document is not None else 0,
        "opened": opened,
        "analysed": analysed,
        "rss_mb": round(_status_mb("VmRSS"), 1),
        "peak_rss_mb": round(_status_mb("VmHWM"), 1),
        "empty_window_rss_mb": round(before, 1),
    }
    print(json.dumps(figures))
    window.analysis.cancel()
    window.show_start_page()
    window.close()


if __name__ == "__main__":
    main(sys.argv[1])
