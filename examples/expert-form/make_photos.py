#!/usr/bin/python3
"""Draws the example's portrait placeholders (photos/*.png): a head-and-shoulders silhouette on
the light-blue ground of an ID photo, 2-inch proportions (35 × 49 mm), one shirt colour per
person. Only the standard library (zlib): no real person's likeness is in the examples.

  /usr/bin/python3 examples/expert-form/make_photos.py   # from the repository root
"""
import pathlib
import struct
import zlib

HERE = pathlib.Path(__file__).resolve().parent
W, H = 210, 294          # 35 × 49 mm at about 150 dpi
GROUND = (67, 142, 219)  # the usual ID-photo blue
SKIN = (236, 205, 180)
HAIR = (40, 34, 30)
PEOPLE = {               # file name → jacket colour
    "wang-lihua.png": (48, 52, 64),
    "chen-jianguo.png": (30, 44, 82),
    "zhao-min.png": (92, 36, 44),
}


def pixel(x, y, jacket):
    cx = W / 2
    # Shoulders: the lower part of a wide ellipse.
    if ((x - cx) / (W * 0.48)) ** 2 + ((y - H * 1.02) / (H * 0.34)) ** 2 <= 1:
        # A white collar in the middle.
        if abs(x - cx) < W * 0.09 - (y - H * 0.72) * 0.25 and y < H * 0.86:
            return (245, 245, 245)
        return jacket
    # Neck.
    if abs(x - cx) < W * 0.085 and H * 0.52 < y < H * 0.74:
        return SKIN
    # Head: an ellipse; hair over its top third.
    hx, hy = (x - cx) / (W * 0.2), (y - H * 0.40) / (H * 0.17)
    if hx * hx + hy * hy <= 1:
        return HAIR if hy < -0.35 else SKIN
    if hx * hx + ((y - H * 0.37) / (H * 0.18)) ** 2 <= 1.02 and y < H * 0.36:
        return HAIR
    return GROUND


def png(path, jacket):
    rows = b"".join(b"\x00" + bytes(c for x in range(W) for c in pixel(x, y, jacket)) for y in range(H))

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    ihdr = struct.pack(">IIBBBBB", W, H, 8, 2, 0, 0, 0)
    phys = struct.pack(">IIB", 5906, 5906, 1)  # 150 dpi
    data = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"pHYs", phys) + chunk(b"IDAT", zlib.compress(rows, 9)) + chunk(b"IEND", b"")
    path.write_bytes(data)


def main():
    out = HERE / "photos"
    out.mkdir(exist_ok=True)
    for name, jacket in PEOPLE.items():
        png(out / name, jacket)


if __name__ == "__main__":
    main()
