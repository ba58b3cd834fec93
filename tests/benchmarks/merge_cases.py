"""Partial maps as workshop tables draw them, with the truth kept aside.

:func:`split_map` splits a map into overlapping partial maps, as tables at a workshop would
draw it: each table takes a corner of the system (a community of the network) and draws every
relationship it knows from there, so stakeholders on the edges of two corners are drawn by
both, and some relationships by two tables. Each table then names a third of its
stakeholders its own way (:data:`REWRITES`: acronyms, "&"/"and", abbreviations, typos,
dropped prefixes and qualifiers, other word order), gives a few a different sector or place,
writes short names on some, and lays its map out in its own corner of the page. Ids are slugs
of the names each table wrote, as the app makes them, so a renamed stakeholder also has a
different id.

:func:`pair_scores` measures a merge against the truth: precision and recall over pairs of
stakeholders from different tables that were put together.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from itertools import combinations

import networkx as nx

from sysmap.combine.matching import MatchPlan
from sysmap.combine.names import STOP_WORDS
from sysmap.model import SystemMap

ABBREVIATIONS = (
    ("Department", "Dept."),
    ("Department", "Dept"),
    ("Service", "Svc"),
    ("Services", "Svcs"),
    ("Greater Manchester", "GM"),
    ("West Midlands", "WM"),
    ("Tees Valley", "TV"),
    ("Association", "Assoc."),
    ("Committee", "Cttee"),
    ("National", "Nat'l"),
    ("Government", "Govt"),
    ("Limited", "Ltd"),
    ("University", "Uni"),
    ("Development", "Dev."),
    ("Corporation", "Corp."),
    ("Authority", "Auth."),
    ("Foundation Trust", "FT"),
    ("Mental Health", "MH"),
    ("Combined Authority", "CA"),
    ("Hospital", "Hosp."),
    ("Organisation", "Org."),
)
DROPPABLE = ("HM", "NHS", "The", "Council", "BCC", "GM", "WM", "Blackpool", "Middlesbrough")
KEYBOARD = "qwertyuiopasdfghjklzxcvbnm"


@dataclass
class PartialMaps:
    """Partial maps of one system, and which original stakeholder each one is."""

    maps: list[SystemMap]
    names: list[str]
    truth: dict[tuple[int, str], str] = field(default_factory=dict)
    rewrites: dict[tuple[int, str], str] = field(default_factory=dict)


# ---------------------------------------------------------------------------- rewriting
def _acronym(label: str, kind: str | None, rng: random.Random) -> str | None:
    if kind == "individual":
        return None
    words = [w for w in re.split(r"[^\w']+", re.sub(r"\(.*?\)", "", label)) if w]
    content = [w for w in words if w.lower() not in STOP_WORDS]
    if len(content) < 2:
        return None
    letters = "".join(w if w.isupper() and len(w) <= 4 else w[0].upper() for w in content)
    return letters if 2 <= len(letters) <= 7 else None


def _ampersand(label: str, kind: str | None, rng: random.Random) -> str | None:
    if " & " in label:
        return label.replace(" & ", " and ")
    if " and " in label:
        return label.replace(" and ", " & ")
    return None


def _abbreviation(label: str, kind: str | None, rng: random.Random) -> str | None:
    usable = [(long, short) for long, short in ABBREVIATIONS if re.search(rf"\b{long}\b", label)]
    if not usable:
        return None
    long, short = rng.choice(usable)
    return re.sub(rf"\b{long}\b", short, label, count=1)


def _typo(label: str, kind: str | None, rng: random.Random) -> str | None:
    words = list(re.finditer(r"[A-Za-z]{5,}", label))
    if not words:
        return None
    word = rng.choice(words)
    text = word.group()
    at = rng.randrange(1, len(text) - 1)
    how = rng.choice(("swap", "drop", "double", "key"))
    if how == "swap":
        changed = text[:at] + text[at + 1] + text[at] + text[at + 2 :]
    elif how == "drop":
        changed = text[:at] + text[at + 1 :]
    elif how == "double":
        changed = text[:at] + text[at] + text[at:]
    else:
        changed = text[:at] + rng.choice(KEYBOARD) + text[at + 1 :]
    return label[: word.start()] + changed + label[word.end() :]


def _dropped(label: str, kind: str | None, rng: random.Random) -> str | None:
    first, _, rest = label.partition(" ")
    if first in DROPPABLE and len(rest.split()) >= 2:
        return rest[0].upper() + rest[1:]
    for pattern in (r"\s*\([^)]*\)$", r"\s+[–-]\s+.*$"):
        shorter = re.sub(pattern, "", label)
        if shorter != label and len(shorter.split()) >= 2:
            return shorter
    return None


def _reordered(label: str, kind: str | None, rng: random.Random) -> str | None:
    match = re.fullmatch(r"(.+?)\s+[–-]\s+(.+)", label) or re.fullmatch(r"(.+?)\s+\((.+)\)", label)
    if match:
        return f"{match.group(2)} {match.group(1)}"
    return label.lower() if len(label.split()) >= 2 and label != label.lower() else None


REWRITES: dict[str, Callable[[str, str | None, random.Random], str | None]] = {
    "acronym": _acronym,
    "ampersand": _ampersand,
    "abbreviation": _abbreviation,
    "typo": _typo,
    "dropped prefix": _dropped,
    "word order or case": _reordered,
}
"""Ways people write a name differently, each returning None where it does not apply."""


def rewrite(
    label: str, kind: str | None, rng: random.Random, ways: Iterable[str] = REWRITES
) -> tuple[str, str]:
    """Rewrite a name one way that applies to it; return the new name and the way."""
    ways = list(ways)
    rng.shuffle(ways)
    for way in ways:
        changed = REWRITES[way](label, kind, rng)
        if changed and changed != label:
            return changed, way
    return label + "s", "typo"


# ---------------------------------------------------------------------------- splitting
def _corners(system_map: SystemMap, tables: int, rng: random.Random) -> dict[str, int]:
    """Each stakeholder's home table: network communities, shared out by size."""
    graph = nx.Graph()
    graph.add_nodes_from(system_map.stakeholder_ids())
    graph.add_edges_from(r.ends for r in system_map.relationships() if r.source != r.target)
    communities = nx.community.louvain_communities(graph, seed=rng.randrange(1 << 30))
    communities.sort(key=lambda c: (-len(c), min(c)))
    sizes = [0] * tables
    home: dict[str, int] = {}
    for community in communities:
        table = sizes.index(min(sizes))
        sizes[table] += len(community)
        for node in community:
            home[node] = table
    return home


def _drawn_by(
    system_map: SystemMap, home: dict[str, int], rng: random.Random, twice: float
) -> list[set[str]]:
    """Which relationships each table draws: from one end's corner, sometimes from both."""
    drawn: list[set[str]] = [set() for _ in range(max(home.values()) + 1)]
    for rel in system_map.relationships():
        ends = [home[rel.source], home[rel.target]]
        rng.shuffle(ends)
        drawn[ends[0]].add(rel.id)
        if ends[0] != ends[1] and rng.random() < twice:
            drawn[ends[1]].add(rel.id)
    return drawn


def split_map(
    system_map: SystemMap,
    seed: int,
    tables: int = 3,
    renamed: float = 1 / 3,
    retagged: float = 0.08,
    short_names: float = 0.15,
    twice: float = 0.2,
    ways: Iterable[str] = tuple(REWRITES),
) -> PartialMaps:
    """Split ``system_map`` into ``tables`` overlapping partial maps (see the module)."""
    rng = random.Random(seed)
    home = _corners(system_map, tables, rng)
    drawn = _drawn_by(system_map, home, rng, twice)
    result = PartialMaps([], [])
    for table in range(tables):
        members = {n for n, t in home.items() if t == table}
        for rel_id in drawn[table]:
            members |= set(system_map.relationship(rel_id).ends)
        ordered = [s for s in system_map.stakeholder_ids() if s in members]
        partial, ids, how = _draw_table(
            system_map, ordered, table, rng, (renamed, retagged, short_names), tuple(ways)
        )
        for original, new in ids.items():
            result.truth[(table, new)] = original
        for rel_id in sorted(drawn[table], key=system_map.relationship_ids().index):
            rel = system_map.relationship(rel_id)
            partial.add_relationship(
                replace(rel, id="", source=ids[rel.source], target=ids[rel.target]),
                allow_self_loop=True,
            )
        result.maps.append(partial)
        result.names.append(f"table-{table + 1}")
        result.rewrites.update({(table, ids[o]): w for o, w in how.items()})
    return result


def _draw_table(
    system_map: SystemMap,
    ordered: list[str],
    table: int,
    rng: random.Random,
    shares: tuple[float, float, float],
    ways: tuple[str, ...],
) -> tuple[SystemMap, dict[str, str], dict[str, str]]:
    renamed, retagged, short_names = shares
    partial = SystemMap(f"{system_map.title} – table {table + 1}")
    for name in ("sectors", "places", "kinds", "relation_types"):
        partial.set_vocabulary(name, system_map.vocabulary(name))
    chosen = set(rng.sample(ordered, round(len(ordered) * renamed)))
    dx, dy = rng.uniform(-400, 400), rng.uniform(-300, 300)
    places = [t.key for t in system_map.places]
    sectors = [t.key for t in system_map.sectors]
    ids: dict[str, str] = {}
    how: dict[str, str] = {}
    for original in ordered:
        stakeholder = system_map.stakeholder(original)
        label = stakeholder.label
        if original in chosen:
            label, way = rewrite(label, stakeholder.kind, rng, ways)
            how[original] = way
        short = ""
        if original not in chosen and rng.random() < short_names:
            short = _acronym(stakeholder.label, stakeholder.kind, rng) or ""
        sector, place = stakeholder.sector, stakeholder.place
        if rng.random() < retagged:
            if rng.random() < 0.5 and places:
                place = rng.choice(places)
            elif sectors:
                sector = rng.choice(sectors)
        added = partial.add_stakeholder(
            replace(
                stakeholder,
                id="",
                label=label,
                short_name=short,
                sector=sector,
                place=place,
                x=stakeholder.x + dx + rng.gauss(0, 30),
                y=stakeholder.y + dy + rng.gauss(0, 30),
            )
        )
        ids[original] = added.id
    return partial, ids, how


# ---------------------------------------------------------------------------- scoring
def true_pairs(cases: PartialMaps) -> set[frozenset[tuple[int, str]]]:
    """Pairs of stakeholders from different tables that are the same original."""
    by_origin: dict[str, list[tuple[int, str]]] = {}
    for key, origin in cases.truth.items():
        by_origin.setdefault(origin, []).append(key)
    return _pairs(by_origin.values())


def merged_pairs(plan: MatchPlan) -> set[frozenset[tuple[int, str]]]:
    """Pairs of stakeholders from different tables that the merge put together."""
    return _pairs([[(m.map, m.id) for m in group] for group in plan.groups])


def _pairs(groups: Iterable[list[tuple[int, str]]]) -> set[frozenset[tuple[int, str]]]:
    return {frozenset((a, b)) for g in groups for a, b in combinations(g, 2) if a[0] != b[0]}


@dataclass(frozen=True)
class Scores:
    """Precision and recall of the automatic matches, and what review would catch."""

    true_pairs: int
    found: int
    correct: int
    caught_by_review: int

    @property
    def precision(self) -> float:
        return self.correct / self.found if self.found else 1.0

    @property
    def recall(self) -> float:
        return self.correct / self.true_pairs if self.true_pairs else 1.0


def pair_scores(plan: MatchPlan, cases: PartialMaps) -> Scores:
    """Score the automatic matches of ``plan`` against the truth of ``cases``."""
    truth = true_pairs(cases)
    found = merged_pairs(plan)
    caught = 0
    for proposal in plan.proposals:
        best = proposal.best
        if best is None or proposal.certain:
            continue
        pair = frozenset(
            ((proposal.member.map, proposal.member.id), (best.partner.map, best.partner.id))
        )
        if pair in truth and pair not in found:
            caught += 1
    return Scores(len(truth), len(found), len(found & truth), caught)


def renamed_copy(system_map: SystemMap, seed: int, renamed: float = 1 / 3) -> PartialMaps:
    """The whole map redrawn by another team: a share of names rewritten, ids made afresh
    from the names (as the app makes them), everything else kept. The truth maps each new id
    to the original's."""
    rng = random.Random(seed)
    ids = system_map.stakeholder_ids()
    chosen = set(rng.sample(ids, round(len(ids) * renamed)))
    copy = SystemMap(system_map.title)
    for name in ("sectors", "places", "kinds", "relation_types"):
        copy.set_vocabulary(name, system_map.vocabulary(name))
    people = []
    for person in system_map.stakeholders():
        label = rewrite(person.label, person.kind, rng)[0] if person.id in chosen else person.label
        people.append(replace(person, id="", label=label))
    added, _ = copy.add_many(people)
    new_id = {old: new.id for old, new in zip(ids, added, strict=True)}
    ties = [
        replace(r, id="", source=new_id[r.source], target=new_id[r.target])
        for r in system_map.relationships()
    ]
    copy.add_many((), ties, allow_self_loops=True)
    result = PartialMaps([copy], ["copy"])
    result.truth = {(0, new): old for old, new in new_id.items()}
    return result
