#!/usr/bin/env python3
"""Start-up: `newsevents code` of one sentence against spaCy's own load and parse of it.

Each run is a fresh process, timed wall clock from start to exit: "spaCy" loads the pipeline the
coder uses (without senter, as parse.load_model) and parses the sentence; "code" runs
`newsevents code` on it (standard input, table output). The coder is run with the field's
dictionaries off and on (--dictionaries / --no-dictionaries), each with a cold cache (a fresh
empty NEWSEVENTS_CACHE: the knowledge, the phrase tokens and the verb dictionary are built and
written) and a warm one (the same folder again). The median of --runs runs is printed, with the
coder's extra seconds over spaCy's. Target: warm, at most 1 s more than spaCy's.
Usage: bench/startup.py [--runs 3]
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
SENTENCE = "Kenyan police arrested twelve protesters outside the parliament in Nairobi on Tuesday."
TARGET = 1.0

SPACY = """
import sys, spacy
nlp = spacy.load(sys.argv[1], exclude=["senter"])
doc = nlp(sys.argv[2])
assert len(doc) > 5
"""


def timed(command: list[str], env: dict[str, str], stdin: str | None = None) -> float:
    start = time.perf_counter()
    done = subprocess.run(command, input=stdin, env=env, capture_output=True, text=True, cwd=REPO)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed ({done.returncode}):\n{done.stderr[-2000:]}")
    return seconds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    sys.path.insert(0, str(REPO / "src"))
    from newsevents.parse import resolve_model_name

    model = resolve_model_name(None)
    env = {k: v for k, v in os.environ.items() if k != "NEWSEVENTS_DICTIONARIES"}
    spacy_seconds = statistics.median(
        timed([sys.executable, "-c", SPACY, model, SENTENCE], env) for _ in range(args.runs))
    print(f"spaCy load + parse ({model}): {spacy_seconds:.2f} s (median of {args.runs})")
    print(f"{'dictionaries':<13} {'cache':<6} {'code s':>7} {'- spaCy':>8}  verdict")
    worst = 0.0
    for flag, label in (("--no-dictionaries", "off"), ("--dictionaries", "on")):
        colds, warms = [], []
        for _ in range(args.runs):
            with tempfile.TemporaryDirectory(prefix="newsevents-cache-") as folder:
                run_env = {**env, "NEWSEVENTS_CACHE": folder}
                command = [str(BIN / "newsevents"), "code", flag, "--date", "2024-05-07", "-"]
                colds.append(timed(command, run_env, SENTENCE))
                warms.append(timed(command, run_env, SENTENCE))
        for cache, seconds in (("cold", statistics.median(colds)), ("warm", statistics.median(warms))):
            extra = seconds - spacy_seconds
            verdict = "" if cache == "cold" else ("ok" if extra <= TARGET else f"over {TARGET:.0f} s")
            if cache == "warm":
                worst = max(worst, extra)
            print(f"{label:<13} {cache:<6} {seconds:>7.2f} {extra:>+8.2f}  {verdict}")
    print(f"target: warm start within {TARGET:.0f} s of spaCy's: {'met' if worst <= TARGET else 'not met'}")
    return 0 if worst <= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
