"""lz-string's compressToUTF16, written from the algorithm for tests only.

sysmap only ever decompresses (PRSM files); this compressor lets the tests check the
decompressor against any text, including emoji and long repetitive runs.
"""

from __future__ import annotations

import numpy as np


class _BitWriter:
    def __init__(self) -> None:
        self.out: list[str] = []
        self.value = 0
        self.position = 0

    def write(self, value: int, width: int) -> None:
        for _ in range(width):
            self.value = (self.value << 1) | (value & 1)
            value >>= 1
            if self.position == 14:
                self.out.append(chr(self.value + 32))
                self.value, self.position = 0, 0
            else:
                self.position += 1

    def finish(self) -> str:
        while True:
            self.value <<= 1
            if self.position == 14:
                self.out.append(chr(self.value + 32))
                break
            self.position += 1
        return "".join(self.out) + " "


def compress_to_utf16(text: str) -> str:
    """Compress ``text`` exactly as lz-string's ``compressToUTF16`` does."""
    units = text.encode("utf-16-le", "surrogatepass")
    chars = [chr(int.from_bytes(units[i : i + 2], "little")) for i in range(0, len(units), 2)]
    dictionary: dict[str, int] = {}
    to_create: set[str] = set()
    size, width, enlarge_in = 3, 2, 2
    writer = _BitWriter()
    w = ""

    def emit(word: str) -> None:
        nonlocal width, enlarge_in
        if word in to_create:
            code = ord(word[0])
            if code < 256:
                writer.write(0, width)
                writer.write(code, 8)
            else:
                writer.write(1, width)
                writer.write(code, 16)
            enlarge_in -= 1
            if enlarge_in == 0:
                enlarge_in, width = 1 << width, width + 1
            to_create.discard(word)
        else:
            writer.write(dictionary[word], width)
        enlarge_in -= 1
        if enlarge_in == 0:
            enlarge_in, width = 1 << width, width + 1

    for c in chars:
        if c not in dictionary:
            dictionary[c] = size
            size += 1
            to_create.add(c)
        wc = w + c
        if wc in dictionary:
            w = wc
        else:
            emit(w)
            dictionary[wc] = size
            size += 1
            w = c
    if w:
        emit(w)
    writer.write(2, width)
    return writer.finish()


def hostile_stream(codes: int, runaway: bool) -> str:
    """A valid compressed stream of ``codes`` codes that hurts the decompressor most.

    ``runaway``: each code names the word being defined (LZW's special case), so word ``k``
    is ``k`` characters long and the text grows with the square of the file. Otherwise each
    code is a new single character, so the file defines as many words as it can.
    """
    pieces: list[tuple[int, int]] = [(0, 2), (ord("a"), 8)]  # the first character
    size, width, enlarge_in = 4, 3, 4  # the decompressor's state after it

    def grow() -> None:
        nonlocal width, enlarge_in
        enlarge_in -= 1
        if enlarge_in == 0:
            enlarge_in, width = 1 << width, width + 1

    for number in range(codes):
        if runaway:
            pieces.append((size, width))
        else:
            pieces += [(0, width), (97 + number % 26, 8)]
            size += 1
            grow()
        size += 1
        grow()
    pieces.append((2, width))
    return _pack(pieces)


def _pack(pieces: list[tuple[int, int]]) -> str:
    """Write (value, width) codes lowest bit first, 15 bits to a character, as lz-string does."""
    values = np.array([v for v, _ in pieces], dtype=np.int64)
    widths = np.array([w for _, w in pieces], dtype=np.int64)
    owner = np.repeat(np.arange(len(pieces)), widths)
    power = np.arange(owner.size) - np.repeat(np.cumsum(widths) - widths, widths)
    bits = (values[owner] >> power) & 1
    bits = np.concatenate([bits, np.zeros(-bits.size % 15, dtype=np.int64)]).reshape(-1, 15)
    numbers = bits @ (1 << np.arange(14, -1, -1))
    return "".join(chr(int(n) + 32) for n in numbers) + " "
