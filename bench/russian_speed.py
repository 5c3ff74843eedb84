"""Russian speed: sentences per second of natasha's own parse (segmentation, morphology, syntax,
NER) against our whole coding of the same text (that parse, the conversion to the coder's labels,
actors, events, dates and places). Issue 15's target: coding adds at most a third.

    .venv/bin/python bench/russian_speed.py [--gold ../shared/data/gold/plover_gsr_dev_ru.json] [--repeat 5]

How it measures, so that a shared and loaded machine cannot tip it either way:
  - CPU seconds of the process (time.process_time), with one BLAS thread (idle BLAS threads spin
    under others' load, and their CPU time would be counted);
  - each run is a process of its own: the models load and both sides are warmed on another
    Russian text (the Russian sample article), so that the timed pass meets the gold sentences for
    the first time, as a worker meets new news; nothing memoised on these very sentences in an
    earlier pass (lemmas, dates) makes the coding look cheaper than it is;
  - in a run the two sides take the sentences in turn (natasha's parse, then ours, and the other way
    round on the next sentence), so that both meet the same load at the same moments;
  - the figures are medians over the runs: of each side's rate, and of each run's ratio.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time

# one BLAS thread: under others' load, idle BLAS threads spin and their CPU time would be counted
for _name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_name, "1")
from pathlib import Path

SHARED = Path(__file__).resolve().parents[2] / "shared"
GOLD = SHARED / "data" / "gold" / "plover_gsr_dev_ru.json"
WARM = SHARED / "samples" / "tengrinews-syria-talks.ru.txt"
DATE = "2013-08-10"


def one_run(gold: str, warm: str) -> dict:
    """One run in this process: load, warm both sides on `warm`, time both over the gold sentences."""
    texts = [r["text"] for r in json.loads(Path(gold).read_text(encoding="utf-8"))
             if r.get("text") and r.get("event") != "DOCUMENT"]
    warm_text = Path(warm).read_text(encoding="utf-8") if Path(warm).exists() else texts[0]

    from newsevents.parse_ru import load_parser
    from newsevents.pipeline import Coder, Settings

    ours = load_parser()
    coder = Coder(Settings())

    def natasha_parse(text: str) -> None:  # natasha's models over the text as parse_ru calls them, no more
        chunk = [[t.text for t in ours.segmenter.tokenize(s.text)] for s in ours.segmenter.sentenize(text)]
        list(ours.morph.map(chunk))
        list(ours.syntax.map(chunk))
        ours.ner(text)

    def our_coding(text: str) -> None:
        coder.code_text(text, date=DATE, language="ru")

    for _ in range(2):  # models loaded, first-call costs paid, on a text that is not the one timed
        natasha_parse(warm_text)
        our_coding(warm_text)
    clock = time.process_time
    spent = {"natasha": 0.0, "coding": 0.0, "natasha_seen": 0.0, "coding_seen": 0.0}
    for seen in ("", "_seen"):  # the sentences new to the process, then the same sentences again
        for n, text in enumerate(texts):
            for side, run in (("natasha", natasha_parse), ("coding", our_coding))[:: 1 if n % 2 else -1]:
                start = clock()
                run(text)
                spent[side + seen] += clock() - start
    return {"sentences": len(texts), **spent}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", default=str(GOLD), help="Russian sentences: a PLOVER GSR JSON file")
    parser.add_argument("--warm", default=str(WARM), help="another Russian text to warm up on")
    parser.add_argument("--repeat", type=int, default=5, help="runs, each a process of its own; medians")
    parser.add_argument("--one-run", action="store_true", help=argparse.SUPPRESS)  # a run's own process
    args = parser.parse_args()
    if args.one_run:
        print(json.dumps(one_run(args.gold, args.warm)))
        return
    runs = []
    for _ in range(args.repeat):
        command = [sys.executable, __file__, "--one-run", "--gold", args.gold, "--warm", args.warm]
        out = subprocess.run(command, check=True, capture_output=True, text=True).stdout
        runs.append(json.loads(out.strip().splitlines()[-1]))
    n = runs[0]["sentences"]
    for seen in ("_seen", ""):
        base = statistics.median(r["natasha" + seen] for r in runs)
        full = statistics.median(r["coding" + seen] for r in runs)
        adds = statistics.median(r["coding" + seen] / r["natasha" + seen] - 1 for r in runs)
        print(f"runs, {'sentences seen before' if seen else 'new sentences'} (CPU s natasha / coding):",
              ", ".join(f"{r['natasha' + seen]:.2f} / {r['coding' + seen]:.2f}" for r in runs))
        if seen:  # what a second pass over the same sentences costs: their lemmas and dates already known
            print(f"  seen before: natasha parse {n / base:.1f} sent/s, newsevents coding "
                  f"{n / full:.1f} sent/s; coding adds {100 * adds:.0f}% (not the measure: a new text's "
                  f"lemmas are not known)")
    print(f"russian: {n} sentences; natasha parse {n / base:.1f} sent/s, newsevents coding {n / full:.1f} sent/s "
          f"(CPU time, medians of {len(runs)} runs, each a fresh process warmed on another text, the two "
          f"sides taking the sentences in turn); coding adds {100 * adds:.0f}% (target <= 33%)")


if __name__ == "__main__":
    main()
