"""Overlays: what an analysis finding shows on the map, as plain data (no Qt).

A finding ("Third sector is a silo", "these two share four partners but have no link") is
turned into an :class:`Overlay`; the canvas maps it to visuals (highlight and fade, shaded
hulls, dashed suggested links, rings, badges). Showing or clearing an overlay is not an
edit: it never touches the map, the undo stack or the unsaved mark. Ids not in the map are
ignored, so an overlay computed a moment before an edit still draws.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

SUGGESTION_COLOUR = "#0072B2"
GROUP_COLOUR = "#D55E00"
ROUTE_COLOUR = "#009E73"
FAILURE_COLOUR = "#0072B2"
"""A single point of failure's double ring: blue beside a broker's vermillion, a pair every
colour-vision deficiency tells apart, at 5.2:1 on light paper and 3.2:1 on dark."""
_EMPTY: Mapping[str, str] = MappingProxyType({})
_NO_SIZES: Mapping[str, float] = MappingProxyType({})
_NO_STYLES: Mapping[str, MarkStyle] = MappingProxyType({})


@dataclass(frozen=True)
class OverlayLink:
    """A line between two stakeholders that is not a relationship: a suggestion (dashed), or
    in a comparison one added (solid) or removed (dashed) since the other map."""

    source: str
    target: str
    label: str = ""
    colour: str = SUGGESTION_COLOUR
    dashed: bool = True


@dataclass(frozen=True)
class MarkStyle:
    """How a ring is drawn: its colour, solid or dashed, single or double."""

    colour: str = GROUP_COLOUR
    dashed: bool = False
    double: bool = False
    """Two thin rings, one just outside the other: told apart from a single one by its
    shape alone (in grey print, or by a reader who cannot tell the colours apart)."""


POINT_OF_FAILURE = MarkStyle(FAILURE_COLOUR, double=True)
ROLE_STYLES: Mapping[str, MarkStyle] = MappingProxyType(
    {"single point of failure": POINT_OF_FAILURE}
)
"""Rings whose role has its own look; any other ring is a solid vermillion one (a broker, an
introducer, a citizen). A board paper's reader tells a broker from a single point of failure
by the mark, not only by its tag."""


def ring_styles(caption: str) -> tuple[MarkStyle, ...]:
    """The rings a caption's roles wear, innermost first (one for each role it names).

    A caption names its roles before any count ("broker · single point of failure",
    "citizen · 3 out of reach"): each role with a look of its own adds its ring.

    Examples
    --------
    >>> [s.double for s in ring_styles("broker · single point of failure")]
    [False, True]
    >>> ring_styles("single point of failure") == (POINT_OF_FAILURE,)
    True
    >>> ring_styles("citizen · 3 out of reach") == (MarkStyle(),)
    True
    """
    parts = caption.split(" · ") if caption else [""]
    own = [ROLE_STYLES[part] for part in parts if part in ROLE_STYLES]
    plain = parts[0] not in ROLE_STYLES  # a first role with no look of its own: the usual ring
    return ((MarkStyle(),) if plain else ()) + tuple(dict.fromkeys(own))


@dataclass(frozen=True)
class KeyEntry:
    """A row the legend adds to explain an overlay's marks: a ``ring``, ``badge`` or
    ``line`` sample in a colour, solid or dashed, and what it means."""

    label: str
    colour: str
    mark: str
    dashed: bool = False
    count: int = 0


@dataclass(frozen=True)
class OverlayGroup:
    """A shaded hull drawn round some stakeholders (a silo, a community)."""

    stakeholder_ids: tuple[str, ...]
    label: str = ""
    colour: str = GROUP_COLOUR


@dataclass(frozen=True)
class OverlayRoute:
    """A route along stakeholders (a citizen's way to a service), with its boundary crossings.

    ``crossings`` pairs the index of a step (0 is the step from the first stakeholder to the
    second) with the boundary it crosses ("sector", "place", "sector + place").
    """

    stakeholder_ids: tuple[str, ...]
    crossings: tuple[tuple[int, str], ...] = ()
    label: str = ""
    colour: str = ROUTE_COLOUR


@dataclass(frozen=True)
class Overlay:
    """What to emphasise on the map.

    Parameters
    ----------
    title : str
        One line naming what is shown; the legend shows it.
    stakeholders : frozenset of str
        Stakeholders to highlight.
    relationships : frozenset of str
        Relationships to highlight (drawn thicker, in full colour).
    fade_others : bool
        Draw everything not highlighted faintly.
    links : tuple of OverlayLink
        Dashed lines that are not relationships (suggested links).
    groups : tuple of OverlayGroup
        Hulls round groups of stakeholders.
    rings : mapping of str to str
        Stakeholders to ring, with a short caption ("broker", "single point of failure").
    badges : mapping of str to str
        A short text badge on stakeholders ("2 steps", "introducer").
    sizes : mapping of str to float
        Stakeholders to enlarge with a halo whose size grows with the value (0 to 1), such
        as brokers by betweenness.
    routes : tuple of OverlayRoute
        Routes drawn along stakeholders, with their boundary crossings marked.
    context : frozenset of str
        Relationships drawn as usual, neither highlighted nor faded (a silo's inside ties,
        while its outside ties are in ``relationships``).
    ring_styles : mapping of str to MarkStyle
        Rings drawn in another colour or dashed (a comparison's added and removed).
    key : tuple of KeyEntry
        Rows the legend adds to say what the marks mean.

    Examples
    --------
    >>> o = Overlay("Silo", stakeholders=frozenset({"a"}), links=(OverlayLink("a", "b"),))
    >>> sorted(o.emphasised_stakeholders())
    ['a', 'b']
    """

    title: str = ""
    stakeholders: frozenset[str] = frozenset()
    relationships: frozenset[str] = frozenset()
    fade_others: bool = True
    links: tuple[OverlayLink, ...] = ()
    groups: tuple[OverlayGroup, ...] = ()
    rings: Mapping[str, str] = field(default_factory=lambda: _EMPTY)
    badges: Mapping[str, str] = field(default_factory=lambda: _EMPTY)
    sizes: Mapping[str, float] = field(default_factory=lambda: _NO_SIZES)
    routes: tuple[OverlayRoute, ...] = ()
    context: frozenset[str] = frozenset()
    ring_styles: Mapping[str, MarkStyle] = field(default_factory=lambda: _NO_STYLES)
    key: tuple[KeyEntry, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "stakeholders", frozenset(self.stakeholders))
        object.__setattr__(self, "relationships", frozenset(self.relationships))
        object.__setattr__(self, "rings", MappingProxyType(dict(self.rings)))
        object.__setattr__(self, "badges", MappingProxyType(dict(self.badges)))
        object.__setattr__(self, "sizes", MappingProxyType(dict(self.sizes)))
        object.__setattr__(self, "context", frozenset(self.context))
        object.__setattr__(self, "ring_styles", MappingProxyType(dict(self.ring_styles)))

    def marked_stakeholders(self) -> frozenset[str]:
        """The stakeholders the overlay is about, each marked on its own: ringed, badged,
        haloed, or at an end of a link (a hull's or a route's members are marked together).

        Their names are written before the overlay's tags, each at its first choice.
        """
        ids = set(self.rings) | set(self.badges) | set(self.sizes)
        for link in self.links:
            ids.update((link.source, link.target))
        return frozenset(ids)

    def emphasised_stakeholders(self) -> frozenset[str]:
        """Every stakeholder the overlay draws attention to, whichever way."""
        ids = set(self.stakeholders) | set(self.rings) | set(self.badges) | set(self.sizes)
        for route in self.routes:
            ids.update(route.stakeholder_ids)
        for link in self.links:
            ids.update((link.source, link.target))
        for group in self.groups:
            ids.update(group.stakeholder_ids)
        return frozenset(ids)
