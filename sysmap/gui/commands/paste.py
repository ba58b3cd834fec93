"""Copying part of a map and pasting it into the same or another map.

A *fragment* is plain JSON-ready data: the copied stakeholders, the relationships among them,
and the vocabulary terms they use, so a sector defined in one map arrives with its label and
colour in another. Pasted stakeholders get new ids and are shifted, so a paste never lands
exactly on top of what was copied.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import Any

from sysmap.gui.commands.base import MacroCommand, MapCommand, plural, short
from sysmap.gui.commands.map_edits import add_term_command, term_for_text
from sysmap.gui.commands.relationships import AddRelationship
from sysmap.gui.commands.stakeholders import AddStakeholder
from sysmap.model.entities import Relationship, Stakeholder
from sysmap.model.errors import ValidationError
from sysmap.model.ids import slugify, unique_id
from sysmap.model.system_map import SystemMap
from sysmap.model.vocab import VOCABULARY_NOUNS, term_from_dict

FRAGMENT_VERSION = 1
_TERM_FIELDS = {"sectors": "sector", "places": "place", "kinds": "kind"}
PLAIN_COLUMNS = ("Name", "Kind", "Sector", "Place", "Place level", "Description")


def copy_fragment(system_map: SystemMap, stakeholder_ids: Iterable[str]) -> dict[str, Any]:
    """Describe stakeholders, the relationships among them and the terms they use."""
    ids = [sid for sid in dict.fromkeys(stakeholder_ids) if system_map.has_stakeholder(sid)]
    chosen = set(ids)
    stakeholders = []
    for sid in ids:
        data = system_map.stakeholder(sid).to_data()
        data["tags"] = list(data.get("tags", ()))
        stakeholders.append({"id": sid, **data})
    relationships = []
    seen: set[str] = set()
    for sid in ids:
        for rel in system_map.relationships_of(sid):
            if rel.id in seen or rel.source not in chosen or rel.target not in chosen:
                continue
            seen.add(rel.id)
            data = rel.to_data()
            data["tags"] = list(data.get("tags", ()))
            relationships.append({"source": rel.source, "target": rel.target, **data})
    terms: dict[str, list[dict[str, Any]]] = {}
    for vocab_name, field in (*_TERM_FIELDS.items(), ("relation_types", "relation")):
        used = {d.get(field) for d in stakeholders + relationships} - {None}
        vocabulary = system_map.vocabulary(vocab_name)
        found = [vocabulary.get(str(k)) for k in sorted(used, key=str)]
        terms[vocab_name] = [t.to_json() for t in found if t is not None]
    return {
        "sysmap_fragment": FRAGMENT_VERSION,
        "stakeholders": stakeholders,
        "relationships": relationships,
        "terms": terms,
    }


def fragment_as_text(fragment: dict[str, Any], system_map: SystemMap) -> str:
    """Tab-separated rows a spreadsheet or a document can take, with a header row."""
    rows = ["\t".join(PLAIN_COLUMNS)]
    for data in fragment["stakeholders"]:
        values = [
            data.get("label", ""),
            system_map.kinds.label(data.get("kind", "")),
            system_map.sectors.label(data.get("sector", "")),
            system_map.places.label(data.get("place", "")),
            data.get("place_level", ""),
            data.get("description", ""),
        ]
        rows.append("\t".join(_one_line(str(v)) for v in values))
    return "\n".join(rows) + "\n"


def _one_line(text: str) -> str:
    return " ".join(text.replace("\t", " ").split())


class _Taken:
    """Ids already used by the map or by earlier stakeholders of the same paste."""

    def __init__(self, system_map: SystemMap) -> None:
        self.map = system_map
        self.extra: set[str] = set()

    def __contains__(self, item: object) -> bool:
        return item in self.extra or self.map.has_stakeholder(str(item))

    def claim(self, label: str) -> str:
        new_id = unique_id(slugify(label), self)
        self.extra.add(new_id)
        return new_id


def paste_command(
    system_map: SystemMap, fragment: dict[str, Any], offset: tuple[float, float]
) -> tuple[MacroCommand, list[str]]:
    """Build the one-step paste of ``fragment``, shifted by ``offset``.

    Returns
    -------
    (command, new_ids)
        The macro to push and the ids the pasted stakeholders will have.

    Raises
    ------
    ValidationError
        If the fragment is not one sysmap wrote.
    """
    if not isinstance(fragment, dict) or fragment.get("sysmap_fragment") != FRAGMENT_VERSION:
        raise ValidationError("The clipboard does not hold stakeholders copied from sysmap.")
    children: list[MapCommand] = list(_missing_terms(system_map, fragment.get("terms", {})))
    taken = _Taken(system_map)
    new_ids: dict[str, str] = {}
    dx, dy = offset
    for data in fragment.get("stakeholders", []):
        fields = {k: v for k, v in data.items() if k != "id"}
        fields["tags"] = tuple(fields.get("tags", ()))
        new_id = taken.claim(str(fields.get("label", "")))
        stakeholder = Stakeholder.from_data(new_id, fields)
        stakeholder = _shifted(stakeholder, dx, dy)
        new_ids[str(data.get("id"))] = new_id
        children.append(AddStakeholder(system_map, stakeholder))
    for data in fragment.get("relationships", []):
        source, target = new_ids.get(data.get("source")), new_ids.get(data.get("target"))
        if source is None or target is None:
            continue
        fields = {k: v for k, v in data.items() if k not in ("source", "target", "id")}
        fields["tags"] = tuple(fields.get("tags", ()))
        children.append(
            AddRelationship(system_map, Relationship.from_data("", source, target, fields))
        )
    count = len(new_ids)
    text = (
        f"Paste {short(str(fragment['stakeholders'][0].get('label', '')))}"
        if count == 1
        else f"Paste {plural(count, 'stakeholder')}"
    )
    return MacroCommand(system_map, text, children), list(new_ids.values())


def _shifted(stakeholder: Stakeholder, dx: float, dy: float) -> Stakeholder:
    return replace(stakeholder, x=float(stakeholder.x) + dx, y=float(stakeholder.y) + dy)


def _missing_terms(system_map: SystemMap, terms: dict[str, Any]) -> Iterable[MapCommand]:
    for vocab_name, items in terms.items():
        if vocab_name not in ("sectors", "places", "kinds", "relation_types"):
            continue
        vocabulary = system_map.vocabulary(vocab_name)
        for item in items:
            if isinstance(item, dict) and item.get("key") and item["key"] not in vocabulary:
                term = term_from_dict(VOCABULARY_NOUNS[vocab_name], item)
                command = add_term_command(system_map, vocab_name, term)
                vocabulary = command.new
                yield command


def text_rows(text: str) -> list[dict[str, str]]:
    """Read pasted plain text: one stakeholder a line, tab-separated columns.

    A first row whose first cell is "Name" or "Label" names the columns (as sysmap's own
    copies do); otherwise the first column is the name.

    Examples
    --------
    >>> text_rows("Name\\tSector\\nShelter\\tThird sector\\n\\nGMP\\n")
    [{'name': 'Shelter', 'sector': 'Third sector'}, {'name': 'GMP'}]
    """
    lines = [line for line in text.splitlines() if line.strip()]
    if not lines:
        return []
    header = ["name"]
    first = [c.strip().lower() for c in lines[0].split("\t")]
    if first[0] in ("name", "label"):
        header = ["name" if c == "label" else c for c in first]
        lines = lines[1:]
    rows = []
    for line in lines:
        cells = [c.strip() for c in line.split("\t")]
        row = {header[i]: cells[i] for i in range(min(len(header), len(cells))) if cells[i]}
        if row.get("name"):
            rows.append(row)
    return rows


def text_fragment(system_map: SystemMap, rows: Sequence[dict[str, str]]) -> dict[str, Any]:
    """Turn rows of pasted text into a fragment, on a grid around ``(0, 0)``.

    Sector, kind and place are matched to the map's vocabularies by key or label; values the
    map does not know become new terms.
    """
    columns = max(1, math.ceil(math.sqrt(len(rows))))
    stakeholders = []
    terms: dict[str, list[dict[str, Any]]] = {name: [] for name in _TERM_FIELDS}
    for i, row in enumerate(rows):
        data: dict[str, Any] = {"id": f"row-{i}", "label": row["name"], "kind": "organisation"}
        data["x"], data["y"] = (i % columns) * 170.0, (i // columns) * 90.0
        for vocab_name, field in _TERM_FIELDS.items():
            if row.get(field):
                key, term = term_for_text(system_map, vocab_name, row[field])
                data[field] = key
                if term is not None and all(t["key"] != key for t in terms[vocab_name]):
                    terms[vocab_name].append(term.to_json())
        level = row.get("place level", "").lower()
        if level in ("national", "regional", "local"):
            data["place_level"] = level
        if row.get("description"):
            data["description"] = row["description"]
        stakeholders.append(data)
    return {
        "sysmap_fragment": FRAGMENT_VERSION,
        "stakeholders": stakeholders,
        "relationships": [],
        "terms": terms,
    }
