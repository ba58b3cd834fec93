"""Same map, same answer in the app: the Analysis panel's result is what ``sysmap analyse``
prints for the saved file, byte for byte, and a delete that is undone changes nothing."""

from __future__ import annotations

import json
from pathlib import Path

from pytestqt.qtbot import QtBot

from sysmap.analysis import AnalysisResult
from sysmap.cli.main import main
from sysmap.gui import dialogs
from sysmap.gui.commands import AddRelationship, AddStakeholder
from sysmap.gui.commands.stakeholders import delete_command
from sysmap.gui.main_window import MainWindow
from sysmap.model import Relationship, Stakeholder

WAIT_MS = 30_000


def app_result(window: MainWindow, qtbot: QtBot) -> AnalysisResult:
    runner = window.analysis.runner
    qtbot.waitUntil(runner.is_current, timeout=WAIT_MS)
    assert runner.outcome is not None
    return runner.outcome.result


def as_json(result: AnalysisResult) -> str:
    return json.dumps(result.to_json(), ensure_ascii=False, indent=2) + "\n"


def test_the_panel_and_the_command_line_agree_byte_for_byte(
    window: MainWindow,
    qtbot: QtBot,
    tmp_path: Path,
    monkeypatch,  # type: ignore[no-untyped-def]
    capsys,  # type: ignore[no-untyped-def]
) -> None:
    window.action("file.new").trigger()
    document = window.document
    assert document is not None
    # Drawn in an order no file would keep: the last stakeholder first, ties backwards.
    people = [
        ("Leeds City Council", "local_public_services", "Leeds"),
        ("West Yorkshire CA", "local_public_services", "West Yorkshire"),
        ("Leeds food bank", "third_sector", "Leeds"),
        ("Tenants", "citizens", "Leeds"),
        ("DWP", "central_government", "Great Britain"),
        ("Landlords", "private", "Leeds"),
    ]
    for label, sector, place in reversed(people):
        document.push(AddStakeholder(document.map, Stakeholder(label, sector=sector, place=place)))
    ids = {s.label: s.id for s in document.map.stakeholders()}
    for a, b, relation in reversed(
        [
            ("Leeds City Council", "Tenants", "houses"),
            ("Leeds food bank", "Tenants", "supports"),
            ("DWP", "Tenants", "funds"),
            ("West Yorkshire CA", "Leeds City Council", "funds"),
            ("Landlords", "Tenants", "houses"),
            ("Leeds City Council", "Leeds food bank", "partners"),
        ]
    ):
        document.push(AddRelationship(document.map, Relationship(ids[a], ids[b], relation)))
    in_app = as_json(app_result(window, qtbot))

    target = tmp_path / "leeds.graphml"
    monkeypatch.setattr(dialogs, "ask_save_path", lambda parent, suggested: target)
    window.action("file.save").trigger()
    assert target.exists()
    capsys.readouterr()
    assert main(["analyse", str(target), "--format", "json"]) == 0
    assert capsys.readouterr().out == in_app


def test_delete_and_undo_in_the_app_leave_the_analysis_as_it_was(
    window: MainWindow, qtbot: QtBot
) -> None:
    window.files.open_example("reoffending")
    before = as_json(app_result(window, qtbot))
    document = window.document
    assert document is not None
    order = document.map.stakeholder_ids()
    relationships = document.map.relationship_ids()
    document.push(delete_command(document.map, ["probation-gm"]))
    qtbot.waitUntil(lambda: "probation-gm" not in app_result(window, qtbot).labels)
    window.action("edit.undo").trigger()
    assert document.map.stakeholder_ids() == order  # back in its place, not at the end
    assert document.map.relationship_ids() == relationships
    qtbot.waitUntil(lambda: "probation-gm" in app_result(window, qtbot).labels)
    assert as_json(app_result(window, qtbot)) == before
