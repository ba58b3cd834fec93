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

import multiprocessing
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import Any

from sysmap.io import LoadResult
from sysmap.io.progress import reporting
from sysmap.model.errors import SysmapError
from sysmap.workspace import open_map

POLL_SECONDS = 0.05


class OpenCancelledError(Exception):
    """The caller asked to stop: the child process was stopped."""


def open_in_process(
    path: str, progress: Callable[[float], None], cancelled: Callable[[], bool]
) -> LoadResult:
    """Open the map at ``path`` (as :func:`sysmap.workspace.open_map`) in a child process.

    Raises
    ------
    OpenCancelledError
        If ``cancelled()`` became true; the child has been stopped.
    SysmapError
        If the file cannot be used (the reader's own sentence).
    RuntimeError
        If the child failed unexpectedly.
    """
    context = multiprocessing.get_context("spawn")  # a clean interpreter, on every platform
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(target=_child, args=(path, sender), name="sysmap-open", daemon=True)
    child.start()
    sender.close()
    try:
        while True:
            if cancelled():
                raise OpenCancelledError
            if receiver.poll(POLL_SECONDS):
                message = receiver.recv()
                if message[0] == "progress":
                    progress(float(message[1]))
                elif message[0] == "done":
                    result: LoadResult = message[1]
                    return result
                elif message[2]:
                    raise SysmapError(str(message[1]))
                else:
                    raise RuntimeError(str(message[1]))
            elif not child.is_alive():
                raise RuntimeError("The process reading the map stopped without a result.")
    except EOFError as exc:
        raise RuntimeError("The process reading the map stopped without a result.") from exc
    finally:
        if child.is_alive():
            child.terminate()
        child.join(5)
        receiver.close()


def _child(path: str, sender: Connection) -> None:
    """Run in the child process: read the file, send progress and the map home."""

    def report(fraction: float) -> None:
        sender.send(("progress", fraction))

    message: tuple[Any, ...]
    try:
        with reporting(report):
            message = ("done", open_map(path))
    except SysmapError as exc:
        message = ("error", str(exc), True)
    except Exception as exc:  # reported to the window as one sentence
        message = ("error", f"Reading the map failed ({type(exc).__name__}: {exc}).", False)
    sender.send(message)
    sender.close()
