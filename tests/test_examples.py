"""The four example maps that ship with sysmap: complete, sourced, legible and stable.

They are the first thing a new user opens, so they must load cleanly, tag every stakeholder
with the fields the analysis needs, carry their documented gaps as weak and missing
relationships with sources, and be drawn without overlapping boxes.
"""

from __future__ import annotations

import re
from pathlib import Path

import networkx as nx
import pytest
from matplotlib.path import Path as Polyline
from matplotlib.transforms import Bbox

from sysmap.cli.main import main
from sysmap.io import EXAMPLES, Example, LoadResult, load_map, resolve_map_path, write_graphml
from sysmap.model import (
    DEFAULT_RELATION_TYPES,
    DEFAULT_SECTORS,
    KINDS,
    PLACE_LEVELS,
    STATUSES,
    SystemMap,
)
from sysmap.model.style import estimate_box, wrap_label

BOX_MARGIN = 24.0
BRIDGE_TAG = "joining-up programme"
SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
EXPECTED = {
    "reoffending": "reoffending.graphml",
    "rough-sleeping": "rough-sleeping.graphml",
    "addiction": "addiction.graphml",
    "levelling-up": "levelling-up.graphml",
}

# Each documented silo or missing link (the fact sheet's "Known silos" tables), by the ids
# of the weak or missing relationships that carry it.
KNOWN_GAPS: dict[str, dict[str, tuple[str, ...]]] = {
    "reoffending": {
        "release into homelessness": (
            "hmp-forest-bank-releases-prison-leaver",
            "hmp-forest-bank-refers-housing-options",
            "hmp-forest-bank-partners-housing-options",
            "housing-options-houses-prison-leaver",
        ),
        "prison to probation handover": ("pom-shares-data-com",),
        "health through the gate": (
            "hmp-manchester-shares-data-nhs-gm",
            "hmp-forest-bank-refers-drug-service",
        ),
        "risk information": (
            "probation-gm-shares-data-gmp",
            "probation-gm-shares-data-childrens-services",
        ),
        "employment has no owner": ("dwp-partners-hmpps", "employers-employs-prison-leaver"),
        "patchy IOM": ("iom-supervises-prison-leaver", "iom-accountable-to-home-office"),
    },
    "rough-sleeping": {
        "exempt housing": (
            "bcc-housing-commissions-exempt-providers",
            "dwp-funds-exempt-providers",
            "rsh-inspects-exempt-providers",
        ),
        "duty to refer only notifies": (
            "hospital-refers-bcc-housing",
            "hospital-partners-bcc-housing",
            "hmpps-wm-refers-bcc-housing",
        ),
        "short-term funding, no plan": ("mhclg-funds-bcc-housing", "mhclg-partners-dwp"),
        "housing allowance gap": (
            "dwp-funds-private-landlords",
            "private-landlords-houses-rough-sleeper",
        ),
        "no recourse to public funds": (
            "bcc-housing-houses-nrpf-person",
            "home-office-funds-bcc-adult-care",
        ),
    },
    "addiction": {
        "prison to community treatment": ("prison-refers-horizon",),
        "mental health and substance use": (
            "mh-trust-shares-data-horizon",
            "mh-trust-delivers-dependent-user",
        ),
        "funding erosion": ("dhsc-ohid-funds-public-health", "nao-pac-inspects-jcdu"),
        "no single owner in Whitehall": ("home-office-partners-dhsc-ohid",),
        "coastal housing": ("hmo-landlords-houses-dependent-user", "dhsc-ohid-partners-mhclg"),
        "alcohol policy": ("home-office-conditions-alcohol-trade",),
    },
    "levelling-up": {
        "fragmented pots": ("mhclg-funds-mbc-pots",),
        "Whitehall not joined up": (
            "mhclg-partners-dfe",
            "mhclg-partners-dwp",
            "cabinet-committee-convenes-mhclg",
        ),
        "development corporation accountability": (
            "stdc-partners-teesworks",
            "scrutiny-inspects-tvca",
            "scrutiny-inspects-stdc",
        ),
        "council capacity": ("mhclg-inspects-mbc",),
        "missions without owners": ("mhclg-accountable-to-residents",),
    },
}

Box = tuple[float, float, float, float]


@pytest.fixture(scope="module", params=EXAMPLES, ids=[e.name for e in EXAMPLES])
def example(request: pytest.FixtureRequest) -> Example:
    example: Example = request.param
    return example


@pytest.fixture(scope="module")
def loaded(example: Example) -> LoadResult:
    return load_map(example.path)


@pytest.fixture(scope="module")
def system_map(loaded: LoadResult) -> SystemMap:
    return loaded.map


def boxes(system_map: SystemMap) -> dict[str, Box]:
    """Each stakeholder's estimated box (x0, y0, x1, y1), centred on its position."""
    result = {}
    for s in system_map.stakeholders():
        width, height = estimate_box(s.label)
        result[s.id] = (s.x - width / 2, s.y - height / 2, s.x + width / 2, s.y + height / 2)
    return result


def working_ties(system_map: SystemMap) -> nx.Graph:
    """Stakeholders joined by active or weak relationships (missing ones are not ties)."""
    graph = nx.Graph()
    graph.add_nodes_from(system_map.stakeholder_ids())
    graph.add_edges_from(
        r.ends for r in system_map.relationships() if r.status in ("active", "weak")
    )
    return graph


def segment_enters_box(p: tuple[float, float], q: tuple[float, float], box: Box) -> bool:
    """Whether the straight line p–q passes through the box."""
    return bool(Polyline([p, q]).intersects_bbox(Bbox.from_extents(*box), filled=True))


def test_the_four_examples_are_registered_with_their_files() -> None:
    assert {e.name: e.file_name for e in EXAMPLES} == EXPECTED
    for example in EXAMPLES:
        assert example.path.is_file(), example.path
        title, colon, line = example.summary.partition(": ")  # the start page splits here
        assert title, example.summary
        assert colon, example.summary
        assert line, example.summary


def test_example_names_resolve_to_the_shipped_files(example: Example) -> None:
    assert resolve_map_path(example.name) == example.path
    assert resolve_map_path(example.name.upper()) == example.path


def test_loads_without_warnings(loaded: LoadResult) -> None:
    assert "GraphML" in loaded.format
    assert loaded.warnings == []
    assert loaded.map.problems() == []
    assert not loaded.unpositioned


def test_size_suits_a_workshop(system_map: SystemMap) -> None:
    assert 30 <= system_map.stakeholder_count <= 45
    assert system_map.relationship_count >= system_map.stakeholder_count


def test_title_and_description_explain_the_map(system_map: SystemMap) -> None:
    assert system_map.title
    text = system_map.description
    assert len(text) > 400
    assert "archetypes, not real individuals" in text
    assert "Known gaps: (1)" in text
    assert "sources" in text


def test_every_stakeholder_is_fully_described(system_map: SystemMap) -> None:
    for s in system_map.stakeholders():
        assert SLUG.fullmatch(s.id), s.id
        assert s.kind in KINDS, s.id
        assert s.sector in DEFAULT_SECTORS, s.id
        assert s.place_level in PLACE_LEVELS, s.id
        assert s.place, s.id
        assert s.description.endswith("."), s.id
        assert s.influence is not None, s.id
        assert 0 <= s.influence <= 1, s.id
        assert s.interest is not None, s.id
        assert 0 <= s.interest <= 1, s.id


def test_places_vocabulary_lists_exactly_the_places_used(system_map: SystemMap) -> None:
    used = {s.place: s.place_level for s in system_map.stakeholders()}
    vocabulary = {t.key: t.level for t in system_map.places}
    assert vocabulary == used
    assert all(t.label == t.key for t in system_map.places)


def test_every_sector_and_level_takes_part(system_map: SystemMap) -> None:
    assert {s.sector for s in system_map.stakeholders()} == set(DEFAULT_SECTORS.keys())
    assert {s.place_level for s in system_map.stakeholders()} == set(PLACE_LEVELS.keys())
    citizens = [s for s in system_map.stakeholders() if s.sector == "citizens"]
    assert len(citizens) >= 3


def test_power_interest_grid_spreads_stakeholders(system_map: SystemMap) -> None:
    # Mendelow's four quadrants should each hold someone, or the grid layout says nothing.
    quadrants = {
        ((s.influence or 0.0) >= 0.5, (s.interest or 0.0) >= 0.5) for s in system_map.stakeholders()
    }
    assert len(quadrants) == 4


def test_every_relationship_is_typed_and_has_a_status(system_map: SystemMap) -> None:
    for r in system_map.relationships():
        assert r.relation in DEFAULT_RELATION_TYPES, r.id
        assert r.relation != "other", r.id
        assert r.status in STATUSES, r.id
        assert r.status != "proposed", r.id  # the shipped maps show the system as it is
        assert SLUG.fullmatch(r.id), r.id


def test_every_stakeholder_is_connected(system_map: SystemMap) -> None:
    for s in system_map.stakeholders():
        assert system_map.relationships_of(s.id), s.label


def test_working_ties_join_almost_everyone(system_map: SystemMap) -> None:
    # Counting only active and weak ties, at most a small documented silo stands apart.
    parts = sorted(nx.connected_components(working_ties(system_map)), key=len)
    assert len(parts[-1]) >= 0.9 * system_map.stakeholder_count


def test_known_gaps_are_encoded(example: Example, system_map: SystemMap) -> None:
    for gap, ids in KNOWN_GAPS[example.name].items():
        for rel_id in ids:
            rel = system_map.relationship(rel_id)
            assert rel.status in ("weak", "missing"), (gap, rel_id)
            assert rel.evidence, (gap, rel_id)


def test_no_recourse_silo_stands_apart_in_rough_sleeping() -> None:
    # Gap 5 of the Birmingham map: nothing but missing links joins immigration control and
    # the council's social care safety net to the homelessness system.
    system_map = load_map(resolve_map_path("rough-sleeping")).map
    parts = list(nx.connected_components(working_ties(system_map)))
    assert sorted(len(p) for p in parts) == [3, system_map.stakeholder_count - 3]
    assert {"home-office", "nrpf-person", "bcc-adult-care"} in parts


def test_documented_gaps_are_weak_or_missing_with_evidence(system_map: SystemMap) -> None:
    relationships = list(system_map.relationships())
    weak = [r for r in relationships if r.status == "weak"]
    missing = [r for r in relationships if r.status == "missing"]
    assert len(weak) >= 5
    assert len(missing) >= 1
    for r in weak + missing:
        assert r.evidence, r.id
        assert r.description, r.id


def test_joining_up_programmes_are_active_and_tagged(system_map: SystemMap) -> None:
    bridges = [r for r in system_map.relationships() if BRIDGE_TAG in r.tags]
    assert bridges
    assert all(r.status == "active" and r.evidence for r in bridges)


def test_labels_wrap_in_three_lines_without_cutting(system_map: SystemMap) -> None:
    for s in system_map.stakeholders():
        lines = wrap_label(s.label)
        assert len(lines) <= 3, s.label
        assert " ".join(lines) == s.label, s.label  # nothing cut or ellipsised


def test_no_two_boxes_overlap(system_map: SystemMap) -> None:
    items = sorted(boxes(system_map).items())
    for i, (a, (ax0, ay0, ax1, ay1)) in enumerate(items):
        for b, (bx0, by0, bx1, by1) in items[i + 1 :]:
            apart = (
                ax1 + BOX_MARGIN <= bx0
                or bx1 + BOX_MARGIN <= ax0
                or ay1 + BOX_MARGIN <= by0
                or by1 + BOX_MARGIN <= ay0
            )
            assert apart, f"{a} and {b} overlap"


def test_map_is_landscape_near_16_by_10(system_map: SystemMap) -> None:
    shapes = boxes(system_map).values()
    width = max(b[2] for b in shapes) - min(b[0] for b in shapes)
    height = max(b[3] for b in shapes) - min(b[1] for b in shapes)
    assert 1.45 <= width / height <= 1.75
    assert 1200 <= width <= 2000  # a 1600 px export shows labels near their drawn size


def test_few_lines_run_through_unrelated_boxes(system_map: SystemMap) -> None:
    shapes = boxes(system_map)
    centre = {s.id: (s.x, s.y) for s in system_map.stakeholders()}
    pairs = {tuple(sorted(r.ends)) for r in system_map.relationships()}
    through = [
        (a, b, other)
        for a, b in pairs
        for other, box in shapes.items()
        if other not in (a, b) and segment_enters_box(centre[a], centre[b], box)
    ]
    assert len(through) <= 2, through


def test_resaving_reproduces_the_file_byte_for_byte(example: Example, loaded: LoadResult) -> None:
    assert write_graphml(loaded.map) == example.path.read_bytes()


def test_cli_lists_all_examples_with_counts(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["examples"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split()[0] == "NAME"
    for example in EXAMPLES:
        system_map = load_map(example.path).map
        row = next(line for line in lines if line.split()[0] == example.name)
        assert system_map.title in row
        assert row.split()[-2:] == [
            str(system_map.stakeholder_count),
            str(system_map.relationship_count),
        ]


def test_cli_info_describes_each_example(
    example: Example, system_map: SystemMap, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["info", example.name]) == 0
    out = capsys.readouterr().out
    assert out.startswith(system_map.title + "\n")
    assert f"{system_map.stakeholder_count} stakeholders, " in out
    assert "No warnings." in out


def test_examples_folder_holds_only_the_shipped_maps() -> None:
    # A stray backup or a fifth map would ship in the wheel without being listed.
    folder = Path(EXAMPLES[0].path).parent
    assert sorted(p.name for p in folder.glob("*.graphml*")) == sorted(EXPECTED.values())
