"""Parse JSON from files that may be hostile.

JSON cannot declare entities, but it can still be made to hurt: 180 MB of ``{},{},…`` become
60 million dictionaries and several gigabytes in memory, a number with ten thousand digits
makes Python refuse to convert it, and ``[[[[…`` thousands deep exhausts the parser's stack.
:func:`parse_json` counts objects and values before parsing (a cheap upper bound: every
brace, bracket and comma, even inside strings) and turns every refusal into a sentence.
"""

from __future__ import annotations

import json
from typing import Any

from sysmap.model.errors import MapFileError

MAX_JSON_CONTAINERS = 1_000_000
"""Objects and lists: a 10,000-stakeholder map has about 100,000."""
MAX_JSON_VALUES = 5_000_000
"""Values in all objects and lists together (about 450,000 in a 10,000-stakeholder map)."""


def parse_json(text: str, path: str, what: str = "it is not valid JSON") -> Any:
    """Parse JSON text read from ``path``, refusing what would harm the computer.

    Parameters
    ----------
    text : str
        The whole document.
    path : str
        The file, for messages.
    what : str
        How to begin the message when the text is not JSON ("its map data is not valid JSON").

    Raises
    ------
    MapFileError
        If the text is not JSON, holds too many objects or values, nests too deeply, or has
        a number too long to read.
    """
    containers = text.count("{") + text.count("[")
    if containers > MAX_JSON_CONTAINERS or text.count(",") > MAX_JSON_VALUES:
        raise MapFileError(
            path,
            f"it holds more than {MAX_JSON_CONTAINERS:,} objects or {MAX_JSON_VALUES:,} values, "
            "more than any map sysmap can open",
            hint="The file may be damaged or made to cause harm; split the map if it is real.",
        )
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise MapFileError(path, f"{what} ({exc.msg})", line=exc.lineno) from None
    except RecursionError:
        raise MapFileError(path, "its JSON is nested too deeply to read") from None
    except ValueError:  # Python refuses to convert integers of more than 4,300 digits
        raise MapFileError(
            path,
            "it holds a number too long to read",
            hint="The file may be damaged or made to cause harm.",
        ) from None
