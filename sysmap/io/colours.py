"""Read the colours other tools write, in whatever notation they use, as ``#RRGGBB``.

yEd writes ``#RRGGBB`` or ``#RRGGBBAA``; yFiles for HTML writes ``#AARRGGBB``; PRSM (vis-network)
writes CSS: ``#rgb``, ``rgb(…)``, ``rgba(…)`` and names such as ``white``; Kumu writes ``#ddd``;
Gephi and GEXF give red, green and blue as numbers. The alpha channel is dropped: sysmap draws
stakeholders opaque. A colour that cannot be read gives ``None``, never an error.
"""

from __future__ import annotations

import re

_HEX = re.compile(r"#([0-9A-Fa-f]{3}|[0-9A-Fa-f]{6}|[0-9A-Fa-f]{8})")
_FUNCTION = re.compile(r"rgba?\(\s*([^)]*)\)", re.IGNORECASE)


def parse_colour(text: object, *, alpha_first: bool = False) -> str | None:
    """Return ``text`` as an upper-case ``#RRGGBB`` colour, or ``None`` if it is not one.

    Parameters
    ----------
    text : object
        The colour as the file wrote it.
    alpha_first : bool
        Whether eight hex digits are ``AARRGGBB`` (yFiles for HTML) rather than ``RRGGBBAA``.

    Examples
    --------
    >>> parse_colour("#caecff80"), parse_colour("#FF316C94", alpha_first=True)
    ('#CAECFF', '#316C94')
    >>> parse_colour("#ddd"), parse_colour("rgb(154, 219, 180)"), parse_colour("white")
    ('#DDDDDD', '#9ADBB4', '#FFFFFF')
    >>> parse_colour("transparent") is None, parse_colour("nonsense") is None
    (True, True)
    """
    if not isinstance(text, str):
        return None
    value = text.strip()
    match = _HEX.fullmatch(value)
    if match:
        return _from_hex(match.group(1), alpha_first)
    function = _FUNCTION.fullmatch(value)
    if function:
        return _from_function(function.group(1))
    return _named(value)


def rgb_hex(r: object, g: object, b: object) -> str | None:
    """Return three 0–255 channel values (numbers or numeric text) as ``#RRGGBB``.

    Examples
    --------
    >>> rgb_hex(245, "91", 91.0), rgb_hex(300, 0, 0), rgb_hex("x", 0, 0)
    ('#F55B5B', None, None)
    """
    channels = []
    for value in (r, g, b):
        try:
            number = float(value)  # type: ignore[arg-type]
        except (TypeError, ValueError):
            return None
        if not 0 <= number <= 255:
            return None
        channels.append(round(number))
    return "#{:02X}{:02X}{:02X}".format(*channels)


def _from_hex(digits: str, alpha_first: bool) -> str:
    if len(digits) == 3:
        digits = "".join(ch * 2 for ch in digits)
    elif len(digits) == 8:
        digits = digits[2:] if alpha_first else digits[:6]
    return "#" + digits.upper()


def _from_function(arguments: str) -> str | None:
    parts = [p.strip() for p in re.split(r"[,\s/]+", arguments) if p.strip()]
    if len(parts) not in (3, 4):
        return None
    channels: list[float] = []
    for part in parts[:3]:
        try:
            channels.append(float(part[:-1]) * 2.55 if part.endswith("%") else float(part))
        except ValueError:
            return None
    return rgb_hex(*channels)


def _named(name: str) -> str | None:
    key = name.lower().replace(" ", "")
    if not key.isalpha() or key == "transparent":
        return None
    # The 148 CSS colour names; imported only when a file uses a name.
    from matplotlib.colors import CSS4_COLORS

    value = CSS4_COLORS.get(key)
    return value.upper() if isinstance(value, str) else None
