"""``sysmap export MAP -o OUT``: write a map in another format, or as a picture.

The format comes from OUT's extension (``--format`` overrides it). Pictures (PNG, SVG, PDF)
are drawn by the canvas exactly as the app shows the map, with no display needed; with
``--overlay`` the picture shows an analysis overlay (silos, missing links, brokers or the
citizen's routes), drawn as the app's Analysis panel draws it; with ``--compare OLD`` it
shows what changed since OLD: added stakeholders and relationships in solid green, removed
ones (put back where they were) in dashed purple, changed ones tagged, the rest faded.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from sysmap.cli.command import Command, add_map_argument, load, say
from sysmap.model.errors import MapFileError, ValidationError

if TYPE_CHECKING:  # the rest is imported where used: 'sysmap --help' stays quick
    from sysmap.canvas.overlay import Overlay
    from sysmap.layout import Guide
    from sysmap.model.system_map import SystemMap

IMAGE_FORMATS = ("png", "svg", "pdf")
OVERLAYS = ("silos", "missing-links", "brokers", "citizen")
"""The overlay themes of :mod:`sysmap.canvas.overlay_themes` (listed here so that reading the
arguments does not load the canvas)."""
LAYOUT_NAMES = ("circular", "citizen", "force", "place", "power-interest", "sector")
"""The layouts of :data:`sysmap.layout.LAYOUTS` (listed here so that reading the arguments does
not load the layouts, and with them scipy)."""


def _add_arguments(parser: argparse.ArgumentParser) -> None:
    from sysmap.io import FORMATS

    add_map_argument(parser)
    parser.add_argument(
        "-o",
        "--output",
        required=True,
        metavar="OUT",
        help="the file to write; its extension chooses the format",
    )
    writable = [f.key for f in FORMATS if f.write] + list(IMAGE_FORMATS)
    parser.add_argument(
        "--format", choices=writable, help="write this format whatever OUT's extension"
    )
    parser.add_argument(
        "--layout", choices=sorted(LAYOUT_NAMES), help="lay the map out this way before writing it"
    )
    parser.add_argument(
        "--width",
        type=int,
        default=1600,
        metavar="PX",
        help="picture width in pixels (PNG; default 1600)",
    )
    parser.add_argument(
        "--transparent", action="store_true", help="PNG with a transparent background"
    )
    parser.add_argument(
        "--overlay",
        choices=OVERLAYS,
        help="draw an analysis overlay on the picture: silos, missing-links, brokers or citizen",
    )
    parser.add_argument(
        "--by",
        action="append",
        metavar="ATTR",
        help="with --overlay: group stakeholders by this attribute (repeatable; default: "
        "sector and place)",
    )
    parser.add_argument(
        "--compare",
        metavar="OLD",
        help="draw what changed since the map OLD (added, removed and changed, explained in "
        "the legend) on the picture",
    )


def _run(args: argparse.Namespace) -> int:
    result = load(args)
    system_map = result.map
    guides: tuple[Guide, ...] = ()
    if args.layout:
        from sysmap.layout import compute_layout

        laid_out = compute_layout(args.layout, system_map)
        system_map.move_stakeholders(laid_out.positions)
        guides = laid_out.guides
    out = Path(args.output)
    fmt = args.format or _format_from_extension(out)
    if (args.overlay or args.compare) and fmt not in IMAGE_FORMATS:
        raise MapFileError(
            str(out),
            f"{'a comparison' if args.compare else 'an overlay'} can only be drawn on a picture",
            hint="Write .png, .svg or .pdf.",
            action="write",
        )
    if args.overlay and args.compare:
        raise ValidationError("Draw either an analysis overlay or a comparison, not both.")
    if fmt in IMAGE_FORMATS:
        _export_image(system_map, out, fmt, args, guides)
    else:
        from sysmap.io import save_map

        save_map(system_map, out, fmt)
    say(
        f"Wrote {out} ({system_map.stakeholder_count} stakeholders, "
        f"{system_map.relationship_count} relationships)."
    )
    return 0


def _format_from_extension(out: Path) -> str:
    suffix = out.suffix.lower().lstrip(".")
    if suffix in IMAGE_FORMATS:
        return suffix
    from sysmap.io import format_for_path

    fmt = format_for_path(out)
    if fmt is None or fmt.write is None:
        raise MapFileError(
            str(out),
            "sysmap cannot tell which format to write from the name",
            hint="Use an extension such as .graphml, .json or .png, or --format.",
            action="write",
        )
    return fmt.key


def _export_image(
    system_map: SystemMap, out: Path, fmt: str, args: argparse.Namespace, guides: tuple[Guide, ...]
) -> None:
    if args.width < 100 or args.width > 20000:
        raise MapFileError(
            str(out), "the width must be between 100 and 20,000 pixels", action="write"
        )
    overlay = None
    if args.compare:
        system_map, overlay = _comparison(system_map, args)
    elif args.overlay:
        from sysmap.analysis import analyse
        from sysmap.canvas.overlay_themes import overlay_for_theme

        overlay = overlay_for_theme(args.overlay, analyse(system_map, by=args.by), system_map)
    # Imported here: only pictures need Qt, and the other commands must not load it.
    from sysmap.canvas.export import export_image

    export_image(
        system_map,
        out,
        fmt,
        width=args.width,
        transparent=args.transparent,
        guides=guides,
        overlay=overlay,
    )


def _comparison(system_map: SystemMap, args: argparse.Namespace) -> tuple[SystemMap, Overlay]:
    """The map with what was removed since ``--compare`` put back, and the overlay marking
    what changed."""
    from sysmap.canvas.compare_overlay import comparison_overlay
    from sysmap.combine.compare import compare_maps
    from sysmap.combine.diff_map import diff_map
    from sysmap.combine.merge import map_names
    from sysmap.workspace import open_map

    old_name, new_name = map_names([args.compare, args.map], repeats=True)
    before = open_map(args.compare).map
    diff = diff_map(before, system_map, compare_maps(before, system_map, (old_name, new_name)))
    return diff.map, comparison_overlay(diff)


COMMAND = Command(
    "export",
    "write a map as GraphML, JSON or another format, or as a PNG/SVG/PDF picture",
    _add_arguments,
    _run,
    order=40,
)
