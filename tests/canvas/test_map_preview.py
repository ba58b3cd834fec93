"""A map's preview (the columns the reading process sends before the map is built) draws
exactly what the map will: the same records in the same order, for every colouring the
preview carries; files whose map could differ from their records give no preview.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from sysmap.canvas.colouring import Colouring
from sysmap.canvas.preview_build import sketch_of_preview
from sysmap.canvas.sketch import Sketch, sketch_of_map
from sysmap.canvas.theme import DARK, LIGHT
from sysmap.io import save_map
from sysmap.io.graphml_read import STREAM_FROM, read_graphml
from sysmap.io.map_preview import MapPreview, previewing
from sysmap.model.errors import MapFileError
from sysmap.model.synthetic import synthetic_map


def _read_with_preview(path: Path) -> tuple[list[MapPreview], object]:
    heard: list[MapPreview] = []
    with previewing(heard.append):
        result = read_graphml(path)
    return heard, result


@pytest.fixture(scope="module")
def saved(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A sysmap file big enough for the streaming reader (the one big files take)."""
    path = tmp_path_factory.mktemp("preview") / "regional.graphml"
    system_map = synthetic_map(300, seed=11)
    first = system_map.stakeholder_ids()[0]
    system_map.update_stakeholder(first, colour="#12ab34", pinned=True)  # its own colour
    save_map(system_map, path)
    assert path.stat().st_size >= STREAM_FROM
    return path


def test_the_preview_holds_the_maps_columns_in_its_order(saved: Path) -> None:
    heard, result = _read_with_preview(saved)
    assert len(heard) == 1
    preview, system_map = heard[0], result.map  # type: ignore[attr-defined]
    assert preview.ids == system_map.stakeholder_ids()
    assert preview.labels == [d["label"] for _, d in system_map.stakeholder_rows()]
    positions = system_map.positions()
    assert np.array_equal(preview.x, [positions[n][0] for n in preview.ids])
    assert np.array_equal(preview.y, [positions[n][1] for n in preview.ids])
    rows = list(system_map.relationship_rows())
    assert preview.relationship_ids == [r[0] for r in rows]
    pairs = zip(preview.sources, preview.targets, strict=True)
    ends = [(preview.ids[a], preview.ids[b]) for a, b in pairs]
    assert ends == [(r[1], r[2]) for r in rows]
    assert preview.statuses == [r[3].get("status", "active") for r in rows]
    assert preview.pinned == sum(bool(d.get("pinned")) for _, d in system_map.stakeholder_rows())
    assert preview.header.title == system_map.title


@pytest.mark.parametrize("attribute", ["sector", "place", "place_level", "kind"])
def test_the_preview_is_sketched_as_the_map_is(qapp: object, saved: Path, attribute: str) -> None:
    heard, result = _read_with_preview(saved)
    preview, system_map = heard[0], result.map  # type: ignore[attr-defined]
    for theme in (LIGHT, DARK):
        colouring = Colouring(system_map, attribute)
        drawn, rect = sketch_of_map(system_map, colouring, theme)
        early = Sketch()
        early_colouring = Colouring(preview.header, attribute)
        early_rect = sketch_of_preview(preview, early_colouring, theme, early)
        assert list(early.node_records()) == list(drawn.node_records())
        assert list(early.edge_records()) == list(drawn.edge_records())
        assert early_rect == rect
        assert early_colouring.entries() == colouring.entries()  # the legend says the same


def test_no_preview_without_a_listener_or_where_the_map_could_differ(
    saved: Path, tmp_path: Path
) -> None:
    read_graphml(saved)  # nothing listens: nothing is made (and nothing fails)
    text = saved.read_text(encoding="utf-8")
    # A stakeholder without a position is laid out after reading: its place is not known.
    unplaced = tmp_path / "unplaced.graphml"
    start = text.index('<data key="x">')
    unplaced.write_text(text[:start] + text[text.index("</data>", start) + 7 :], "utf-8")
    heard, result = _read_with_preview(unplaced)
    assert heard == []
    assert result.unpositioned
    # A position beyond the map's bounds is refused by the reader (and could not be drawn).
    far = tmp_path / "far.graphml"
    start += len('<data key="x">')
    far.write_text(text[:start] + "1e300" + text[text.index("<", start) :], "utf-8")
    heard = []
    with previewing(heard.append), pytest.raises(MapFileError, match=r"far\.graphml"):
        read_graphml(far)
    assert heard == []
    # Another tool's file: labels and colours come from many places; the map is awaited.
    foreign = tmp_path / "foreign.graphml"
    foreign.write_text(text.replace("sysmap_format", "other_format"), "utf-8")
    heard, _ = _read_with_preview(foreign)
    assert heard == []
