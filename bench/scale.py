#!/usr/bin/env python3
"""Speed and scale of `newsevents ingest`, in one run: end to end vs spaCy alone, 1 vs 2 workers, memory.

Corpus: the raw scrapes of ../shared/data/extraction/fulltext_scrapes_dev.jsonl when present, else
examples/corpus, replicated with new ids to --docs documents. Each measurement runs in a fresh
subprocess (so peak memory is its own) with the model loaded before the clock starts where it can be.
This machine's speed drifts by tens of percent from one minute to the next (a single process's
pure-Python loop: 2.0 to 2.8 s), so what is compared is measured side by side:
  spaCy alone   nlp.pipe over the cleaned texts, the coder's components (what the coder needs), and
  end to end    ingest in-process (read -> clean -> parse -> actors -> events -> when/where -> DuckDB),
                taking turns chunk by chunk (25 documents) in one process; the sums are compared
  1 / 2 workers ingest through the process runner, worker start-up included (about 3.5 s a pool, so
                the corpus is 400 documents by default: a real ingest is far longer), in --rounds
                pairs in alternating order (1-2, 2-1, 1-2); the median pair judges
  flatness      peak memory of the main process and of each worker on --flat and --scale x --flat documents
Targets (2 cores): spaCy/end-to-end >= 0.8; 2 workers >= 1.7x one; < 1 GB per worker; flat memory.
Usage: bench/scale.py [--docs N] [--rounds R] [--flat N] [--scale K]
"""
from __future__ import annotations

import argparse
import contextlib
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SCRAPES = REPO.parent / "shared" / "data" / "extraction" / "fulltext_scrapes_dev.jsonl"
MB = 1 << 20


def base_rows() -> tuple[list[dict], str]:
    if SCRAPES.exists():
        rows = [json.loads(line) for line in SCRAPES.open(encoding="utf-8")]
        return [{"id": r["id"], "text": r["text"]} for r in rows], str(SCRAPES)
    rows = []
    for path in sorted((REPO / "examples" / "corpus").glob("*.txt")):
        rows.append({"id": path.stem, "text": path.read_text(encoding="utf-8")})
    return rows, "examples/corpus"


def write_corpus(path: Path, n: int, rows: list[dict] | None = None) -> Path:
    """`n` documents cycling over `rows` (default: the whole base corpus), each with a new id."""
    rows = rows or base_rows()[0]
    with path.open("w", encoding="utf-8") as out:
        for i in range(n):
            row = rows[i % len(rows)]
            out.write(json.dumps({"id": f"{row['id']}-{i:06d}", "text": row["text"], "date": "2020-01-01"}) + "\n")
    return path


IN_PROCESS_CHUNK = 25  # documents: a chunk takes a few seconds each way


def _chunks(corpus: Path, folder: Path, size: int) -> list[Path]:
    lines = corpus.read_text(encoding="utf-8").splitlines(keepends=True)
    paths = []
    for start in range(0, len(lines), size):
        path = folder / f"chunk-{start // size:04d}.jsonl"
        path.write_text("".join(lines[start:start + size]), encoding="utf-8")
        paths.append(path)
    return paths


def peak_rss_self() -> int:
    from newsevents.runner import peak_rss

    return peak_rss()


# --- one measurement, in a subprocess ------------------------------------------------------------

def measure(mode: str, corpus: str, db: str, workers: int) -> dict:
    from newsevents import api, runner, store
    from newsevents.pipeline import Settings, clean_one
    from newsevents.read import read_inputs
    from newsevents.runner import RunStats

    settings = Settings(default_date="2020-01-01")
    result: dict = {"mode": mode}
    if mode == "inprocess":
        coder = api.coder_for(settings)
        coder.code_text("Warm-up: Russia met China.")
        spacy_s = spacy_cpu = e2e_s = e2e_cpu = 0.0
        sentences = 0
        totals = {"read": 0, "stored": 0, "rejected": 0}
        # Chunk by chunk, spaCy alone and end to end take turns (in alternating order), so both see
        # the same minutes of this machine: its speed drifts by tens of percent from one to the next.
        # one connection for all chunks, as one ingest has (opening one costs about 0.1 s)
        connection = contextlib.ExitStack()
        con = connection.enter_context(store.connect(db))
        for index, chunk in enumerate(_chunks(Path(corpus), Path(db).parent, IN_PROCESS_CHUNK)):
            texts = []
            for item in read_inputs([str(chunk)], default_date=settings.default_date):
                cleaned = clean_one(item, settings)
                if not hasattr(cleaned, "reason") and cleaned.language in (None, *settings.languages):
                    texts.append(cleaned.text)  # what the coder parses: clean, in a language it codes

            def spacy_alone() -> tuple[float, float, int]:
                start, cpu = time.perf_counter(), time.process_time()
                docs = list(coder.nlp.pipe(texts, batch_size=settings.batch_size))
                return time.perf_counter() - start, time.process_time() - cpu, sum(len(list(d.sents)) for d in docs)

            def end_to_end() -> tuple[float, float]:
                start, cpu = time.perf_counter(), time.process_time()
                done = store.ingest(con, [str(chunk)], settings, coder, batch_size=store.BATCH_DOCUMENTS)
                seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
                for name in totals:
                    totals[name] += getattr(done, name)
                return seconds, cpu

            if index % 2:
                (seconds, cpu), (alone, alone_cpu, n) = end_to_end(), spacy_alone()
            else:
                (alone, alone_cpu, n), (seconds, cpu) = spacy_alone(), end_to_end()
            spacy_s, spacy_cpu, sentences = spacy_s + alone, spacy_cpu + alone_cpu, sentences + n
            e2e_s, e2e_cpu = e2e_s + seconds, e2e_cpu + cpu
        connection.close()
        result.update(spacy_s=spacy_s, spacy_cpu=spacy_cpu, sentences=sentences, components=coder.nlp.pipe_names,
                      seconds=e2e_s, cpu=e2e_cpu, worker_peaks=[])
        counts = argparse.Namespace(**totals)
    else:
        stats = RunStats()
        start, main_cpu = time.perf_counter(), time.process_time()
        with store.connect(db) as con:  # the process runner even for 1 worker (api's workers=1 is in-process)
            counts = runner.ingest(con, [corpus], settings, runner.LocalRunner(settings, workers), stats=stats)
        result["seconds"] = time.perf_counter() - start
        result["main_cpu"] = time.process_time() - main_cpu  # reading, writing: shares the cores
        result["worker_peaks"] = sorted(stats.peak_rss.values())
        result["cpu"] = sum(stats.cpu_s.values())  # the workers' CPU seconds, start-up included
    result.update(read=counts.read, stored=counts.stored, rejected=counts.rejected, main_peak=peak_rss_self(),
                  n_sentences=int(api.open(db).sql("SELECT sum(n_sentences) AS n FROM documents")["n"][0]))
    return result


def run_one(tmp: Path, mode: str, corpus: Path, workers: int = 1) -> dict:
    db = Path(tempfile.mkdtemp(dir=tmp)) / f"{mode}-{workers}-{corpus.stem}.duckdb"  # a new database each run
    command = [sys.executable, __file__, "--one", mode, str(corpus), str(db), str(workers)]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode:
        raise SystemExit(f"{' '.join(command)} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, default=400, help="documents for the speed figures (default 400)")
    parser.add_argument("--rounds", type=int, default=3, help="alternating 1- and 2-worker runs (default 3)")
    parser.add_argument("--flat", type=int, default=30, help="documents of the small memory run (default 30)")
    parser.add_argument("--scale", type=int, default=10, help="the large memory run is this many times --flat")
    parser.add_argument("--one", nargs=4, metavar=("MODE", "CORPUS", "DB", "WORKERS"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        mode, corpus, db, workers = args.one
        print(json.dumps(measure(mode, corpus, db, int(workers))))
        return

    _, source = base_rows()
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        corpus = write_corpus(tmp / "speed.jsonl", args.docs)
        print(f"corpus: {args.docs} documents replicated from {source}", flush=True)
        inproc = run_one(tmp, "inprocess", corpus)
        pairs = []
        for round_ in range(args.rounds):  # alternating order: a drift favours neither
            if round_ % 2:
                two = run_one(tmp, "runner", corpus, 2)
                pairs.append((run_one(tmp, "runner", corpus, 1), two))
            else:
                pairs.append((run_one(tmp, "runner", corpus, 1), run_one(tmp, "runner", corpus, 2)))
        rows = base_rows()[0]  # the same --flat documents, evenly spread over the corpus, once and K times:
        pool = [rows[i * len(rows) // args.flat] for i in range(min(args.flat, len(rows)))]  # only length differs
        small = run_one(tmp, "runner", write_corpus(tmp / "flat-small.jsonl", args.flat, pool), 2)
        large = run_one(tmp, "runner", write_corpus(tmp / "flat-large.jsonl", args.flat * args.scale, pool), 2)

    n, sentences = inproc["read"], inproc["n_sentences"]
    ratio = inproc["spacy_s"] / inproc["seconds"]
    print(f"stored {inproc['stored']} documents, {sentences} sentences (rejected {inproc['rejected']})")
    print(f"spaCy alone ({', '.join(inproc['components'])}) on the clean texts: {inproc['spacy_s']:7.1f} s "
          f"{n / inproc['spacy_s']:6.2f} docs/s {inproc['sentences'] / inproc['spacy_s']:7.1f} sentences/s")
    print(f"end to end, in-process (read..store into DuckDB):     {inproc['seconds']:7.1f} s "
          f"{n / inproc['seconds']:6.2f} docs/s {sentences / inproc['seconds']:7.1f} sentences/s")
    print(f"ratio spaCy alone / end to end: {ratio:.2f} wall clock, "
          f"{inproc['spacy_cpu'] / inproc['cpu']:.2f} CPU time ({inproc['spacy_cpu']:.1f} / {inproc['cpu']:.1f} s)"
          " (target >= 0.8)")
    for round_, (one, two) in enumerate(pairs, 1):
        print(f"round {round_}: runner, 1 worker {one['seconds']:6.1f} s {n / one['seconds']:5.2f} docs/s "
              f"{sentences / one['seconds']:6.1f} sentences/s; 2 workers {two['seconds']:6.1f} s "
              f"{n / two['seconds']:5.2f} docs/s {sentences / two['seconds']:6.1f} sentences/s; "
              f"speed-up {one['seconds'] / two['seconds']:.2f}x; workers' CPU {one['cpu']:.1f} s vs {two['cpu']:.1f} s "
              f"(x{two['cpu'] / one['cpu']:.2f}), main process {one['main_cpu']:.1f} s vs {two['main_cpu']:.1f} s")
    speed_up = statistics.median(one["seconds"] / two["seconds"] for one, two in pairs)
    print(f"speed-up 2 workers / 1 (median of {len(pairs)} rounds, worker start-up included): "
          f"{speed_up:.2f}x (target >= 1.7)")
    highest = max((pair[1] for pair in pairs), key=lambda run: max(run["worker_peaks"]))
    peaks = ", ".join(f"{p / MB:.0f}" for p in highest["worker_peaks"])
    print(f"peak memory per worker (2 workers, highest round): {peaks} MB; main process "
          f"{highest['main_peak'] / MB:.0f} MB (target < 1024 MB per worker)")
    for label, run in ((f"{args.flat} docs", small), (f"{args.flat * args.scale} docs", large)):
        print(f"memory flatness, {label:>10}: workers {max(run['worker_peaks']) / MB:5.0f} MB, "
              f"main {run['main_peak'] / MB:5.0f} MB, {run['read'] / run['seconds']:.2f} docs/s")
    growth = max(large["worker_peaks"]) / max(small["worker_peaks"])
    print(f"worker peak x{growth:.2f}, main peak x{large['main_peak'] / small['main_peak']:.2f} over a "
          f"{args.scale}x corpus (flat: about 1)")


if __name__ == "__main__":
    main()
