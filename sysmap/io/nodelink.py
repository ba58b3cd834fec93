"""Node-link JSON: the map as the ``nodes``/``edges`` JSON that networkx reads.

networkx 3.4 renamed the list of edges from ``links`` to ``edges`` (and 3.6 reads only
``edges`` unless told otherwise), so sysmap writes ``edges``: ``networkx.node_link_graph(data)``
with no other argument rebuilds the multigraph. Both forms are read, so files from d3, older
networkx and older sysmap still open; sysmap reads its own back with nothing lost
(vocabularies and custom attributes included).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from sysmap.io.map_limits import check_counts, check_texts, stakeholder_named
from sysmap.io.result import LoadResult
from sysmap.io.safe_json import parse_json
from sysmap.io.safe_xml import check_size
from sysmap.model.entities import Relationship, Stakeholder
from sysmap.model.errors import MapFileError, ValidationError
from sysmap.model.system_map import SystemMap
from sysmap.model.vocab import VOCABULARY_NAMES, VOCABULARY_NOUNS, Vocabulary

MAX_JSON_BYTES = 200 * 1024 * 1024


def write_node_link(system_map: SystemMap) -> bytes:
    """Return the map as node-link JSON (UTF-8, sorted keys, deterministic)."""
    graph: dict[str, Any] = {"title": system_map.title, "description": system_map.description}
    for name in VOCABULARY_NAMES:
        graph[name] = json.loads(system_map.vocabulary(name).to_json())
    graph.update(system_map.metadata)
    nodes = []
    for stakeholder in sorted(system_map.stakeholders(), key=lambda s: s.id):
        nodes.append({"id": stakeholder.id, **_jsonable(stakeholder.to_data())})
    edges = []
    for rel in sorted(system_map.relationships(), key=lambda r: r.id):
        edges.append(
            {
                "id": rel.id,
                "key": rel.id,
                "source": rel.source,
                "target": rel.target,
                **_jsonable(rel.to_data()),
            }
        )
    document = {
        "sysmap_format": 1,
        "directed": True,
        "multigraph": True,
        "graph": graph,
        "nodes": nodes,
        "edges": edges,
    }
    return (json.dumps(document, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode()


def _jsonable(data: dict[str, Any]) -> dict[str, Any]:
    return {k: list(v) if isinstance(v, tuple) else v for k, v in data.items()}


def load_json(path: Path) -> Any:
    """Read a JSON file safely: size-capped, with a plain message on any error."""
    check_size(path, MAX_JSON_BYTES)
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        raise MapFileError(str(path), "it is not UTF-8 text") from None
    except OSError as exc:
        raise MapFileError(str(path), f"the file cannot be read ({exc.strerror})") from None
    return parse_json(text, str(path))


def read_node_link(path: Path) -> LoadResult:
    """Read node-link JSON written by sysmap, networkx or d3."""
    document = load_json(path)
    if not isinstance(document, dict) or not isinstance(document.get("nodes"), list):
        raise MapFileError(str(path), "it is JSON but not a node-link map (no 'nodes' list)")
    _check_shape(document, path)
    try:
        return _build(document, path)
    except ValidationError as exc:
        raise MapFileError.refused(str(path), exc) from None
    except (TypeError, KeyError, AttributeError):
        raise MapFileError(
            str(path), "a node or an edge in it is not in node-link JSON's shape"
        ) from None


def _check_shape(document: dict[str, Any], path: Path) -> None:
    """Refuse, naming it, the first node without an id or edge without both ends."""
    edges = document.get("links" if "links" in document else "edges") or []
    wanted: list[tuple[str, list[Any], tuple[str, ...]]] = [
        ("node", document["nodes"], ("id",)),
        ("edge", edges if isinstance(edges, list) else [], ("source", "target")),
    ]
    for kind, items, fields in wanted:
        for number, item in enumerate(items, start=1):
            missing = [f for f in fields if not isinstance(item, dict) or item.get(f) is None]
            if missing:
                raise MapFileError(
                    str(path),
                    f"the {kind} {number} of the file has no '{missing[0]}'",
                    hint="Each node needs an id, and each edge a source and a target.",
                )


def _build(document: dict[str, Any], path: Path) -> LoadResult:
    links = document.get("links" if "links" in document else "edges") or []
    check_counts(len(document["nodes"]), len(links) if isinstance(links, list) else 0, str(path))
    graph = document.get("graph") or {}
    if not isinstance(graph, dict):
        raise ValidationError("its 'graph' entry should be an object")
    title = graph["title"] if isinstance(graph.get("title"), str) else path.stem  # "" is a title
    system_map = SystemMap(str(title), str(graph.get("description", "")))
    notes: list[str] = []
    for name in VOCABULARY_NAMES:
        if isinstance(graph.get(name), list):
            noun = VOCABULARY_NOUNS[name]
            vocabulary = Vocabulary.from_json(noun, json.dumps(graph[name]), notes)
            system_map.set_vocabulary(name, vocabulary)
    skip = {"title", "description", *VOCABULARY_NAMES}
    for key, value in sorted(graph.items()):
        if key not in skip and isinstance(value, str | int | float | bool):
            system_map.set_metadata(key, value)
    unpositioned = set()
    for node in document["nodes"]:
        check_texts(node, stakeholder_named(node, str(node["id"])), str(path))
        data = {k: tuple(v) if k == "tags" else v for k, v in node.items() if k != "id"}
        data.setdefault("label", str(node["id"]))
        if "x" not in data or "y" not in data:
            unpositioned.add(str(node["id"]))
        system_map.add_stakeholder(Stakeholder.from_data(str(node["id"]), data))
    edge_key = "links" if "links" in document else "edges"
    for link in document.get(edge_key) or []:
        check_texts(link, f"a relationship of '{str(link.get('source'))[:40]}'", str(path))
        rel_id = str(link.get("id", link.get("key", "")))
        data = {
            k: tuple(v) if k == "tags" else v
            for k, v in link.items()
            if k not in ("id", "key", "source", "target")
        }
        rel = Relationship.from_data(rel_id, str(link["source"]), str(link["target"]), data)
        system_map.add_relationship(rel, allow_self_loop=True)
    problems = [*notes, *system_map.problems()]
    return LoadResult(system_map, "node-link JSON", problems, frozenset(unpositioned))
