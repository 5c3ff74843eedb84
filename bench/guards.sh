#!/usr/bin/env bash
# The quality guards in one run, both halves of every dev gold file, scores only (no sentences, so
# that the check halves are never studied). Run from the repository root; PYTHON and NEWSEVENTS
# may point at another interpreter or checkout (e.g. PYTHONPATH=src for a worktree).
set -euo pipefail
PY=${PYTHON:-.venv/bin/python}
GOLD=../shared/data/gold
score() {  # file half
  "$PY" -c "import sys; from newsevents.cli import main; sys.exit(main())" eval "$GOLD/$1" --half "$2" --json 2>/dev/null | "$PY" -c '
import json, sys
r = json.loads(sys.stdin.read().strip().splitlines()[-1])
if r["kind"] == "quad":
    print("%-32s %-5s accuracy %.3f" % (sys.argv[1], sys.argv[2], r["accuracy"]))
else:
    print("%-32s %-5s type %.3f  full %.3f" % (sys.argv[1], sys.argv[2], r["type"]["f1"], r["full"]["f1"]))
' "$1" "$2"
}
for f in plover_gsr_dev.json conflibert_quad_dev.jsonl plover_news_dev.json plover_gsr_dev_ru.json; do
  for h in tune check; do score "$f" "$h"; done
done
"$PY" bench/documents.py | grep -E '^(tune|check) '
echo "fresh set 1: $("$PY" bench/fresh.py | grep -E 'root\+dyad' | head -1)"
echo "fresh set 2: $("$PY" bench/fresh.py tests/data/fresh_sentences_2.jsonl | grep -E 'root\+dyad' | head -1)"
