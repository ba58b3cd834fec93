"""``sysmap merge A B [C …] -o OUT``: one map from maps drawn by different tables or teams.

Stakeholders are matched across the maps (the same organisation named "DWP", "Department
for Work and Pensions", "Dept. for Work & Pensions"); relationships are combined, each
saying which maps drew it. With ``--matches FILE`` the merge is reviewed first: when FILE
does not exist yet, every proposed match and conflict is written there and nothing else;
the user edits its ``decision`` column and runs the same command again, which merges with
those decisions. The first map takes precedence in conflicts until they are settled.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from sysmap.cli.command import MAP_HELP, Command, say

if TYPE_CHECKING:  # the rest is imported when the command runs: 'sysmap --help' stays quick
    from sysmap.combine.merge import MergeResult

SHOWN_CONFLICTS = 10


def _add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("first", metavar="MAP", help=MAP_HELP + "; the first map wins conflicts")
    parser.add_argument("others", metavar="MAP", nargs="+", help="the other maps to merge in")
    parser.add_argument(
        "-o", "--output", required=True, metavar="OUT", help="the merged map to write"
    )
    parser.add_argument(
        "--matches",
        metavar="FILE",
        help="review first: write the proposed matches and conflicts to this CSV if it does "
        "not exist; merge with the decisions in it if it does",
    )
    parser.add_argument("--title", help="the merged map's title (default: what the titles share)")


def _run(args: argparse.Namespace) -> int:
    from sysmap.combine.merge import check_maps, map_names, merge_maps
    from sysmap.combine.review_file import read_matches, write_matches
    from sysmap.io import atomic_write, save_map
    from sysmap.model.system_map import SystemMap
    from sysmap.workspace import open_map

    texts = [args.first, *args.others]
    names = map_names(texts)
    check_maps([SystemMap()] * len(names), names)  # refuse nonsense before reading anything
    maps = [open_map(text).map for text in texts]
    out = Path(args.output)
    matches = Path(args.matches) if args.matches else None
    if matches is not None and not matches.exists():
        result = merge_maps(maps, names, title=args.title)
        atomic_write(matches, write_matches(result.plan, result.conflicts), keep_backup=False)
        counts = result.plan.counts()
        say(
            f"Wrote {sum(counts.values())} proposed matches ({counts['uncertain']} uncertain, "
            f"listed first) and {len(result.conflicts)} conflicts to {matches}."
        )
        say(
            "Check the 'decision' column (accept or reject; the value to keep in a conflict), "
            f"then run the same command again to write {out}."
        )
        return 0
    decisions, choices = {}, {}
    if matches is not None:
        review = read_matches(matches, maps, names)
        decisions, choices = review.decisions, review.choices
    result = merge_maps(maps, names, decisions, choices, title=args.title)
    save_map(result.map, out)
    _report(result, out, matches)
    return 0


def _report(result: MergeResult, out: Path, matches: Path | None) -> None:
    say(f"Wrote {out}.")
    for line in result.summary():
        say(line)
    for conflict in result.conflicts[:SHOWN_CONFLICTS]:
        say(f"  {conflict.sentence()}")
    if len(result.conflicts) > SHOWN_CONFLICTS:
        say(f"  … and {len(result.conflicts) - SHOWN_CONFLICTS} more (in the merged file).")
    uncertain = result.plan.outcomes()["waiting"]
    if uncertain and matches is None:
        say(
            f"Review the {uncertain} uncertain matches, and settle the conflicts, with "
            "--matches FILE."
        )


COMMAND = Command(
    "merge",
    "merge maps drawn by different tables or teams into one, matching their stakeholders",
    _add_arguments,
    _run,
    order=45,
)
