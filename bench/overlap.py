"""Whether a unit-test sentence is a near-copy of a dev gold text.

A test sentence copied (or lightly edited) from a gold sentence makes a rule written for that test
look like it generalises when the gold is scored. For every string literal of 5+ words in tests/*.py
and every gold text of ../shared/data/gold (sentences, and the snippets of the document gold), with
content words = the distinct lower-cased alphabetic tokens outside a small stopword list:

    overlap = shared content words / content words of the LONGER of the two texts,
              and 0 when they share fewer than MIN_SHARED (4) content words

and a test sentence's score is its overlap with the closest gold text. Why this and not the share of
the test sentence's own words: in this domain a short sentence is two actors and a verb ("Iran and
Russia signed an agreement"), and with ~1,900 gold texts almost every such sentence finds all of its
2-4 content words in some gold text without being taken from it. Dividing by the longer text means
a 4-word test sentence inside a 30-word gold sentence scores 13%, while a copy, or a shortened copy
keeping most of the gold sentence's words, still scores high (11 of 11 words: 100%; 8 of 12: 67%);
fewer than 4 shared words (2-3 country names and a common verb) is the vocabulary of the domain, not
copying. Prints the worst cases and the maximum; a test sentence scoring 40% or more is a near-copy
to rewrite with other actors, words and shape for the same rule.

Usage: python bench/overlap.py [--worst 20] [--limit 0.4]   (exit 1 when the maximum is at or above the limit)
"""
from __future__ import annotations

import argparse
import ast
import json
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
GOLD = REPO.parent / "shared" / "data" / "gold"
STOPWORDS = set("""a an the and or but if of to in on at by for from with as into onto over under about
after before between against during without within than then that this these those it its it's is are was
were be been being has have had do does did will would shall should can could may might must not no
he she they we you i his her their our your them him us who whom which what when where while there here
said says say also up out off so such""".split())
MIN_SHARED = 4


def content_words(text: str) -> set[str]:
    return {w for w in re.findall(r"[^\W\d_]+", text.lower()) if w not in STOPWORDS}


def test_sentences(folder: Path) -> list[tuple[str, str]]:
    """(file:line, text) of every string literal of 5+ words in the test modules."""
    found = []
    for path in sorted(folder.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and len(node.value.split()) >= 5:
                found.append((f"{path.name}:{node.lineno}", node.value))
    return found


def gold_texts(folder: Path) -> list[tuple[str, str]]:
    """(id, text) of every record of the gold files; the document gold gives its snippets."""
    texts = []
    for path in sorted(folder.iterdir()):
        if path.suffix == ".jsonl":
            records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        else:
            data = json.loads(path.read_text(encoding="utf-8"))
            records = data if isinstance(data, list) else [
                {"id": f"{d['id'][:8]}:{item['name']}", "text": item["sentence_has"]}
                for d in data["documents"] for item in d["must"] + d["allowed"]]
        texts += [(f"{path.name}:{r.get('id')}", r["text"]) for r in records if r.get("text")]
    return texts


def overlap(test: set[str], gold: set[str]) -> float:
    """Shared content words / content words of the longer text; 0 below MIN_SHARED shared words."""
    shared = len(test & gold)
    return shared / max(len(test), len(gold)) if shared >= MIN_SHARED else 0.0


def overlaps(tests: list[tuple[str, str]], gold: list[tuple[str, str]]) -> list[tuple[float, int, str, str, str]]:
    """(overlap, words shared, where, test text, closest gold id) for each test sentence, worst first
    (at equal overlap, more shared words first: a copied sentence before three common words)."""
    gold_words = [(gid, content_words(text)) for gid, text in gold]
    rows = []
    for where, text in tests:
        words = content_words(text)
        if not words:
            continue
        share, shared, gid = max((overlap(words, g), len(words & g), gid) for gid, g in gold_words)
        rows.append((share, shared, where, text, gid))
    return sorted(rows, reverse=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--worst", type=int, default=20)
    parser.add_argument("--limit", type=float, default=0.4)
    args = parser.parse_args()
    if not GOLD.is_dir():
        sys.exit(f"{GOLD} is absent")
    rows = overlaps(test_sentences(REPO / "tests"), gold_texts(GOLD))
    for share, shared, where, text, gid in rows[: args.worst]:
        print(f"{share:5.0%} {shared:3d}  {where:24s} {text[:90]!r}  ~ {gid}")
    above = sum(share >= args.limit for share, *_ in rows)
    print(f"test sentences {len(rows)}, maximum overlap {rows[0][0]:.0%}, at or above {args.limit:.0%}: {above}")
    return 1 if rows and rows[0][0] >= args.limit else 0


if __name__ == "__main__":
    sys.exit(main())
