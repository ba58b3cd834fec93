"""Every sentence a reader says names the file, the element and the value, in plain words
(issue 16): no Python errors quoted, no sentences glued together."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sysmap.io import load_map
from sysmap.model import MapFileError

GRAPHML_BAD_VALUE = """<graphml xmlns="http://graphml.graphdrawing.org/xmlns">
  <key id="b" for="node" attr.name="budget" attr.type="double"/>
  <key id="n" for="edge" attr.name="years" attr.type="int"/>
  <graph edgedefault="directed">
    <node id="n1"><data key="b">INF</data></node><node id="n2"><data key="b">12</data></node>
    <edge source="n1" target="n2"><data key="n">2.5</data></edge>
  </graph>
</graphml>"""


def test_a_graphml_value_not_of_its_type_names_file_element_and_value(tmp_path: Path) -> None:
    path = tmp_path / "budgets.graphml"
    path.write_text(GRAPHML_BAD_VALUE, encoding="utf-8")
    result = load_map(path)
    assert result.warnings[:2] == [
        "In budgets.graphml, the attribute 'budget' of the node 'n1' is 'INF', which is not a "
        "finite number; it was kept as text.",
        "In budgets.graphml, the attribute 'years' of the edge from 'n1' to 'n2' is '2.5', "
        "which is not a whole number; it was kept as text.",
    ]


@pytest.mark.parametrize(
    ("document", "sentence"),
    [
        (
            {"nodes": [{"id": "a"}, {"label": "B"}], "edges": []},
            "map.json: the node 2 of the file has no 'id'.",
        ),
        (
            {"nodes": [{"id": "a"}], "edges": [{"source": "a"}]},
            "map.json: the edge 1 of the file has no 'target'.",
        ),
        ({"elements": [1, 2]}, "map.json: an element, connection or map in it is not in Kumu's"),
    ],
)
def test_a_json_entry_out_of_shape_is_named_without_python_words(
    tmp_path: Path, document: dict, sentence: str
) -> None:
    path = tmp_path / "map.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(MapFileError) as caught:
        load_map(path)
    message = str(caught.value)
    assert sentence in message
    for jargon in ("object", "KeyError", "NoneType", "attribute 'get'", "subscriptable"):
        assert jargon not in message


def test_a_table_column_that_does_not_fit_quotes_a_value(tmp_path: Path) -> None:
    path = tmp_path / "elements.csv"
    path.write_text("Label,X,Y\nCouncil,10,20\nCharity,n/a,5\n", encoding="utf-8")
    result = load_map(path)
    assert (
        "The column 'X' of 'elements.csv' holds values that do not fit sysmap's x (such as "
        "'n/a'); it was kept as an attribute."
    ) in result.warnings
