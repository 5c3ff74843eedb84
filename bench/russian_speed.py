"""Russian speed: sentences per second of natasha's own parse (segmentation, morphology, syntax,
NER) against our whole coding of the same text (that parse, the conversion to the coder's labels,
actors, events, dates and places). Issue 15's target: coding adds at most a third.

    .venv/bin/python bench/russian_speed.py [--gold ../shared/data/gold/plover_gsr_dev_ru.json] [--repeat 3]
"""
from __future__ import annotations

import argparse
import json
import os
import time

# one BLAS thread: under others' load, idle BLAS threads spin and their CPU time would be counted
for _name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_name, "1")
from pathlib import Path

GOLD = Path(__file__).resolve().parents[2] / "shared" / "data" / "gold" / "plover_gsr_dev_ru.json"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", default=str(GOLD), help="Russian sentences: a PLOVER GSR JSON file")
    parser.add_argument("--repeat", type=int, default=3, help="best of this many runs")
    args = parser.parse_args()
    texts = [r["text"] for r in json.loads(Path(args.gold).read_text(encoding="utf-8"))
             if r.get("text") and r.get("event") != "DOCUMENT"]

    from newsevents.parse_ru import load_parser
    from newsevents.pipeline import Coder, Settings

    ours = load_parser()
    coder = Coder(Settings())
    coder.code_text(texts[0], date="2013-08-10", language="ru")  # load the Russian coders

    def natasha_parse() -> None:  # natasha's models over the text, as parse_ru calls them, nothing after
        for text in texts:
            chunk = [[t.text for t in ours.segmenter.tokenize(s.text)] for s in ours.segmenter.sentenize(text)]
            list(ours.morph.map(chunk))
            list(ours.syntax.map(chunk))
            ours.ner(text)

    def our_coding() -> None:
        for text in texts:
            coder.code_text(text, date="2013-08-10", language="ru")

    def timed(run) -> float:  # CPU time of this process: other users of the machine's cores do not count
        start = time.process_time()
        run()
        return time.process_time() - start

    # both warmed once untimed (natasha's first parse pays its models' loading, which the coder's
    # first sentence above paid only for the parse it made), then timed alternately, best of each
    natasha_parse()
    our_coding()
    bases, fulls = [], []
    for _ in range(args.repeat):
        bases.append(timed(natasha_parse))
        fulls.append(timed(our_coding))
    n = len(texts)
    base, full = min(bases), min(fulls)
    print(f"russian: {n} sentences; natasha parse {n / base:.1f} sent/s, newsevents coding {n / full:.1f} sent/s "
          f"(CPU time, best of {args.repeat} alternate runs after one warm-up each); "
          f"coding adds {100 * (full / base - 1):.0f}% (target <= 33%)")


if __name__ == "__main__":
    main()
