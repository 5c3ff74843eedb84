#!/usr/bin/env python3
"""Coding cost against text length: seconds per 10k characters should not grow with the text.

Texts of 25k, 100k, 400k and 1M characters (999,000: spaCy's and the pipeline's limit is 1,000,000)
are built from real news: the gold bodies of ../shared/data/extraction/fulltext_scrapes_dev.jsonl
interleaved with paragraphs of ConfliBERT sentences (../shared/data/gold/conflibert_quad_dev.jsonl),
separated by blank lines; each pass over the material takes it in another order, so that long texts
are not one block repeated. For each size, two fresh processes (peak RSS is per process) time
spaCy's parse alone (`coder.nlp(text)`) and `Coder.code_text` (parse included); "spaCy" and "ours"
split the coder's CPU seconds per 10k characters, and "RSS +MB" is the growth of peak RSS over the
loaded coder's. The verdict is on CPU time, which other processes on a shared machine disturb far
less than wall time (both are printed).
Target: the largest size's seconds per 10k within 1.5x of the smallest's.
Usage: bench/length.py [--sizes 25000,100000,...]
"""
from __future__ import annotations

import argparse
import gc
import json
import random
import resource
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared" / "data"
BODIES = SHARED / "extraction" / "fulltext_scrapes_dev.jsonl"
SENTENCES = SHARED / "gold" / "conflibert_quad_dev.jsonl"
SIZES = (25_000, 100_000, 400_000, 999_000)
TARGET_RATIO = 1.5
SENTENCES_PER_PARAGRAPH = 4


def paragraphs() -> list[str]:
    """Article bodies and short paragraphs of single news sentences, alternating."""
    bodies = [json.loads(line)["gold_body"].strip() for line in BODIES.open(encoding="utf-8")]
    sentences = [json.loads(line)["text"].strip() for line in SENTENCES.open(encoding="utf-8")]
    chunks = [" ".join(sentences[i:i + SENTENCES_PER_PARAGRAPH])
              for i in range(0, len(sentences), SENTENCES_PER_PARAGRAPH)]
    per_body = max(1, len(chunks) // max(1, len(bodies)))
    mixed = []
    for n, body in enumerate(bodies):
        mixed.append(body)
        mixed.extend(chunks[n * per_body:(n + 1) * per_body])
    mixed.extend(chunks[len(bodies) * per_body:])
    return [p for p in mixed if p]


def build_text(size: int) -> str:
    """Close to `size` characters of whole paragraphs, never more; each further pass over the
    material shuffles its order, and a paragraph too long for the room left is skipped."""
    material = paragraphs()
    shortest = min(map(len, material)) + 2
    parts, length, rounds = [], 0, 0
    while length + shortest <= size:
        order = list(material)
        if rounds:
            random.Random(rounds).shuffle(order)
        for paragraph in order:
            if length + len(paragraph) + 2 <= size:
                parts.append(paragraph)
                length += len(paragraph) + 2
        rounds += 1
    return "\n\n".join(parts)


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux reports KiB


def measure(size: int, stage: str) -> dict:
    """One size and stage ("spacy": the parse alone; "coder": `code_text`, parse included), in
    this process, after a warm-up: seconds and the growth of peak RSS over the loaded coder's."""
    from newsevents.pipeline import Coder, Settings

    text = build_text(size)
    coder = Coder(Settings())  # codes a sentence to warm up
    gc.collect()
    baseline = peak_rss_mb()
    start, cpu_start = time.perf_counter(), time.process_time()
    if stage == "spacy":
        count = len(coder.nlp(text))  # tokens, for the record
    else:
        count = len(coder.code_text(text, date="2019-06-01"))  # events
    return {"chars": len(text), "seconds": time.perf_counter() - start, "cpu": time.process_time() - cpu_start,
            "count": count, "rss_growth_mb": peak_rss_mb() - baseline}


def run_child(size: int, stage: str) -> dict:
    """Each measure in a fresh process: peak RSS is a process's, and never goes down."""
    out = subprocess.run([sys.executable, __file__, "--child", str(size), "--stage", stage], check=True,
                         capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default=",".join(map(str, SIZES)), help="comma-separated character counts")
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)  # one measure, JSON on stdout
    parser.add_argument("--stage", default="coder", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(measure(args.child, args.stage)))
        return
    print(f"{'chars':>9} {'events':>6} {'wall s':>7} {'CPU s':>7} {'CPU s/10k':>9} {'spaCy':>6} {'ours':>6} "
          f"{'wall s/10k':>10} {'RSS +MB':>8} {'MB/10k':>6} {'spaCy RSS +MB':>13}", flush=True)
    cpu_per_10k, wall_per_10k = [], []
    for size in (int(s) for s in args.sizes.split(",")):
        spacy, coder = run_child(size, "spacy"), run_child(size, "coder")
        tens = coder["chars"] / 10_000
        cpu_per_10k.append(coder["cpu"] / tens)
        wall_per_10k.append(coder["seconds"] / tens)
        print(f"{coder['chars']:>9,} {coder['count']:>6} {coder['seconds']:>7.1f} {coder['cpu']:>7.1f} "
              f"{cpu_per_10k[-1]:>9.2f} {spacy['cpu'] / tens:>6.2f} {(coder['cpu'] - spacy['cpu']) / tens:>6.2f} "
              f"{wall_per_10k[-1]:>10.2f} {coder['rss_growth_mb']:>8.0f} {coder['rss_growth_mb'] / tens:>6.1f} "
              f"{spacy['rss_growth_mb']:>13.0f}", flush=True)
    cpu_ratio, wall_ratio = cpu_per_10k[-1] / cpu_per_10k[0], wall_per_10k[-1] / wall_per_10k[0]
    verdict = "OK" if cpu_ratio <= TARGET_RATIO else "OVER"
    print(f"largest / smallest seconds per 10k characters: CPU {cpu_ratio:.2f} (target <= {TARGET_RATIO}: "
          f"{verdict}), wall {wall_ratio:.2f}")


if __name__ == "__main__":
    main()
