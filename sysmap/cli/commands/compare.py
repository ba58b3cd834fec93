"""``sysmap compare BEFORE AFTER``: what was added, removed and changed, and what it did to
the analysis.

Stakeholders are paired with the same matching as ``sysmap merge``, so a renamed
organisation shows as changed; pairs the matcher is unsure of are listed to check. Both maps
are analysed with the same settings (``--by``, ``--scenario``, ``--seed``), and the report
says which silo scores, group gaps, single points of failure, citizens' routes and findings
changed. ``--no-analysis`` compares the maps only.
"""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING

from sysmap.cli.command import (
    MAP_HELP,
    Command,
    add_analysis_arguments,
    check_analysis_arguments,
    write_or_say,
)

if TYPE_CHECKING:  # the rest is imported when the command runs: 'sysmap --help' stays quick
    from sysmap.combine.compare import MapComparison
    from sysmap.model.system_map import SystemMap

FORMATS = ("text", "json", "markdown")


def _add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("before", metavar="BEFORE", help=MAP_HELP + " (the earlier map)")
    parser.add_argument("after", metavar="AFTER", help="the later or edited map")
    parser.add_argument(
        "--format", choices=FORMATS, default="text", help="text (default), json or markdown"
    )
    parser.add_argument(
        "-o", "--output", metavar="OUT", help="write to this file instead of the screen"
    )
    parser.add_argument(
        "--no-analysis", action="store_true", help="compare the maps only, not their analysis"
    )
    add_analysis_arguments(parser)


def _run(args: argparse.Namespace) -> int:
    from sysmap.combine.compare_text import render_markdown, render_text, summary_line, to_json
    from sysmap.combine.merge import map_names
    from sysmap.workspace import open_map

    check_analysis_arguments(args)
    first, second = map_names([args.before, args.after], repeats=True)
    before, after = open_map(args.before).map, open_map(args.after).map
    comparison = compare(before, after, (first, second), args)
    if args.format == "json":
        text = json.dumps(to_json(comparison), ensure_ascii=False, indent=2) + "\n"
    elif args.format == "markdown":
        text = render_markdown(comparison)
    else:
        text = render_text(comparison)
    write_or_say(
        args.output, text, lambda out: f"Wrote the comparison to {out}. {summary_line(comparison)}"
    )
    return 0


def compare(
    before: SystemMap, after: SystemMap, names: tuple[str, str], args: argparse.Namespace
) -> MapComparison:
    """Compare two maps and, unless ``--no-analysis``, their analyses (same settings)."""
    from sysmap.analysis import analyse
    from sysmap.combine.analysis_changes import analysis_changes
    from sysmap.combine.compare import compare_maps

    comparison = compare_maps(before, after, names)
    if not getattr(args, "no_analysis", False):
        settings = {
            "by": args.by,
            "scenario": args.scenario,
            "seed": args.seed,
            "permutations": args.permutations,
        }
        comparison.analysis = analysis_changes(
            analyse(before, **settings), analyse(after, **settings), comparison.paired
        )
    return comparison


COMMAND = Command(
    "compare",
    "list what was added, removed and changed between two maps, and what it did to the analysis",
    _add_arguments,
    _run,
    order=46,
)
