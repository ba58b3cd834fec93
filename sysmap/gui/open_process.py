"""Reading a big map file in a separate process, so the window keeps its memory and its pace.

Parsing a 20 MB file makes hundreds of thousands of short-lived Python objects. In the
window's own process the few that survive (the map's texts) stay scattered over memory that
the allocator then never gives back — about 150 MB for a 5,000-stakeholder map — and the
parse competes with the window for the interpreter lock. A child process reads the file and
sends the finished map home, where it is rebuilt compactly; the child's memory goes when it
ends. Progress comes back through the pipe, and Cancel stops the process. No Qt is imported
here (the child loads this module).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from contextlib import nullcontext
from multiprocessing.connection import Connection
from typing import Any

from sysmap.gui.child_process import Spare, run_in_child, sender_progress
from sysmap.io import LoadResult
from sysmap.io.map_preview import MapPreview, previewing
from sysmap.model.bulk import holding
from sysmap.model.errors import SysmapError
from sysmap.model.progress import Progress, reporting
from sysmap.workspace import open_map


def open_in_process(
    path: str, progress: Progress, preview: Callable[[MapPreview], object] | None = None
) -> LoadResult:
    """Open the map at ``path`` (as :func:`sysmap.workspace.open_map`) in a child process.

    ``preview``, if given, is handed the map's first picture (on the calling thread) as soon
    as the child has parsed a sysmap file, before the map is built and sent
    (:mod:`sysmap.io.map_preview`); not every file gives one.

    Raises
    ------
    Cancelled
        If the user cancelled; the child has been stopped.
    SysmapError
        If the file cannot be used (the reader's own sentence).
    RuntimeError
        If the child failed unexpectedly.
    """
    spare, _spares[:] = (_spares[0] if _spares else None), []
    done = run_in_child(
        "sysmap-open",
        _child,
        (path, preview is not None),
        progress,
        "reading the map",
        heard=preview,
        spare=spare,
    )
    result: LoadResult = done[0]
    return result


def warm_reader() -> None:
    """Start the process the next big map will be read in, so it is ready when chosen.

    Called as the Open dialog shows: the interpreter starts and imports the readers while
    the user picks the file. One is kept at most; :func:`drop_reader` ends it unused.
    """
    if not _spares or not _spares[0].process.is_alive():
        drop_reader()
        _spares.append(Spare("sysmap-open", _PRELOAD))


def drop_reader() -> None:
    """End the reading process started ahead, if it was not needed (a small file, Cancel)."""
    for spare in _spares:
        spare.stop()
    _spares.clear()


_spares: list[Spare] = []
"""The reading process started ahead (at most one), until a reading takes it."""
_PRELOAD = ("sysmap.gui.open_process", "sysmap.io.graphml_read", "lxml.etree")
"""What reading a big map imports: the workspace, networkx and the readers, lxml."""


def _child(path: str, previews: bool, sender: Connection) -> None:
    """Run in the child process: read the file, send progress (and a preview) and the map home."""

    message: tuple[Any, ...]
    listening = previewing(lambda p: sender.send(("early", p))) if previews else nullcontext()
    try:
        with reporting(sender_progress(sender)), holding(), listening:
            message = ("done", open_map(path))
    except SysmapError as exc:
        message = ("error", str(exc), True)
    except Exception as exc:  # reported to the window as one sentence
        message = ("error", f"Reading the map failed ({type(exc).__name__}: {exc}).", False)
    sender.send(message)
    sender.close()
    # The window waits for this process to end; freeing the map and the interpreter's
    # modules one object at a time would only make it wait longer (everything is sent).
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)
