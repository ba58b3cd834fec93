"""Entry point of the ``sysmap`` command.

``sysmap`` alone, or ``sysmap MAP``, opens the desktop app; ``sysmap COMMAND …`` runs a
command headless. Exit status: 0 on success, 1 when the input cannot be used (with one
sentence on standard error, never a traceback), 2 on a usage error.
"""

from __future__ import annotations

import argparse
import importlib
import os
import pkgutil
import sys
from collections.abc import Sequence

import sysmap
from sysmap.cli import commands as commands_package
from sysmap.cli.command import Command
from sysmap.model.errors import SysmapError


def discover_commands() -> list[Command]:
    """Return every command defined in :mod:`sysmap.cli.commands`, in help order."""
    found = []
    for info in pkgutil.iter_modules(commands_package.__path__):
        module = importlib.import_module(f"{commands_package.__name__}.{info.name}")
        command = getattr(module, "COMMAND", None)
        if isinstance(command, Command):
            found.append(command)
    return sorted(found, key=lambda c: (c.order, c.name))


def build_parser(commands: list[Command], chosen: str | None = None) -> argparse.ArgumentParser:
    """Build the argument parser with one sub-parser per command.

    With ``chosen``, only that command's sub-parser is given its arguments: the others are
    never used in this run, and filling them would import what their defaults come from
    (``sysmap --help`` would load the analysis to print one line per command).
    """
    parser = argparse.ArgumentParser(
        prog="sysmap",
        description="Map the system behind a policy problem and find its silos and "
        "missing links. Run 'sysmap' or 'sysmap MAP' to open the app.",
    )
    parser.add_argument("--version", action="version", version=f"sysmap {sysmap.__version__}")
    parser.add_argument(
        "--debug", action="store_true", help="show full details of unexpected errors"
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for command in commands:
        sub_parser = sub.add_parser(command.name, help=command.help, description=command.help)
        if chosen is None or command.name == chosen:
            command.add_arguments(sub_parser)
        sub_parser.set_defaults(handler=command.run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``sysmap`` command and return its exit status."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    commands = discover_commands()
    names = {c.name for c in commands}
    first = next((a for a in args_list if a != "--debug"), None)
    if first is None or (first not in names and not first.startswith("-")):
        # 'sysmap' or 'sysmap MAP': open the desktop app.
        args_list.insert(args_list.index(first) if first else len(args_list), "open")
    chosen = next((a for a in args_list if not a.startswith("-")), None)
    parser = build_parser(commands, chosen if chosen in names else "")
    args = parser.parse_args(args_list)
    if getattr(args, "handler", None) is None:
        parser.print_help()
        return 2
    try:
        code = int(args.handler(args))
        sys.stdout.flush()  # a closed pipe shows here, not in Python's flush at exit
        return code
    except SysmapError as exc:
        print(f"sysmap: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("sysmap: stopped.", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return _reader_went_away()
    except Exception as exc:
        if args.debug:
            raise
        print(
            f"sysmap: an unexpected error stopped the command ({type(exc).__name__}: "
            f"{exc}). Run again with --debug for details, and please report it.",
            file=sys.stderr,
        )
        return 1


def _reader_went_away() -> int:
    """End quietly when whoever reads our output stopped (``sysmap analyse MAP | head``).

    Standard output is pointed at the null device so Python's own flush at exit does not
    raise again; the status is 128 + SIGPIPE, as a program stopped by the signal reports.
    """
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # stdout is not a real file (a test's capture)
        pass
    return 141


if __name__ == "__main__":
    raise SystemExit(main())
