"""How much of each unit-test sentence is taken from the dev gold.

A test sentence copied (or lightly edited) from a gold sentence makes a rule written for that test
look like it generalises when the gold is scored. For every string literal of 5+ words in tests/*.py,
the share of its content words (lower-cased alphabetic tokens outside a small stopword list) found
in the most similar gold text of ../shared/data/gold (sentences, and the snippets of the document
gold). Prints the worst cases and the maximum; the goal is no test sentence above 40%.

Usage: python bench/overlap.py [--worst 20] [--limit 0.4]   (exit 1 when a sentence is above the limit)
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


def overlaps(tests: list[tuple[str, str]], gold: list[tuple[str, str]]) -> list[tuple[float, int, str, str, str]]:
    """(overlap, words shared, where, test text, closest gold id) for each test sentence, worst first
    (at equal overlap, more shared words first: a copied sentence before three common words)."""
    gold_words = [(gid, content_words(text)) for gid, text in gold]
    rows = []
    for where, text in tests:
        words = content_words(text)
        if not words:
            continue
        share, shared, gid = max((len(words & g) / len(words), len(words & g), gid) for gid, g in gold_words)
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
    above = sum(share > args.limit for share, *_ in rows)
    print(f"test sentences {len(rows)}, maximum overlap {rows[0][0]:.0%}, above {args.limit:.0%}: {above}")
    return 1 if above else 0


if __name__ == "__main__":
    sys.exit(main())
