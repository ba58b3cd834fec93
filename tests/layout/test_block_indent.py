"""A sector's table of stakeholders is centred in the width its caption needs, and no more.

``grid_block`` packs a table at least ``min_width`` wide and centres it there: a table
narrower than that is indented by half of what it lacks; a wider one starts at the block's
left edge (indent 0, never negative and never a stray pixel). Worked by hand: four
100 × 40 boxes with a margin of 20 make two columns of 120, a table 240 wide.
"""

from __future__ import annotations

import numpy as np

from sysmap.layout.packing import grid_block

FOUR = np.arange(4)
WIDTHS, HEIGHTS = np.full(4, 100.0), np.full(4, 40.0)


def test_a_table_wider_than_the_caption_starts_at_the_left_edge() -> None:
    block = grid_block(FOUR, WIDTHS, HEIGHTS, margin=20, min_width=200)
    # Column centres at half a column (60) and one and a half (180): no indent at all.
    assert block.offsets[:, 0].tolist() == [60.0, 180.0, 60.0, 180.0]
    assert block.width == 240.0


def test_a_table_narrower_than_the_caption_is_centred_in_its_width() -> None:
    block = grid_block(FOUR, WIDTHS, HEIGHTS, margin=20, min_width=400)
    # 400 - 240 = 160 to spare: indented by 80 on each side.
    assert block.offsets[:, 0].tolist() == [140.0, 260.0, 140.0, 260.0]
    assert block.width == 400.0
