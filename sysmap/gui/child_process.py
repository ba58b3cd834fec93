"""Running long work in a child process: progress and the result come back through a pipe.

Used where a worker thread is not enough: work that holds Python's interpreter lock for
seconds inside compiled code (the analysis of a big map), or that leaves memory behind
(parsing a big file). The child is a fresh interpreter (``spawn``); Cancel stops it. No Qt is
imported here (the child loads this module).

The child's ``target(*args, sender)`` sends ``("progress", fraction, stage)`` messages (see
:func:`sender_progress`), then one ``("done", ...)`` or ``("error", sentence, is_the_users)``.
Before that it may send ``("early", value)``: something the parent can use at once (the
first picture of a map still being built), handed to the caller's ``heard``.
"""

from __future__ import annotations

import contextlib
import importlib
import multiprocessing
import sys
import types
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from sysmap.model.errors import SysmapError
from sysmap.model.progress import Progress

if TYPE_CHECKING:
    from multiprocessing.connection import Connection

POLL_SECONDS = 0.05


def sender_progress(sender: Connection) -> Progress:
    """In the child: a progress whose reports go home through the pipe."""
    return Progress(lambda fraction, stage: sender.send(("progress", fraction, stage)))


@contextmanager
def _main_not_rerun(target: Callable[..., None]) -> Iterator[None]:
    """Start a child that does not run the parent's main script again.

    A ``spawn`` child first re-runs the parent's ``__main__`` (so that what it defines can
    be unpickled). Started by the ``sysmap-gui`` launcher, that script imports the whole
    window, Qt included: 1.3 s of the reading child's CPU before it opened the file
    (measured on a 5k map: 3.3 s instead of 2.0 s). The targets live in sysmap's modules,
    so the child needs none of it; a target from ``__main__`` still gets its script.
    """
    main = sys.modules.get("__main__")
    if main is None or getattr(target, "__module__", None) == "__main__":
        yield
        return
    sys.modules["__main__"] = types.ModuleType("__main__")  # only while the start is prepared
    try:
        yield
    finally:
        sys.modules["__main__"] = main


class Spare:
    """A child process started ahead of its work, its imports done, waiting to be told it.

    Starting a fresh interpreter and importing what reading a map needs takes 0.4 s on a
    quiet machine (more under load), before the file is opened at all. A spare started when
    the Open dialog shows is ready by the time the user has chosen the file.

    Parameters
    ----------
    name : str
        The process's name ("sysmap-open").
    preload : tuple of str
        Modules the child imports while it waits.
    """

    def __init__(self, name: str, preload: tuple[str, ...]) -> None:
        context = multiprocessing.get_context("spawn")
        jobs, self._jobs = context.Pipe(duplex=False)
        self.receiver, sender = context.Pipe(duplex=False)
        self.process = context.Process(
            target=_serve, args=(preload, jobs, sender), name=name, daemon=True
        )
        with _main_not_rerun(_serve):
            self.process.start()
        jobs.close()
        sender.close()

    def give(self, target: Callable[..., None], args: tuple[Any, ...]) -> bool:
        """Tell the child what to run; False if it can no longer take it."""
        if not self.process.is_alive():
            return False
        try:
            self._jobs.send((target, args))
        except OSError:
            return False
        return True

    def stop(self) -> None:
        """End the child unused (at once: it may still be importing)."""
        self._jobs.close()
        if self.process.is_alive():
            self.process.terminate()
        self.process.join(1)
        self.receiver.close()


def _serve(preload: tuple[str, ...], jobs: Connection, sender: Connection) -> None:
    """In a spare child: import ahead, then run the one job the parent sends."""
    for module in preload:
        with contextlib.suppress(ImportError):  # the job imports what it needs, or says why
            importlib.import_module(module)
    try:
        target, args = jobs.recv()
    except (EOFError, OSError):
        return  # not needed after all
    target(*args, sender)


def run_in_child(
    name: str,
    target: Callable[..., None],
    args: tuple[Any, ...],
    progress: Progress,
    doing: str,
    refusal: type[SysmapError] = SysmapError,
    heard: Callable[[Any], object] | None = None,
    spare: Spare | None = None,
) -> tuple[Any, ...]:
    """Run ``target`` in a child process; return what its ``done`` message carries.

    Parameters
    ----------
    name : str
        The process's name ("sysmap-analysis").
    target, args : callable, tuple
        What the child runs; it is given ``*args`` and the pipe's sending end.
    progress : Progress
        Hears each progress message; its Cancel is polled every :data:`POLL_SECONDS`, and
        stops the child.
    doing : str
        What the child does, for a message ("reading the map").
    refusal : type
        The error raised with the child's sentence when the input cannot be used.
    heard : callable, optional
        Given what each ``early`` message carries, on this (the calling) thread.
    spare : Spare, optional
        A child started ahead to run ``target`` in (a fresh one is started if it cannot).

    Raises
    ------
    Cancelled
        If the user cancelled; the child has been stopped.
    SysmapError
        (of type ``refusal``) If the child refused the input, with its sentence.
    RuntimeError
        If the child failed unexpectedly or stopped without a result.
    """
    if spare is not None and spare.give(target, args):
        child, receiver = spare.process, spare.receiver
    else:
        if spare is not None:
            spare.stop()
        context = multiprocessing.get_context("spawn")  # a clean interpreter, on every platform
        receiver, sender = context.Pipe(duplex=False)
        child = context.Process(target=target, args=(*args, sender), name=name, daemon=True)
        with _main_not_rerun(target):
            child.start()
        sender.close()
    lost = f"The process {doing} stopped without a result."
    try:
        while True:
            progress.check()
            if receiver.poll(POLL_SECONDS):
                message = receiver.recv()
                if message[0] == "progress":
                    progress.report(float(message[1]), str(message[2]))
                elif message[0] == "early":
                    if heard is not None:
                        heard(message[1])
                elif message[0] == "done":
                    return tuple(message[1:])
                elif message[2]:
                    raise refusal(str(message[1]))
                else:
                    raise RuntimeError(str(message[1]))
            elif not child.is_alive():
                raise RuntimeError(lost)
    except EOFError as exc:
        raise RuntimeError(lost) from exc
    finally:
        if child.is_alive():
            child.terminate()
        child.join(5)
        receiver.close()
