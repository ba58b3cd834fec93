"""Proposing which stakeholders of several maps are the same: scored, explained, reviewable.

Maps are taken in order. The first map's stakeholders each start a group; each stakeholder of
the next map is scored against the groups so far (:mod:`sysmap.combine.scoring`, on the
candidates :mod:`sysmap.combine.candidates` finds) and the best pairs are taken greedily, one
partner per group per map. A pair is **certain** (merged without asking) when it scores at
least :data:`AUTO` and no other pair comes within :data:`MARGIN` of it; otherwise it is
**uncertain**: proposed, kept apart until someone accepts it. A person's decisions (from the
review table or a matches CSV) override the proposals and shape the groups later maps are
matched against.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from sysmap.combine.candidates import Blocker
from sysmap.combine.expansions import Expansions
from sysmap.combine.neighbours import neighbour_table, with_neighbours
from sysmap.combine.profiles import Member, Profile, WordWeights, profile_of
from sysmap.combine.scoring import Scorer, Similarity, ambiguous_initials, jaro_winkler
from sysmap.model.errors import ValidationError
from sysmap.model.system_map import SystemMap

AUTO = 0.85
"""Pairs scoring at least this, clearly ahead of any rival, are merged without asking."""
REVIEW = 0.55
"""Pairs scoring at least this are proposed for review; below it, no proposal."""
MARGIN = 0.03
"""How far a certain pair must lead the next best pair of either of its stakeholders."""
ALTERNATIVES = 4

StakeholderKey = tuple[int, str]
"""A stakeholder of one of the maps: (map index, stakeholder id)."""


@dataclass(frozen=True)
class Candidate:
    """A possible partner and how well it scored."""

    partner: Member
    score: float
    reason: str


@dataclass(frozen=True)
class Proposal:
    """What the matcher proposes for one stakeholder of a later map."""

    member: Member
    best: Candidate | None
    certain: bool
    alternatives: tuple[Candidate, ...] = ()

    @property
    def status(self) -> str:
        """``match`` (certain), ``uncertain`` (for review) or ``new`` (no partner found)."""
        if self.best is None:
            return "new"
        return "match" if self.certain else "uncertain"


@dataclass(frozen=True)
class Decision:
    """A person's answer for one stakeholder: the same as ``partner``, or a new one."""

    partner: StakeholderKey | None


@dataclass
class MatchPlan:
    """The proposals for every stakeholder of every map after the first, and the groups of
    stakeholders that will become one each, after any decisions."""

    map_names: list[str]
    proposals: list[Proposal]
    groups: list[list[Member]]
    decided: dict[StakeholderKey, str] = field(default_factory=dict)
    """Who settled each stakeholder's match: ``"automatic"``; ``"confirmed"`` (a person
    agreed with the matcher); or ``"you"`` (a person decided otherwise)."""

    def group_of(self) -> dict[StakeholderKey, int]:
        """Which group each stakeholder ended in."""
        return {(m.map, m.id): i for i, group in enumerate(self.groups) for m in group}

    def counts(self) -> dict[str, int]:
        """How many proposals are certain, uncertain or new."""
        result = {"match": 0, "uncertain": 0, "new": 0}
        for proposal in self.proposals:
            result[proposal.status] += 1
        return result

    def outcomes(self) -> dict[str, int]:
        """What became of the later maps' stakeholders: ``matched`` automatically, ``joined``
        or ``kept apart`` by a person, ``waiting`` (uncertain, apart until reviewed), ``new``."""
        earlier = {
            (m.map, m.id): any(o.map < m.map for o in group) for group in self.groups for m in group
        }
        result = {"matched": 0, "joined": 0, "kept apart": 0, "waiting": 0, "new": 0}
        for proposal in self.proposals:
            key = (proposal.member.map, proposal.member.id)
            decided = self.decided.get(key)
            if decided == "you":
                result["joined" if earlier[key] else "kept apart"] += 1
            elif earlier[key]:
                result["matched"] += 1
            else:
                waiting = proposal.status == "uncertain" and decided != "confirmed"
                result["waiting" if waiting else "new"] += 1
        return result


def propose(
    maps: Sequence[SystemMap],
    map_names: Sequence[str],
    decisions: Mapping[StakeholderKey, Decision] | None = None,
    similarity: Similarity = jaro_winkler,
) -> MatchPlan:
    """Propose which stakeholders of ``maps`` are the same, and group them.

    Parameters
    ----------
    maps : sequence of SystemMap
        The maps, first one first: earlier maps' names and tags win conflicts by default.
    map_names : sequence of str
        A short name for each map (its file name), used in reasons and provenance.
    decisions : mapping, optional
        A person's decisions, by (map index, stakeholder id); they override proposals.
    similarity : callable
        The string similarity behind fuzzy matching (for measuring alternatives).

    Raises
    ------
    ValidationError
        If a decision names a partner that is not a stakeholder of an earlier map.
    """
    decisions = decisions or {}
    members = [Member.all_of(i, m) for i, m in enumerate(maps)]
    texts = [m.label for ms in members for m in ms]
    texts += [t.label for m in maps for t in m.places]
    expansions = Expansions.learn(texts)
    single = {(m.map, m.id): profile_of([m], expansions) for ms in members for m in ms}
    weights = WordWeights([w for p in single.values() for w in p.word_sets])
    everyone = [m for ms in members for m in ms]
    ambiguous = ambiguous_initials(everyone, weights, similarity, expansions)
    scorer = Scorer(weights, similarity, ambiguous)
    neighbours = neighbour_table(maps)
    state = _Groups(expansions)
    for member in members[0] if members else []:
        state.start(member)
    proposals: list[Proposal] = []
    decided: dict[StakeholderKey, str] = {}
    for index in range(1, len(maps)):
        queries = [(m, single[(m.map, m.id)]) for m in members[index]]
        found = _round(queries, state, scorer, neighbours)
        joins: list[tuple[Member, int | None]] = []
        for member, proposal in zip(members[index], found, strict=True):
            proposals.append(proposal)
            key = (member.map, member.id)
            best = proposal.best if proposal.certain else None
            partner = (best.partner.map, best.partner.id) if best is not None else None
            group = state.group_index(partner, map_names)
            decided[key] = "automatic"
            if key in decisions:
                chosen = state.group_index(decisions[key].partner, map_names)
                decided[key] = "you" if chosen != group else "confirmed"
                group = chosen
            joins.append((member, group))
        for member, group in joins:
            state.join(member, group)
    return MatchPlan(list(map_names), proposals, state.members, decided)


class _Groups:
    """The groups formed so far: their members and one profile each."""

    def __init__(self, expansions: Expansions) -> None:
        self.expansions = expansions
        self.members: list[list[Member]] = []
        self.profiles: list[Profile] = []
        self.where: dict[StakeholderKey, int] = {}

    def start(self, member: Member) -> None:
        self.where[(member.map, member.id)] = len(self.members)
        self.members.append([member])
        self.profiles.append(profile_of([member], self.expansions))

    def join(self, member: Member, group: int | None) -> None:
        if group is None:
            self.start(member)
            return
        self.where[(member.map, member.id)] = group
        self.members[group].append(member)
        self.profiles[group].add(member, self.expansions)

    def partner_groups(
        self, neighbours: Mapping[StakeholderKey, frozenset[StakeholderKey]]
    ) -> dict[int, frozenset[int]]:
        """For each group, the groups its members work with."""
        found: dict[int, set[int]] = {}
        for key, group in self.where.items():
            found.setdefault(group, set()).update(
                self.where[n] for n in neighbours.get(key, ()) if n in self.where
            )
        return {group: frozenset(groups) for group, groups in found.items()}

    def group_index(self, partner: StakeholderKey | None, names: Sequence[str]) -> int | None:
        if partner is None:
            return None
        if partner not in self.where:
            map_index, stakeholder = partner
            name = names[map_index] if 0 <= map_index < len(names) else f"map {map_index + 1}"
            raise ValidationError(
                f"The partner '{stakeholder}' of {name} is not a stakeholder of an earlier map."
            )
        return self.where[partner]


def _round(
    queries: Sequence[tuple[Member, Profile]],
    state: _Groups,
    scorer: Scorer,
    neighbours: Mapping[StakeholderKey, frozenset[StakeholderKey]],
) -> list[Proposal]:
    """Score one map's stakeholders against the groups so far and pair them greedily; then
    let the partners already matched break ties (:mod:`sysmap.combine.neighbours`)."""
    candidates = Blocker(state.profiles).candidates(queries)
    scored: list[list[tuple[float, int, str]]] = []
    for (member, profile), groups in zip(queries, candidates, strict=True):
        row = []
        for group in sorted(groups):
            result = scorer.score(member, profile, state.profiles[group])
            if result.score > 0:
                row.append((result.score, group, result.reason))
        row.sort(key=lambda item: (-item[0], item[1]))
        scored.append(row)
    first = _decide(scored, queries, state)
    settled = {
        (p.member.map, p.member.id): state.where[(p.best.partner.map, p.best.partner.id)]
        for p in first
        if p.certain and p.best is not None
    }
    keys = [(m.map, m.id) for m, _ in queries]
    partners = state.partner_groups(neighbours)
    return _decide(with_neighbours(scored, keys, settled, partners, neighbours), queries, state)


def _decide(
    scored: Sequence[Sequence[tuple[float, int, str]]],
    queries: Sequence[tuple[Member, Profile]],
    state: _Groups,
) -> list[Proposal]:
    """Pair greedily and say which pairs are certain (see the module)."""
    chosen = _greedy(scored)
    by_group: dict[int, list[tuple[float, int]]] = {}
    for at, row in enumerate(scored):
        for score, group, _ in row:
            by_group.setdefault(group, []).append((score, at))
    proposals = []
    for at, (member, _) in enumerate(queries):
        row = scored[at]
        pick = chosen.get(at)
        alternatives = tuple(
            Candidate(state.members[g][0], min(1.0, s), r) for s, g, r in row if g != pick
        )
        if pick is None:
            proposals.append(Proposal(member, None, False, alternatives[:ALTERNATIVES]))
            continue
        score, reason = next((s, r) for s, g, r in row if g == pick)
        rivals = [s for s, g, _ in row if g != pick]
        rivals += [s for s, other in by_group[pick] if other != at]
        certain = score >= AUTO and all(score - r >= MARGIN for r in rivals)
        best = Candidate(state.members[pick][0], min(1.0, score), reason)
        proposals.append(Proposal(member, best, certain, alternatives[:ALTERNATIVES]))
    return proposals


def _greedy(scored: Sequence[Sequence[tuple[float, int, str]]]) -> dict[int, int]:
    """Pair stakeholders with groups, best score first, each at most once."""
    pairs = sorted(
        (-score, at, group)
        for at, row in enumerate(scored)
        for score, group, _ in row
        if score >= REVIEW
    )
    taken_rows: set[int] = set()
    taken_groups: set[int] = set()
    chosen: dict[int, int] = {}
    for _, at, group in pairs:
        if at in taken_rows or group in taken_groups:
            continue
        chosen[at] = group
        taken_rows.add(at)
        taken_groups.add(group)
    return chosen
