"""How big a map the analysis takes on: :data:`MAX_ANALYSED` stakeholders.

The reader opens bigger maps (:mod:`sysmap.io.map_limits`), which ``info``, ``export`` and
the window can show; the analysis refuses them with a sentence rather than running for many
minutes or running out of memory. Its citizen's view keeps a route table per citizen over
every stakeholder, which grows with the square of the map: at 20,000 stakeholders and
80,000 relationships the whole analysis took 62 s of processor time and 2.9 GB at its peak
(betweenness estimated, above :data:`~.centrality.SAMPLE_ABOVE`); twice the stakeholders
would need four times the memory. Measured figures are in README ("Big maps").
"""

from __future__ import annotations

from sysmap.model.errors import ValidationError

MAX_ANALYSED = 20_000
"""The most stakeholders a map may have for sysmap to analyse it."""


def check_analysable(stakeholders: int) -> None:
    """Refuse, with what to do instead, a map too big to analyse.

    Examples
    --------
    >>> check_analysable(40_000)
    Traceback (most recent call last):
    ...
    sysmap.model.errors.ValidationError: sysmap analyses maps of up to 20,000 stakeholders, \
and this one has 40,000. Analyse part of it: save a region or a few sectors as a map of its own \
(sysmap info and export still open this one).
    """
    if stakeholders > MAX_ANALYSED:
        raise ValidationError(
            f"sysmap analyses maps of up to {MAX_ANALYSED:,} stakeholders, and this one has "
            f"{stakeholders:,}. Analyse part of it: save a region or a few sectors as a map "
            "of its own (sysmap info and export still open this one)."
        )
