"""What a ``sysmap`` sub-command is, and helpers every command shares."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import TextIO

from sysmap.io import LoadResult
from sysmap.workspace import open_map

MAP_HELP = (
    "a map file, or the short name of an example "
    "(reoffending, rough-sleeping, addiction, levelling-up)"
)


@dataclass(frozen=True)
class Command:
    """A sub-command: its name, one-line help, how it reads arguments and what it does.

    ``run`` returns the exit status: 0 on success, 1 when the input cannot be used.
    """

    name: str
    help: str
    add_arguments: Callable[[argparse.ArgumentParser], None]
    run: Callable[[argparse.Namespace], int]
    order: int = 50


def add_map_argument(parser: argparse.ArgumentParser) -> None:
    """Add the MAP positional argument and ``--input-format``."""
    parser.add_argument("map", metavar="MAP", help=MAP_HELP)
    parser.add_argument(
        "--input-format", metavar="FORMAT", help="read MAP as this format instead of detecting it"
    )


def load(args: argparse.Namespace) -> LoadResult:
    """Open the map named by ``args.map``."""
    return open_map(args.map, getattr(args, "input_format", None))


def say(text: str = "", stream: TextIO | None = None) -> None:
    """Print a line to standard output (or ``stream``)."""
    print(text, file=stream or sys.stdout)
