"""Hypothesis strategies that build valid maps with the awkward corners users hit."""

from __future__ import annotations

from hypothesis import strategies as st

from sysmap.model import Relationship, Stakeholder, SystemMap, Term

# Text a map can hold: any unicode except what XML 1.0 cannot carry.
_text_chars = st.characters(
    blacklist_categories=("Cs",),
    blacklist_characters=[chr(c) for c in range(0x20) if chr(c) not in "\t\n\r"]
    + ["\ufffe", "\uffff"],
)
text = st.text(_text_chars, max_size=30)
labels = text.filter(lambda s: s.strip() != "").map(str.strip)
tags = st.lists(
    st.text(_text_chars, min_size=1, max_size=8).filter(lambda s: s.strip() != "" and "|" not in s),
    max_size=3,
).map(tuple)
finite = st.floats(allow_nan=False, allow_infinity=False, width=64, min_value=-1e9, max_value=1e9)
unit = st.floats(min_value=0.0, max_value=1.0, allow_nan=False)
attr_names = st.sampled_from(["budget", "department", "staff", "statutory", "note", "Net Worth"])
ATTR_TYPES = {
    "budget": finite,
    "department": text,
    "staff": st.integers(min_value=-(2**40), max_value=2**40),
    "statutory": st.booleans(),
    "note": text,
    "Net Worth": finite,
}
sectors = st.sampled_from(
    [
        "central_government",
        "local_public_services",
        "private",
        "third_sector",
        "citizens",
        "independent",
        "faith_groups",
    ]
)


@st.composite
def attributes(draw: st.DrawFn) -> dict[str, object]:
    names = draw(st.lists(attr_names, unique=True, max_size=3))
    return {name: draw(ATTR_TYPES[name]) for name in names}


@st.composite
def stakeholders(draw: st.DrawFn) -> Stakeholder:
    return Stakeholder(
        label=draw(labels),
        kind=draw(st.none() | st.sampled_from(["organisation", "group", "individual"])),
        sector=draw(st.none() | sectors),
        place=draw(st.none() | st.sampled_from(["Greater Manchester", "Salford", "England"])),
        place_level=draw(st.none() | st.sampled_from(["national", "regional", "local"])),
        description=draw(text),
        tags=draw(tags),
        influence=draw(st.none() | unit),
        interest=draw(st.none() | unit),
        evidence=draw(text),
        short_name=draw(st.sampled_from(["", "HMPPS", "GM Probation"])),
        x=draw(finite),
        y=draw(finite),
        pinned=draw(st.booleans()),
        colour=draw(st.none() | st.sampled_from(["#112233", "#ABCDEF"])),
        size=draw(st.none() | st.floats(min_value=0, max_value=100)),
        attributes=draw(attributes()),
    )


@st.composite
def system_maps(draw: st.DrawFn) -> SystemMap:
    m = SystemMap(draw(text), draw(text))
    if draw(st.booleans()):
        m.set_vocabulary(
            "sectors", m.sectors.with_term(Term("faith_groups", "Faith groups", "#000000"))
        )
    for _ in range(draw(st.integers(0, 6))):
        m.add_stakeholder(draw(stakeholders()))
    ids = m.stakeholder_ids()
    if len(ids) >= 2:
        for _ in range(draw(st.integers(0, 8))):
            source, target = draw(
                st.lists(st.sampled_from(ids), min_size=2, max_size=2, unique=True)
            )
            m.add_relationship(
                Relationship(
                    source,
                    target,
                    relation=draw(st.none() | st.sampled_from(["funds", "partners", "refers"])),
                    status=draw(st.sampled_from(["active", "weak", "missing", "proposed"])),
                    weight=draw(st.none() | st.floats(min_value=0, max_value=10)),
                    description=draw(text),
                    evidence=draw(text),
                    directed=draw(st.none() | st.booleans()),
                    tags=draw(tags),
                    attributes=draw(attributes()),
                )
            )
    if draw(st.booleans()):
        m.set_metadata("programme", draw(text))
    return m
