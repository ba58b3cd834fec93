"""Everything sysmap writes, sysmap reads: random maps with awkward text, through every format.

Each format has its own round-trip test with everyday text (``tests/strategies.py``); this one
gives every writer the text that breaks writers: every character class a map may hold
(controls it may carry, XML and CSV specials, quotes, separators, formula starts,
right-to-left marks, combining marks, emoji), texts long enough to stress each format (up to
an Excel cell's 32,767 characters), and names, places, tags and notes made of them. Each
format must give back what it is documented to keep.

A modest number of examples runs by default; for a long run::

    SYSMAP_ROUNDTRIP_EXAMPLES=2000 python -m pytest tests/io/test_everything_we_write.py
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sysmap.io import FORMATS, load_map, save_map
from sysmap.model import SystemMap
from sysmap.model.limits import MAX_TEXT_CHARS
from tests.io.roundtrip import assert_core_survives, assert_details_survive
from tests.io.test_kumu import EXCEL_DIGITS, without_empty_text
from tests.strategies import system_maps

EXAMPLES = int(os.environ.get("SYSMAP_ROUNDTRIP_EXAMPLES", "15"))
RISKY = [
    *"\t\n\r <>&\"';,|=+-@#%\\/_",
    "_x000D_",  # what Excel writes for a carriage return
    "\u200f",  # right-to-left mark
    "\u0301",  # combining acute accent
    "\u00a0",  # no-break space
    "\u2028",  # line separator
    "😀",  # outside the Basic Multilingual Plane
    "中",
    "ß",
    "\x85",  # next line
    "]]>",
    "&amp;",
]
ANY = st.characters(
    blacklist_categories=("Cs",),
    blacklist_characters=[chr(c) for c in range(0x20) if chr(c) not in "\t\n\r"]
    + ["\ufffe", "\uffff"],
)
texts = st.one_of(
    st.text(ANY, max_size=40),
    st.lists(st.sampled_from(RISKY) | st.text(ANY, max_size=3), max_size=30).map("".join),
    st.builds(lambda piece, n: (piece * n)[:32_000], st.text(ANY, min_size=1, max_size=9),
              st.integers(100, 4_000)),
)  # fmt: skip
names = texts.map(lambda t: t[:200].strip()).filter(bool)  # names carry no outer spaces


@st.composite
def awkward_maps(draw: st.DrawFn) -> SystemMap:
    """A random map whose texts are the awkward ones."""
    m = draw(system_maps())
    m.set_properties(title=draw(names), description=draw(texts))
    for stakeholder in list(m.stakeholders()):
        m.update_stakeholder(
            stakeholder.id,
            label=draw(names),
            description=draw(texts),
            evidence=draw(texts),
            place=draw(st.none() | names),
        )
    for rel in list(m.relationships()):
        m.update_relationship(rel.id, description=draw(texts), evidence=draw(texts))
    return m


def _check(fmt: str, before: SystemMap, after: SystemMap) -> None:
    if fmt in ("graphml", "json"):  # sysmap's own and node-link JSON: everything, exactly
        assert after == before
    elif fmt == "gexf":
        assert_core_survives(before, after)
        assert_details_survive(before, after)
        assert (after.title, after.description) == (before.title, before.description)
    elif fmt == "xlsx":
        expected = without_empty_text(before)
        assert_core_survives(expected, after, position_rel=EXCEL_DIGITS)
        assert_details_survive(expected, after, rel=EXCEL_DIGITS)
        assert (after.title, after.description) == (before.title, before.description)
    else:  # CSV tables: the stakeholders and relationships, with their notes
        assert_core_survives(before, after)
        for old in before.stakeholders():
            new = after.stakeholder(old.id)
            assert (new.description, new.evidence) == (old.description, old.evidence)
        for old_rel in before.relationships():
            new_rel = after.relationship(old_rel.id)
            assert (new_rel.description, new_rel.evidence) == (
                old_rel.description,
                old_rel.evidence,
            )


WRITABLE = sorted({f.key for f in FORMATS if f.write is not None and f.extensions})


def test_every_writer_is_covered() -> None:
    assert WRITABLE == ["csv", "gexf", "graphml", "json", "xlsx", "zip"]


@pytest.mark.timeout(max(300, 10 * EXAMPLES))  # a long run takes as long as it takes
@pytest.mark.parametrize("fmt", WRITABLE)
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize="SYSMAP_ROUNDTRIP_EXAMPLES" not in os.environ,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(system_map=awkward_maps())
def test_awkward_text_comes_back_from_every_format(
    tmp_path_factory: pytest.TempPathFactory, fmt: str, system_map: SystemMap
) -> None:
    extension = next(f.extensions[0] for f in FORMATS if f.key == fmt)
    path = tmp_path_factory.mktemp(fmt) / f"map{extension}"
    save_map(system_map, path)
    _check(fmt, system_map, load_map(path).map)


@pytest.mark.parametrize("fmt", [f for f in WRITABLE if f != "xlsx"])
def test_the_longest_text_a_map_may_hold_comes_back(tmp_path: Path, fmt: str) -> None:
    m = SystemMap("Long")
    from sysmap.model import Stakeholder

    m.add_stakeholder(Stakeholder("Council", description='Ä;"=x\n' * (MAX_TEXT_CHARS // 6)))
    extension = next(f.extensions[0] for f in FORMATS if f.key == fmt)
    path = tmp_path / f"map{extension}"
    save_map(m, path)
    assert load_map(path).map.stakeholder("council").description == (
        m.stakeholder("council").description
    )
