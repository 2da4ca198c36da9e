#!/usr/bin/python3
"""Draws the example's seal (seal.png): a red ring, a five-pointed star and the office's name
along the top of the ring, on a transparent background. Needs Debian's python3-pil.

  /usr/bin/python3 examples/gbt9704-notice/make_seal.py   # from the repository root
"""
import math
import pathlib

from PIL import Image, ImageDraw, ImageFont

HERE = pathlib.Path(__file__).resolve().parent
FONT = HERE.parent.parent / "fonts" / "fandol" / "FandolSong-Bold.otf"
NAME = "示例市财政局"  # a made-up office: an example must not imitate a real seal
SIZE = 400          # final pixels (42 mm at about 240 dpi)
SS = 3              # supersampling factor for smooth edges
RED = (230, 0, 18)  # the usual seal red


def main():
    n = SIZE * SS
    mask = Image.new("L", (n, n), 0)
    d = ImageDraw.Draw(mask)
    c = n / 2
    outer, ring = n * 0.485, n * 0.045
    d.ellipse([c - outer, c - outer, c + outer, c + outer], fill=255)
    inner = outer - ring
    d.ellipse([c - inner, c - inner, c + inner, c + inner], fill=0)

    # The star: five outer points on a circle, inner points at 0.382 of its radius.
    r_star, pts = n * 0.16, []
    for i in range(10):
        r = r_star if i % 2 == 0 else r_star * 0.382
        a = -math.pi / 2 + i * math.pi / 5
        pts.append((c + r * math.cos(a), c + r * math.sin(a)))
    d.polygon(pts, fill=255)

    # The name along the top arc, each character upright to the ring (rotated about the centre).
    font = ImageFont.truetype(str(FONT), int(n * 0.13))
    span = math.radians(220)
    radius = inner - n * 0.095
    for i, ch in enumerate(NAME):
        a = -math.pi / 2 - span / 2 + span * (i + 0.5) / len(NAME)
        glyph = Image.new("L", (int(n * 0.18), int(n * 0.18)), 0)
        gd = ImageDraw.Draw(glyph)
        gd.text((glyph.width / 2, glyph.height / 2), ch, font=font, fill=255, anchor="mm")
        glyph = glyph.rotate(-math.degrees(a) - 90, resample=Image.BICUBIC, expand=True)
        x = c + radius * math.cos(a) - glyph.width / 2
        y = c + radius * math.sin(a) - glyph.height / 2
        mask.paste(255, (int(x), int(y)), glyph)

    mask = mask.resize((SIZE, SIZE), Image.LANCZOS)
    # Ink is never quite opaque; 16 levels of edge smoothing keep the file small.
    alpha = mask.point(lambda v: (v * 235 // 255) // 16 * 16 if v < 255 else 235)
    img = Image.new("RGBA", (SIZE, SIZE), RED + (0,))
    img.putalpha(alpha)
    img.save(HERE / "seal.png", optimize=True)


if __name__ == "__main__":
    main()
