"""Write a zip whose parts are protected by a password, as ``zip -e`` and Windows do.

Python's zipfile reads such files but cannot write them, so this writes one by hand with the
traditional PKWARE encryption (APPNOTE.TXT, section 6.1): three keys stirred by CRC-32, a
12-byte header, each byte XORed with a key stream. Parts are stored, not compressed.
"""

from __future__ import annotations

import os
import struct
import zlib


class _Keys:
    def __init__(self, password: bytes) -> None:
        self.k0, self.k1, self.k2 = 0x12345678, 0x23456789, 0x34567890
        for byte in password:
            self.update(byte)

    def update(self, byte: int) -> None:
        self.k0 = _crc(self.k0, byte)
        self.k1 = ((self.k1 + (self.k0 & 0xFF)) * 134775813 + 1) & 0xFFFFFFFF
        self.k2 = _crc(self.k2, self.k1 >> 24)

    def encrypt(self, data: bytes) -> bytes:
        out = bytearray()
        for byte in data:
            temp = (self.k2 | 2) & 0xFFFF
            out.append(byte ^ (((temp * (temp ^ 1)) >> 8) & 0xFF))
            self.update(byte)
        return bytes(out)


def _crc(crc: int, byte: int) -> int:
    return zlib.crc32(bytes([byte]), crc ^ 0xFFFFFFFF) ^ 0xFFFFFFFF


def encrypted_zip(parts: dict[str, bytes], password: bytes = b"secret") -> bytes:
    """A zip holding ``parts`` (name → content), each protected by ``password``."""
    local, central = bytearray(), bytearray()
    for name, content in parts.items():
        crc = zlib.crc32(content)
        header = os.urandom(11) + bytes([crc >> 24])
        data = _Keys(password).encrypt(header + content)
        fields = (20, 1, 0, 0, 0x21, crc, len(data), len(content), len(name.encode()), 0)
        offset = len(local)
        local += struct.pack("<IHHHHHIIIHH", 0x04034B50, *fields) + name.encode() + data
        central += struct.pack("<IH", 0x02014B50, 20) + struct.pack("<HHHHHIIIHH", *fields)
        central += struct.pack("<HHHII", 0, 0, 0, 0, offset) + name.encode()
    end = struct.pack(
        "<IHHHHIIH", 0x06054B50, 0, 0, len(parts), len(parts), len(central), len(local), 0
    )
    return bytes(local + central + end)
