"""The 12 fresh pages of bench/pages_fresh.json against their document-level gold.

Codes each page with its publication date as `newsevents code PAGE --date D` would, keeps the events
at or above the package's confidence threshold and prints the scorer's line for each page and the
total (../shared/bench/score_documents.py). A study set: its misses may be read.

Run: PYTHONPATH=src .venv/bin/python bench/pages_fresh.py [--out DIR]
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from documents import code_pages, score  # noqa: E402

from newsevents.confidence import MIN_CONFIDENCE  # noqa: E402
from newsevents.pipeline import Coder, Settings  # noqa: E402

GOLD = Path(__file__).resolve().parent / "pages_fresh.json"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, help="keep the coded events and the gold in this folder")
    args = parser.parse_args()
    documents = json.loads(GOLD.read_text())["documents"]
    folder = args.out or Path(tempfile.mkdtemp(prefix="pages-fresh-"))
    folder.mkdir(parents=True, exist_ok=True)
    events = [e for e in code_pages(documents, Coder(Settings(min_confidence=0.0)))
              if (e.get("confidence") or 0) >= MIN_CONFIDENCE]
    print(score(documents, events, folder, "fresh", verbose=True))
    print(f"events and gold in {folder}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
