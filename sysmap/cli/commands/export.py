"""``sysmap export MAP -o OUT``: write a map in another format, or as a picture.

The format comes from OUT's extension (``--format`` overrides it). Pictures (PNG, SVG, PDF)
are drawn by the canvas exactly as the app shows the map, with no display needed; with
``--overlay`` the picture shows an analysis overlay (silos, missing links, brokers or the
citizen's routes), drawn as the app's Analysis panel draws it.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from sysmap.cli.command import Command, add_map_argument, load, say
from sysmap.io import FORMATS, format_for_path, save_map
from sysmap.layout import LAYOUTS, Guide, compute_layout
from sysmap.model.errors import MapFileError
from sysmap.model.system_map import SystemMap

IMAGE_FORMATS = ("png", "svg", "pdf")
OVERLAYS = ("silos", "missing-links", "brokers", "citizen")
"""The overlay themes of :mod:`sysmap.canvas.overlay_themes` (listed here so that reading the
arguments does not load the canvas)."""


def _add_arguments(parser: argparse.ArgumentParser) -> None:
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
        "--layout", choices=sorted(LAYOUTS), help="lay the map out this way before writing it"
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


def _run(args: argparse.Namespace) -> int:
    result = load(args)
    system_map = result.map
    guides: tuple[Guide, ...] = ()
    if args.layout:
        laid_out = compute_layout(args.layout, system_map)
        system_map.move_stakeholders(laid_out.positions)
        guides = laid_out.guides
    out = Path(args.output)
    fmt = args.format or _format_from_extension(out)
    if args.overlay and fmt not in IMAGE_FORMATS:
        raise MapFileError(
            str(out),
            "an overlay can only be drawn on a picture",
            hint="Write .png, .svg or .pdf.",
            action="write",
        )
    if fmt in IMAGE_FORMATS:
        _export_image(system_map, out, fmt, args, guides)
    else:
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
    if args.overlay:
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


COMMAND = Command(
    "export",
    "write a map as GraphML, JSON or another format, or as a PNG/SVG/PDF picture",
    _add_arguments,
    _run,
    order=40,
)
