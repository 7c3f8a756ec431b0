#!/usr/bin/env python3
"""Draws assets/prongsai.ico, the Windows program's icon: a teal rounded square with a
white page of lines (a report made public). Pure Python (zlib + struct) so that anyone
can redraw it without an image library; the .ico holds PNG images (Windows Vista and
later read them) at the sizes Explorer asks for."""
import struct
import sys
import zlib
from pathlib import Path

TEAL = (15, 118, 110, 255)
WHITE = (255, 255, 255, 255)
CLEAR = (0, 0, 0, 0)


def pixel(x, y, n):
    # Coordinates in a 0..1 square, sampled at the pixel's centre.
    u, v = (x + 0.5) / n, (y + 0.5) / n
    r = 0.18  # corner radius of the background
    cx = min(max(u, r), 1 - r)
    cy = min(max(v, r), 1 - r)
    if (u - cx) ** 2 + (v - cy) ** 2 > r * r:
        return CLEAR
    # The page, with four lines of "text" on it.
    if 0.26 <= u <= 0.74 and 0.18 <= v <= 0.82:
        for top in (0.30, 0.42, 0.54, 0.66):
            right = 0.64 if top != 0.66 else 0.52
            if 0.34 <= u <= right and top <= v <= top + 0.055:
                return TEAL
        return WHITE
    return TEAL


def png(n):
    rows = b"".join(b"\x00" + b"".join(bytes(pixel(x, y, n)) for x in range(n)) for y in range(n))

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    ihdr = struct.pack(">IIBBBBB", n, n, 8, 6, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(rows, 9)) + chunk(b"IEND", b"")


def ico(sizes):
    images = [png(n) for n in sizes]
    out = struct.pack("<HHH", 0, 1, len(images))
    offset = 6 + 16 * len(images)
    for n, data in zip(sizes, images):
        out += struct.pack("<BBBBHHII", n % 256, n % 256, 0, 0, 1, 32, len(data), offset)
        offset += len(data)
    return out + b"".join(images)


if __name__ == "__main__":
    target = Path(sys.argv[1] if len(sys.argv) > 1 else Path(__file__).resolve().parent.parent / "assets" / "prongsai.ico")
    target.write_bytes(ico([16, 32, 48, 256]))
    print(target)
