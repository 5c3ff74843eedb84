"""Whole pages against document-level gold: must recall, share of events explained, duplicates.

Codes each page of ../shared/data/gold/documents_dev.json (the HTML of ../shared/data/extraction/
zyte_dev) as `newsevents code PAGE --date D` would, writes the events as JSONL and scores them with
../shared/bench/score_documents.py, for the tune half, the check half and all pages (the halves
of `newsevents.evaluate.half_of`), keeping the events at or above the package's confidence
threshold (`newsevents.confidence.MIN_CONFIDENCE`) as `newsevents code` does. With --confidence,
also the recall and explained share at a few other thresholds, for each half (0.0: every event).

With --dictionaries / --no-dictionaries, the field's actor dictionaries on or off (default: as
NEWSEVENTS_DICTIONARIES, else knowledge.DICTIONARIES_DEFAULT).

Run: .venv/bin/python bench/documents.py [--out DIR] [--confidence] [--verbose] [--dictionaries]
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

from newsevents.confidence import MIN_CONFIDENCE
from newsevents.evaluate import HALVES, half_of
from newsevents.pipeline import Coder, Settings, process

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
GOLD = SHARED / "data" / "gold" / "documents_dev.json"
PAGES = SHARED / "data" / "extraction" / "zyte_dev" / "html"
SCORER = SHARED / "bench" / "score_documents.py"
THRESHOLDS = (0.0, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8)


def code_pages(documents: list[dict], coder: Coder) -> list[dict]:
    """Event records of every gold page, coded with its publication date."""
    records = []
    for document in documents:
        settings = Settings(default_date=document["publication_date"])
        for coded in process([str(PAGES / f"{document['id']}.html.gz")], settings, coder=coder):
            records.extend(event.to_dict() for event in getattr(coded, "events", []) or [])
    return records


def score(documents: list[dict], events: list[dict], folder: Path, name: str, verbose: bool) -> str:
    gold_path, events_path = folder / f"{name}.gold.json", folder / f"{name}.events.jsonl"
    ids = {d["id"] for d in documents}
    gold_path.write_text(json.dumps({"documents": documents}))
    events_path.write_text("".join(json.dumps(e) + "\n" for e in events if e["doc_id"] in ids))
    result = subprocess.run([sys.executable, str(SCORER), str(gold_path), str(events_path)],
                            capture_output=True, text=True, check=False)
    lines = result.stdout.strip().splitlines()
    if verbose:
        print("\n".join(f"  {line}" for line in lines[:-1]))
    return lines[-1] if lines else result.stderr.strip()


def explained_at(documents: list[dict], events: list[dict], folder: Path) -> None:
    for threshold in THRESHOLDS:
        kept = [e for e in events if (e.get("confidence") or 0) >= threshold]
        print(f"  confidence >= {threshold:.1f}: {score(documents, kept, folder, 'kept', False)}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, help="keep the coded events and gold halves in this folder")
    parser.add_argument("--confidence", action="store_true", help="explained share at confidence thresholds")
    parser.add_argument("--verbose", "-v", action="store_true", help="each tune page's line (never a check page's)")
    parser.add_argument("--dictionaries", action=argparse.BooleanOptionalAction, default=None,
                        help="the field's actor dictionaries on or off (default: NEWSEVENTS_DICTIONARIES, else the package's)")
    args = parser.parse_args()
    documents = json.loads(GOLD.read_text())["documents"]
    folder = args.out or Path(tempfile.mkdtemp(prefix="documents-"))
    folder.mkdir(parents=True, exist_ok=True)
    every = code_pages(documents, Coder(Settings(dictionaries=args.dictionaries, min_confidence=0.0)))
    events = [e for e in every if (e.get("confidence") or 0) >= MIN_CONFIDENCE]
    for half in (*HALVES, None):
        chosen = [d for d in documents if half is None or half_of(d) == half]
        # each page's line (with the names of the events it missed) for the tune half only, so that
        # the check pages stay unstudied
        verbose = args.verbose and half == "tune"
        print(f"{half or 'all'} ({len(chosen)} pages): {score(chosen, events, folder, half or 'all', verbose)}")
        if args.confidence:
            explained_at(chosen, every, folder)
    print(f"events and gold in {folder}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
