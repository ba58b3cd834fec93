"""The native GraphML schema (version 1): which keys a map file declares, and their types.

Facts that shape it (each checked on real files in tests/io): Gephi looks a key up by its
``id`` before its ``attr.name``, Cytoscape ignores keys without ``attr.type``, so **key ids
equal attribute names** and every key is typed. GraphML needs key ids unique across the
document, so when a name is used on nodes and edges (``label``, ``description``…) the node
key keeps the bare name and the edge or graph key is prefixed (``edge_label``); Gephi,
networkx, igraph and Cytoscape all read the attribute's name from ``attr.name``.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from sysmap.model.errors import ValidationError
from sysmap.model.limits import MAX_WHOLE_NUMBER

GRAPHML_NS = "http://graphml.graphdrawing.org/xmlns"
YFILES_NS = "http://www.yworks.com/xml/graphml"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
FORMAT_VERSION = 1
ORIGINAL_ID = "sysmap_id"
"""In sysmap's own files, a stakeholder's or relationship's id where the file's differs."""

GRAPH_SCHEMA: tuple[tuple[str, str], ...] = (
    ("sysmap_format", "int"),
    ("title", "string"),
    ("description", "string"),
    ("sectors", "string"),
    ("places", "string"),
    ("kinds", "string"),
    ("relation_types", "string"),
)
NODE_SCHEMA: tuple[tuple[str, str], ...] = (
    ("label", "string"),
    ("name", "string"),
    ("kind", "string"),
    ("sector", "string"),
    ("place", "string"),
    ("place_level", "string"),
    ("description", "string"),
    ("tags", "string"),
    ("influence", "double"),
    ("interest", "double"),
    ("evidence", "string"),
    ("short_name", "string"),
    ("x", "double"),
    ("y", "double"),
    ("pinned", "boolean"),
    ("colour", "string"),
    ("size", "double"),
    ("r", "int"),
    ("g", "int"),
    ("b", "int"),
)
EDGE_SCHEMA: tuple[tuple[str, str], ...] = (
    ("relation", "string"),
    ("label", "string"),
    ("status", "string"),
    ("weight", "double"),
    ("description", "string"),
    ("evidence", "string"),
    ("directed", "boolean"),
    ("tags", "string"),
)
DOMAIN_PREFIX = {"graph": "graph_", "node": "node_", "edge": "edge_"}
GRAPHML_TYPES = ("boolean", "int", "long", "float", "double", "string")
_INT32 = 2**31


@dataclass(frozen=True)
class KeySpec:
    """One ``<key>``: its id, which elements it is for, the attribute's name and type."""

    id: str
    domain: str
    name: str
    type: str


class KeyPlan:
    """The keys of one file, in file order, with lookup by (domain, attribute name)."""

    def __init__(self) -> None:
        self.keys: list[KeySpec] = []
        self._by_name: dict[tuple[str, str], KeySpec] = {}
        self._ids: set[str] = set()

    def add(self, domain: str, name: str, type_: str) -> KeySpec:
        """Declare a key, choosing an id equal to ``name`` when that id is still free."""
        key_id = name if _usable_id(name) else _sanitise(name)
        if key_id in self._ids:
            key_id = DOMAIN_PREFIX[domain] + key_id
        base, n = key_id, 2
        while key_id in self._ids:
            key_id, n = f"{base}_{n}", n + 1
        spec = KeySpec(key_id, domain, name, type_)
        self.keys.append(spec)
        self._by_name[(domain, name)] = spec
        self._ids.add(key_id)
        return spec

    def get(self, domain: str, name: str) -> KeySpec:
        """Return the key declared for an attribute."""
        return self._by_name[(domain, name)]


def _usable_id(name: str) -> bool:
    # GraphML key ids are NMTOKENs: no spaces; keep them simple for every reader.
    return bool(name) and all(ch.isalnum() or ch in "_-." for ch in name)


def _sanitise(name: str) -> str:
    cleaned = "".join(ch if ch.isalnum() or ch in "_-." else "_" for ch in name)
    return cleaned.strip("_") or "attribute"


def infer_type(values: Iterable[Any], declared: str | None = None) -> str:
    """Choose the GraphML type for a custom attribute from its values.

    A type the attribute arrived with (``declared``) is kept when its values still fit it,
    so a ``long`` or ``float`` column from another tool is written back as it came.

    Examples
    --------
    >>> infer_type([1, 2]), infer_type([1, 2.5]), infer_type([True]), infer_type(["a", 1])
    ('int', 'double', 'boolean', 'string')
    >>> infer_type([1], declared="long"), infer_type([2**40])
    ('long', 'long')
    """
    kinds = {_value_kind(v) for v in values}
    if kinds == {"boolean"}:
        natural = "boolean"
    elif kinds and kinds <= {"int"}:
        natural = "long" if any(abs(int(v)) >= _INT32 for v in values) else "int"
    elif kinds and kinds <= {"int", "double"}:
        natural = "double"
    else:
        natural = "string"
    if declared in ("int", "long") and natural == "int":
        return declared
    if declared in ("float", "double") and natural in ("int", "double"):
        return declared
    return natural


def _value_kind(value: Any) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "int"
    if isinstance(value, float):
        return "double"
    return "string"


def encode_value(value: Any, type_: str) -> str:
    """Write one value as GraphML text for a key of type ``type_``.

    Examples
    --------
    >>> encode_value(True, "boolean"), encode_value(0.1, "double"), encode_value(3, "double")
    ('true', '0.1', '3.0')
    >>> encode_value(("a", "b"), "string")
    'a|b'
    """
    if isinstance(value, tuple | list):
        return "|".join(str(v) for v in value)
    if type_ == "boolean":
        return "true" if value else "false"
    if type_ in ("float", "double"):
        return repr(float(value))
    if type_ in ("int", "long") and not isinstance(value, bool):
        return str(int(value))
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value)
    return str(value)


def decode_value(text: str, type_: str) -> Any:
    """Read GraphML text as a value of type ``type_``.

    Raises
    ------
    ValidationError
        If the text is not a value of that type (or is a non-finite number).

    Examples
    --------
    >>> decode_value("TRUE", "boolean"), decode_value("12", "long"), decode_value("1e3", "float")
    (True, 12, 1000.0)
    """
    if type_ == "boolean":
        lowered = text.strip().lower()
        if lowered in ("true", "1", "yes"):
            return True
        if lowered in ("false", "0", "no", ""):
            return False
        raise ValidationError(f"'{shown(text)}' is not true or false")
    if type_ in ("int", "long"):
        stripped = text.strip()
        try:
            whole = int(stripped)
        except ValueError:
            number = _float(stripped)
            if not number.is_integer():
                raise ValidationError(f"'{shown(text)}' is not a whole number") from None
            whole = int(number)
        if abs(whole) > MAX_WHOLE_NUMBER:
            raise ValidationError(f"'{shown(text)}' is a whole number too big to keep")
        return whole
    if type_ in ("float", "double"):
        return _float(text.strip())
    return text


def _float(text: str) -> float:
    try:
        number = float(text)
    except ValueError:
        raise ValidationError(f"'{shown(text)}' is not a number") from None
    if not math.isfinite(number):
        raise ValidationError(f"'{shown(text)}' is not a finite number")
    return number


def shown(text: str) -> str:
    """A value from a file as a message quotes it: cut short."""
    return text if len(text) <= 40 else text[:40] + "…"


def schema_types(domain: str) -> Mapping[str, str]:
    """Return {attribute name: GraphML type} for the built-in keys of a domain."""
    schema = {"graph": GRAPH_SCHEMA, "node": NODE_SCHEMA, "edge": EDGE_SCHEMA}[domain]
    return dict(schema)


def is_colour(value: str) -> bool:
    """Whether ``value`` is a colour as sysmap writes one (``#1A2B3C``, either case)."""
    return (
        len(value) == 7
        and value[0] == "#"
        and all(c in "0123456789abcdefABCDEF" for c in value[1:])
    )
