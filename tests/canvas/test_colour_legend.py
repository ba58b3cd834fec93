"""Colour by any attribute, and a legend that lists what is used."""

from __future__ import annotations

from sysmap.canvas.colouring import NOT_SET
from sysmap.canvas.scene import MapScene
from sysmap.model import OKABE_ITO, Stakeholder, SystemMap


def test_sector_colours_come_from_the_vocabulary(scene: MapScene, system_map: SystemMap) -> None:
    for s in system_map.stakeholders():
        term = system_map.sectors.get(s.sector)
        assert scene.item_for_stakeholder(s.id).fill_colour == term.colour


def test_legend_lists_sectors_kinds_and_statuses_in_use(scene: MapScene) -> None:
    legend = scene.legend()
    assert legend.title == "Sector"
    assert [e.label for e in legend.colours] == [
        "Central government",
        "Local public services",
        "Private sector",
        "Third sector",
        "Citizens & communities",
    ]
    assert [e.count for e in legend.colours] == [1, 2, 1, 1, 1]
    assert {e.label for e in legend.shapes} >= {"Individual", "Group or partnership"}
    assert [e.label for e in legend.lines] == ["Active", "Weak", "Missing", "Proposed"]
    pinned = [e for e in legend.shapes if e.shape == "pin"]
    assert [(e.label, e.count) for e in pinned] == [("Pinned (layouts leave it)", 1)]


def test_legend_follows_edits(scene: MapScene, system_map: SystemMap) -> None:
    system_map.update_stakeholder("shelter", pinned=False)
    assert not [e for e in scene.legend().shapes if e.shape == "pin"]
    system_map.add_stakeholder(Stakeholder("HMIP", sector="independent"))
    assert "Independent bodies" in scene.legend().labels()
    system_map.remove_stakeholder("hmip")
    assert "Independent bodies" not in scene.legend().labels()
    system_map.remove_relationship("private-landlords-houses-person-leaving-prison")
    assert "Missing" not in scene.legend().labels()


def test_colour_by_custom_attribute(scene: MapScene, system_map: SystemMap) -> None:
    system_map.set_attribute("shelter", "department", "MHCLG")
    system_map.set_attribute("hm-prison-and-probation-service", "department", "MoJ")
    system_map.set_attribute("probation-service-greater-manchester", "department", "MoJ")
    scene.colour_by("department")
    legend = scene.legend()
    assert legend.title == "Department"
    assert [(e.label, e.count) for e in legend.colours] == [("MoJ", 2), ("MHCLG", 1), (NOT_SET, 3)]
    moj, mhclg = legend.colours[0].colour, legend.colours[1].colour
    assert moj != mhclg
    assert {moj, mhclg} <= set(OKABE_ITO)
    assert scene.item_for_stakeholder("shelter").fill_colour == mhclg
    # A new value gets the next colour and keeps it; the legend updates.
    system_map.set_attribute("shelter", "department", "DWP")
    assert scene.item_for_stakeholder("shelter").fill_colour not in (moj, mhclg)
    assert "DWP" in scene.legend().labels()
    assert "MHCLG" not in scene.legend().labels()


def test_colour_by_place_and_back(scene: MapScene) -> None:
    scene.colour_by("place")
    assert scene.legend().title == "Place"
    assert "Greater Manchester" in scene.legend().labels()
    scene.colour_by("sector")
    assert scene.item_for_stakeholder("shelter").fill_colour == "#009E73"


def test_a_long_finding_title_wraps_inside_the_legend(scene: MapScene) -> None:
    from dataclasses import replace

    from sysmap.canvas.legend import legend_size

    legend = scene.legend()
    plain = legend_size(legend)
    title = "Missing: Department for Work & Pensions and HM Prison & Probation Service " * 2
    shown = legend_size(replace(legend, overlay=title.strip()))
    assert shown.width() == plain.width()  # showing a finding never widens it over the map
    assert shown.height() > plain.height() + 4 * 14  # the title wraps onto several rows
