"""What the whole analysis promises about itself, on Salford.

- The progress it reports names each stage in turn, as the progress bar shows them.
- Its settings say which place it took as the map's home (Salford, where most stakeholders
  sit).
- The other scenario, analysed for the comparison, is grouped as the user chose, so the
  changes reported are about those groups (by place alone: no sector's silo appears).
- Sectors are compared within each place below the national tier; the national bodies
  (the Ministry, the inspectorate) are one tier, not a place whose sectors should meet, so no
  introduction is suggested to join them.
"""

from __future__ import annotations

from sysmap.analysis import analyse
from sysmap.model import SystemMap
from sysmap.model.progress import Progress


def test_progress_names_each_stage_in_turn(salford: SystemMap) -> None:
    heard: list[str] = []
    analyse(
        salford, permutations=99, compare=False, progress=Progress(lambda _, s: heard.append(s))
    )
    assert list(dict.fromkeys(heard)) == [
        "Silos",
        "Brokers",
        "Single points of failure",
        "Communities",
        "The citizen's view",
        "Findings",
        "Done",
    ]


def test_settings_name_the_home_place(salford: SystemMap) -> None:
    assert analyse(salford, permutations=99, compare=False).settings["home_place"] == "Salford"


def test_the_other_scenario_is_grouped_as_chosen(salford: SystemMap) -> None:
    result = analyse(salford, by=["place"], permutations=99)
    assert result.other is not None
    assert result.comparison is not None
    assert result.other.settings["attributes"] == ["place"]
    assert [c.kind for c in result.comparison.changes] == ["citizen_steps"]


def test_no_introduction_is_suggested_to_join_sectors_within_the_national_tier(
    salford: SystemMap,
) -> None:
    links = analyse(salford, permutations=99, compare=False).missing_links
    assert len(links) == 20
    assert all(link.gap.get("place") != "national" for link in links)
    assert ("moj", "hmip") not in {(link.source, link.target) for link in links}
