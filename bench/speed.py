#!/usr/bin/env python3
"""Time newsevents against spaCy alone on the same text, in one run, and print the ratio.

Corpus: the article bodies of ../shared/data/extraction/fulltext_scrapes_dev.jsonl (news prose) when
present, else the bundled examples/corpus. Three timings on the same texts:
  spacy      nlp.pipe over the clean texts with the pipeline's components (what coding needs)
  coder      newsevents' parse -> actors -> events -> when/where over the same clean texts
  end2end    newsevents from the raw scrapes: read -> clean -> parse -> ... (the `code` command),
             against spaCy alone on the cleaned texts it coded (non-English pages are skipped)
PRODUCT.md's target: spaCy time / newsevents time >= 0.8 (coding adds at most a quarter).
Usage: bench/speed.py [--repeat N] [--limit DOCS]
"""
from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

from newsevents.pipeline import Coder, Counts, Settings, process
from newsevents.records import CodedDocument, Document

REPO = Path(__file__).resolve().parents[1]
SCRAPES = REPO.parent / "shared" / "data" / "extraction" / "fulltext_scrapes_dev.jsonl"


def load_corpus(limit: int) -> tuple[list[dict], str]:
    if SCRAPES.exists():
        rows = [json.loads(line) for line in SCRAPES.open(encoding="utf-8")][:limit]
        return rows, str(SCRAPES)
    rows = []
    for path in sorted((REPO / "examples" / "corpus").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        rows.append({"id": path.stem, "text": text, "gold_body": text})
    return rows, "examples/corpus"


def timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=3, help="best of N runs for each timing")
    parser.add_argument("--limit", type=int, default=1000, help="at most this many documents")
    args = parser.parse_args()
    rows, source = load_corpus(args.limit)
    coder = Coder(Settings(default_date="2020-01-01"))
    texts = [r["gold_body"] for r in rows]
    documents = [Document(id=r["id"], text=r["gold_body"], date="2020-01-01", language="en") for r in rows]
    chars = sum(map(len, texts))
    sentences = sum(len(list(d.sents)) for d in coder.nlp.pipe(texts))
    coder.code_text("Warm-up: Russia met China.")

    spacy_s = min(timed(lambda: list(coder.nlp.pipe(texts, batch_size=32))) for _ in range(args.repeat))
    coder_s = min(timed(lambda: list(coder.code_documents(documents))) for _ in range(args.repeat))
    with tempfile.TemporaryDirectory() as tmp:
        raw = Path(tmp) / "scrapes.jsonl"
        raw.write_text("".join(json.dumps({"id": r["id"], "text": r["text"]}) + "\n" for r in rows))
        e2e_s = min(timed(lambda: list(process([str(raw)], coder.settings, Counts(), coder=coder)))
                    for _ in range(args.repeat))
        # spaCy alone on exactly what end to end coded: the cleaned texts of the English documents
        coded = [item.document.text for item in process([str(raw)], coder.settings, Counts(), coder=coder)
                 if isinstance(item, CodedDocument) and not item.skipped]
    spacy_coded_s = min(timed(lambda: list(coder.nlp.pipe(coded, batch_size=32))) for _ in range(args.repeat))

    print(f"corpus: {len(rows)} documents, {sentences} sentences, {chars:,} characters ({source})")
    print(f"spaCy alone ({', '.join(coder.nlp.pipe_names)}): {spacy_s:7.2f} s  "
          f"{len(rows) / spacy_s:7.1f} docs/s  {sentences / spacy_s:7.1f} sentences/s")
    print(f"newsevents coder (parse..when/where): {coder_s:7.2f} s  {len(rows) / coder_s:7.1f} docs/s  "
          f"{sentences / coder_s:7.1f} sentences/s")
    print(f"newsevents end to end (read..when/where from raw scrapes): {e2e_s:7.2f} s  "
          f"{len(rows) / e2e_s:7.1f} docs/s; spaCy alone on the {len(coded)} cleaned English texts "
          f"it coded: {spacy_coded_s:7.2f} s")
    print(f"ratio spaCy/coder: {spacy_s / coder_s:.3f}   ratio spaCy/end-to-end (same cleaned texts): "
          f"{spacy_coded_s / e2e_s:.3f}   (target >= 0.8)")


if __name__ == "__main__":
    main()
