"""Actors on the PLOVER gold standard: how often the gold source (target) country is among the
coded events' sources (targets), and how often it is among all actor mentions of the sentence.

The first figure depends on the event coder as well; the second measures the actors stage alone.
Codes compare by their country part (first three letters; CAMEO's JAP, ITL, VTN read as ISO).
Run: .venv/bin/python bench/actors.py [-v]
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

from newsevents.pipeline import Coder

GOLD = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "gold" / "plover_gsr_dev.json"
_CAMEO_TO_ISO = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM", "GMY": "DEU", "UKG": "GBR"}


def country_part(code: str | None) -> str | None:
    if not code:
        return None
    part = _CAMEO_TO_ISO.get(code[:3], code[:3])
    return "IGO" if part == "NGO" else part  # the gold codes NGOs (Red Cross, Amnesty) as IGO


def gold_codes(value) -> set[str]:
    if not isinstance(value, list):
        return set()
    return {country_part(a["code"]) for a in value if a.get("code")}


def main(verbose: bool = False) -> int:
    records = [r for r in json.loads(GOLD.read_text()) if r.get("event") != "DOCUMENT"]
    coder = Coder()
    tally = {"source": [0, 0, 0], "target": [0, 0, 0]}  # gold actors, in events, in mentions
    for record in records:
        text, date = record["text"], record.get("date")
        events = coder.code_text(text, date)
        doc = coder.nlp(text)
        mentioned = {country_part(a.code) for a in coder.actor_coder.code(doc, date).mentions()}
        for role in ("source", "target"):
            coded = {country_part(getattr(e, role).code) for e in events if getattr(e, role)}
            for gold in gold_codes(record.get(role)):
                counts = tally[role]
                counts[0] += 1
                counts[1] += gold in coded
                counts[2] += gold in mentioned
                if verbose and gold not in mentioned:
                    print(f"MISS {role} {gold}: {text}  | mentions {sorted(c for c in mentioned if c)}")
    for role, (total, in_events, in_mentions) in tally.items():
        print(f"{role}: {total} gold actors; in events {in_events / total:.3f}; "
              f"in mentions {in_mentions / total:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main("-v" in sys.argv))
