"""A colour from a file passes the model's gate before anything paints, saves or reports it.

One sector colour written as ``red`` used to open, then crash every picture (a segmentation
fault), every GEXF save ("unexpected error") and the report; a colour carrying CSS was copied
into the report's ``style`` attributes and made a browser fetch a URL.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sysmap.cli.main import main
from sysmap.io import load_map, save_map
from sysmap.io.examples import resolve_map_path
from sysmap.model import ValidationError
from sysmap.model.vocab import Term, Vocabulary

CSS = "#0072B2;position:fixed;top:0;left:0;width:100%;background:url(http://127.0.0.1:9/x)"
HOSTILE_SECTORS = [
    {"key": "central_government", "label": "Central government", "colour": "red"},
    {"key": "third_sector", "label": "Third sector", "colour": CSS},
    {"key": "citizens", "label": "Citizens & communities", "colour": "#cc79a7"},
]


def _hostile_graphml(folder: Path) -> Path:
    text = resolve_map_path("reoffending").read_text(encoding="utf-8")
    marker = '<data key="places">'
    vocabulary = json.dumps(HOSTILE_SECTORS).replace("&", "&amp;").replace("<", "&lt;")
    text = text.replace(marker, f'<data key="sectors">{vocabulary}</data>\n    {marker}', 1)
    path = folder / "hostile-colour.graphml"
    path.write_text(text, encoding="utf-8")
    return path


def _hostile_node_link(folder: Path) -> Path:
    document = {
        "directed": True,
        "multigraph": True,
        "graph": {"title": "Colours", "sectors": HOSTILE_SECTORS},
        "nodes": [
            {"id": "a", "label": "Home Office", "sector": "central_government"},
            {"id": "b", "label": "Shelter", "sector": "third_sector"},
            {"id": "c", "label": "Residents", "sector": "citizens"},
        ],
        "links": [
            {"source": "a", "target": "b", "relation": "funds"},
            {"source": "b", "target": "c", "relation": "supports"},
        ],
    }
    path = folder / "hostile-colour.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


@pytest.fixture(params=["graphml", "node-link"])
def hostile(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    if request.param == "graphml":
        return _hostile_graphml(tmp_path)
    return _hostile_node_link(tmp_path)


def test_a_bad_colour_is_dropped_with_a_sentence_and_good_ones_kept(hostile: Path) -> None:
    result = load_map(hostile)
    sectors = result.map.sectors
    assert sectors.get("central_government").colour is None  # type: ignore[union-attr]
    assert sectors.get("third_sector").colour is None  # type: ignore[union-attr]
    assert sectors.get("citizens").colour == "#CC79A7"  # type: ignore[union-attr]
    said = [w for w in result.warnings if "not written as #RRGGBB" in w]
    assert len(said) == 2
    assert "The sector 'central_government' has the colour 'red'" in said[0]


@pytest.mark.parametrize("suffix", [".png", ".svg", ".pdf", ".gexf", ".graphml", ".json"])
def test_every_picture_and_file_is_written(
    hostile: Path, tmp_path: Path, suffix: str, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / f"out{suffix}"
    assert main(["export", str(hostile), "-o", str(out)]) == 0, capsys.readouterr().err
    assert out.stat().st_size > 0
    if suffix in (".graphml", ".json", ".gexf"):
        text = out.read_text(encoding="utf-8")
        assert "position:fixed" not in text
        assert '"colour": "red"' not in text.replace("&quot;", '"')


def test_the_report_carries_no_css_from_the_file(
    hostile: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "report.html"
    assert main(["report", str(hostile), "-o", str(out)]) == 0, capsys.readouterr().err
    html = out.read_text(encoding="utf-8")
    assert "url(" not in html
    assert "position:fixed" not in html


def test_the_model_refuses_a_colour_that_is_not_rrggbb() -> None:
    for colour in ("red", "#abc", CSS, "#12345G", " #123456"):
        with pytest.raises(ValidationError):
            Term("a", "A", colour=colour)
    assert Term("a", "A", colour="#00aa11").colour == "#00AA11"
    with pytest.raises(ValidationError):
        Vocabulary("sector", (Term("a", "A\x00"),))


def test_a_saved_map_keeps_only_good_colours(hostile: Path, tmp_path: Path) -> None:
    result = load_map(hostile)
    out = tmp_path / "saved.graphml"
    save_map(result.map, out)
    again = load_map(out)
    assert again.map.sectors.get("citizens").colour == "#CC79A7"  # type: ignore[union-attr]
    assert not [w for w in again.warnings if "#RRGGBB" in w]
