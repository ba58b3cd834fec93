"""The Analysis panel on a real window: findings shown on the map, suggestions accepted and
dismissed, as-is against to-be, and an analysis that never blocks the window."""

from __future__ import annotations

import itertools
import time
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from sysmap.analysis import Finding
from sysmap.analysis.wording import signed
from sysmap.canvas.overlay_items import HullItem, RingItem, SuggestedLinkItem
from sysmap.canvas.overlay_routes import CrossingTags, HaloItem, RouteItem
from sysmap.gui.analysis_controller import AnalysisController
from sysmap.gui.commands import EditStakeholders
from sysmap.gui.findings_view import FINDING_ROLE
from sysmap.gui.main_window import MainWindow
from sysmap.model.progress import Progress

WAIT_MS = 30_000


def open_example(window: MainWindow, qtbot: QtBot, name: str) -> AnalysisController:
    window.resize(1400, 900)
    window.files.open_example(name)
    analysis = window.analysis
    qtbot.waitUntil(lambda: analysis.runner.is_current(), timeout=WAIT_MS)
    return analysis


def findings_of(analysis: AnalysisController, kind: str) -> list[Finding]:
    return [f for f in analysis.panel.findings.findings() if f.kind == kind]


def marks(window: MainWindow, kind: type) -> list:
    return [m for m in window.scene.decorations() if isinstance(m, kind)]


def emphasis(window: MainWindow, stakeholder_id: str) -> int:
    return window.scene.state.stakeholder_emphasis(stakeholder_id)


def select(analysis: AnalysisController, finding: Finding) -> None:
    analysis.panel.findings.select(finding)
    assert analysis.panel.findings.selected() == finding


# ---------------------------------------------------------------------- show me
def test_each_kind_of_finding_is_shown_on_the_map(window: MainWindow, qtbot: QtBot) -> None:
    analysis = open_example(window, qtbot, "reoffending")
    document = window.document
    stack = document.undo_stack
    sections = [
        analysis.panel.findings.tree.topLevelItem(i).text(0)
        for i in range(analysis.panel.findings.tree.topLevelItemCount())
    ]
    assert [s.split(" (")[0] for s in sections] == [
        "Key findings",
        "Silos",
        "Gaps",
        "Suggested links",
        "Brokers",
        "Single points of failure",
        "The citizen's view",
    ]

    # A group gap: both groups as hulls, everyone else faded.
    gap = findings_of(analysis, "group_gap")[0]
    select(analysis, gap)
    hulls = marks(window, HullItem)
    assert [h.spec.label for h in hulls] == [g.label for g in gap.highlight.groups]
    inside = {i for h in hulls for i in h.member_ids}
    outside = set(document.map.stakeholder_ids()) - inside
    assert all(emphasis(window, i) == 1 for i in inside)
    assert all(emphasis(window, i) == -1 for i in outside)
    assert window.scene.legend().overlay == gap.title

    # A suggested link: a dashed line between the two, the introducer ringed.
    link = findings_of(analysis, "suggested_link")[0]
    select(analysis, link)
    (dashed,) = marks(window, SuggestedLinkItem)
    assert (dashed.link.source, dashed.link.target) == link.highlight.suggested[0]
    (ring,) = marks(window, RingItem)
    assert (ring.members[0].stakeholder_id, ring.caption) == (link.introducer, "introducer")
    assert analysis.panel.findings.accept_button.isVisible()

    # A broker: ringed and haloed.
    broker = findings_of(analysis, "broker")[0]
    select(analysis, broker)
    assert [r.caption for r in marks(window, RingItem)] == ["broker"]
    (halo,) = marks(window, HaloItem)
    assert halo.members[0].stakeholder_id == broker.highlight.nodes[0]
    assert not analysis.panel.findings.accept_button.isVisible()

    # A single point of failure: ringed, and those it would cut off in a hull.
    point = findings_of(analysis, "point_of_failure")[0]
    select(analysis, point)
    assert [r.caption for r in marks(window, RingItem)] == ["single point of failure"]
    (cut_off,) = marks(window, HullItem)
    assert cut_off.member_ids == set(point.highlight.nodes[1:])

    # The citizen's view: routes drawn, boundary crossings tagged.
    route = findings_of(analysis, "citizen_single_route")[0]
    select(analysis, route)
    bands = marks(window, RouteItem)
    assert bands
    assert all(b.route.stakeholder_ids[0] == route.highlight.nodes[0] for b in bands)
    (tags,) = marks(window, CrossingTags)
    assert tags.tags()
    assert {text for _, text in tags.tags()} <= {"sector", "place", "sector + place"}

    # A relationship recorded as missing: drawn thick, the rest faded.
    known = findings_of(analysis, "known_gap")[0]
    select(analysis, known)
    (rid,) = known.highlight.edges
    rel = document.map.relationship(rid)
    assert window.scene.state.relationship_emphasis(rid, rel.source, rel.target) == 1

    # None of this was an edit; clearing takes every mark away.
    assert stack.count() == 0
    assert not document.modified
    analysis.panel.findings.clear_button.click()
    assert window.scene.overlay is None
    assert window.scene.decorations() == []


def test_a_silo_is_a_hull_with_its_outside_ties_emphasised(
    window: MainWindow, qtbot: QtBot
) -> None:
    analysis = open_example(window, qtbot, "addiction")
    # Blackpool is the map's home, never a silo; seen from Lancashire it is one.
    window.document.map.set_metadata("focus_place", "Lancashire")
    qtbot.waitUntil(lambda: analysis.runner.is_current(), timeout=WAIT_MS)
    silo = findings_of(analysis, "silo")[0]
    assert silo.title == "Blackpool is a silo"
    select(analysis, silo)
    (hull,) = marks(window, HullItem)
    assert hull.member_ids == set(silo.highlight.nodes)
    overlay = window.scene.overlay
    state = window.scene.state
    for rid in overlay.relationships:
        rel = window.document.map.relationship(rid)
        assert (rel.source in hull.member_ids) != (rel.target in hull.member_ids)
        assert state.relationship_emphasis(rid, rel.source, rel.target) == 1
    for rid in overlay.context:
        rel = window.document.map.relationship(rid)
        assert state.relationship_emphasis(rid, rel.source, rel.target) == 0
    # Zoom to it fits the silo in the view.
    analysis.panel.findings.zoom_button.click()
    visible = window.view.mapToScene(window.view.viewport().rect()).boundingRect()
    assert visible.contains(hull.boundingRect().center())


# ---------------------------------------------------------------------- act on it
def test_accept_a_suggestion_compare_and_undo(window: MainWindow, qtbot: QtBot) -> None:
    analysis = open_example(window, qtbot, "reoffending")
    document = window.document
    link = findings_of(analysis, "suggested_link")[0]
    source, target = link.highlight.suggested[0]
    as_is = analysis.runner.outcome.result
    assert as_is.comparison is None
    select(analysis, link)
    analysis.panel.findings.accept_button.click()

    (proposed,) = document.map.relationships_between(source, target)
    assert proposed.status == "proposed"
    assert proposed.evidence == link.explanation
    assert document.undo_stack.count() == 1
    assert document.modified
    assert link not in analysis.panel.findings.findings()  # done with: no longer suggested

    qtbot.waitUntil(lambda: analysis.runner.is_current(), timeout=WAIT_MS)
    result = analysis.runner.outcome.result
    assert result.comparison is not None
    assert result.comparison.proposed == (proposed.id,)
    # The to-be scores move: a group the new link reaches out of mixes more.
    a, b = document.map.stakeholder(source), document.map.stakeholder(target)
    attribute = next(x for x in ("sector", "place") if getattr(a, x) != getattr(b, x))
    group = getattr(a, attribute)
    before = {g.name: g.ei_index for g in result.groups[attribute].groups}
    after = {g.name: g.ei_index for g in result.other.groups[attribute].groups}
    assert after[group] > before[group]
    rows = analysis.panel.scenario.rows()
    titles = [row[0] for row in rows]
    assert titles[: len(result.comparison.changes)] == [c.title for c in result.comparison.changes]
    # Every group the link makes mix more is listed, with its E-I before and after.
    label = result.group_label(attribute, group)
    row = next(r for r in rows if r[0] == f"{label} would mix more")
    assert row[1:] == (signed(before[group]), signed(after[group]))
    # Choosing a change shows the group it moves, with the proposal drawn thick.
    scenario = analysis.panel.scenario
    scenario.table.setCurrentItem(scenario.table.topLevelItem(rows.index(row)))
    overlay = window.scene.overlay
    assert overlay.title == row[0]
    assert proposed.id in overlay.relationships
    assert [g.label for g in overlay.groups] == [label]

    # Analysing the to-be map counts the proposal as a tie.
    analysis.panel.to_be.click()
    qtbot.waitUntil(
        lambda: analysis.runner.is_current() and analysis.runner.outcome.scenario == "to-be",
        timeout=WAIT_MS,
    )
    to_be = analysis.runner.outcome.result
    assert to_be.map.scenario == "to-be"
    assert {g.name: g.ei_index for g in to_be.groups[attribute].groups} == pytest.approx(after)
    assert analysis.to_be_action.isChecked()
    analysis.panel.as_is.click()

    # Undo takes the proposal away and the suggestion comes back.
    window.action("edit.undo").trigger()
    assert document.map.relationships_between(source, target) == []
    qtbot.waitUntil(lambda: analysis.runner.is_current(), timeout=WAIT_MS)
    assert analysis.runner.outcome.result.comparison is None
    assert link.title in [f.title for f in analysis.panel.findings.findings()]
    assert not document.modified


def test_dismiss_is_remembered_in_the_file(
    window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    analysis = open_example(window, qtbot, "addiction")
    link = findings_of(analysis, "suggested_link")[0]
    select(analysis, link)
    analysis.panel.findings.dismiss_button.click()
    document = window.document
    assert link.title not in [f.title for f in analysis.panel.findings.findings()]
    assert window.scene.overlay is None
    assert document.modified
    assert window.isWindowModified()
    assert document.undo_stack.text(0).startswith("Dismiss the suggestion")
    # Undo brings it back, redo hides it again.
    window.action("edit.undo").trigger()
    assert link.title in [f.title for f in analysis.panel.findings.findings()]
    window.action("edit.redo").trigger()
    assert link.title not in [f.title for f in analysis.panel.findings.findings()]
    # Saved and opened again, the map still hides it.
    path = tmp_path / "addiction.graphml"
    document.save(path)
    window.show_start_page()
    assert window.files.open_path(path)
    qtbot.waitUntil(lambda: window.analysis.runner.is_current(), timeout=WAIT_MS)
    titles = [f.title for f in window.analysis.panel.findings.findings()]
    assert link.title not in titles
    assert any(f.kind == "suggested_link" for f in window.analysis.panel.findings.findings())
    assert "dismissed_links" in window.document.map.metadata


# ---------------------------------------------------------------------- never blocking
def test_edits_refresh_the_panel_without_blocking(
    window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sysmap.gui.analysis_runner as runner_module

    analysis = open_example(window, qtbot, "reoffending")
    real = runner_module.analyse
    runs: list[float] = []

    def slow_analyse(system_map, **options):  # type: ignore[no-untyped-def]
        runs.append(time.perf_counter())
        progress = options["progress"]

        def dawdle(fraction: float, stage: str) -> None:
            time.sleep(0.15)  # a big map: each stage takes a while
            progress.report(fraction, stage)

        slow = Progress(dawdle, progress.is_cancelled)
        return real(system_map, **{**options, "progress": slow})

    monkeypatch.setattr(runner_module, "analyse", slow_analyse)
    document = window.document
    # Three quick edits: one analysis after the pause, not three.
    with qtbot.waitSignal(analysis.runner.started, timeout=WAIT_MS):
        for label in ("HMPPS", "HMPPS national", "HMPPS (renamed)"):
            document.push(EditStakeholders(document.map, ["hmpps"], {"label": label}))
        assert analysis.runner.stale
        assert "The map has changed" in analysis.panel.status.text()
    # While it runs the window keeps answering: the GUI thread handles timer ticks between
    # the stages' progress reports (each stage sleeps on the worker, never on the window).
    events: list[str] = []
    from PySide6.QtCore import QTimer

    timer = QTimer()
    timer.timeout.connect(lambda: events.append("tick"))
    timer.start(20)
    analysis.runner.progressed.connect(lambda *_: events.append("stage"))
    assert "Analysing the map" in analysis.panel.status.text()
    qtbot.waitUntil(lambda: analysis.runner.is_current(), timeout=WAIT_MS)
    timer.stop()
    assert len(runs) == 1
    stages = [i for i, event in enumerate(events) if event == "stage"]
    assert len(stages) >= 5
    between = [events[a:b].count("tick") for a, b in itertools.pairwise(stages)]
    assert sum(1 for ticks in between if ticks) >= len(between) // 2, events
    # The findings describe the edited map.
    assert analysis.runner.outcome.result.label("hmpps") == "HMPPS (renamed)"
    assert any("HMPPS (renamed)" in f.title for f in analysis.panel.findings.findings())
    assert "Up to date" in analysis.panel.status.text()


def test_moving_stakeholders_does_not_rerun(window: MainWindow, qtbot: QtBot) -> None:
    analysis = open_example(window, qtbot, "rough-sleeping")
    outcome = analysis.runner.outcome
    document = window.document
    first = document.map.stakeholder_ids()[0]
    document.map.move_stakeholders({first: (5.0, 5.0)})
    assert not analysis.runner.stale
    assert analysis.runner.outcome is outcome


def test_grouping_can_be_chosen(window: MainWindow, qtbot: QtBot) -> None:
    analysis = open_example(window, qtbot, "levelling-up")
    assert analysis.runner.outcome.result.settings["attributes"] == ["sector", "place"]
    analysis.panel.set_grouping(["place_level"])
    qtbot.waitUntil(
        lambda: (
            analysis.runner.is_current()
            and analysis.runner.outcome.result.settings["attributes"] == ["place_level"]
        ),
        timeout=WAIT_MS,
    )
    assert analysis.panel.group_button.text() == "Group by: place level"
    assert analysis.charts.attribute.currentData() == "place_level"


def test_closing_the_map_stops_the_analysis(window: MainWindow, qtbot: QtBot) -> None:
    analysis = open_example(window, qtbot, "reoffending")
    analysis.runner.run_now()
    window.show_start_page()
    assert analysis.runner.task is None or analysis.runner.task.is_cancelled()
    assert not analysis.dock.isVisible()
    assert not analysis.report_action.isEnabled()


def test_big_maps_are_analysed_in_a_child_process(
    window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    import multiprocessing

    import sysmap.gui.analysis_runner as runner_module

    analysis = open_example(window, qtbot, "rough-sleeping")
    in_thread = analysis.runner.outcome.result
    monkeypatch.setattr(runner_module, "PROCESS_FROM", 0)  # every map counts as big
    started: list[int] = []
    original = multiprocessing.get_context("spawn").Process.start

    def start(process):  # type: ignore[no-untyped-def]
        started.append(1)
        return original(process)

    monkeypatch.setattr(multiprocessing.get_context("spawn").Process, "start", start)
    analysis.runner.run_now()
    qtbot.waitUntil(
        lambda: analysis.runner.is_current() and analysis.runner.outcome.result is not in_thread,
        timeout=WAIT_MS,
    )
    assert started == [1]
    in_child = analysis.runner.outcome.result
    assert [f.title for f in in_child.findings] == [f.title for f in in_thread.findings]
    assert analysis.runner.outcome.charts.attributes == ("sector", "place")
    # An edit while the child works stops it; the next run sees the edit.
    document = window.document
    with qtbot.waitSignal(analysis.runner.started, timeout=WAIT_MS):
        document.push(EditStakeholders(document.map, ["rough-sleeper"], {"label": "A"}))
    document.push(EditStakeholders(document.map, ["rough-sleeper"], {"label": "B"}))
    qtbot.waitUntil(lambda: analysis.runner.is_current(), timeout=WAIT_MS)
    assert analysis.runner.outcome.result.label("rough-sleeper") == "B"
    assert len(started) in (2, 3)  # the cancelled child, if it had begun, and the fresh one


def test_stop_ends_a_long_analysis_until_asked_again(
    window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtCore import Qt

    import sysmap.gui.analysis_runner as runner_module
    from sysmap.gui.document import MapDocument
    from sysmap.model.progress import Cancelled
    from sysmap.model.synthetic import synthetic_map

    ended: list[str] = []
    real = runner_module.analyse_in_process

    def spied(*args, **kwargs):  # type: ignore[no-untyped-def]
        try:
            result = real(*args, **kwargs)
        except Cancelled:
            ended.append("stopped where it was")
            raise
        ended.append("ran to the end")
        return result

    monkeypatch.setattr(runner_module, "analyse_in_process", spied)
    window.set_document(MapDocument(synthetic_map(3000, seed=5)))
    analysis, panel = window.analysis, window.analysis.panel
    qtbot.waitUntil(lambda: analysis.runner.task is not None, timeout=WAIT_MS)
    qtbot.waitUntil(panel.stop.isVisible, timeout=WAIT_MS)
    assert panel.busy.isVisible()
    qtbot.mouseClick(panel.stop, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: analysis.runner.task is None, timeout=WAIT_MS)
    assert ended == ["stopped where it was"]  # the child was stopped, not left to finish
    assert panel.status.text().startswith("Analysis stopped.")
    assert not panel.stop.isVisible()
    assert not panel.busy.isVisible()
    qtbot.wait(1500)  # longer than the debounce: nothing starts by itself
    assert analysis.runner.task is None
    assert analysis.runner.outcome is None
    with qtbot.waitSignal(analysis.runner.started, timeout=WAIT_MS):
        window.action("analyse.now").trigger()
    analysis.runner.cancel()


def test_key_findings_lead_and_every_suggestion_is_a_click_away(
    window: MainWindow, qtbot: QtBot
) -> None:
    analysis = open_example(window, qtbot, "reoffending")
    view = analysis.panel.findings
    top = view.tree.topLevelItem(0)
    assert top.text(0).startswith("Key findings")
    keys = [top.child(i).data(0, FINDING_ROLE) for i in range(top.childCount())]
    assert 0 < len(keys) <= 12
    assert all(f.key for f in keys)
    assert [f.rank for f in keys] == sorted(f.rank for f in keys)
    # Technical words are explained where the finding is read.
    view.select(keys[0])
    assert "Why it ranks here" in view.details.toPlainText()
    result = analysis.runner.outcome.result
    shown = len(findings_of(analysis, "suggested_link"))
    assert shown < len(result.missing_links)
    more = view.more_item()
    assert more is not None
    view.tree.setCurrentItem(more)
    more.setSelected(True)
    qtbot.waitUntil(lambda: view.more_item() is None, timeout=WAIT_MS)
    assert len(findings_of(analysis, "suggested_link")) > shown
