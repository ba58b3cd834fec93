"""Decompress lz-string's ``compressToUTF16`` output, the container PRSM saves maps in.

lz-string (Pieroxy) is an LZW variant: the compressed stream is a sequence of variable-width
codes packed into characters. ``compressToUTF16`` packs 15 bits into each UTF-16 code unit and
adds 32 so that no character is a control character. Decoding reads codes of ``width`` bits
(starting at 3 and growing by one whenever the dictionary doubles):

- code 0: the next 8 bits are a new single character, added to the dictionary;
- code 1: the next 16 bits are a new single character, added to the dictionary;
- code 2: end of stream;
- any other code: a dictionary entry; the entry just decoded plus the first character of the
  next one becomes a new entry (the code may name that very entry, the LZW special case).

The text is rebuilt from UTF-16 code units, so characters outside the Basic Multilingual Plane
(emoji) arrive as surrogate pairs and are joined at the end. Output is capped as it grows: a
tiny input can describe an enormous text, so decoding stops with :class:`LZStringError` past
``max_chars``.

The compressed characters are unpacked into a little-endian bit string once, with numpy, so
each code is read with one slice and a shift: 15 bits per character read one at a time in
Python took 36 s for a 22 MB file and a gigabyte of integers.
"""

from __future__ import annotations

import numpy as np

_BITS_PER_CHAR = 15
_OFFSET = 32
_CHUNK = 1 << 20
"""Characters unpacked at a time: a multiple of 8, so each chunk fills whole bytes."""


class LZStringError(ValueError):
    """The text is not lz-string ``compressToUTF16`` output, or expands beyond the cap."""


class _BitReader:
    """Reads the compressed stream a few bits at a time, lowest bit first."""

    def __init__(self, text: str) -> None:
        self.bits = _packed_bits(text)
        self.total = len(text) * _BITS_PER_CHAR
        self.position = 0

    @property
    def exhausted(self) -> bool:
        """Whether every character has been read (the bits past the end read as zero)."""
        return self.position >= self.total

    def read(self, width: int) -> int:
        at = self.position
        window = int.from_bytes(self.bits[at >> 3 : (at >> 3) + 8], "little")
        self.position = at + width
        return (window >> (at & 7)) & ((1 << width) - 1)


def _packed_bits(text: str) -> bytes:
    """The stream's bits in reading order, packed eight to a byte, first bit lowest."""
    units = np.frombuffer(text.encode("utf-16-le", "surrogatepass"), dtype="<u2")
    highest = _OFFSET + (1 << _BITS_PER_CHAR) - 1
    in_range = units.size == 0 or (units.min() >= _OFFSET and units.max() <= highest)
    if len(units) != len(text) or not in_range:  # more units than characters: emoji
        raise LZStringError("a character is outside the range compressToUTF16 writes")
    packed = []
    for start in range(0, len(units), _CHUNK):
        values = ((units[start : start + _CHUNK] - _OFFSET) << 1).astype(">u2")  # 15 bits, top
        bits = np.unpackbits(values.view(np.uint8)).reshape(-1, 16)[:, :_BITS_PER_CHAR]
        packed.append(np.packbits(bits.reshape(-1), bitorder="little").tobytes())
    return b"".join(packed)


def decompress_from_utf16(text: str, max_chars: int = 100_000_000) -> str:
    """Return the text that lz-string's ``compressToUTF16`` turned into ``text``.

    Parameters
    ----------
    text : str
        The compressed characters (a ``.prsm`` file's content, decoded from UTF-8).
    max_chars : int
        Refuse to produce more than this many characters.

    Raises
    ------
    LZStringError
        If ``text`` is not valid compressed data or expands beyond ``max_chars``.

    Examples
    --------
    >>> decompress_from_utf16("\\u10e1\\u0ca0 ")
    'ab'
    """
    if not text:
        return ""
    reader = _BitReader(text)
    first = _literal(reader, reader.read(2))
    if first is None:
        return ""
    dictionary: list[str] = ["", "", "", first]
    width = 3
    enlarge_in = 4
    previous = first
    parts = [first]
    total = len(first)
    while True:
        if reader.exhausted:
            raise LZStringError("the compressed text ends before its end marker")
        code = reader.read(width)
        if code == 2:
            break
        if code in (0, 1):
            char = _literal(reader, code)
            assert char is not None
            dictionary.append(char)
            code = len(dictionary) - 1
            enlarge_in -= 1
            if enlarge_in == 0:
                enlarge_in, width = 1 << width, width + 1
        if code < len(dictionary):
            entry = dictionary[code]
        elif code == len(dictionary):
            entry = previous + previous[0]
        else:
            raise LZStringError("the compressed text refers to a word it has not defined")
        total += len(entry)
        if total > max_chars:
            raise LZStringError(f"it expands to more than {max_chars:,} characters")
        parts.append(entry)
        dictionary.append(previous + entry[0])
        enlarge_in -= 1
        previous = entry
        if enlarge_in == 0:
            enlarge_in, width = 1 << width, width + 1
    return _join_surrogates("".join(parts))


def _literal(reader: _BitReader, code: int) -> str | None:
    if code == 0:
        return chr(reader.read(8))
    if code == 1:
        return chr(reader.read(16))
    if code == 2:
        return None
    raise LZStringError("the compressed text does not start with a character")


def _join_surrogates(text: str) -> str:
    # The codes are UTF-16 code units: pair up any surrogates into real characters.
    if not any("\ud800" <= ch <= "\udfff" for ch in text):
        return text
    try:
        return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le")
    except UnicodeDecodeError:
        raise LZStringError("the decompressed text holds broken characters") from None
