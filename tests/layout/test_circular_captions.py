"""Where the circular layout writes a sector's name: outside the middle of its stretch of ring.

The caption is anchored by the side that faces the ring: a sector on the right of the ring
has its name starting just right of it, and one on either side has its name's line centred
level with the sector's middle (not hanging below or standing above it).
"""

from __future__ import annotations

import numpy as np

from sysmap.layout import compute_layout
from sysmap.layout.nodes import box_size
from sysmap.layout.result import GUIDE_LINE_HEIGHT, caption_width
from tests.layout.test_circular_gap import two_sectors


def test_side_sectors_are_named_level_with_their_middle() -> None:
    system_map = two_sectors(12)  # sector a fills the right half of the ring, b the left
    result = compute_layout("circular", system_map)
    ids = system_map.stakeholder_ids()
    xy = np.array([result.positions[n] for n in ids])
    width, _ = box_size("a00", None)
    captions = {guide.label: guide for guide in result.guides}
    assert set(captions) == {"a", "b"}
    for name, side in (("a", 1.0), ("b", -1.0)):
        members = xy[[i for i, n in enumerate(ids) if str(n).startswith(name)]]
        middle = (members[:, 1].min() + members[:, 1].max()) / 2
        caption = captions[name]
        assert abs(caption.y + GUIDE_LINE_HEIGHT / 2 - middle) < 1e-6, (name, caption)
        # ...and outside the sector on its own side of the ring.
        if side > 0:
            assert caption.x >= members[:, 0].max() + width / 2
        else:
            assert caption.x + caption_width(name) <= members[:, 0].min() - width / 2
