"""The matches file: proposed matches and conflicts as a CSV a person edits, for repeatable
merges.

``sysmap merge A B C --matches matches.csv`` writes every proposal there (uncertain ones
first) and stops; the user fills the ``decision`` column in a spreadsheet and runs the same
command again, which merges with those decisions. The file keeps the merge repeatable: the
same maps and the same file give the same merged map.

Columns: ``decision``, ``kind``, ``score``, ``reason``, ``map``, ``name``, ``partner_map``,
``partner_name``, ``field``, ``id``, ``partner_id``. ``kind`` is ``uncertain``, ``match``
or ``new`` for a stakeholder of a later map (decide ``accept`` to merge it with the partner,
which may be changed to any stakeholder of an earlier map, or ``reject`` to keep it apart),
or ``stakeholder conflict`` / ``relationship conflict`` (decide the value to keep: a value
listed in ``reason``, or the name of the map whose value to keep).

Cells are written so a spreadsheet cannot run a formula from a name (see
:mod:`sysmap.io.cells`); the file read back is treated as hostile: size capped, every
stakeholder and map checked, each problem reported with its line.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sysmap.combine.conflicts import Conflict, ConflictKey
from sysmap.combine.matching import Decision, MatchPlan, Proposal, StakeholderKey
from sysmap.io.cells import csv_cell, restore_csv
from sysmap.io.safe_xml import check_size
from sysmap.model.errors import MapFileError
from sysmap.model.system_map import SystemMap

COLUMNS = (
    "decision",
    "kind",
    "score",
    "reason",
    "map",
    "name",
    "partner_map",
    "partner_name",
    "field",
    "id",
    "partner_id",
)
REQUIRED = ("decision", "kind", "map", "id", "partner_map", "partner_id", "field")
ACCEPT = frozenset({"accept", "accepted", "yes", "y", "same", "merge", "match"})
REJECT = frozenset({"reject", "rejected", "no", "n", "new", "different", "apart", "keep apart"})
MAX_BYTES = 20_000_000
ORDER = {"uncertain": 0, "new": 2, "match": 3}
Fail = Callable[..., MapFileError]


@dataclass
class Review:
    """A person's decisions read from a matches file."""

    decisions: dict[StakeholderKey, Decision] = field(default_factory=dict)
    choices: dict[ConflictKey, str] = field(default_factory=dict)


def write_matches(plan: MatchPlan, conflicts: Sequence[Conflict]) -> bytes:
    """The matches file for ``plan``: uncertain matches first, then conflicts, new
    stakeholders and certain matches."""
    names = plan.map_names
    rows: list[tuple[int, list[str]]] = []
    for proposal in plan.proposals:
        rows.append((ORDER[proposal.status], _match_row(proposal, names)))
    for conflict in conflicts:
        options = " | ".join(f"{o.label} ({', '.join(o.maps)})" for o in conflict.options)
        rows.append(
            (
                1,
                [
                    conflict.chosen_label,
                    f"{conflict.what} conflict",
                    "",
                    options,
                    conflict.map,
                    conflict.name,
                    "",
                    "",
                    conflict.field,
                    conflict.id,
                    "",
                ],
            )
        )
    rows.sort(key=lambda row: row[0])
    lines = [",".join(csv_cell(cell) for cell in row) for row in (COLUMNS, *(r for _, r in rows))]
    text = "\r\n".join(lines) + "\r\n"
    return ("\ufeff" + text).encode("utf-8")  # the mark tells Excel it is UTF-8


def _match_row(proposal: Proposal, names: Sequence[str]) -> list[str]:
    member, best = proposal.member, proposal.best
    decision = {"match": "accept", "uncertain": "reject", "new": "new"}[proposal.status]
    return [
        decision,
        proposal.status,
        f"{best.score:.2f}" if best else "",
        best.reason if best else "no likely partner",
        names[member.map],
        member.label,
        names[best.partner.map] if best else "",
        best.partner.label if best else "",
        "",
        member.id,
        best.partner.id if best else "",
    ]


def read_matches(path: Path, maps: Sequence[SystemMap], names: Sequence[str]) -> Review:
    """Read a matches file written by :func:`write_matches` and edited by a person.

    Raises
    ------
    MapFileError
        If the file cannot be read, or a line names a map, stakeholder or decision that is
        not there; the message gives the line.
    """
    rows = _rows(path)
    header = [h.strip().casefold() for h in rows[0]] if rows else []
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise MapFileError(
            str(path),
            f"it is not a matches file (no {', '.join(missing)} column)",
            line=1,
            hint="Write one with --matches on a file that does not exist yet.",
        )
    index = {name: header.index(name) for name in REQUIRED}
    review = Review()
    for line, row in enumerate(rows[1:], start=2):
        cells = {n: restore_csv(row[i]).strip() if i < len(row) else "" for n, i in index.items()}
        if not any(cells.values()):
            continue
        _read_row(cells, line, path, maps, names, review)
    return review


def _rows(path: Path) -> list[list[str]]:
    size = check_size(path, 2**62)  # a regular file (a pipe would wait for ever)
    if size > MAX_BYTES:
        raise MapFileError(str(path), f"it is {size:,} bytes, too big for a matches file")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise MapFileError(str(path), exc.strerror or "it cannot be read") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    first = text.split("\n", 1)[0]
    delimiter = max((",", ";", "\t"), key=first.count)
    try:
        return list(csv.reader(io.StringIO(text), delimiter=delimiter))
    except csv.Error as exc:
        raise MapFileError(str(path), f"it is not a readable CSV file ({exc})") from None


def _read_row(
    cells: Mapping[str, str],
    line: int,
    path: Path,
    maps: Sequence[SystemMap],
    names: Sequence[str],
    review: Review,
) -> None:
    def fail(problem: str, hint: str = "") -> MapFileError:
        return MapFileError(str(path), problem, line=line, hint=hint)

    map_index = _map_index(cells["map"], names, fail)
    item = cells["id"]
    kind = cells["kind"].casefold()
    decision = cells["decision"]
    if kind.endswith("conflict"):
        what = kind.split()[0]
        if what not in ("stakeholder", "relationship") or not cells["field"]:
            raise fail(f"'{cells['kind']}' needs a field and a stakeholder or relationship")
        if decision:
            review.choices[(what, names[map_index], item, cells["field"])] = decision
        return
    if not maps[map_index].has_stakeholder(item):
        raise fail(
            f"{names[map_index]} has no stakeholder with the id '{item}'",
            "The maps have changed since the file was written: delete it to propose again.",
        )
    if map_index == 0:
        raise fail(f"{names[0]} is the first map; its stakeholders are matched against, not to")
    key = (map_index, item)
    if key in review.decisions:
        raise fail(f"the stakeholder '{item}' of {names[map_index]} is decided twice")
    answer = decision.casefold()
    if answer in ACCEPT:
        partner_map = _map_index(cells["partner_map"], names, fail)
        partner = cells["partner_id"]
        if partner_map >= map_index or not maps[partner_map].has_stakeholder(partner):
            raise fail(
                f"the partner '{partner}' is not a stakeholder of a map before {names[map_index]}",
                "A partner must come from an earlier map in the command.",
            )
        review.decisions[key] = Decision((partner_map, partner))
    elif answer in REJECT:
        review.decisions[key] = Decision(None)
    elif answer:
        raise fail(f"the decision '{decision}' is neither accept nor reject")


def _map_index(name: str, names: Sequence[str], fail: Fail) -> int:
    if name in names:
        return list(names).index(name)
    raise fail(f"there is no map called '{name}' in this merge ({', '.join(names)})")
