"""Refuse maps with absurd values (a 50 MB "name", a stakeholder at x = 1e308) early.

The model's gate (:mod:`sysmap.model.limits`) refuses such values wherever they come from;
the checks here run on a reader's records before the map is built, so an absurd file is
refused before any time goes into it, with a sentence that names the file, the field and
whose it is, and a hint. Every reader's map passes :func:`check_map_limits` at the end too.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from sysmap.io.safe_xml import XmlLimits
from sysmap.model.errors import MapFileError
from sysmap.model.limits import MAX_COORDINATE, MAX_LABEL_CHARS, MAX_TEXT_CHARS
from sysmap.model.system_map import SystemMap

__all__ = [
    "MAP_XML_LIMITS",
    "MAX_COORDINATE",
    "MAX_LABEL_CHARS",
    "MAX_RELATIONSHIPS",
    "MAX_STAKEHOLDERS",
    "MAX_TEXT_CHARS",
    "check_counts",
    "check_map_limits",
    "check_texts",
    "stakeholder_named",
    "texts_fine",
]
MAX_STAKEHOLDERS = 50_000
"""Five times the 10,000 stakeholders sysmap stays fluid at: what ``sysmap info`` reads in
about 20 s of processor time on a loaded two-core machine (issue 17; at the former cap of
100,000 stakeholders and 500,000 relationships it took over a minute)."""
MAX_RELATIONSHIPS = 250_000
"""Five relationships per stakeholder at the stakeholder cap: the mean degree of 10 that
national maps stay below."""
_LABELS = frozenset({"label", "title"})
_GEOMETRY = ("x", "y", "size")
_NO_TEXT = frozenset({int, float, bool, type(None)})


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
    # Whose a record is gets worded only for one that fails the quick tests: naming each of
    # 20,000 relationships was a noticeable share of `sysmap info` on a big map.
    for node_id, data in graph.nodes(data=True):
        if not texts_fine(data) or _far_geometry(data) is not None:
            whose = stakeholder_named(data, node_id)
            _check(data, whose, path)
            _check_geometry(data, whose, path)
    for _source, _target, key, data in graph.edges(keys=True, data=True):
        if not texts_fine(data):
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


def texts_fine(data: Mapping[str, Any]) -> bool:
    """Whether :func:`check_texts` would pass ``data`` on the quick test alone.

    True for the usual record (short names, short texts, numbers), so a reader can skip
    naming whose it is; False means "check properly", not "refuse".
    """
    return all(
        type(name) is str
        and len(name) <= MAX_LABEL_CHARS
        and (type(value) in _NO_TEXT or (type(value) is str and len(value) <= MAX_LABEL_CHARS))
        for name, value in data.items()
    )


def _check(data: Mapping[str, Any], whose: str, path: str) -> None:
    if texts_fine(data):
        return  # the usual case, settled without the checks below
    for name, value in data.items():
        if len(str(name)) > MAX_LABEL_CHARS:
            _refuse(path, f"an attribute name of {whose}", len(str(name)), MAX_LABEL_CHARS)
        cap = MAX_LABEL_CHARS if name in _LABELS else MAX_TEXT_CHARS
        for text in _texts(value):
            if len(text) > cap:
                _refuse(path, f"the {_what(name)} of {whose}", len(text), cap)


def _far_geometry(data: Mapping[str, Any]) -> tuple[str, float] | None:
    """The first position or size in ``data`` beyond ``MAX_COORDINATE``, if any."""
    for name in _GEOMETRY:
        value = data.get(name)
        if isinstance(value, int | float) and abs(value) > MAX_COORDINATE:
            return name, value
    return None


def _check_geometry(data: Mapping[str, Any], whose: str, path: str) -> None:
    far = _far_geometry(data)
    if far is not None:
        name, value = far
        what = "size" if name == "size" else f"{name} position"
        raise MapFileError(
            path,
            f"the {what} of {whose} is {value:g}, beyond the ±{MAX_COORDINATE:,.0f} sysmap accepts",
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
