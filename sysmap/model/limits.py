"""How long a text and how big a number a map may hold: the bounds of the model's gate.

Every value that enters a map, from a file, the clipboard or an edit, is checked against
these before anything draws, saves or reports it. They are far above anything a real map
holds (a name is a few words, a note a few pages; drawings from Gephi, yEd and Kumu stay
within a few thousand units of the origin, geographic ones within tens of millions) and far
below what would hurt: a 50 MB "name" that the canvas chokes on, a stakeholder at x = 1e308
that no layout can compute with. A weight may be any finite number from 0 up: the analysis
rescales weights that are far apart (see ``sysmap.analysis.ties``).
"""

from __future__ import annotations

MAX_LABEL_CHARS = 10_000
"""The longest name a stakeholder, a map's title, a vocabulary value (a sector, a place,
a status, a relationship type), a tag or an attribute's name may have."""
MAX_TEXT_CHARS = 1_000_000
"""The longest any other text may be: a description, a note, an attribute's value."""
MAX_COORDINATE = 1e9
"""How far from the origin a stakeholder may be placed, or how big it may be drawn."""
MAX_WHOLE_NUMBER = 2**63 - 1
"""The largest whole number an attribute may hold: GraphML's ``long``, as Gephi reads it."""
