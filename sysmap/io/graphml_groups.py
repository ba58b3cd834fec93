"""Group nodes (yEd's group boxes, GraphML's nested graphs): stakeholder or attribute?

A group box in yEd usually just gathers stakeholders ("Greater Manchester partners"). sysmap
has no boxes; it records the box's label in each member's ``group`` attribute (and the whole
chain in ``group path`` when boxes are nested), so the grouping can be coloured, filtered and
laid out by. A group becomes a stakeholder of its own only when it stands for one: when
relationships attach to it (a collapsed folder drawn with arrows to it), or when it has no
members, so that nothing drawn in the file disappears.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sysmap.io.graphml_parse import RawGraph

PATH_SEPARATOR = " / "


@dataclass
class GroupPlan:
    """What happens to each group node, and which groups each node sits in."""

    dropped: set[str] = field(default_factory=set)
    kept: set[str] = field(default_factory=set)
    paths: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """Node id → labels of the groups around it, outermost first."""

    def attributes(self, node_id: str) -> dict[str, str]:
        """The ``group`` (and ``group path``) attributes a node gets."""
        path = self.paths.get(node_id, ())
        if not path:
            return {}
        found = {"group": path[-1]}
        if len(path) > 1:
            found["group path"] = PATH_SEPARATOR.join(path)
        return found

    def sentence(self) -> str | None:
        """One sentence for the user on what became of the groups, if there were any."""
        if not self.dropped and not self.kept:
            return None
        members = sum(1 for n, p in self.paths.items() if p and n not in self.dropped)
        parts = []
        if self.dropped:
            parts.append(
                f"{len(self.dropped)} group box(es) became the 'group' attribute of the "
                f"{members} stakeholder(s) inside them"
            )
        if self.kept:
            parts.append(
                f"{len(self.kept)} group(s) that relationships attach to, or that hold "
                "nothing, were kept as stakeholders"
            )
        return "; ".join(parts) + "."


def plan_groups(raw: RawGraph, labels: dict[str, str]) -> GroupPlan:
    """Decide which group nodes stay as stakeholders and record every node's groups.

    Parameters
    ----------
    raw : RawGraph
        The file's records (group nodes have ``is_group``; members name their ``parent``).
    labels : dict
        Each node's label, by id.
    """
    plan = GroupPlan()
    parents = {n.id: n.parent for n in raw.nodes}
    with_members = {n.parent for n in raw.nodes if n.parent is not None}
    attached = {e.source for e in raw.edges} | {e.target for e in raw.edges}
    for node in raw.nodes:
        if node.is_group:
            if node.id in with_members and node.id not in attached:
                plan.dropped.add(node.id)
            else:
                plan.kept.add(node.id)
        path: list[str] = []
        parent = node.parent
        while parent is not None and len(path) < 100:
            path.append(labels.get(parent, parent))
            parent = parents.get(parent)
        if path:
            plan.paths[node.id] = tuple(reversed(path))
    return plan
