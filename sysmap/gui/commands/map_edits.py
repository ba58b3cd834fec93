"""Edits of the map itself: its title and description, and its vocabularies."""

from __future__ import annotations

from sysmap.analysis.place_groups import FOCUS_KEY
from sysmap.analysis.should_talk import METADATA_KEY as SHOULD_TALK_KEY
from sysmap.analysis.should_talk import ShouldTalk, should_talk_text
from sysmap.gui.commands.base import MapCommand, short
from sysmap.model.ids import slugify
from sysmap.model.places import shipped_place
from sysmap.model.system_map import SystemMap
from sysmap.model.vocab import OKABE_ITO, VOCABULARY_NOUNS, Term, Vocabulary


class SetMapProperties(MapCommand):
    """Change the map's title and/or description."""

    def __init__(
        self, system_map: SystemMap, title: str | None = None, description: str | None = None
    ) -> None:
        self.new = {
            k: v for k, v in (("title", title), ("description", description)) if v is not None
        }
        self.old = {k: getattr(system_map, k) for k in self.new}
        text = (
            f"Rename the map to {short(title)}"
            if list(self.new) == ["title"] and title is not None
            else "Change the map's " + " and ".join(self.new)
        )
        super().__init__(system_map, text)

    def do(self) -> None:
        self.map.set_properties(**self.new)

    def undo(self) -> None:
        self.map.set_properties(**self.old)


class SetVocabulary(MapCommand):
    """Replace one of the map's vocabularies (used to add a sector, place or type)."""

    def __init__(self, system_map: SystemMap, name: str, vocabulary: Vocabulary, text: str) -> None:
        super().__init__(system_map, text)
        self.name = name
        self.new = vocabulary
        self.old = system_map.vocabulary(name)

    def do(self) -> None:
        self.map.set_vocabulary(self.name, self.new)

    def undo(self) -> None:
        self.map.set_vocabulary(self.name, self.old)


def term_for_text(
    system_map: SystemMap, vocabulary_name: str, text: str
) -> tuple[str, Term | None]:
    """Find the key a user meant by ``text``, or make a new term for it.

    Returns
    -------
    (key, term)
        ``term`` is ``None`` when the vocabulary already has the key; otherwise it is a new
        term to add (a new sector gets the next unused Okabe–Ito colour).
    """
    vocabulary = system_map.vocabulary(vocabulary_name)
    text = text.strip()
    key = vocabulary.key_for(text)
    if key is not None:
        return key, None
    # Places are stored by their name; other terms by a key made from it (faith_groups).
    key = text if vocabulary_name == "places" else slugify(text, "other").replace("-", "_")
    if key in vocabulary:
        return key, None
    colour = None
    if vocabulary_name in ("sectors", "places"):
        used = {t.colour for t in vocabulary if t.colour}
        colour = next((c for c in OKABE_ITO if c not in used), None)
    if vocabulary_name == "places":
        # A place sysmap knows (Salford) comes with its level and the place it sits within.
        known = shipped_place(text)
        if known is not None:
            return key, Term(key, text, colour, known.description, known.level, None, known.within)
    return key, Term(key, text, colour)


def add_term_command(system_map: SystemMap, vocabulary_name: str, term: Term) -> SetVocabulary:
    """Add ``term`` to one of the map's vocabularies: "Add sector Faith groups"."""
    vocabulary = system_map.vocabulary(vocabulary_name).with_term(term)
    noun = VOCABULARY_NOUNS.get(vocabulary_name, vocabulary_name)
    return SetVocabulary(system_map, vocabulary_name, vocabulary, f"Add {noun} {short(term.label)}")


class SetPlaces(MapCommand):
    """Replace the map's places (their levels and where they sit) and its focus place."""

    def __init__(self, system_map: SystemMap, places: Vocabulary, focus: str | None) -> None:
        super().__init__(system_map, "Edit places")
        self.new = (places, focus or None)
        old_focus = system_map.metadata.get(FOCUS_KEY)
        self.old = (system_map.places, old_focus if isinstance(old_focus, str) else None)

    def do(self) -> None:
        self._apply(*self.new)

    def undo(self) -> None:
        self._apply(*self.old)

    def _apply(self, places: Vocabulary, focus: str | None) -> None:
        self.map.set_vocabulary("places", places)
        self.map.set_metadata(FOCUS_KEY, focus)


class SetShouldTalk(MapCommand):
    """Change which groups should talk to each other, as the map stores it (see
    :mod:`sysmap.analysis.should_talk`); ``None`` returns the map to the guidance defaults."""

    def __init__(
        self,
        system_map: SystemMap,
        should_talk: ShouldTalk | None,
        text: str = "Change who should talk to whom",
    ) -> None:
        super().__init__(system_map, text)
        self.new = should_talk_text(should_talk)
        self.old = system_map.metadata.get(SHOULD_TALK_KEY)  # undo puts back what was there

    def do(self) -> None:
        self.map.set_metadata(SHOULD_TALK_KEY, self.new)

    def undo(self) -> None:
        self.map.set_metadata(SHOULD_TALK_KEY, self.old)
