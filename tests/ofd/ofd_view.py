#!/usr/bin/python3
"""Renders an OFD with an independent reader and compares it with the PDF of the same input.

  ofd_view.py FILE.ofd [--pdf FILE.pdf] [--records RECORDS.json] [--page-width PX] [--png-dir DIR]

The reader is ofd.js 0.2.6 (Apache-2.0, npm; the open-source release — 1.x needs a licence key)
in headless Chromium. Checks: the file parses and ofd.js renders as many pages as the package
has; with --records, the text ofd.js placed holds every record string (whitespace ignored; with
--pdf, every one the PDF prints: pdftotext); with
--pdf, each rendered page is compared with the PDF page rasterised by pdftoppm at the same width:
both are cut into cells of --cell px (default 6), a cell inked when it holds a dark pixel, and of the inked cells of
either at least --min-overlap (default 0.8) must have an inked cell of the other within one cell.
(ofd.js draws text with a system font, so glyph shapes and stroke weights differ; the place of
every line of text, every rule and every image must agree.) --png-dir keeps the screenshots and PDF renders.

Exit 0 when all hold, 1 otherwise, 77 (skipped, with a message) when chromium, node or npm is
missing or ofd.js cannot be installed. ofd.js is installed once into $OFDJS_DIR (default
~/.cache/gongwen-ofdjs). The last line is a verdict."""
import argparse, base64, html, json, os, re, shutil, struct, subprocess, sys, tempfile, zipfile, zlib

SKIP = 77


def skip(msg):
    print(f"ofd_view: SKIP {msg}")
    sys.exit(SKIP)


def png_gray(path):
    """Decodes an 8-bit RGB/RGBA/gray PNG (what Chromium writes) to (w, h, rows of 0..255)."""
    data = open(path, "rb").read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat, w = 8, b"", 0
    while pos < len(data):
        n, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + n]
        if kind == b"IHDR":
            w, h, depth, ctype, _, _, interlace = struct.unpack(">IIBBBBB", body)
            assert depth == 8 and interlace == 0 and ctype in (0, 2, 4, 6), "unsupported PNG"
        elif kind == b"IDAT":
            idat += body
        pos += 12 + n
    bpp = {0: 1, 2: 3, 4: 2, 6: 4}[ctype]
    raw, stride, prev, rows, i = zlib.decompress(idat), w * bpp, bytearray(w * bpp), [], 0
    for _ in range(h):
        f, line = raw[i], bytearray(raw[i + 1:i + 1 + stride])
        i += 1 + stride
        for x in range(stride):
            a = line[x - bpp] if x >= bpp else 0
            b, c = prev[x], prev[x - bpp] if x >= bpp else 0
            if f == 1:
                line[x] = (line[x] + a) & 255
            elif f == 2:
                line[x] = (line[x] + b) & 255
            elif f == 3:
                line[x] = (line[x] + ((a + b) >> 1)) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(bytes(line[0::bpp]) if bpp < 3 else bytes((line[k] * 3 + line[k + 1] * 6 + line[k + 2]) // 10 for k in range(0, stride, bpp)))
        prev = line
    return w, h, rows


def pgm(path):
    data = open(path, "rb").read()
    parts = data.split(maxsplit=4)
    w, h = int(parts[1]), int(parts[2])
    px = parts[4][-w * h:]
    return w, h, [px[y * w:(y + 1) * w] for y in range(h)]


def masks(rows, x0, y0, w, h, dark=160):
    """Dark pixels of the w×h region at (x0, y0) as one int bitmask per row."""
    out = []
    for y in range(y0, y0 + h):
        row = rows[y] if 0 <= y < len(rows) else b""
        m = 0
        for x in range(w):
            if x0 + x < len(row) and row[x0 + x] < dark:
                m |= 1 << x
        out.append(m)
    return out


def dilate(m, r=1):
    rows = []
    for v in m:
        d = v
        for k in range(1, r + 1):
            d |= (v << k) | (v >> k)
        rows.append(d)
    out = []
    for y in range(len(rows)):
        d = 0
        for k in range(-r, r + 1):
            if 0 <= y + k < len(rows):
                d |= rows[y + k]
        out.append(d)
    return out


def coarse(m, w, cell=4):
    """Cells of cell×cell pixels holding any ink: where ink is, whatever the stroke weight."""
    out, full = [], (1 << cell) - 1
    for y in range(0, len(m), cell):
        v = 0
        for r in m[y:y + cell]:
            v |= r
        c = 0
        for x in range(0, w, cell):
            if (v >> x) & full:
                c |= 1 << (x // cell)
        out.append(c)
    return out


def overlap(a, b):
    """Share of a's dark pixels near a dark pixel of b."""
    db = dilate(b)
    total = sum(bin(v).count("1") for v in a)
    hit = sum(bin(v & d).count("1") for v, d in zip(a, db))
    return hit / total if total else 1.0


def run_page(chrome, lib, ofd_bytes, width, first, last, tmp, png=None, height=0):
    data = base64.b64encode(ofd_bytes).decode()
    page = f"""<!doctype html><html><head><meta charset="utf-8"><script src="file://{html.escape(lib)}"></script></head>
<body style="margin:0;background:#fff"><pre id="log" style="display:none"></pre><div id="c"></div><script>
const out = {{parsed: false, pages: 0, error: null, text: "", boxes: []}};
function done() {{ document.getElementById("log").textContent = JSON.stringify(out); }}
window.addEventListener("error", (e) => {{ out.error = out.error || ("error: " + e.message); done(); }});
try {{
  const bin = atob("{data}"); const u = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) u[i] = bin.charCodeAt(i);
  ofd.parseOfdDocument({{ ofd: new File([u], "in.ofd"),
    success(res) {{ out.parsed = true;
      try {{ const divs = ofd.renderOfd({width}, res[0]); out.pages = divs.length;
        const c = document.getElementById("c");
        divs.forEach((d, i) => {{ if (i >= {first} && i < {last}) {{ d.style.margin = "0 0 8px 0"; c.appendChild(d); }} }});
        out.text = c.innerText.replace(/\\s+/g, "");
        for (const d of c.children) {{ const r = d.getBoundingClientRect(); out.boxes.push([r.left, r.top, r.width, r.height]); }}
      }} catch (e) {{ out.error = "render: " + e; }}
      done(); }},
    fail(e) {{ out.error = "parse: " + e; done(); }} }});
}} catch (e) {{ out.error = "exception: " + e; done(); }}
</script></body></html>"""
    hp = os.path.join(tmp, "view.html")
    open(hp, "w", encoding="utf-8").write(page)
    base = [chrome, "--headless", "--no-sandbox", "--disable-gpu", "--allow-file-access-from-files", "--hide-scrollbars",
            "--force-device-scale-factor=1", "--virtual-time-budget=30000"]
    if png:
        subprocess.run(base + [f"--window-size={width},{height}", f"--screenshot={png}", "file://" + hp],
                       capture_output=True, timeout=180)
        return None
    dom = subprocess.run(base + ["--dump-dom", "file://" + hp], capture_output=True, text=True, timeout=180).stdout
    m = re.search(r'<pre id="log"[^>]*>(.*?)</pre>', dom, re.S)
    try:
        return json.loads(html.unescape(m.group(1)))
    except (AttributeError, ValueError):
        return {"parsed": False, "pages": 0, "error": "no result from the page (timeout?)", "text": "", "boxes": []}


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
    ap.add_argument("--pdf")
    ap.add_argument("--records")
    ap.add_argument("--page-width", type=int, default=794)
    ap.add_argument("--min-overlap", type=float, default=0.8)
    ap.add_argument("--cell", type=int, default=6)
    ap.add_argument("--png-dir")
    a = ap.parse_args()
    chrome = shutil.which("chromium") or shutil.which("chromium-browser")
    if not chrome:
        skip("chromium not found (Debian: apt-get install chromium)")
    if not shutil.which("node") or not shutil.which("npm"):
        skip("node/npm not found (Debian: apt-get install nodejs npm)")
    cache = os.environ.get("OFDJS_DIR") or os.path.join(os.path.expanduser("~"), ".cache", "gongwen-ofdjs")
    lib = os.path.join(cache, "node_modules", "ofd.js", "lib", "ofd.umd.js")
    if not os.path.exists(lib):
        os.makedirs(cache, exist_ok=True)
        p = subprocess.run(["npm", "install", "--prefix", cache, "--no-audit", "--no-fund", "ofd.js@0.2.6"],
                           capture_output=True, text=True)
        if p.returncode != 0 or not os.path.exists(lib):
            skip("npm install ofd.js@0.2.6 failed (offline?): " + (p.stderr.strip().splitlines() or [""])[-1])
    ofd_bytes = open(a.ofd, "rb").read()
    npages = sum(1 for n in zipfile.ZipFile(a.ofd).namelist() if n.endswith("/Content.xml"))
    fails, overlaps = [], []
    with tempfile.TemporaryDirectory() as tmp:
        res = run_page(chrome, lib, ofd_bytes, a.page_width, 0, 1 << 30, tmp)
        if not res.get("parsed") or res.get("error"):
            fails.append(f"ofd.js: {res.get('error') or 'not parsed'}")
        if res.get("pages") != npages:
            fails.append(f"ofd.js rendered {res.get('pages')} pages of {npages}")
        if a.records:
            text = res.get("text", "")
            want = [re.sub(r"\s+", "", s) for s in strings(json.load(open(a.records, encoding="utf-8")))]
            if a.pdf:  # strings the PDF does not print either (metadata, dates shown reformatted)
                shown = re.sub(r"\s+", "", subprocess.run(["pdftotext", a.pdf, "-"], capture_output=True, text=True).stdout)
                want = [s for s in want if s in shown]
            missing = [s for s in want if s and s not in text]
            if missing:
                fails.append(f"{len(missing)}/{len(want)} record strings not in the rendered text, e.g. '{missing[0][:20]}'")
        if a.pdf and not fails and len(res.get("boxes", [])) == npages:
            chunk = 8
            for first in range(0, npages, chunk):
                last = min(npages, first + chunk)
                # Pages stack the same way in a run that shows only some of them: place them
                # from the run that showed all.
                top0 = res["boxes"][first][1]
                boxes = [(x, y - top0, w, h) for x, y, w, h in res["boxes"][first:last]]
                height = int(max((b[1] + b[3] for b in boxes), default=0)) + 8
                shot = os.path.join(tmp, f"shot{first}.png")
                run_page(chrome, lib, ofd_bytes, a.page_width, first, last, tmp, png=shot, height=height)
                sw, sh, srows = png_gray(shot)
                for k, (x, y, w, h) in enumerate(boxes):
                    i = first + k
                    # ofd.js scales a page to (width - 10) / page mm, to 0.1 px/mm: the PDF page is
                    # rasterised at the width ofd.js gave it.
                    ppm = os.path.join(tmp, f"pdf-{i + 1}")
                    subprocess.run(["pdftoppm", "-gray", "-singlefile", "-f", str(i + 1), "-l", str(i + 1), "-scale-to-x",
                                    str(int(round(w))), "-scale-to-y", "-1", a.pdf, ppm], check=True)
                    pw, ph, prows = pgm(ppm + ".pgm")
                    w_, h_ = min(int(w), pw), min(int(h), ph)
                    mo = coarse(masks(srows, int(round(x)), int(round(y)), w_, h_), w_, a.cell)
                    mp = coarse(masks(prows, 0, 0, w_, h_), w_, a.cell)
                    o1, o2 = overlap(mp, mo), overlap(mo, mp)
                    overlaps.append((i + 1, o1, o2))
                    if min(o1, o2) < a.min_overlap:
                        fails.append(f"page {i + 1}: rendering differs from the PDF (inked cells of the PDF near "
                                     f"the OFD's {o1:.2f}, of the OFD near the PDF's {o2:.2f})")
                if a.png_dir:
                    os.makedirs(a.png_dir, exist_ok=True)
                    shutil.copy(shot, os.path.join(a.png_dir, f"ofdjs-{first + 1}.png"))
            if a.png_dir:
                for f in os.listdir(tmp):
                    if f.startswith("pdf-") and f.endswith(".pgm"):
                        shutil.copy(os.path.join(tmp, f), os.path.join(a.png_dir, f))
    for f in fails[:12]:
        print(f)
    worst = min((min(o1, o2) for _, o1, o2 in overlaps), default=1.0)
    print(f"ofd_view: {'OK' if not fails else 'FAIL'} pages={npages} rendered={res.get('pages')} "
          f"chars={len(res.get('text', ''))} compared={len(overlaps)} worst_overlap={worst:.2f}")
    return 0 if not fails else 1


if __name__ == "__main__":
    sys.exit(main())
