"""The file format page (sysmap/io/format.md) documents every key sysmap writes."""

from __future__ import annotations

import re
from pathlib import Path

from sysmap.analysis.place_groups import FOCUS_KEY
from sysmap.analysis.should_talk import METADATA_KEY
from sysmap.io.examples import resolve_map_path
from sysmap.io.graphml_schema import EDGE_SCHEMA, GRAPH_SCHEMA, NODE_SCHEMA
from sysmap.model.term import Term

PAGE = Path(__file__).resolve().parents[2] / "sysmap" / "io" / "format.md"


def _documented() -> set[str]:
    # A key counts as documented where the page's tables or lists name it in backticks.
    return set(re.findall(r"`([a-z_]+)`", PAGE.read_text(encoding="utf-8")))


def test_every_key_the_writer_declares_is_on_the_page() -> None:
    written = {name for name, _ in (*GRAPH_SCHEMA, *NODE_SCHEMA, *EDGE_SCHEMA)}
    missing = written - _documented()
    assert not missing, f"format.md does not document {sorted(missing)}"


def test_the_map_level_keys_the_analysis_reads_are_on_the_page() -> None:
    assert {FOCUS_KEY, METADATA_KEY, "national_as_one", "same_place"} <= _documented()


def test_every_field_of_a_vocabulary_term_is_on_the_page() -> None:
    fields = set(Term.__dataclass_fields__)
    assert fields <= _documented(), sorted(fields - _documented())


def test_every_key_in_the_shipped_examples_is_on_the_page() -> None:
    # The examples are sysmap's own files: any key they carry that the page does not name
    # would be an unwritten part of the format.
    documented = _documented() | {"nodegraphics", "edgegraphics"}
    for name in ("reoffending", "levelling-up", "addiction", "rough-sleeping"):
        text = resolve_map_path(name).read_text(encoding="utf-8")
        names = set(re.findall(r'<key [^>]*?attr\.name="([^"]+)"', text))
        assert names <= documented, (name, sorted(names - documented))
