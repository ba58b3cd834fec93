"""The reoffending workshop: three partial maps, as three tables drew the system.

They ship beside the examples (``sysmap merge reoffending-justice reoffending-health
reoffending-community``), so they must load cleanly, say who drew them, tag what the merge
and the analysis need, and name things their own way, as tables do.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from sysmap.io import WORKSHOP_TABLES, Example, load_map, resolve_map_path, write_graphml


@pytest.fixture(scope="module", params=WORKSHOP_TABLES, ids=[t.name for t in WORKSHOP_TABLES])
def table(request: pytest.FixtureRequest) -> Example:
    example: Example = request.param
    return example


def test_each_table_loads_cleanly_and_says_who_drew_it(table: Example) -> None:
    loaded = load_map(table.path)
    assert loaded.warnings == []
    system_map = loaded.map
    assert "reoffending" in system_map.title.lower()
    assert "table" in system_map.title
    assert system_map.description
    assert str(system_map.metadata["author"]).endswith("table")
    assert resolve_map_path(table.name) == table.path


def test_each_table_tags_every_stakeholder(table: Example) -> None:
    system_map = load_map(table.path).map
    for person in system_map.stakeholders():
        assert person.sector in system_map.sectors, person.label
        assert person.place in system_map.places, person.label
        assert person.kind, person.label


def test_the_tables_overlap_and_name_things_their_own_way() -> None:
    maps = [load_map(t.path).map for t in WORKSHOP_TABLES]
    labels = [{s.label for s in m.stakeholders()} for m in maps]
    assert "HMPPS" in labels[0]
    assert "HM Prison and Probation Service" in labels[2]
    assert "Forest Bank prison" in labels[1]
    assert "HMP Forest Bank" in labels[0] & labels[2]
    assert sum(m.stakeholder_count for m in maps) > 41  # some are drawn by two tables


def test_resaving_a_table_reproduces_its_file(table: Example) -> None:
    assert write_graphml(load_map(table.path).map) == table.path.read_bytes()


def test_the_workshop_folder_holds_only_the_three_tables() -> None:
    folder = Path(WORKSHOP_TABLES[0].path).parent
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        Path(t.file_name).name for t in WORKSHOP_TABLES
    )


def test_sysmap_examples_lists_the_tables(capsys: pytest.CaptureFixture[str]) -> None:
    from sysmap.cli.main import main

    assert main(["examples"]) == 0
    lines = capsys.readouterr().out.splitlines()
    for table in WORKSHOP_TABLES:
        row = next(line for line in lines if line.startswith(table.name + " "))
        assert row.split()[-2:] == [
            str(load_map(table.path).map.stakeholder_count),
            str(load_map(table.path).map.relationship_count),
        ]
