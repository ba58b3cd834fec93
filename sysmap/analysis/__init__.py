"""Analysis of a map: silos, missing links, brokers and the citizen's view. No Qt here.

The methods, their published sources and the rules built on them (the silo rule, the
should-talk defaults, the result's keys) are set out in ``sysmap/analysis/methods.md``, which
ships with the package; the code cites it as "methods.md §n".

The one entry point is :func:`analyse`::

    from sysmap.analysis import analyse
    result = analyse(system_map)                      # as-is, grouped by sector and place
    result = analyse(system_map, by=["department"], scenario="to-be", seed=7)
    for finding in result.findings:                   # ranked, most serious first
        print(finding.severity, finding.title, finding.explanation)
    data = result.to_json()                           # the structure of methods.md §6

What the result holds (:class:`AnalysisResult`; ids are stakeholder ids as in the file,
``edges`` are relationship ids, explanations name stakeholders by label):

- ``findings``: :class:`Finding` records with ``severity`` (high / medium / low / info),
  ``kind``, ``title``, ``explanation``, ``numbers``, ``measure`` and a :class:`Highlight`
  (``nodes``, ``edges``, ``groups`` as :class:`GroupRef`, and ``suggested`` pairs for links
  that do not exist yet); a suggested link also names its ``introducer``. The findings panel,
  canvas overlays and the HTML report are built on these.
- ``groups[attribute]``: E-I index (whole, per group, per stakeholder) with random-mixing
  expectation and permutation p-value, weighted variants, the group × group tie table with
  expected ties, assortativity and modularity (:mod:`.ei`, :mod:`.mixing`).
- ``silos``, ``communities`` (Louvain, compared by NMI / ARI; :mod:`.communities`).
- ``group_gaps``, ``missing_links`` (with introducers), ``brokers_needed``,
  ``separate_parts``, ``known_gaps`` (:mod:`.gaps`, :mod:`.links`, :mod:`.should_talk`).
- ``brokers`` (betweenness, constraint, effective size, Gould–Fernandez roles;
  :mod:`.centrality`, :mod:`.brokerage`), ``single_points_of_failure``, ``bridges``,
  ``local_bridges``, ``isolates`` (:mod:`.resilience`).
- ``citizen``: routes from every citizen to every service (:mod:`.citizen`), and
  ``weak_links``: weak relationships, with how many of those routes depend on each.
- ``comparison``: what the proposed relationships would change (:mod:`.scenario`).

``analyse(..., progress=Progress(...))`` reports how far it is between stages and stops when
the user cancels (the one protocol for long work, :mod:`sysmap.model.progress`).

Ties are ``active`` and ``weak`` relationships (weak ones count half); ``missing`` never
counts and ``proposed`` counts only in the to-be scenario (:mod:`.ties`). The smaller
functions (``ei_report``, ``tie_table``, ``louvain``, ``betweenness``…) work on a
:class:`TieGraph` and can be used on their own; each module cites its source papers.
Everything is deterministic for a given ``seed``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sysmap._lazy import lazy_exports

if TYPE_CHECKING:  # loaded on first use (see sysmap._lazy): commands start at once
    from sysmap.analysis.analysis_result import (
        AnalysisResult,
        CitizenResult,
        CitizenSummary,
        MapSummary,
    )
    from sysmap.analysis.briefing import render_markdown, render_text
    from sysmap.analysis.engine import Context, analyse, analyse_ties
    from sysmap.analysis.grouping import Grouping, default_attributes, make_grouping
    from sysmap.analysis.results import Finding, GroupRef, Highlight
    from sysmap.analysis.should_talk import (
        ShouldTalk,
        read_should_talk,
        should_talk_of,
        should_talk_text,
    )
    from sysmap.analysis.ties import TieGraph, is_tie

__all__ = [
    "AnalysisResult",
    "CitizenResult",
    "CitizenSummary",
    "Context",
    "Finding",
    "GroupRef",
    "Grouping",
    "Highlight",
    "MapSummary",
    "ShouldTalk",
    "TieGraph",
    "analyse",
    "analyse_ties",
    "default_attributes",
    "is_tie",
    "make_grouping",
    "read_should_talk",
    "render_markdown",
    "render_text",
    "should_talk_of",
    "should_talk_text",
]

__getattr__ = lazy_exports(
    __name__,
    {
        "render_markdown": "sysmap.analysis.briefing",
        "render_text": "sysmap.analysis.briefing",
        "Context": "sysmap.analysis.engine",
        "analyse": "sysmap.analysis.engine",
        "analyse_ties": "sysmap.analysis.engine",
        "Grouping": "sysmap.analysis.grouping",
        "default_attributes": "sysmap.analysis.grouping",
        "make_grouping": "sysmap.analysis.grouping",
        "AnalysisResult": "sysmap.analysis.analysis_result",
        "CitizenResult": "sysmap.analysis.analysis_result",
        "CitizenSummary": "sysmap.analysis.analysis_result",
        "MapSummary": "sysmap.analysis.analysis_result",
        "Finding": "sysmap.analysis.results",
        "GroupRef": "sysmap.analysis.results",
        "Highlight": "sysmap.analysis.results",
        "ShouldTalk": "sysmap.analysis.should_talk",
        "read_should_talk": "sysmap.analysis.should_talk",
        "should_talk_of": "sysmap.analysis.should_talk",
        "should_talk_text": "sysmap.analysis.should_talk",
        "TieGraph": "sysmap.analysis.ties",
        "is_tie": "sysmap.analysis.ties",
    },
)
