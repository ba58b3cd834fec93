"""Refuse maps with absurd values: a 50 MB "name" or a stakeholder at x = 1e308.

Every reader's map passes through :func:`check_map_limits` before it reaches the user, so a
file cannot smuggle in a label the canvas would choke on or a position the layout cannot
compute with, whatever its format. The caps are far above anything a real map holds (a
stakeholder's name is a few words, a note a few pages; drawings from Gephi, yEd and Kumu
stay within a few thousand units of the origin, and geographic ones within tens of millions).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from sysmap.io.safe_xml import XmlLimits
from sysmap.model.errors import MapFileError
from sysmap.model.system_map import SystemMap

MAX_LABEL_CHARS = 10_000
"""The longest name a stakeholder (or a map title) may have."""
MAX_TEXT_CHARS = 1_000_000
"""The longest any other text may be: a description, a note, an attribute's value."""
MAX_STAKEHOLDERS = 100_000
"""Ten times the 10,000 stakeholders sysmap stays fluid at; as many rows as a table may have."""
MAX_RELATIONSHIPS = 500_000
MAX_COORDINATE = 1e9
"""How far from the origin a stakeholder may be placed, or how big it may be drawn."""
_LABELS = frozenset({"label", "title"})
_GEOMETRY = ("x", "y", "size")


MAP_XML_LIMITS = XmlLimits(
    max_elements=3_000_000,
    counted=(
        ("node", MAX_STAKEHOLDERS, "stakeholders"),
        ("edge", MAX_RELATIONSHIPS, "relationships"),
    ),
)
"""Caps for a GraphML or GEXF map, checked before its tree is built (about 1 GB at most)."""


def check_counts(stakeholders: int, relationships: int, path: str) -> None:
    """Refuse a map with more stakeholders or relationships than sysmap accepts.

    Readers call this with the number of records they found, before building anything.
    """
    for count, cap, noun in (
        (stakeholders, MAX_STAKEHOLDERS, "stakeholders"),
        (relationships, MAX_RELATIONSHIPS, "relationships"),
    ):
        if count > cap:
            raise MapFileError(
                path,
                f"it has {count:,} {noun}, more than the {cap:,} sysmap accepts",
                hint="Split the map into smaller files.",
            )


def check_map_limits(system_map: SystemMap, path: str) -> None:
    """Raise MapFileError if any text is too long or any position too far out.

    Parameters
    ----------
    system_map : SystemMap
        A map just read from ``path``.
    path : str
        The file, for the message.

    Raises
    ------
    MapFileError
        Naming the field, whose it is and what is wrong with it.
    """
    graph = system_map.graph
    _check(graph.graph, "the map", path)
    _check(system_map.metadata, "the map", path)
    for node_id, data in graph.nodes(data=True):
        whose = stakeholder_named(data, node_id)
        _check(data, whose, path)
        _check_geometry(data, whose, path)
    for _source, _target, key, data in graph.edges(keys=True, data=True):
        _check(data, f"the relationship '{_short(key)}'", path)


def stakeholder_named(data: Mapping[str, Any], stakeholder_id: str) -> str:
    """How a message names a stakeholder: by its label, or its id if it has none."""
    label = data.get("label")
    return (
        f"the stakeholder '{_short(label if isinstance(label, str) and label else stakeholder_id)}'"
    )


def check_texts(data: Mapping[str, Any], whose: str, path: str) -> None:
    """Refuse over-long texts in one record, before a reader spends time on them.

    Parameters
    ----------
    data : mapping
        Field or attribute name to value; ``label`` and ``title`` get the tighter cap.
    whose : str
        Whose they are, for the message ("the stakeholder 'n12'").
    path : str
        The file, for the message.
    """
    _check(data, whose, path)


def _check(data: Mapping[str, Any], whose: str, path: str) -> None:
    for name, value in data.items():
        if len(str(name)) > MAX_LABEL_CHARS:
            _refuse(path, f"an attribute name of {whose}", len(str(name)), MAX_LABEL_CHARS)
        cap = MAX_LABEL_CHARS if name in _LABELS else MAX_TEXT_CHARS
        for text in _texts(value):
            if len(text) > cap:
                _refuse(path, f"the {_what(name)} of {whose}", len(text), cap)


def _check_geometry(data: Mapping[str, Any], whose: str, path: str) -> None:
    for name in _GEOMETRY:
        value = data.get(name)
        if isinstance(value, int | float) and abs(value) > MAX_COORDINATE:
            what = "size" if name == "size" else f"{name} position"
            raise MapFileError(
                path,
                f"the {what} of {whose} is {value:g}, beyond the ±"
                f"{MAX_COORDINATE:,.0f} sysmap accepts",
                hint="The file may be damaged; fix or remove that value and open it again.",
            )


def _texts(value: Any) -> Iterable[str]:
    if isinstance(value, str):
        return (value,)
    if isinstance(value, tuple | list):
        return (v for v in value if isinstance(v, str))
    return ()


def _what(name: str) -> str:
    return "name" if name == "label" else f"'{_short(name)}'"


def _short(text: object) -> str:
    text = str(text)
    return text if len(text) <= 40 else text[:40] + "…"


def _refuse(path: str, what: str, length: int, cap: int) -> None:
    raise MapFileError(
        path,
        f"{what} is {length:,} characters long, more than the {cap:,} sysmap accepts",
        hint="The file may be damaged or made to cause harm; ask the sender for a plain export.",
    )
