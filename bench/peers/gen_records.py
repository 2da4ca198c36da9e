#!/usr/bin/python3
"""Deterministic benchmark data: N records recombined from the 2017 Shanghai example.

usage: gen_records.py EXAMPLE.json OUTDIR [N] [--jsonl-only]
writes OUTDIR/records.json ({"document": ..., "records": [...]}) and OUTDIR/records.jsonl
(one record per line); with --jsonl-only just the JSON Lines file, its first line the document
({"document": ...}), written record by record
(for hundreds of thousands of records: bench/combined_scale.sh). Record n is the same for any N. Every record and every paragraph is unique: paragraphs are drawn in
rotation from the pool of all the example's paragraphs of the same field, their clauses are
rotated, and the record number is inserted into each of them. No randomness: the same N gives
the same bytes.
"""
import json
import sys

LIST_FIELDS = ("performance", "problems", "suggestions", "rectification")
BANDS = ((90, "优秀"), (80, "良好"), (60, "中"), (0, "差"))


def rotate_clauses(paragraph, k, tag):
    """Rotate the clauses (split at '，') between the first and the last, insert TAG."""
    end = ""
    if paragraph and paragraph[-1] in "。；":
        paragraph, end = paragraph[:-1], paragraph[-1]
    clauses = paragraph.split("，")
    if len(clauses) > 3:
        middle = clauses[1:-1]
        k %= len(middle)
        clauses = [clauses[0]] + middle[k:] + middle[:k] + [clauses[-1]]
    clauses[0] = clauses[0] + tag
    return "，".join(clauses) + end


def make_record(n, base, pools):
    b = base[(n - 1) % len(base)]
    rec = {
        "project_name": f"{b['project_name']}（{n:04d}）",
        "budget_wan": round(b["budget_wan"] + (n % 97) * 0.137, 3),
    }
    score = round(60 + ((n * 3779) % 3990) / 100, 2)
    rec["score"] = score
    rec["conclusion"] = next(label for low, label in BANDS if score >= low)
    for f in LIST_FIELDS:
        pool = pools[f]
        count = len(b[f]) + (1 if n % 5 == 0 else 0)  # every 5th record: one more paragraph
        rec[f] = [
            rotate_clauses(pool[(n + 3 * j) % len(pool)], n // len(base) + j,
                           f"（编号{n:04d}-{j + 1}）")
            for j in range(count)
        ]
    return rec


def main():
    args = [a for a in sys.argv[1:] if a != "--jsonl-only"]
    jsonl_only = len(args) != len(sys.argv) - 1
    example, outdir = args[0], args[1]
    n_records = int(args[2]) if len(args) > 2 else 1000
    with open(example, encoding="utf-8") as f:
        src = json.load(f)
    base = src["records"]
    pools = {f: [p for r in base for p in r[f]] for f in LIST_FIELDS}

    if jsonl_only:
        with open(f"{outdir}/records.jsonl", "w", encoding="utf-8") as f:
            f.write(json.dumps({"document": src["document"]}, ensure_ascii=False) + "\n")
            for n in range(1, n_records + 1):
                f.write(json.dumps(make_record(n, base, pools), ensure_ascii=False) + "\n")
        return
    records = [make_record(n, base, pools) for n in range(1, n_records + 1)]

    doc = {"document": src["document"], "records": records}
    with open(f"{outdir}/records.json", "w", encoding="utf-8") as f:
        json.dump(doc, f, ensure_ascii=False, indent=1)
        f.write("\n")
    with open(f"{outdir}/records.jsonl", "w", encoding="utf-8") as f:
        for rec in records:
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")

    paragraphs = [p for r in records for fld in LIST_FIELDS for p in r[fld]]
    assert len(set(paragraphs)) == len(paragraphs), "paragraphs are not unique"
    assert len({json.dumps(r, sort_keys=True) for r in records}) == len(records)


if __name__ == "__main__":
    main()
