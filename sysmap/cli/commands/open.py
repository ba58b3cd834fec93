"""``sysmap open [MAP]`` (or just ``sysmap [MAP]``): open the desktop app."""

from __future__ import annotations

import argparse

from sysmap.cli.command import MAP_HELP, Command


def _add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("map", metavar="MAP", nargs="?", help=MAP_HELP)


def _run(args: argparse.Namespace) -> int:
    # Imported here: the app needs Qt, and the headless commands must not load it.
    from sysmap.gui.app import run_app

    return int(run_app(args.map))


COMMAND = Command(
    "open",
    "open the desktop app, optionally with a map (the default command)",
    _add_arguments,
    _run,
    order=0,
)
