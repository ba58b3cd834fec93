"""Reading a report back: its text, its tags and attributes, its inline CSS and pictures."""

from __future__ import annotations

import base64
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

import pytest


@dataclass
class ParsedReport:
    """What a browser would see in a report."""

    tags: list[tuple[str, dict[str, str]]] = field(default_factory=list)
    text: list[str] = field(default_factory=list)
    styles: list[str] = field(default_factory=list)

    @property
    def plain(self) -> str:
        """All the text, whitespace collapsed."""
        return re.sub(r"\s+", " ", " ".join(self.text))

    def attributes(self, name: str) -> list[str]:
        """Every value of attribute ``name`` on any tag."""
        return [attrs[name] for _tag, attrs in self.tags if name in attrs]

    def images(self) -> list[bytes]:
        """The decoded pictures of every ``<img>``."""
        found = []
        for tag, attrs in self.tags:
            if tag == "img":
                head, _, data = attrs["src"].partition(",")
                assert head == "data:image/png;base64", head[:40]
                found.append(base64.b64decode(data))
        return found


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.report = ParsedReport()
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.report.tags.append((tag, {k: v or "" for k, v in attrs}))
        self._in_style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        if tag == "style":
            self._in_style = False

    def handle_data(self, data: str) -> None:
        (self.report.styles if self._in_style else self.report.text).append(data)


def parse_report(html: str) -> ParsedReport:
    """Parse a report as a browser would read it."""
    reader = _Reader()
    reader.feed(html)
    reader.close()
    return reader.report


@pytest.fixture
def parse():  # type: ignore[no-untyped-def]
    return parse_report
