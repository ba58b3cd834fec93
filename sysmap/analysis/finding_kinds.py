"""The kinds of finding, the measure behind each, and how a finding is ranked."""

from __future__ import annotations

from sysmap.analysis.results import Finding

SUGGESTIONS_SHOWN = 5
"""Suggested links listed as findings; the rest are in the result's ``missing_links``."""
KINDS: dict[str, str] = {
    "separate_part": "Connected components",
    "silo": "E-I index (Krackhardt & Stern 1988) with a permutation test",
    "known_gap": "Relationship recorded as missing in the map",
    "group_gap": "Observed vs expected ties (configuration model, Newman 2010)",
    "citizen_unreachable": "Shortest routes (Dijkstra 1959)",
    "point_of_failure": "Articulation points (Hopcroft & Tarjan 1973), weighted by who is cut off",
    "citizen_single_route": "Minimum vertex cut (Menger 1927) via the block–cut tree",
    "weak_link": "Relationships recorded as weak, and citizens' shortest routes over them",
    "bridge": "Bridges (Hopcroft & Tarjan 1973)",
    "isolate": "Stakeholders without ties",
    "mixing": "E-I index (Krackhardt & Stern 1988); assortativity (Newman 2003)",
    "broker_needed": "Common neighbours (Liben-Nowell & Kleinberg 2007)",
    "suggested_link": "Resource allocation (Zhou, Lü & Zhang 2009), Adamic–Adar",
    "silo_community": "Louvain communities (Blondel et al. 2008)",
    "citizen_route": "Shortest routes with fewest boundary crossings",
    "local_bridge": "Local bridges (Granovetter 1973)",
    "communities": "Louvain communities vs groups, NMI (Danon et al. 2005)",
    "broker": "Betweenness (Freeman 1977), constraint (Burt 1992)",
    "to_be": "As-is vs to-be comparison",
}
"""Every kind of finding, with the measure behind it."""


def make_finding(
    severity: str, kind: str, title: str, explanation: str, **extra: object
) -> Finding:
    """A finding of ``kind``, with the measure behind it."""
    return Finding(severity, kind, title, explanation, measure=KINDS[kind], **extra)  # type: ignore[arg-type]
