#!/usr/bin/python3
"""Independent reading of a gongwen OFD package: zipfile + ElementTree, nothing of gongwen.

  ofd_text.py FILE.ofd [--records RECORDS.json] [--pdf FILE.pdf] [--tolerance-mm 0.01] [--text]

Follows OFD.xml → DocRoot → Document.xml → Pages → Content.xml, places every character of every
TextCode (Boundary + X/Y + DeltaX, "g N V" expanded) and
  --records  finds every string of the records (whitespace ignored) in the text of the pages,
             read in document order (so each string's characters come in order); with --pdf,
             strings the PDF does not print either (document metadata, dates shown reformatted)
             are counted apart;
  --pdf      reads the PDF made from the same layout and data with MuPDF (`mutool draw -F stext`)
             and requires every OFD character to stand on the same page, as the same character, at
             the PDF glyph's origin within the tolerance (default 0.01 mm), and the two to hold
             the same number of non-blank characters;
  --text     prints each page's text.
The last line is a verdict; exit 0 when everything holds."""
import argparse, json, posixpath, re, subprocess, sys, zipfile
import xml.etree.ElementTree as ET
from collections import defaultdict

PT = 25.4 / 72


def local(tag):
    return tag.rsplit("}", 1)[-1]


def find(el, name):
    return [e for e in el.iter() if local(e.tag) == name]


def resolve(base, loc):
    loc = loc.strip()
    return loc.lstrip("/") if loc.startswith("/") else posixpath.normpath(posixpath.join(base, loc))


def deltas(s):
    out, toks, i = [], s.split(), 0
    while i < len(toks):
        if toks[i] == "g":
            out += [float(toks[i + 2])] * int(toks[i + 1])
            i += 3
        else:
            out.append(float(toks[i]))
            i += 1
    return out


def read_ofd(path):
    """[(page index, [(char, x_mm, y_mm)])] in document order."""
    z = zipfile.ZipFile(path)
    root = ET.fromstring(z.read("OFD.xml"))
    pages = []
    for dr in find(root, "DocRoot"):
        dpath = resolve("", dr.text)
        doc = ET.fromstring(z.read(dpath))
        for pg in find(doc, "Page"):
            content = ET.fromstring(z.read(resolve(posixpath.dirname(dpath), pg.get("BaseLoc"))))
            chars = []
            for obj in find(content, "TextObject"):
                bx, by, _, _ = (float(v) for v in obj.get("Boundary").split())
                for tc in [e for e in obj if local(e.tag) == "TextCode"]:
                    x, y = bx + float(tc.get("X")), by + float(tc.get("Y"))
                    dx = deltas(tc.get("DeltaX", ""))
                    dy = deltas(tc.get("DeltaY", ""))
                    for i, ch in enumerate(tc.text or ""):
                        if i > 0:
                            x += dx[i - 1] if i - 1 < len(dx) else 0
                            y += dy[i - 1] if i - 1 < len(dy) else 0
                        chars.append((ch, x, y))
            pages.append(chars)
    return pages


def read_pdf(path):
    out = subprocess.run(["mutool", "draw", "-F", "stext", "-o", "-", path], capture_output=True, check=True).stdout
    pages = []
    for page in ET.fromstring(out).iter("page"):
        pages.append([(c.get("c"), float(c.get("x")) * PT, float(c.get("y")) * PT) for c in page.iter("char")])
    return pages


def strings(v):
    if isinstance(v, str):
        yield v
    elif isinstance(v, list):
        for x in v:
            yield from strings(x)
    elif isinstance(v, dict):
        for x in v.values():
            yield from strings(x)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("ofd")
    ap.add_argument("--records")
    ap.add_argument("--pdf")
    ap.add_argument("--tolerance-mm", type=float, default=0.01)
    ap.add_argument("--text", action="store_true")
    a = ap.parse_args()
    fails = []
    pages = read_ofd(a.ofd)
    texts = ["".join(c for c, _, _ in p) for p in pages]
    if a.text:
        for i, t in enumerate(texts):
            print(f"page {i + 1}: {t}")
    blank = re.compile(r"\s+")
    total = sum(len(p) for p in pages)
    found = want = unshown = 0
    pdf = read_pdf(a.pdf) if a.pdf else None
    if a.records:
        data = json.load(open(a.records, encoding="utf-8"))
        alltext = blank.sub("", "".join(texts))
        pdftext = blank.sub("", "".join(c for p in pdf for c, _, _ in p)) if pdf else None
        for s in strings(data):
            s = blank.sub("", s)
            if not s:
                continue
            if pdftext is not None and s not in pdftext:
                unshown += 1  # not printed in either format (a metadata field, a reformatted date)
                continue
            want += 1
            if s in alltext:
                found += 1
            elif len(fails) < 10:
                fails.append(f"record string not in the OFD text: '{s[:30]}'")
    matched, worst = 0, 0.0
    if a.pdf:
        if len(pdf) != len(pages):
            fails.append(f"{len(pages)} OFD pages, {len(pdf)} PDF pages")
        for i, (op, pp) in enumerate(zip(pages, pdf)):
            pool = defaultdict(list)
            for c, x, y in pp:
                if not c.isspace():
                    pool[c].append([x, y, False])
            count = sum(len(v) for v in pool.values())
            mine = [(c, x, y) for c, x, y in op if not c.isspace()]
            if len(mine) != count:
                fails.append(f"page {i + 1}: {len(mine)} OFD characters, {count} in the PDF")
            for c, x, y in mine:
                best = None
                for cand in pool.get(c, []):
                    if cand[2]:
                        continue
                    d = max(abs(cand[0] - x), abs(cand[1] - y))
                    if best is None or d < best[0]:
                        best = (d, cand)
                if best is None or best[0] > a.tolerance_mm:
                    if len(fails) < 10:
                        where = "none left" if best is None else f"nearest {best[0]:.4f} mm away"
                        fails.append(f"page {i + 1}: '{c}' at ({x:.3f}, {y:.3f}) mm has no PDF glyph there ({where})")
                    continue
                best[1][2] = True
                matched += 1
                worst = max(worst, best[0])
    for f in fails:
        print(f)
    print(f"ofd_text: {'PASS' if not fails else 'FAIL'} pages={len(pages)} chars={total}"
          + (f" strings={found}/{want}" if a.records else "")
          + (f" not_in_pdf_either={unshown}" if a.records and a.pdf else "")
          + (f" pdf_matched={matched} max_offset_mm={worst:.4f}" if a.pdf else ""))
    return 0 if not fails else 1


if __name__ == "__main__":
    sys.exit(main())
