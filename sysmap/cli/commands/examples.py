"""``sysmap examples``: list the example systems that ship with sysmap."""

from __future__ import annotations

import argparse

from sysmap.cli.command import Command, say
from sysmap.io.examples import EXAMPLES, WORKSHOP_TABLES, Example


def _add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.epilog = "Open one with 'sysmap NAME', or use NAME wherever a command wants a MAP."


def _run(args: argparse.Namespace) -> int:
    rows = [("NAME", "TITLE", "STAKEHOLDERS", "RELATIONSHIPS")]
    rows += [_row(example) for example in EXAMPLES]
    tables = [_row(example) for example in WORKSHOP_TABLES]
    widths = [max(len(row[i]) for row in rows + tables) for i in range(2)]
    for name, title, people, links in rows:
        say(f"{name:<{widths[0]}}  {title:<{widths[1]}}  {people:>12}  {links:>13}")
    say("-- three tables of a reoffending workshop, to merge with 'sysmap merge':")
    for name, title, people, links in tables:
        say(f"{name:<{widths[0]}}  {title:<{widths[1]}}  {people:>12}  {links:>13}")
    return 0


def _row(example: Example) -> tuple[str, str, str, str]:
    from sysmap.io import load_map

    system_map = load_map(example.path).map
    return (
        example.name,
        system_map.title,
        str(system_map.stakeholder_count),
        str(system_map.relationship_count),
    )


COMMAND = Command(
    "examples", "list the example maps that ship with sysmap", _add_arguments, _run, order=10
)
