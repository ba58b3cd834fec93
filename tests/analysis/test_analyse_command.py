"""``sysmap analyse``: every output format, files, groupings, scenarios and errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sysmap.cli.main import main
from sysmap.io import save_map
from sysmap.model import SystemMap


@pytest.fixture
def map_file(salford: SystemMap, tmp_path: Path) -> Path:
    path = tmp_path / "salford.graphml"
    save_map(salford, path, "graphml")
    return path


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["analyse", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_text_is_a_briefing(map_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, str(map_file), "--permutations", "199")
    assert (code, err) == (0, "")
    assert out.startswith("Analysis: Reoffending in Salford (test)\n")
    assert "Third sector is inward-looking: 6 of its 9 ties stay inside it" in out
    assert "If Probation Service leaves, 4 stakeholders lose every route" in out
    assert "victim-support" not in out  # stakeholders are named by label


def test_json_has_the_full_result(map_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, str(map_file), "--format", "json", "--permutations", "199")
    assert code == 0
    data = json.loads(out)
    assert data["settings"]["permutations"] == 199
    assert data["silos"][0]["group"] == "third_sector"
    worst = data["single_points_of_failure"][0]
    assert (worst["id"], worst["cut_off"]) == ("probation", 4)
    assert sorted(worst["separated"]) == ["dwp", "hmip", "leaver", "moj"]
    assert worst["explanation"].startswith("If Probation Service leaves, 4 stakeholders")


def test_markdown_to_a_file(
    map_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out_file = tmp_path / "briefing.md"
    code, out, _ = run(capsys, str(map_file), "--format", "markdown", "-o", str(out_file))
    assert code == 0
    assert out.startswith(f"Wrote the analysis of Reoffending in Salford (test) to {out_file}")
    text = out_file.read_text(encoding="utf-8")
    assert text.startswith("# Analysis: Reoffending in Salford (test)")
    assert "| Sector | members |" in text


def test_by_scenario_and_seed(map_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    args = [str(map_file), "--format", "json", "--by", "sector", "--scenario", "to-be"]
    code, out, _ = run(capsys, *args, "--seed", "3", "--permutations", "99")
    assert code == 0
    data = json.loads(out)
    assert list(data["groups"]) == ["sector"]
    assert data["map"]["scenario"] == "to-be"
    assert data["map"]["ties"] == 18
    assert data["settings"]["seed"] == 3
    assert data["comparison"]["proposed"] == ["leaver-refers-food-bank"]
    _, again, _ = run(capsys, *args, "--seed", "3", "--permutations", "99")
    assert again == out


def test_user_errors_are_one_sentence(map_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, str(map_file), "--by", "budget")
    assert (code, out) == (1, "")
    assert err == "sysmap: No stakeholder in the map has a value for 'budget'.\n"
    code, _, err = run(capsys, str(map_file), "--permutations", "0")
    assert code == 1
    assert "at least 1" in err
    code, _, err = run(capsys, str(map_file.with_name("nowhere.graphml")))
    assert code == 1
    assert err.startswith("sysmap: Cannot open")
    with pytest.raises(SystemExit):
        main(["analyse", str(map_file), "--format", "pdf"])


def test_the_collector_waits_while_a_map_is_analysed_and_comes_back(
    map_file: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Reading and analysing run without the cycle collector (a big map's million objects
    are walked again at each full pass), and the collector is on again afterwards, also
    when the map cannot be read."""
    import gc

    import sysmap.analysis

    seen: list[bool] = []
    real = sysmap.analysis.analyse

    def watched(*args: object, **kwargs: object) -> object:
        seen.append(gc.isenabled())
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(sysmap.analysis, "analyse", watched)
    assert gc.isenabled()
    code, _, _ = run(capsys, str(map_file), "--format", "json", "--permutations", "99")
    assert (code, seen, gc.isenabled()) == (0, [False], True)
    code, _, err = run(capsys, str(map_file.with_name("absent.graphml")))
    assert code == 1
    assert err
    assert gc.isenabled()
