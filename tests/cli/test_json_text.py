"""The analysis's JSON writer writes exactly what ``json.dumps(..., indent=2)`` writes."""

from __future__ import annotations

import json
from typing import Any

import pytest

from sysmap.cli.json_text import dumps_indented

AWKWARD: list[Any] = [
    {
        "text": ["é", 'quote " and \\ backslash', "line\nbreak", "\u2028", "\x00"],
        "numbers": [0, -1, 10**20, 2.5, -0.0, 1e300, 1e-7, float("nan"), float("inf")],
        "flags": [True, False, None],
        "empty": [{}, [], ()],
        "keys": {3: "int", 2.5: "float", True: "bool", None: "none", "s": "str"},
        "nested": ({"a": [[1], {"b": ()}]},),
    },
    [],
    {},
    "just text",
    7,
]


@pytest.mark.parametrize("value", AWKWARD)
def test_the_text_is_what_json_writes(value: Any) -> None:
    assert dumps_indented(value) == json.dumps(value, ensure_ascii=False, indent=2)


def test_what_json_cannot_write_is_refused_as_json_refuses_it() -> None:
    with pytest.raises(TypeError):
        dumps_indented({"a": object()})
