"""Overlay pictures fit for a board paper: faded stakeholders keep readable names, tags never
cover each other or a stakeholder, every mark is in the legend, and the citizen overlay says
"no route" only where no citizen reaches a service."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QImage, QPainter

from sysmap.analysis import AnalysisResult, analyse
from sysmap.canvas.export import _map_transform, layout_page, render_image
from sysmap.canvas.overlay_key import overlay_key
from sysmap.canvas.overlay_themes import THEMES, overlay_for_theme
from sysmap.canvas.scene import MapScene
from sysmap.canvas.stakeholder_item import FADED_OPACITY
from sysmap.canvas.theme import DARK, LIGHT
from sysmap.io import EXAMPLES
from sysmap.model import Relationship, Stakeholder, SystemMap
from sysmap.model.colour_vision import READABLE, contrast_ratio, faded_label
from sysmap.model.style import rgb_to_hex
from sysmap.model.vocab import DEFAULT_SECTORS, OKABE_ITO, UNKNOWN_COLOUR
from sysmap.workspace import open_map

EXAMPLE_NAMES = [e.name for e in EXAMPLES]


@pytest.fixture(scope="module")
def analysed() -> dict[str, tuple[SystemMap, AnalysisResult]]:
    out = {}
    for name in EXAMPLE_NAMES:
        system_map = open_map(name).map
        out[name] = (system_map, analyse(system_map, permutations=49))
    return out


@pytest.fixture
def scene_of(qapp) -> Iterator:  # type: ignore[no-untyped-def]
    scenes: list[MapScene] = []

    def make(system_map: SystemMap) -> MapScene:
        scenes.append(MapScene(system_map))
        return scenes[-1]

    yield make
    for scene in scenes:
        scene.close()


# ---------------------------------------------------------------------- 1. faded labels
@pytest.mark.parametrize("theme", [LIGHT, DARK], ids=["light", "dark"])
def test_faded_labels_read_at_4_5_to_1_on_their_faded_face(theme) -> None:  # type: ignore[no-untyped-def]
    fills = {t.colour for t in DEFAULT_SECTORS} | set(OKABE_ITO) | {UNKNOWN_COLOUR, "#FFFFFF"}
    for fill in fills:
        face, ink = faded_label(fill, theme.background, theme.text, FADED_OPACITY)
        assert contrast_ratio(face, ink) >= READABLE, (fill, face, ink)


def test_a_faded_dark_box_shows_its_name_in_the_picture(analysed, scene_of) -> None:  # type: ignore[no-untyped-def]
    system_map, result = analysed["reoffending"]
    scene = scene_of(system_map)
    overlay = overlay_for_theme("brokers", result, system_map)
    scene.set_overlay(overlay)
    home_office = next(s.id for s in system_map.stakeholders() if s.label == "Home Office")
    assert scene.state.stakeholder_emphasis(home_office) == -1  # faded, and dark blue
    width = 1600
    image = render_image(scene, width)
    page = layout_page(scene.map_rect(), scene.legend())
    item = scene.item_for_stakeholder(home_office)
    box = _map_transform(page).mapRect(item.mapRectToScene(item.box_rect()))
    face, text, letters = _face_and_text(image, box.adjusted(4, 4, -4, -4))
    assert contrast_ratio(face, text) >= READABLE  # white on a faded box measured 1.05:1
    assert letters > 40


def _face_and_text(image: QImage, inner: QRectF) -> tuple[str, str, int]:
    """The commonest colour in ``inner`` (the face), the colour most unlike it (the text),
    and how many pixels differ from the face at over 3:1 (the letters)."""
    colours: Counter[str] = Counter()
    for x in range(int(inner.left()), int(inner.right())):
        for y in range(int(inner.top()), int(inner.bottom())):
            c = image.pixelColor(x, y)
            colours[rgb_to_hex(c.red(), c.green(), c.blue())] += 1
    face = colours.most_common(1)[0][0]
    text = max(colours, key=lambda c: contrast_ratio(c, face))
    letters = sum(n for c, n in colours.items() if contrast_ratio(c, face) > 3)
    return face, text, letters


def test_a_faded_dark_box_shows_its_name_on_a_dark_screen(analysed, scene_of) -> None:  # type: ignore[no-untyped-def]
    system_map, result = analysed["reoffending"]
    scene = scene_of(system_map)
    scene.set_theme(DARK)
    scene.set_overlay(overlay_for_theme("brokers", result, system_map))
    home_office = next(s.id for s in system_map.stakeholders() if s.label == "Home Office")
    item = scene.item_for_stakeholder(home_office)
    box = item.mapRectToScene(item.box_rect())
    scale = 2.0
    image = QImage(
        round(box.width() * scale), round(box.height() * scale), QImage.Format.Format_RGB32
    )
    image.fill(QColor(DARK.background))
    scene.set_view_scale(scale, box)
    painter = QPainter(image)
    painter.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
    scene.render(painter, QRectF(0, 0, image.width(), image.height()), box)
    painter.end()
    face, text, letters = _face_and_text(
        image, QRectF(6, 6, image.width() - 12, image.height() - 12)
    )
    assert contrast_ratio(face, text) >= READABLE
    assert letters > 40


# ---------------------------------------------------------------------- 2. tags
def _tags(scene: MapScene) -> list[QRectF]:
    rects: list[QRectF] = []
    for mark in scene.decorations():
        if hasattr(mark, "tags"):
            rects += [rect for rect, _ in mark.tags()]
        elif (
            getattr(mark, "caption", None)
            or getattr(mark, "text", None)
            or getattr(getattr(mark, "link", None), "label", "")
        ):
            rects.append(mark.tag)
    return rects


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_tags_cover_no_tag_and_no_stakeholder(analysed, scene_of, name) -> None:  # type: ignore[no-untyped-def]
    system_map, result = analysed[name]
    scene = scene_of(system_map)
    boxes = [
        item.mapRectToScene(item.box_rect()) for item in scene.items_model.stakeholders.values()
    ]
    for theme in THEMES:
        scene.set_overlay(overlay_for_theme(theme, result, system_map))
        tags = _tags(scene)
        for i, tag in enumerate(tags):
            assert not any(tag.intersects(other) for other in tags[i + 1 :]), (theme, tag)
            assert not any(tag.intersects(box) for box in boxes), (theme, tag)


@pytest.mark.parametrize("name", ["reoffending", "rough-sleeping"])
def test_each_findings_tags_cover_no_tag_and_no_stakeholder(analysed, scene_of, name) -> None:  # type: ignore[no-untyped-def]
    from sysmap.canvas.finding_list import visible_findings
    from sysmap.canvas.finding_overlay import overlay_for_finding

    system_map, result = analysed[name]
    scene = scene_of(system_map)
    boxes = [
        item.mapRectToScene(item.box_rect()) for item in scene.items_model.stakeholders.values()
    ]
    for finding in visible_findings(result, system_map):
        scene.set_overlay(overlay_for_finding(finding, result, system_map))
        tags = _tags(scene)
        for i, tag in enumerate(tags):
            assert not any(tag.intersects(other) for other in tags[i + 1 :]), finding.title
            assert not any(tag.intersects(box) for box in boxes), finding.title


def test_two_roles_make_one_tag(scene_of) -> None:  # type: ignore[no-untyped-def]
    from sysmap.canvas.overlay import Overlay
    from sysmap.canvas.overlay_items import BadgeItem, RingItem

    m = SystemMap("Two roles")
    a = m.add_stakeholder(Stakeholder("A", x=0, y=0)).id
    scene = scene_of(m)
    scene.set_overlay(Overlay("x", rings={a: "citizen"}, badges={a: "3 steps"}))
    (ring,) = [d for d in scene.decorations() if isinstance(d, RingItem)]
    assert ring.caption == "citizen · 3 steps"
    assert not [d for d in scene.decorations() if isinstance(d, BadgeItem)]


# ---------------------------------------------------------------------- 3. legend
@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_every_mark_has_a_legend_row(analysed, scene_of, name) -> None:  # type: ignore[no-untyped-def]
    system_map, result = analysed[name]
    scene = scene_of(system_map)
    for theme in THEMES:
        overlay = overlay_for_theme(theme, result, system_map)
        scene.set_overlay(overlay)
        rows = " | ".join(scene.legend().labels())
        if overlay.sizes:
            assert "halo" in rows
        if any(link.label.isdigit() for link in overlay.links):
            assert "suggested introduction (dashed)" in rows
            assert "its rank in the findings" in rows
        if overlay.routes:
            assert "route" in rows
        if any(r.crossings for r in overlay.routes):
            assert "boundary" in rows
        if "no route" in overlay.badges.values():
            assert "no citizen reaches it" in rows
        if any(t.endswith(("step", "steps")) for t in overlay.badges.values()):
            assert "N steps" in rows
        for caption in set(overlay.rings.values()):
            assert caption.split(" · ")[0] in rows
        if overlay.fade_others:
            assert "faded" in rows


# ---------------------------------------------------------------------- the citizen's "no route"
def test_one_untied_citizen_does_not_tag_every_service_no_route() -> None:
    m = SystemMap("Youth violence")
    ids = {}
    for label, sector in [
        ("Young people", "citizens"),
        ("Families", "citizens"),
        ("Council", "local_public_services"),
        ("Police", "local_public_services"),
        ("Youth club", "third_sector"),
        ("Isolated charity", "third_sector"),
    ]:
        ids[label] = m.add_stakeholder(Stakeholder(label, sector=sector)).id
    for a, b, status in [
        ("Families", "Council", "active"),
        ("Council", "Police", "active"),
        ("Council", "Youth club", "active"),
        ("Young people", "Youth club", "missing"),  # not a working tie yet
    ]:
        m.add_relationship(Relationship(ids[a], ids[b], "partners", status=status))
    result = analyse(m, permutations=9)
    overlay = overlay_for_theme("citizen", result, m)
    no_route = {k for k, v in overlay.badges.items() if v == "no route"}
    assert no_route == {ids["Isolated charity"]}  # the one service no citizen reaches
    assert overlay.rings[ids["Young people"]] == "citizen · reaches no service"
    assert overlay.rings[ids["Families"]] == "citizen · 1 out of reach"
    assert "1 citizen with no working tie" in overlay.title


def test_a_citizens_out_of_reach_count_is_a_tag_in_the_legend_and_one_step_is_singular() -> None:
    """On the rough-sleeping citizen picture the caption "citizen · 23 out of reach" is a tag
    under the ring, but the legend explained it with a second orange ring ("services this
    citizen cannot reach"), as though services were ringed; and a route of one tie was
    tagged "1 steps"."""
    system_map = open_map("rough-sleeping").map
    overlay = overlay_for_theme("citizen", analyse(system_map, permutations=9), system_map)
    assert "1 steps" not in overlay.badges.values()
    assert "1 step" in overlay.badges.values()  # BCC adult social care, next to the citizen
    key = overlay_key(overlay)
    rings = [row.label for row in key if row.mark == "ring"]
    assert not [label for label in rings if "cannot reach" in label]
    reach = [row for row in key if "out of reach" in row.label]
    assert [row.mark for row in reach] == ["tag"]
    assert any("N steps" in row.label for row in key)
