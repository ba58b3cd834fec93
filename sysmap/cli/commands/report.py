"""``sysmap report MAP -o OUT.html``: the analysis as one self-contained HTML report.

The report holds the map with its legend, every finding with its numbers and the map drawn
with each overlay, the charts, and tables of stakeholders and relationships. It opens in any
browser, offline, and prints on A4. Drawing the map needs Qt, which is loaded only here.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from sysmap.cli.command import (
    Command,
    add_analysis_arguments,
    add_map_argument,
    check_analysis_arguments,
    load,
    say,
)
from sysmap.model.errors import MapFileError


def _add_arguments(parser: argparse.ArgumentParser) -> None:
    add_map_argument(parser)
    parser.add_argument(
        "-o", "--output", required=True, metavar="OUT", help="the HTML file to write"
    )
    parser.add_argument(
        "--compare",
        metavar="OLD",
        help="add a section on what changed since the map OLD: the changes drawn on the map, "
        "tables of them, and what they did to the analysis",
    )
    parser.add_argument(
        "--colour-by",
        default="sector",
        metavar="ATTR",
        help="what the map's colours show (default: sector)",
    )
    add_analysis_arguments(parser)


def _run(args: argparse.Namespace) -> int:
    check_analysis_arguments(args)
    out = Path(args.output)
    if out.suffix.lower() not in (".html", ".htm"):
        raise MapFileError(
            str(out), "a report is an HTML file", hint="Name it with .html.", action="write"
        )
    system_map = load(args).map
    compare_with = None
    if args.compare:
        from sysmap.combine.merge import map_names
        from sysmap.workspace import open_map

        name = map_names([args.compare, args.map], repeats=True)[0]
        compare_with = (open_map(args.compare).map, name)
    # Imported here: the report draws the map with Qt, which other commands must not load.
    from sysmap.report import write_report

    write_report(
        system_map,
        out,
        by=args.by,
        scenario=args.scenario,
        seed=args.seed,
        permutations=args.permutations,
        colour_by=args.colour_by,
        compare_with=compare_with,
    )
    size = out.stat().st_size / 1_000_000
    say(f"Wrote the report on {system_map.title} to {out} ({size:.1f} MB).")
    return 0


COMMAND = Command(
    "report",
    "write a self-contained HTML report: the map, findings, charts and tables",
    _add_arguments,
    _run,
    order=35,
)
