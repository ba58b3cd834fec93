"""``sysmap compare BEFORE AFTER`` through the command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sysmap.cli.main import main
from sysmap.io import find_example, load_map, save_map
from sysmap.model import Stakeholder
from tests.combine.test_compare import edited


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture(scope="module")
def edited_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    example = find_example("addiction")
    assert example is not None
    copy, _ = edited(load_map(example.path).map)
    path = tmp_path_factory.mktemp("compare") / "addiction-2025.graphml"
    save_map(copy, path)
    return path


def test_text_lists_the_edits_and_the_analysis(
    edited_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(
        ["compare", "addiction", str(edited_copy), "--permutations", "100"], capsys
    )
    assert (code, err) == (0, "")
    assert out.startswith("Comparing addiction (Tackling drug & alcohol addiction – Blackpool)")
    assert "Stakeholders: 1 added, 1 removed, 2 changed," in out
    assert "1 stakeholder added:\n  Nacro resettlement service" in out
    assert "What changed in the analysis" in out


def test_json_and_markdown_to_a_file(
    edited_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "diff.json"
    code, said, _ = run(
        [
            "compare",
            "addiction",
            str(edited_copy),
            "--format",
            "json",
            "-o",
            str(out),
            "--no-analysis",
        ],
        capsys,
    )
    assert code == 0
    assert said.startswith(f"Wrote the comparison to {out}.")
    data = json.loads(out.read_text(encoding="utf-8"))
    assert [d["label"] for d in data["stakeholders_added"]] == ["Nacro resettlement service"]
    assert "analysis" not in data
    code, text, _ = run(
        ["compare", "addiction", str(edited_copy), "--format", "markdown", "--no-analysis"], capsys
    )
    assert code == 0
    assert text.startswith("# addiction → addiction-2025")


def test_a_map_compared_with_itself(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["compare", "levelling-up", "levelling-up", "--no-analysis"], capsys)
    assert code == 0
    assert "The two maps hold the same stakeholders and relationships." in out


def test_maps_with_nothing_in_common(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from sysmap.model import SystemMap

    other = SystemMap("Elsewhere")
    other.add_stakeholder(Stakeholder("Leeds Library", sector="third_sector"))
    path = tmp_path / "elsewhere.graphml"
    save_map(other, path)
    code, out, _ = run(["compare", "reoffending", str(path), "--no-analysis"], capsys)
    assert code == 0
    assert "Stakeholders: 1 added, 41 removed, 0 changed, 0 the same." in out


def test_a_file_that_is_not_a_map_is_refused_in_a_sentence(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "notes.graphml"
    path.write_text("not a map", encoding="utf-8")
    code, _, err = run(["compare", "reoffending", str(path)], capsys)
    assert code == 1
    assert err.startswith(f"sysmap: Cannot open {path}")
