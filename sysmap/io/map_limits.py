"""Refuse maps whose texts are absurdly long: a 50 MB "name" is an attack, not a map.

Every reader's map passes through :func:`check_text_sizes` before it reaches the user, so a
file cannot smuggle a label the canvas would choke on, whatever its format. The caps are far
above anything a real map holds (a stakeholder's name is a few words; a note a few pages).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from sysmap.model.errors import MapFileError
from sysmap.model.system_map import SystemMap

MAX_LABEL_CHARS = 10_000
"""The longest name a stakeholder (or a map title) may have."""
MAX_TEXT_CHARS = 1_000_000
"""The longest any other text may be: a description, a note, an attribute's value."""
_LABELS = frozenset({"label", "title"})


def check_text_sizes(system_map: SystemMap, path: str) -> None:
    """Raise MapFileError if any text in the map is longer than the caps allow.

    Parameters
    ----------
    system_map : SystemMap
        A map just read from ``path``.
    path : str
        The file, for the message.

    Raises
    ------
    MapFileError
        Naming the field, whose it is and how long it is.
    """
    graph = system_map.graph
    _check(graph.graph, "the map", path)
    _check(system_map.metadata, "the map", path)
    for node_id, data in graph.nodes(data=True):
        _check(data, f"the stakeholder '{_short(data.get('label', node_id))}'", path)
    for _source, _target, key, data in graph.edges(keys=True, data=True):
        _check(data, f"the relationship '{_short(key)}'", path)


def _check(data: Mapping[str, Any], whose: str, path: str) -> None:
    for name, value in data.items():
        if len(str(name)) > MAX_LABEL_CHARS:
            _refuse(path, f"an attribute name of {whose}", len(str(name)), MAX_LABEL_CHARS)
        cap = MAX_LABEL_CHARS if name in _LABELS else MAX_TEXT_CHARS
        for text in _texts(value):
            if len(text) > cap:
                _refuse(path, f"the {_what(name)} of {whose}", len(text), cap)


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
