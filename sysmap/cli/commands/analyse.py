"""``sysmap analyse MAP``: silos, missing links, brokers and the citizen's view, explained.

Text output reads as a briefing for a policy lead; Markdown is the same briefing for pasting
into documents; JSON is the full result (the structure of methods.md §6).
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

from sysmap.cli.command import (
    Command,
    add_analysis_arguments,
    add_map_argument,
    check_analysis_arguments,
    load,
    write_or_say,
)
from sysmap.cli.json_text import dumps_indented

FORMATS = ("text", "json", "markdown")


def _add_arguments(parser: argparse.ArgumentParser) -> None:
    add_map_argument(parser)
    parser.add_argument(
        "--format", choices=FORMATS, default="text", help="text (default), json or markdown"
    )
    parser.add_argument(
        "-o", "--output", metavar="OUT", help="write to this file instead of the screen"
    )
    add_analysis_arguments(parser)


def _run(args: argparse.Namespace) -> int:
    from sysmap.model.bulk import paused_gc

    check_analysis_arguments(args)
    # Reading and analysing a big map makes a million objects that live to the end, none
    # of them garbage, and the cycle collector would walk them all again each time they grow
    # by a quarter: six full passes at 5,000 stakeholders, half a second of CPU (issue 17).
    with paused_gc():
        text, said = _analysis_text(args)
    write_or_say(args.output, text, said)
    return 0


def _analysis_text(args: argparse.Namespace) -> tuple[str, Callable[[Path], str]]:
    """The analysis of ``args.map`` in the chosen format, and what to say once it is written."""
    from sysmap.analysis import analyse, render_markdown, render_text
    from sysmap.analysis.size_limit import check_analysable
    from sysmap.model.errors import MapFileError, ValidationError

    system_map = load(args).map
    try:
        check_analysable(system_map.stakeholder_count)
    except ValidationError as exc:  # named with its file, before any time goes into it
        raise MapFileError.refused(args.map, exc, action="analyse") from None
    result = analyse(
        system_map,
        by=args.by,
        scenario=args.scenario,
        seed=args.seed,
        permutations=args.permutations,
    )
    if args.format == "json":
        text = dumps_indented(result.to_json()) + "\n"
    elif args.format == "markdown":
        text = render_markdown(result)
    else:
        text = render_text(result)
    findings = len(result.findings)
    return (
        text,
        lambda out: f"Wrote the analysis of {system_map.title} to {out} ({findings} findings).",
    )


COMMAND = Command(
    "analyse",
    "find silos, missing links, brokers and single points of failure, explained",
    _add_arguments,
    _run,
    order=30,
)
