"""Score the clean stage on the shared dev sets and time it next to trafilatura alone.

Run from the repository root: `.venv/bin/python bench/clean_scores.py [--worst N]`.
Scores come from ../shared/bench/score_text.py (imported, so the metric is the shared one).
"""
from __future__ import annotations

import argparse
import gzip
import importlib.util
import json
import sys
import time
from pathlib import Path

from newsevents.clean import clean_document
from newsevents.records import Document

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
EXTRACTION = SHARED / "data" / "extraction"


def load_scorer():
    spec = importlib.util.spec_from_file_location("score_text", SHARED / "bench" / "score_text.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def html_pages() -> list[tuple[str, str]]:
    pages = []
    for path in sorted((EXTRACTION / "zyte_dev" / "html").glob("*.html.gz")):
        html = gzip.open(path, "rb").read().decode("utf-8", errors="replace")
        pages.append((path.name.split(".")[0], html))
    return pages


def text_scrapes() -> list[dict]:
    with open(EXTRACTION / "fulltext_scrapes_dev.jsonl", encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def timed(function, items) -> tuple[dict[str, str], float]:
    started = time.perf_counter()
    out = {key: function(key, value) for key, value in items}
    return out, len(items) / (time.perf_counter() - started)


def report(name: str, scorer, gold: dict[str, str], pred: dict[str, str], rate: float, worst: int) -> None:
    rows = {key: scorer.prf(pred.get(key, ""), body) for key, body in gold.items()}
    f1 = sum(row[2] for row in rows.values()) / len(rows)
    low = sum(1 for row in rows.values() if row[2] < 0.5)
    print(f"{name}: documents {len(rows)}  F1 {f1:.3f}  below 0.5: {low}  {rate:.1f} pages/s")
    for key, row in sorted(rows.items(), key=lambda kv: kv[1][2])[:worst]:
        print(f"    {row[2]:.3f}  p={row[0]:.3f} r={row[1]:.3f}  {key}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--worst", type=int, default=0, help="list the N lowest-scoring documents")
    args = parser.parse_args()
    if not EXTRACTION.is_dir():
        print(f"skipped: no dev data at {EXTRACTION}")
        return 0
    import trafilatura

    scorer = load_scorer()
    clean_document(Document(id="warm-up", raw="Warm up the language detector once."))
    pages = html_pages()
    html_gold = scorer.load_gold(str(EXTRACTION / "zyte_dev" / "ground-truth.json"))
    plain, rate = timed(lambda _, html: trafilatura.extract(html) or "", pages)
    report("HTML, trafilatura alone", scorer, html_gold, plain, rate, args.worst)
    cleaned, rate = timed(lambda key, html: clean_document(Document(id=key, raw=html, raw_format="html")).text, pages)
    report("HTML, clean_document", scorer, html_gold, cleaned, rate, args.worst)

    scrapes = text_scrapes()
    text_gold = {row["id"]: row["gold_body"] for row in scrapes}
    unchanged = {row["id"]: row["text"] for row in scrapes}
    report("text scrapes, unchanged", scorer, text_gold, unchanged, float("inf"), 0)
    cleaned, rate = timed(lambda key, text: clean_document(Document(id=key, raw=text)).text,
                          [(row["id"], row["text"]) for row in scrapes])
    report("text scrapes, clean_document", scorer, text_gold, cleaned, rate, args.worst)
    return 0


if __name__ == "__main__":
    sys.exit(main())
