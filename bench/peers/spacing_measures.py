#!/usr/bin/env python3
"""spacing_measures.py PDF [--label NAME]: the spacing measures of issue 13, read from a PDF.

Reads every glyph's origin, advance (quad width) and size from mupdf's structured text
(`mutool draw -F stext`), so the figures come from the file, not from the program that wrote it.
The PDF is expected to hold paragraphs in one column, each paragraph's first line indented.
Distances are in em of the glyph's size. Prints one line per measure:

  pairs      adjacent full-width marks (）》 ）， ”“ 《（ …) reduced to <= 1.5 em (from the first
             mark's origin to the next glyph's; for a pair ending a line, the first mark's placed
             width <= 0.5 em), of all pairs
  han_gap    the largest extra gap between two adjacent Han characters in a justified line (a
             line not last in its paragraph), and how many justified lines exceed 0.08 em
  han_latin  for every Latin/digit run with Han on both sides (a source space counts as gap):
             mean gap before / after, and the largest |before - after|
  line_end   justified lines ending in a closing mark: the largest distance from the mark's
             half-em body (origin + 0.5 em) to the column's right edge, pt
  line_start non-indented lines starting with an opening mark: the distinct offsets from the
             column's left edge, pt
"""
import argparse, statistics, subprocess, sys
import xml.etree.ElementTree as ET
from collections import defaultdict

CLOSE = set("，。、；：？！）》」』】〕〗〉”’")
OPEN = set("（《「『【〔〖〈“‘")
MARKS = CLOSE | OPEN


def is_han(c):
    o = ord(c)
    return 0x3400 <= o <= 0x9FFF or 0xF900 <= o <= 0xFAFF or 0x20000 <= o <= 0x3FFFF


def is_latin(c):
    return c.isascii() and c.isalnum()


def read_lines(pdf):
    xml = subprocess.run(["mutool", "draw", "-F", "stext", "-o", "-", pdf], check=True,
                         capture_output=True).stdout
    pages = []
    for page in ET.fromstring(xml).iter("page"):
        rows = defaultdict(list)
        for font in page.iter("font"):
            size = float(font.get("size"))
            for ch in font.iter("char"):
                q = [float(v) for v in ch.get("quad").split()]
                rows[round(float(ch.get("y")), 1)].append(
                    {"c": ch.get("c"), "x": float(ch.get("x")), "w": q[2] - q[0], "size": size})
        lines = [sorted(r, key=lambda g: g["x"]) for _, r in sorted(rows.items())]
        pages.append([[g for g in l] for l in lines if any(not g["c"].isspace() for g in l)])
    return pages


def visible(line):
    return [g for g in line if not g["c"].isspace()]


def measure(pdf):
    out = {"pairs": [0, 0], "han_gap": 0.0, "loose": 0, "before": [], "after": [], "uneven": 0.0,
           "line_end": 0.0, "line_end_n": 0, "starts": set(), "lines": 0}
    for lines in read_lines(pdf):
        if not lines:
            continue
        vis = [visible(l) for l in lines]
        left = min(v[0]["x"] for v in vis)
        ends = [round(v[-1]["x"] + v[-1]["w"], 2) for v in vis if is_han(v[-1]["c"])]
        right = statistics.mode(ends) if ends else max(v[-1]["x"] + v[-1]["w"] for v in vis)
        for i, v in enumerate(vis):
            em = v[0]["size"]
            # justified: not the last line of its paragraph (the next line is not indented)
            justified = i + 1 < len(vis) and vis[i + 1][0]["x"] - left < 0.5 * em
            out["lines"] += justified
            for j in range(len(v) - 1):
                a, b = v[j], v[j + 1]
                if a["c"] in MARKS and b["c"] in MARKS and a["w"] >= 0.9 * em and b["w"] >= 0.9 * em:
                    out["pairs"][1] += 1
                    if j + 2 < len(v):  # from the first mark to the glyph after the pair
                        out["pairs"][0] += (v[j + 2]["x"] - a["x"]) / em <= 1.5 + 0.05
                    else:  # a pair ending the line: the first mark's placed width
                        out["pairs"][0] += (b["x"] - a["x"]) / em <= 0.5 + 0.05
            if justified:
                worst = 0.0
                for a, b in zip(v, v[1:]):
                    if is_han(a["c"]) and is_han(b["c"]):
                        worst = max(worst, (b["x"] - a["x"] - a["w"]) / em)
                out["han_gap"] = max(out["han_gap"], worst)
                out["loose"] += worst > 0.08
                if v[-1]["c"] in CLOSE:
                    out["line_end_n"] += 1
                    out["line_end"] = max(out["line_end"], abs(right - (v[-1]["x"] + 0.5 * em)))
            if v[0]["c"] in OPEN and v[0]["x"] - left < 0.5 * em:
                out["starts"].add(round(v[0]["x"] - left, 2))
            # Latin runs with Han on both sides
            j = 0
            while j < len(v):
                if not is_latin(v[j]["c"]):
                    j += 1
                    continue
                k = j
                while k + 1 < len(v) and (is_latin(v[k + 1]["c"]) or v[k + 1]["c"] in ".%,"):
                    k += 1
                if j > 0 and k + 1 < len(v) and is_han(v[j - 1]["c"]) and is_han(v[k + 1]["c"]):
                    h, f, l, n = v[j - 1], v[j], v[k], v[k + 1]
                    before = (f["x"] - h["x"] - h["w"]) / em
                    after = (n["x"] - l["x"] - l["w"]) / em
                    out["before"].append(before)
                    out["after"].append(after)
                    out["uneven"] = max(out["uneven"], abs(before - after))
                j = k + 1
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("pdf")
    ap.add_argument("--label", default="")
    a = ap.parse_args()
    m = measure(a.pdf)
    lab = a.label or a.pdf
    mean = lambda xs: statistics.mean(xs) if xs else 0.0
    print(f"{lab:10} pairs reduced        {m['pairs'][0]} of {m['pairs'][1]}")
    print(f"{lab:10} largest Han gap      {m['han_gap']:.3f} em in {m['lines']} justified lines "
          f"({m['loose']} lines > 0.08 em)")
    print(f"{lab:10} Han-Latin gaps       before {mean(m['before']):.3f} / after {mean(m['after']):.3f} em, "
          f"largest |before-after| {m['uneven']:.3f} em over {len(m['before'])} runs")
    print(f"{lab:10} line-end marks       {m['line_end_n']} lines, largest distance to the edge {m['line_end']:.2f} pt")
    print(f"{lab:10} line-start brackets  offsets {sorted(m['starts'])} pt "
          f"({len(m['starts'])} treatment{'s' if len(m['starts']) != 1 else ''})")


if __name__ == "__main__":
    sys.exit(main())
