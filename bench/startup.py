#!/usr/bin/env python3
"""Start-up: `newsevents code` of one sentence against spaCy's own load and parse of it.

Each run is a fresh process: "spaCy" loads the pipeline the coder uses (without senter, as
parse.load_model) and parses the sentence; "code" runs `newsevents code` on it (standard input,
table output). The coder is run with the field's dictionaries off and on (--no-dictionaries /
--dictionaries), each with a cold cache (a fresh empty NEWSEVENTS_CACHE: the knowledge, the phrase
tokens, the verb dictionary, the gazetteer's index and the other compiled tables are built and
written) and a warm one (the same folder again). The runs alternate (spaCy, off cold, off warm, on
cold, on warm, then again), so a change in the shared machine's load touches all alike. Each run is
timed twice: wall clock, and the CPU time (user + system) of the child process
(resource.getrusage(RUSAGE_CHILDREN) before and after), which moves much less with the load of
other processes. The children may write bytecode (PYTHONDONTWRITEBYTECODE is dropped from their
environment), as an installed package does: spaCy's modules have theirs from pip. The median of
--runs runs is printed, with the coder's extra seconds over spaCy's. Target: warm, at most 1 s more
than spaCy's, judged on CPU time (--judge wall: on wall clock).
Usage: bench/startup.py [--runs 5] [--judge cpu|wall]
"""
from __future__ import annotations

import argparse
import os
import resource
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


def _child_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(command: list[str], env: dict[str, str], stdin: str | None = None) -> tuple[float, float]:
    """(wall seconds, CPU seconds of the child) of one run of `command`."""
    start, cpu = time.perf_counter(), _child_cpu()
    done = subprocess.run(command, input=stdin, env=env, capture_output=True, text=True, cwd=REPO)
    seconds, cpu_seconds = time.perf_counter() - start, _child_cpu() - cpu
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed ({done.returncode}):\n{done.stderr[-2000:]}")
    return seconds, cpu_seconds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--judge", choices=("cpu", "wall"), default="cpu",
                        help="the time the target is judged on (default: CPU time of the child)")
    args = parser.parse_args()
    sys.path.insert(0, str(REPO / "src"))
    from newsevents.parse import resolve_model_name

    model = resolve_model_name(None)
    env = {k: v for k, v in os.environ.items() if k not in ("NEWSEVENTS_DICTIONARIES", "PYTHONDONTWRITEBYTECODE")}
    flags = (("--no-dictionaries", "off"), ("--dictionaries", "on"))
    times: dict[tuple[str, str], list[tuple[float, float]]] = {}
    for _ in range(args.runs):
        times.setdefault(("spaCy", ""), []).append(timed([sys.executable, "-c", SPACY, model, SENTENCE], env))
        for flag, label in flags:
            with tempfile.TemporaryDirectory(prefix="newsevents-cache-") as folder:
                run_env = {**env, "NEWSEVENTS_CACHE": folder}
                command = [str(BIN / "newsevents"), "code", flag, "--date", "2024-05-07", "-"]
                times.setdefault((label, "cold"), []).append(timed(command, run_env, SENTENCE))
                times.setdefault((label, "warm"), []).append(timed(command, run_env, SENTENCE))

    def median(key: tuple[str, str]) -> tuple[float, float]:
        return tuple(statistics.median(run[i] for run in times[key]) for i in (0, 1))

    spacy_wall, spacy_cpu = median(("spaCy", ""))
    print(f"spaCy load + parse ({model}): {spacy_wall:.2f} s wall, {spacy_cpu:.2f} s CPU "
          f"(median of {args.runs}, alternating with the coder's runs)")
    print(f"{'dictionaries':<13} {'cache':<6} {'wall s':>7} {'- spaCy':>8} {'CPU s':>7} {'- spaCy':>8}  verdict")
    worst = 0.0
    for _, label in flags:
        for cache in ("cold", "warm"):
            wall, cpu = median((label, cache))
            extra = cpu - spacy_cpu if args.judge == "cpu" else wall - spacy_wall
            verdict = "" if cache == "cold" else ("ok" if extra <= TARGET else f"over {TARGET:.0f} s")
            if cache == "warm":
                worst = max(worst, extra)
            print(f"{label:<13} {cache:<6} {wall:>7.2f} {wall - spacy_wall:>+8.2f} {cpu:>7.2f} "
                  f"{cpu - spacy_cpu:>+8.2f}  {verdict}")
    print(f"target: warm start within {TARGET:.0f} s of spaCy's ({args.judge} time): "
          f"{'met' if worst <= TARGET else 'not met'}")
    return 0 if worst <= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
