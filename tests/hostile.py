"""The hostile corpus: bad, odd and huge inputs mixed with good news documents, generated on demand.

`build(root)` writes the corpus under `root` (a test's tmp_path; nothing large is committed) and
returns what each input must become: a stored document with known events, a document skipped for
its language, a reject with a known reason, or (for inputs either outcome is honest about) stored
or rejected. Run it as a script to write a corpus for a look by hand:

    .venv/bin/python tests/hostile.py /tmp/hostile [--big-mb 50]
"""
from __future__ import annotations

import gzip
import io
import json
import random
import sys
from dataclasses import dataclass, field
from pathlib import Path

DATE = "2020-03-02"  # the --date of the ingest: publication date of inputs that give none

# Good documents: short English news with the events (source, target, CAMEO) they must give.
GOOD = {
    "russia-ukraine": ("Russia attacked Ukraine on Monday.", ("RUS", "UKR", "190")),
    "china-japan": ("China criticized Japan over the disputed islands.", ("CHN", "JPN", "111")),
    "turkey-syria": ("Turkey threatened Syria with military action.", ("TUR", "SYR", "130")),
    "india-pakistan": ("India and Pakistan agreed to hold peace talks.", ("IND", "PAK", "040")),
    "usa-venezuela": ("The United States imposed sanctions on Venezuela.", ("USA", "VEN", "163")),
    "macron-scholz": ("French President Emmanuel Macron met German Chancellor Olaf Scholz in Berlin on Tuesday.",
                      ("FRAGOV", "DEUGOV", "040")),
    "iran-russia": ("Iran and Russia signed an agreement on nuclear energy cooperation on Monday.",
                    ("IRN", "RUS", "057")),
    "un-korea": ("The UN Security Council condemned North Korea for launching a ballistic missile.",
                 ("IGOUNO", "PRK", "111")),
}
FILLER = ("Officials said the talks would continue next week. Analysts in the region expect little change "
          "in the weeks ahead, and markets reacted calmly to the news.")
ARABIC = ("أعلنت وزارة الخارجية اليوم أن المحادثات بين البلدين ستستمر الأسبوع المقبل في العاصمة. "
          "وقال المتحدث باسم الحكومة إن الوفدين اتفقا على مواصلة الحوار بشأن القضايا العالقة.")
HEBREW = ("משרד החוץ הודיע היום כי השיחות בין שתי המדינות יימשכו בשבוע הבא בבירה. "
          "דובר הממשלה אמר כי שתי המשלחות הסכימו להמשיך בדיאלוג בנושאים הפתוחים.")
RUSSIAN = "Министр иностранных дел России Сергей Лавров провёл переговоры в Москве в понедельник."


@dataclass
class Expected:
    """What one input (a file, a JSONL line `path:N`, a WARC record `path#N`) must become."""

    origin: str
    outcome: str  # stored | skipped | rejected | stored_or_rejected | unchanged
    doc_id: str | None = None
    events: tuple[tuple[str | None, str | None, str], ...] = ()  # (source, target, cameo) it must give
    reason: str = ""  # a part of the reject reason (lowercase)


@dataclass
class Corpus:
    root: Path
    expected: list[Expected] = field(default_factory=list)

    def add(self, origin: Path | str, outcome: str, **details) -> None:
        self.expected.append(Expected(str(origin), outcome, **details))

    def of(self, outcome: str) -> list[Expected]:
        return [e for e in self.expected if e.outcome == outcome]


def html_page(title: str, *paragraphs: str, charset: str = "utf-8", filler: bool = True) -> str:
    extra = (FILLER, FILLER.replace("talks", "meetings")) if filler else ()
    body = "\n".join(f"<p>{p}</p>" for p in (*paragraphs, *extra))
    return (f"<!DOCTYPE html><html><head><meta charset=\"{charset}\"><title>{title}</title></head>"
            f"<body><nav><a href=\"/\">Home</a> <a href=\"/world\">World</a></nav>"
            f"<article><h1>{title}</h1>\n{body}\n</article><footer>Copyright 2020</footer></body></html>")


def warc_bytes(pages: list[tuple[str, str]], compress: bool) -> bytes:
    """A WARC (gzipped per record when `compress`) with one HTML response per (url, html)."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    out = io.BytesIO()
    writer = WARCWriter(out, gzip=compress)
    for url, html in pages:
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        record = writer.create_warc_record(url, "response", payload=io.BytesIO(html.encode("utf-8")),
                                           http_headers=headers)
        writer.write_record(record)
    return out.getvalue()


def build(root: Path, big_mb: float = 3.0, seed: int = 0) -> Corpus:
    """Write the hostile corpus under `root` (created) and return what each input must become."""
    rng = random.Random(seed)
    root.mkdir(parents=True, exist_ok=True)
    corpus = Corpus(root)
    _good(corpus)
    _empty_and_binary(corpus, rng)
    _truncated(corpus)
    _huge(corpus, big_mb, rng)
    _odd_text(corpus)
    _jsonl(corpus)
    return corpus


def _write(corpus: Corpus, name: str, data: bytes | str) -> Path:
    path = corpus.root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def _good(corpus: Corpus) -> None:
    for name in ("russia-ukraine", "china-japan", "turkey-syria"):
        text, event = GOOD[name]
        path = _write(corpus, f"good/{name}.txt", text + "\n")
        corpus.add(path, "stored", doc_id=f"good/{name}", events=(event,))
    text, event = GOOD["macron-scholz"]
    path = _write(corpus, "good/macron-scholz.html", html_page("Macron meets Scholz", text))
    corpus.add(path, "stored", doc_id="good/macron-scholz", events=(event,))
    text, event = GOOD["usa-venezuela"]
    path = _write(corpus, "good/usa-venezuela.html.gz",
                  gzip.compress(html_page("Sanctions", text, charset="windows-1251").encode("cp1251")))
    corpus.add(path, "stored", doc_id="good/usa-venezuela", events=(event,))


def _empty_and_binary(corpus: Corpus, rng: random.Random) -> None:
    corpus.add(_write(corpus, "bad/empty.txt", b""), "rejected", reason="empty")
    corpus.add(_write(corpus, "bad/blank.txt", " \n\t\n   \r\n\u00a0\u3000\n"), "rejected", reason="empty")
    corpus.add(_write(corpus, "bad/invisible.txt", "\u200b\u200c\u200d\u2060\ufeff\n\u200b \u200e\u200f\n"),
               "rejected", reason="no text")
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(rng.randrange(256) for _ in range(4000))
    corpus.add(_write(corpus, "bad/image.html", png), "rejected", reason="png image")
    jpeg = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(rng.randrange(256) for _ in range(4000))
    corpus.add(_write(corpus, "bad/photo.htm", jpeg), "rejected", reason="jpeg image")
    noise = bytes(rng.randrange(256) for _ in range(8000))
    corpus.add(_write(corpus, "bad/noise.html", noise), "rejected", reason="binary")
    corpus.add(_write(corpus, "bad/archive.html.gz", gzip.compress(b"%PDF-1.4\n" + noise)), "rejected",
               reason="pdf document")


def _truncated(corpus: Corpus) -> None:
    page = gzip.compress(html_page("Cut off", GOOD["un-korea"][0]).encode("utf-8") * 20)
    corpus.add(_write(corpus, "bad/cut.html.gz", page[: len(page) // 2]), "rejected", reason="truncated gzip")
    corpus.add(_write(corpus, "bad/cut-header.html.gz", page[:5]), "rejected", reason="truncated gzip")
    text, event = GOOD["iran-russia"]
    pages = [("http://example.com/iran-russia", html_page("Agreement", text)),
             ("http://example.com/second", html_page("Second", GOOD["un-korea"][0]) + "<!--" + "x" * 50_000 + "-->")]
    for name, compress in (("cut.warc.gz", True), ("cut.warc", False)):
        data = warc_bytes(pages, compress)
        first = len(warc_bytes(pages[:1], compress))
        path = _write(corpus, f"warc/{name}", data[: first + (len(data) - first) // 2])
        corpus.add(f"{path}#1", "stored", events=(event,))  # its id is the WARC-Record-ID
        if compress:
            corpus.add(path, "rejected", reason="truncated gzip")
        else:
            corpus.add(f"{path}#2", "rejected", reason="truncated warc record")
    path = _write(corpus, "warc/not-a.warc", b"WARC/1.0\r\nthis is not a header\r\n\r\n" + b"\x00" * 100)
    corpus.add(path, "rejected", reason="no html or text responses")


def _huge(corpus: Corpus, big_mb: float, rng: random.Random) -> None:
    words = "the of and to in officials said government talks week region army border minister".split()
    size = int(big_mb * 1_000_000)
    line = (" ".join(rng.choice(words) for _ in range(2000)) + " ").encode("ascii")
    corpus.add(_write(corpus, "huge/one-line.txt", (line * (size // len(line) + 1))[:size]), "rejected",
               reason="over the")
    # One sentence of 5,000 tokens with an event at its start: stored (with a bounded parse) or rejected.
    long_sentence = GOOD["russia-ukraine"][0][:-1] + ", " + " ".join(rng.choice(words) for _ in range(5000)) + "."
    corpus.add(_write(corpus, "huge/long-sentence.txt", long_sentence), "stored_or_rejected",
               doc_id="huge/long-sentence")
    deep = "<html><body>" + "<div>" * 10_000 + f"<p>{GOOD['china-japan'][0]}</p>" + "</div>" * 10_000 + "</body></html>"
    corpus.add(_write(corpus, "huge/deep.html", deep), "stored_or_rejected", doc_id="huge/deep")
    unclosed = "<html><body>" + "<div><span><b>" * 5_000 + GOOD["turkey-syria"][0]
    corpus.add(_write(corpus, "huge/unclosed.html", unclosed), "stored_or_rejected", doc_id="huge/unclosed")


def _odd_text(corpus: Corpus) -> None:
    # Mixed encodings in one file: UTF-8 Russian, then cp1251 Russian, then the English news.
    mixed = (RUSSIAN.encode("utf-8") + b"\n\n" + RUSSIAN.encode("cp1251") + b"\n\n"
             + GOOD["turkey-syria"][0].encode("ascii") + b" " + FILLER.encode("ascii") + b"\n")
    corpus.add(_write(corpus, "odd/mixed-encoding.txt", mixed), "stored", doc_id="odd/mixed-encoding",
               events=(GOOD["turkey-syria"][1],))
    # Zero-width and control characters inside the words and between them.
    text = "Rus\u200bsia\u00ad at\u200dtacked\x07 Ukr\u2060aine\x1b on \ufeffMon\x0bday.\x7f"
    corpus.add(_write(corpus, "odd/controls.txt", text), "stored", doc_id="odd/controls",
               events=(GOOD["russia-ukraine"][1],))
    # Right-to-left text: Arabic and Hebrew pages are kept, skipped by language.
    corpus.add(_write(corpus, "odd/arabic.txt", ARABIC), "skipped", doc_id="odd/arabic")
    corpus.add(_write(corpus, "odd/hebrew.html", html_page("חדשות", HEBREW, HEBREW[::-1], filler=False)), "skipped",
               doc_id="odd/hebrew")
    # English with right-to-left names and bidi marks: coded.
    bidi = "China (\u202bالصين\u202c) criticized Japan (\u200fיפן\u200f) over the disputed islands."
    corpus.add(_write(corpus, "odd/bidi.txt", bidi), "stored", doc_id="odd/bidi", events=(GOOD["china-japan"][1],))
    # Dates in the year 9999, stated and relative to it.
    future = "On December 31, 9999, Russia attacked Ukraine. The next day, China criticized Japan."
    corpus.add(_write(corpus, "odd/year-9999.txt", future), "stored", doc_id="odd/year-9999")
    # The same id twice with different content (a.html and a.txt are both `dup`): the first is kept.
    corpus.add(_write(corpus, "odd/dup.html", html_page("Dup", GOOD["iran-russia"][0])), "stored",
               doc_id="odd/dup", events=(GOOD["iran-russia"][1],))
    corpus.add(_write(corpus, "odd/dup.txt", GOOD["usa-venezuela"][0]), "rejected", doc_id="odd/dup",
               reason="duplicate id")


def _jsonl(corpus: Corpus) -> None:
    path = corpus.root / "feed" / "news.jsonl"
    lines: list[tuple[str, str, dict]] = []  # (line, outcome, details)

    def record(outcome: str, value, **details) -> None:
        lines.append((value if isinstance(value, str) else json.dumps(value, ensure_ascii=False), outcome, details))

    text, event = GOOD["macron-scholz"]
    record("stored", {"id": "j-macron", "text": text, "date": "2020-03-01"}, doc_id="j-macron", events=(event,))
    record("rejected", '{"id": "j-broken", "text": "Turkey thr', reason="not json")
    record("rejected", {"id": "j-number", "text": 42}, reason="wrong field type")
    record("rejected", {"id": ["a", "b"], "text": "Russia attacked Ukraine."}, reason="wrong field type")
    record("rejected", [1, 2, 3], reason="not a json object")
    record("rejected", {"id": "j-null", "text": None, "html": None}, reason="empty")
    text, event = GOOD["turkey-syria"]
    record("stored", {"id": "j-9999", "text": text, "date": "9999-12-31"}, doc_id="j-9999", events=(event,))
    text, event = GOOD["usa-venezuela"]
    record("stored", {"id": 12345, "text": text, "date": 20200302, "title": None}, doc_id="12345", events=(event,))
    text, event = GOOD["china-japan"]
    record("stored", {"id": "j-dup", "text": text}, doc_id="j-dup", events=(event,))
    record("rejected", {"id": "j-dup", "text": GOOD["russia-ukraine"][0]}, doc_id="j-dup", reason="duplicate id")
    record("unchanged", {"id": "j-dup", "text": text}, doc_id="j-dup")  # the very same document again
    record("rejected", "\x00\x01\x02 not json at all", reason="not json")
    record("stored", {"id": "j-rtl", "text": "\u202e" + GOOD["un-korea"][0] + "\u202c"}, doc_id="j-rtl",
           events=(GOOD["un-korea"][1],))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(line + "\n" for line, _, _ in lines), encoding="utf-8")
    for number, (_, outcome, details) in enumerate(lines, start=1):
        corpus.add(f"{path}:{number}", outcome, **details)


if __name__ == "__main__":
    args = sys.argv[1:]
    big = float(args[args.index("--big-mb") + 1]) if "--big-mb" in args else 3.0
    built = build(Path(args[0]), big_mb=big)
    for item in built.expected:
        print(item.outcome, item.origin, item.doc_id or "", item.reason, sep="\t")
