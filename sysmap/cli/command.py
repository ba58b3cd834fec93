"""What a ``sysmap`` sub-command is, and helpers every command shares."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from sysmap.model.errors import ValidationError

if TYPE_CHECKING:  # imported where used: a command loads only what it needs, at once
    from sysmap.io import LoadResult
    from sysmap.io.remap import AttributeRemap

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
    """Add the MAP positional argument, ``--input-format`` and ``--map-attr``."""
    from sysmap.io.remap import TARGETS

    parser.add_argument("map", metavar="MAP", help=MAP_HELP)
    parser.add_argument(
        "--input-format", metavar="FORMAT", help="read MAP as this format instead of detecting it"
    )
    parser.add_argument(
        "--map-attr",
        metavar="COLUMN=FIELD",
        action="append",
        type=_remap_argument,
        default=[],
        help="put a column of MAP onto a sysmap field as it opens, matching its values "
        f"to the map's own ({', '.join(TARGETS)}); e.g. --map-attr Type=sector. Repeatable.",
    )


def add_analysis_arguments(parser: argparse.ArgumentParser) -> None:
    """Add how to analyse a map: ``--by``, ``--scenario``, ``--seed`` and ``--permutations``."""
    from sysmap.analysis.permutation import PERMUTATIONS, SEED

    parser.add_argument(
        "--by",
        action="append",
        metavar="ATTR",
        help="group stakeholders by this attribute (repeatable; default: sector and place)",
    )
    parser.add_argument(
        "--scenario",
        choices=("as-is", "to-be"),
        default="as-is",
        help="to-be counts proposed relationships as working ties (default: as-is)",
    )
    parser.add_argument(
        "--seed", type=int, default=SEED, help="seed for the permutation tests and communities"
    )
    parser.add_argument(
        "--permutations",
        type=int,
        default=PERMUTATIONS,
        metavar="N",
        help=f"label shuffles per permutation test (default {PERMUTATIONS:,})",
    )


def check_analysis_arguments(args: argparse.Namespace) -> None:
    """Refuse analysis settings that cannot work.

    Raises
    ------
    ValidationError
        If fewer than one permutation is asked for.
    """
    if args.permutations < 1:
        raise ValidationError("--permutations must be at least 1.")


def _remap_argument(text: str) -> AttributeRemap:
    from sysmap.io.remap import AttributeRemap

    try:
        return AttributeRemap.parse(text)
    except ValidationError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def load(args: argparse.Namespace) -> LoadResult:
    """Open the map named by ``args.map``, putting ``--map-attr`` columns onto fields."""
    from sysmap.workspace import open_map

    return open_map(
        args.map, getattr(args, "input_format", None), getattr(args, "map_attr", None) or ()
    )


def say(text: str = "", stream: TextIO | None = None) -> None:
    """Print a line to standard output (or ``stream``)."""
    print(text, file=stream or sys.stdout)


def write_or_say(output: str | None, text: str, wrote: Callable[[Path], str]) -> None:
    """Write ``text`` to the file ``output`` (atomically) and say ``wrote(path)``, or, with no
    ``output``, print ``text`` to the screen."""
    if not output:
        say(text.rstrip("\n"))
        return
    from sysmap.io import atomic_write  # here: printing needs no reader or writer

    path = Path(output)
    atomic_write(path, text.encode("utf-8"), keep_backup=False)
    say(wrote(path))
