"""The briefing's opening sentence and silo tables, as a policy lead reads them.

- The overview counts stakeholders, relationships and working ties, and says how many
  separate parts the ties leave: "one connected part", or the number (two is already
  "2 separate parts", not one).
- Each silo table has a column for what random mixing would give, and a group with no ties
  at all has no p-value to show: its p cell is left empty (its E-I reads "n/a").
"""

from __future__ import annotations

from sysmap.analysis import analyse, render_text
from sysmap.model import Stakeholder, SystemMap


def briefing(system_map: SystemMap) -> str:
    return render_text(analyse(system_map, permutations=99))


def overview(text: str) -> str:
    """The briefing's first paragraph, on one line."""
    return " ".join(text.split("\n\n")[1].split())


def test_the_overview_counts_ties_and_separate_parts(salford: SystemMap) -> None:
    assert overview(briefing(salford)) == (
        "The map has 15 stakeholders and 19 relationships, of which 17 working ties join "
        "pairs of stakeholders in 3 separate parts. It is analysed as it is today, grouped "
        "by sector and place."
    )
    salford.remove_stakeholder("employer")  # no ties: its own part
    assert "working ties join pairs of stakeholders in 2 separate parts." in overview(
        briefing(salford)
    )
    salford.remove_stakeholder("victims")
    salford.remove_stakeholder("victim-support")
    assert "in one connected part." in overview(briefing(salford))


def test_a_group_without_ties_has_an_empty_p_cell(salford: SystemMap) -> None:
    for node_id in ("ua", "ub"):
        salford.add_stakeholder(Stakeholder(f"University {node_id}", id=node_id, sector="academic"))
    lines = briefing(salford).splitlines()
    header = next(line for line in lines if line.strip().startswith("Sector "))
    assert header.split() == [
        "Sector",
        *("members", "ties", "inside", "ties", "out", "E-I", "random", "mixing", "p"),
        "finding",
    ]
    academic = next(line for line in lines if line.strip().startswith("academic"))
    assert academic.split() == ["academic", "2", "0", "0", "n/a", "+0.94"]
