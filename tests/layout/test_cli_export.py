"""``sysmap export MAP --layout NAME``: every layout, headless, into any format."""

from __future__ import annotations

from pathlib import Path

import pytest

from sysmap.cli.main import main
from sysmap.io import load_map, resolve_map_path, save_map
from sysmap.layout import LAYOUTS, compute_layout
from tests.layout.helpers import overlaps
from tests.layout.maps import workshop_map


@pytest.mark.parametrize("name", list(LAYOUTS))
def test_export_reoffending_with_each_layout(name: str, tmp_path: Path) -> None:
    out = tmp_path / f"reoffending-{name}.graphml"
    assert main(["export", "reoffending", "--layout", name, "-o", str(out)]) == 0
    written = load_map(out).map
    original = load_map(resolve_map_path("reoffending")).map
    assert set(written.stakeholder_ids()) == set(original.stakeholder_ids())
    expected = compute_layout(name, original).positions
    for stakeholder in written.stakeholders():
        x, y = expected[stakeholder.id]
        assert stakeholder.x == pytest.approx(x, abs=1e-6)
        assert stakeholder.y == pytest.approx(y, abs=1e-6)
    positions = {s.id: (s.x, s.y) for s in written.stakeholders()}
    assert overlaps(written, positions) == []


def test_export_keeps_pinned_stakeholders_where_they_are(tmp_path: Path) -> None:
    system_map = workshop_map()
    system_map.update_stakeholder("hmpps", x=-777.0, y=555.0, pinned=True)
    source = tmp_path / "workshop.graphml"
    save_map(system_map, source)
    out = tmp_path / "laid-out.json"
    assert main(["export", str(source), "--layout", "citizen", "-o", str(out)]) == 0
    written = load_map(out).map
    assert (written.stakeholder("hmpps").x, written.stakeholder("hmpps").y) == (-777.0, 555.0)
    assert written.stakeholder("moj").x != 0.0


def test_unknown_layout_name_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["export", "reoffending", "--layout", "spiral", "-o", str(tmp_path / "x.graphml")])
    assert "spiral" in capsys.readouterr().err
