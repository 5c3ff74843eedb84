"""Read stage: files, folders and stdin -> `Document`s with their raw text, or `Reject`s.

Inputs are plain-text scrapes, HTML pages, JSONL (`id`, `text` or `html`, `date`, `url`, `title`)
and WARC, each optionally gzipped, in any encoding. Nothing is cleaned here: HTML stays HTML in
`Document.raw` for the clean stage. Bad input becomes a `Reject` with its reason and reading goes
on; the iterator itself never raises. Containers (JSONL, WARC, gzip, stdin) are streamed, so
memory is bounded by `max_bytes` per document, not by the size of the input.
"""
from __future__ import annotations

import codecs
import email.utils
import gzip
import hashlib
import io
import json
import os
import re
import sys
import zlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING

from charset_normalizer import from_bytes

from newsevents.records import Document, Reject

if TYPE_CHECKING:
    from warcio.recordloader import ArcWarcRecord

FORMATS = ("text", "html", "jsonl", "warc")
STAGE = "read"
STDIN = "-"

_EXTENSIONS = {
    ".txt": "text", ".text": "text",
    ".html": "html", ".htm": "html", ".xhtml": "html", ".shtml": "html",
    ".jsonl": "jsonl", ".ndjson": "jsonl",
    ".warc": "warc",
}
_COMPRESSED = (".gz",)
# Enough to sniff a format and spot binary content; small enough to hold for every input.
_HEAD_BYTES = 8192
_GZIP_MAGIC = b"\x1f\x8b"
_MAGIC = (
    (b"\x89PNG", "PNG image"), (b"\xff\xd8\xff", "JPEG image"), (b"GIF8", "GIF image"),
    (b"%PDF", "PDF document"), (b"PK\x03\x04", "ZIP archive"), (b"\x7fELF", "executable"),
    (b"BZh", "bzip2 archive"), (b"\xfd7zXZ\x00", "xz archive"), (b"(\xb5/\xfd", "zstd archive"),
    (b"7z\xbc\xaf", "7z archive"), (b"\xd0\xcf\x11\xe0", "MS Office document"),
)
# UTF-32 first: its little-endian BOM starts with UTF-16's. UTF-16/32 text has NUL bytes but is text.
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
_WIDE_BOMS = tuple(bom for bom, _ in _BOMS[1:])
_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([\w.:-]+)""", re.IGNORECASE)
_CT_CHARSET = re.compile(r"charset\s*=\s*[\"']?([\w.:-]+)", re.IGNORECASE)
# Dates outside these years are typos or placeholders (9999-12-31), not publication dates.
_MIN_YEAR = 1800
_DATE_FORMATS = ("%Y/%m/%d", "%d.%m.%Y", "%B %d, %Y", "%b %d, %Y", "%d %B %Y", "%d %b %Y")
_JSONL_TEXT_FIELDS = ("text", "html", "url", "title")


@dataclass(frozen=True)
class _Options:
    input_format: str | None
    default_date: str | None
    max_bytes: int


def read_inputs(
    paths: Sequence[str],
    *,
    input_format: str | None = None,
    default_date: str | None = None,
    max_bytes: int = 20_000_000,
) -> Iterator[Document | Reject]:
    """Documents from files, folders (recursively) and "-" (stdin), in order, with rejects.

    `input_format` (one of FORMATS) overrides detection; `default_date` (YYYY-MM-DD) is the date
    of documents whose input states none; a document over `max_bytes` is rejected unread.
    Bad arguments raise ValueError here, before any reading; bad input never raises.
    """
    if input_format is not None and input_format not in FORMATS:
        raise ValueError(f"input_format must be one of {', '.join(FORMATS)}, not {input_format!r}")
    iso_default = _iso_date(default_date)
    if default_date is not None and iso_default is None:
        raise ValueError(f"default_date {default_date!r} is not a date (expected YYYY-MM-DD)")
    if max_bytes <= 0:
        raise ValueError(f"max_bytes must be positive, not {max_bytes}")
    # A lone path is a str, itself a Sequence[str]: reading it letter by letter helps nobody.
    return _read_all([paths] if isinstance(paths, str) else paths, _Options(input_format, iso_default, max_bytes))


def _read_all(paths: Sequence[str], opts: _Options) -> Iterator[Document | Reject]:
    for path in map(os.fspath, paths):
        if path == STDIN:
            yield from _guarded("<stdin>", _read_stream(sys.stdin.buffer, "<stdin>", None, None, opts))
        elif os.path.isdir(path):
            yield from _read_folder(path, opts)
        else:
            yield from _guarded(path, _read_file(path, _strip_extensions(os.path.basename(path)), opts))


def _guarded(origin: str, items: Iterator[Document | Reject]) -> Iterator[Document | Reject]:
    """One input's items; an unexpected failure becomes its Reject so the batch goes on."""
    try:
        yield from items
    except Exception as exc:  # noqa: BLE001 - recorded with its type, not hidden
        yield Reject(origin, f"unexpected error: {type(exc).__name__}: {exc}", STAGE)


def _read_folder(folder: str, opts: _Options) -> Iterator[Document | Reject]:
    errors: list[OSError] = []
    files = sorted(_walk(folder, errors))
    for error in errors:
        yield Reject(error.filename or folder, (error.strerror or str(error)).lower(), STAGE)
    found = False
    for parts in files:
        path = os.path.join(folder, *parts)
        # The path inside the folder keeps ids apart for a/index.html and b/index.html.
        doc_id = _strip_extensions("/".join(parts))
        for item in _guarded(path, _read_file(path, doc_id, opts)):
            found = found or isinstance(item, Document)
            yield item
    if not found:
        detail = "no files" if not files else f"{len(files)} files, none readable"
        yield Reject(folder, f"no readable documents in directory ({detail})", STAGE)


def _walk(folder: str, errors: list[OSError]) -> Iterator[tuple[str, ...]]:
    """Relative paths (as parts, for sorting) of the non-hidden files under `folder`."""
    for root, dirs, names in os.walk(folder, onerror=errors.append):
        dirs[:] = [name for name in dirs if not name.startswith(".")]
        rel = os.path.relpath(root, folder)
        prefix = () if rel == os.curdir else tuple(rel.split(os.sep))
        # Only regular files: a FIFO or socket in a folder would block or fail the read.
        yield from (prefix + (name,) for name in names
                    if not name.startswith(".") and os.path.isfile(os.path.join(root, name)))


def _read_file(path: str, doc_id: str, opts: _Options) -> Iterator[Document | Reject]:
    try:
        size = os.path.getsize(path)
        handle = open(path, "rb")  # noqa: SIM115 - closed below, after the generator is drained
    except OSError as exc:
        yield Reject(path, (exc.strerror or str(exc)).lower(), STAGE)
        return
    with handle:
        yield from _read_stream(handle, path, doc_id, size, opts)


class _Guard(io.RawIOBase):
    """A read-only stream whose first bytes can be looked at before reading.

    A truncated or corrupt gzip stream ends the data and sets `error` instead of raising:
    warcio takes an EOFError for the normal end of an archive, which would hide the truncation.
    """

    def __init__(self, inner: io.BufferedIOBase) -> None:
        super().__init__()
        self._inner = inner
        self._head = b""
        self.error: str | None = None

    def readable(self) -> bool:
        return True

    def head(self, size: int) -> bytes:
        """The first `size` bytes (fewer at the end of data), kept to be read again."""
        while len(self._head) < size:
            chunk = self._read_inner(size - len(self._head))
            if not chunk:
                break
            self._head += chunk
        return self._head[:size]

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        if self._head:  # bytes looked at by head() come first
            data, self._head = self._head[: len(buffer)], self._head[len(buffer):]
        else:
            data = self._read_inner(len(buffer))
        buffer[: len(data)] = data
        return len(data)

    def _read_inner(self, size: int) -> bytes:
        if self.error:
            return b""
        try:
            # read1: a plain read of GzipFile drops the bytes it had when a later chunk fails.
            return self._inner.read1(size)
        except EOFError:
            self.error = "truncated gzip stream"
        except (zlib.error, gzip.BadGzipFile) as exc:
            self.error = f"corrupt gzip stream ({exc})"
        return b""


@dataclass
class _Opened:
    stream: io.BufferedReader
    guard: _Guard
    head: bytes
    size: int | None  # bytes of the uncompressed input where known without reading it


def _open(raw: io.BufferedIOBase, size: int | None) -> _Opened:
    """Wrap `raw`, decompressing gzip (found by its magic, not its name)."""
    outer = _Guard(raw)
    if outer.head(2) != _GZIP_MAGIC:
        return _Opened(io.BufferedReader(outer), outer, outer.head(_HEAD_BYTES), size)
    inner = _Guard(gzip.GzipFile(fileobj=io.BufferedReader(outer), mode="rb"))
    return _Opened(io.BufferedReader(inner), inner, inner.head(_HEAD_BYTES), None)


def _read_stream(
    raw: io.BufferedIOBase, origin: str, doc_id: str | None, size: int | None, opts: _Options
) -> Iterator[Document | Reject]:
    opened = _open(raw, size)
    if not opened.head:
        yield Reject(origin, opened.guard.error or "empty", STAGE)
        return
    fmt = _choose_format(origin, opened.head, opts)
    # JSONL: a NUL byte in a later line makes that line a reject, not the whole file.
    head = opened.head.partition(b"\n")[0] if fmt == "jsonl" else opened.head
    binary = _binary_kind(head) if fmt != "warc" else None
    if binary:
        yield Reject(origin, f"binary content ({binary})", STAGE)
    elif fmt == "jsonl":
        yield from _read_jsonl(opened, origin, opts)
    elif fmt == "warc":
        yield from _read_warc(opened, origin, opts)
    else:
        yield _read_document(opened, origin, doc_id, fmt, opts)


def _choose_format(origin: str, head: bytes, opts: _Options) -> str:
    if opts.input_format:
        return opts.input_format
    sniffed = _sniff_format(head)
    by_name = _EXTENSIONS.get(_last_extension(origin))
    # A name says html/jsonl/warc on purpose; ".txt" and unknown names are often HTML or JSONL.
    if by_name in ("html", "jsonl", "warc") and sniffed != "warc":
        return by_name
    return sniffed


def _sniff_format(head: bytes) -> str:
    start = head.removeprefix(codecs.BOM_UTF8).lstrip()
    if start.startswith(b"WARC/"):
        return "warc"
    lowered = start[:2048].lower()
    if lowered.startswith((b"<!doctype", b"<html", b"<?xml", b"<head", b"<body")) or b"<html" in lowered:
        return "html"
    if start.startswith(b"{"):
        first_line, newline, _ = start.partition(b"\n")
        if not newline or _is_json_object(first_line):  # no newline: one long JSON line
            return "jsonl"
    return "text"


def _is_json_object(line: bytes) -> bool:
    try:
        return isinstance(json.loads(line), dict)
    except ValueError:
        return False


def _binary_kind(head: bytes) -> str | None:
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            return kind
    if head.startswith(_WIDE_BOMS):
        return None
    return "NUL bytes" if b"\x00" in head else None


def _read_document(
    opened: _Opened, origin: str, doc_id: str | None, fmt: str, opts: _Options
) -> Document | Reject:
    """A whole input as one document (text or HTML)."""
    if opened.size is not None and opened.size > opts.max_bytes:
        return _too_big(origin, opts)
    data = opened.stream.read(opts.max_bytes + 1)
    if opened.guard.error:
        return Reject(origin, opened.guard.error, STAGE)
    if len(data) > opts.max_bytes:
        return _too_big(origin, opts)
    declared = _meta_charset(data) if fmt == "html" else None
    doc = Document(id=doc_id or "", raw_format=fmt, date=opts.default_date, origin=origin)
    return _with_raw(doc, data, declared)


def _with_raw(doc: Document, data: bytes, declared: str | None = None) -> Document | Reject:
    """`doc` with `data` decoded as its raw text; an empty id becomes the content hash."""
    text = _decode(data, declared)
    if text is None:
        return Reject(doc.origin, "undecodable bytes (no text encoding fits)", STAGE, doc.id or None)
    if not text.strip():
        return Reject(doc.origin, "empty", STAGE, doc.id or None)
    doc.raw = text
    doc.id = doc.id or _content_id(data)
    return doc


def _too_big(origin: str, opts: _Options) -> Reject:
    return Reject(origin, f"over the size limit of {opts.max_bytes} bytes", STAGE)


def _read_jsonl(opened: _Opened, origin: str, opts: _Options) -> Iterator[Document | Reject]:
    """One document a line; a bad line is rejected with its number and the rest goes on."""
    number = 0
    while line := opened.stream.readline(opts.max_bytes + 1):
        number += 1
        where = f"{origin}:{number}"
        if opened.guard.error and not line.endswith(b"\n"):
            number -= 1  # the cut-off end of a truncated stream, reported below
            break
        if len(line) > opts.max_bytes and not line.endswith(b"\n"):
            _skip_rest_of_line(opened.stream)
            yield _too_big(where, opts)
        elif line.strip():
            yield _jsonl_document(line, where, opts)
    if opened.guard.error:
        yield Reject(origin, f"{opened.guard.error} after line {number}", STAGE)


def _skip_rest_of_line(stream: io.BufferedReader) -> None:
    while chunk := stream.readline(1 << 20):
        if chunk.endswith(b"\n"):
            return


def _jsonl_document(line: bytes, origin: str, opts: _Options) -> Document | Reject:
    # JSON is UTF-8 by the standard, but exported scrapes are not always.
    decoded = _decode(line)
    if decoded is None:
        return Reject(origin, "undecodable bytes (no text encoding fits)", STAGE)
    try:
        record = json.loads(decoded)
    except json.JSONDecodeError as exc:
        return Reject(origin, f"not JSON ({exc.msg} at column {exc.colno})", STAGE)
    if not isinstance(record, dict):
        return Reject(origin, f"not a JSON object (a {type(record).__name__})", STAGE)
    wrong = _wrong_jsonl_types(record)
    if wrong:
        return Reject(origin, f"wrong field type: {wrong}", STAGE)
    # Prefer `text`: it is the article as the user has it; `html` still needs extracting.
    text, html = record.get("text") or "", record.get("html") or ""
    if not text.strip() and not html.strip():
        return Reject(origin, "empty (no text or html)", STAGE)
    raw, fmt = (text, "text") if text.strip() or not html.strip() else (html, "html")
    given_id = record.get("id")
    doc_id = "" if given_id is None else str(given_id).strip()
    date_value = record.get("date")
    # A date of the wrong type is like an unparseable one: the default is a fine fallback.
    when = _iso_date(date_value) if isinstance(date_value, str) else None
    return Document(
        id=doc_id or _content_id(raw.encode("utf-8")), raw=raw, raw_format=fmt, url=record.get("url"),
        title=record.get("title"), date=when or opts.default_date, origin=origin,
    )


def _wrong_jsonl_types(record: dict[str, object]) -> str:
    """'' when the fields have the types the reader needs, else what is wrong."""
    problems = [
        f"{name} is {type(record[name]).__name__}, not a string"
        for name in _JSONL_TEXT_FIELDS
        if record.get(name) is not None and not isinstance(record[name], str)
    ]
    given_id = record.get("id")
    if given_id is not None and (isinstance(given_id, bool) or not isinstance(given_id, (str, int))):
        problems.append(f"id is {type(given_id).__name__}, not a string or integer")
    return "; ".join(problems)


def _read_warc(opened: _Opened, origin: str, opts: _Options) -> Iterator[Document | Reject]:
    """HTML (and plain-text) responses of a WARC; requests, metadata and images are not documents."""
    # imported here: warcio (and the fsspec it brings) is for archives only, not worth loading for a text
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed
    from warcio.statusandheaders import StatusAndHeadersParserException

    number = documents = 0
    try:
        for number, record in enumerate(ArchiveIterator(opened.stream), start=1):
            item = _warc_document(record, opened.guard, f"{origin}#{number}", opts)
            if item is not None:
                documents += isinstance(item, Document)
                yield item
    except (ArchiveLoadFailed, StatusAndHeadersParserException) as exc:
        detail = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        where = f"unreadable WARC after record #{number}" if number else "not a WARC file"
        yield Reject(origin, f"{where}: {detail}", STAGE)
        return
    if opened.guard.error:
        yield Reject(origin, f"{opened.guard.error} at or after record #{number}", STAGE)
    elif not documents:
        yield Reject(origin, f"no HTML or text responses in {number} WARC records", STAGE)


def _warc_document(record: ArcWarcRecord, guard: _Guard, origin: str, opts: _Options) -> Document | Reject | None:
    if record.rec_type == "response":
        if record.http_headers is None or not record.http_headers.get_statuscode().startswith("2"):
            return None  # redirects and errors carry no article
        content_type = record.http_headers.get_header("Content-Type")
    elif record.rec_type == "resource":
        content_type = record.rec_headers.get_header("Content-Type")
    else:
        return None
    fmt = _payload_format(content_type)
    if fmt is None:
        return None
    try:
        data = record.content_stream().read(opts.max_bytes + 1)
    except (zlib.error, OSError, EOFError) as exc:
        return Reject(origin, f"bad content encoding ({exc})", STAGE)
    if getattr(record.raw_stream, "limit", 0) > 0 and len(data) <= opts.max_bytes:
        if guard.error:
            return None  # cut off by a truncated gzip stream: _read_warc reports it
        return Reject(origin, "truncated WARC record (the file ends inside it)", STAGE)
    if len(data) > opts.max_bytes:
        return _too_big(origin, opts)
    binary = _binary_kind(data[:_HEAD_BYTES])
    if binary:
        return Reject(origin, f"binary content ({binary})", STAGE)
    if fmt == "unknown":
        fmt = "html" if _sniff_format(data[:_HEAD_BYTES]) == "html" else "text"
    headers = record.rec_headers
    url = headers.get_header("WARC-Target-URI")
    record_id = (headers.get_header("WARC-Record-ID") or "").strip("<> ")
    declared = _content_type_charset(content_type) or (_meta_charset(data) if fmt == "html" else None)
    doc_id = record_id or (_content_id(url.encode("utf-8")) if url else "")
    when = _iso_date(headers.get_header("WARC-Date")) or opts.default_date
    return _with_raw(Document(id=doc_id, raw_format=fmt, url=url, date=when, origin=origin), data, declared)


def _payload_format(content_type: str | None) -> str | None:
    """'html', 'text', 'unknown' (no type given: sniff) or None (not a document)."""
    if not content_type:
        return "unknown"
    media = content_type.split(";")[0].strip().lower()
    if media in ("text/html", "application/xhtml+xml"):
        return "html"
    return "text" if media == "text/plain" else None


def _decode(data: bytes, declared: str | None = None) -> str | None:
    """Text of `data`: BOM, then UTF-8, then a declared charset, then charset-normalizer's guess."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _try_decode(data, encoding)
    # Bytes that decode as UTF-8 are UTF-8 in practice; detection on them only adds mistakes.
    text = _try_decode(data, "utf-8")
    # A declared UTF-16/32 without a BOM is a known HTML mistake (WHATWG reads it as UTF-8).
    if text is None and declared and not declared.lower().startswith(("utf-16", "utf-32", "utf16", "utf32")):
        text = _try_decode(data, declared)
    return text if text is not None else (_detect(data) or _decode_lines(data))


def _decode_lines(data: bytes) -> str | None:
    """Text of a file of mixed encodings (scrapes pasted together): UTF-8 lines as UTF-8, the
    others in the encoding detected on them alone; None when even those fit no encoding."""
    lines = data.split(b"\n")
    decoded = [_try_decode(line, "utf-8") for line in lines]
    rest = b"\n".join(line for line, text in zip(lines, decoded) if text is None)
    best = from_bytes(rest).best() if rest else None
    if best is None or not best.encoding:
        return None
    return "\n".join(text if text is not None else line.decode(best.encoding, "replace")
                     for line, text in zip(lines, decoded))


def _try_decode(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def _detect(data: bytes) -> str | None:
    results = from_bytes(data)
    best = results.best()
    if best is None:
        return None
    # On a tie (short Western text), cp1252 is the likeliest: WHATWG reads latin-1 labels as it.
    for match in results:
        if (match.encoding == "cp1252" and match.chaos == best.chaos
                and match.coherence == best.coherence):
            return str(match)
    return str(best)


def _meta_charset(data: bytes) -> str | None:
    found = _META_CHARSET.search(data[:_HEAD_BYTES])
    return found.group(1).decode("ascii", "replace") if found else None


def _content_type_charset(content_type: str | None) -> str | None:
    found = _CT_CHARSET.search(content_type or "")
    return found.group(1) if found else None


def _iso_date(value: str | None) -> str | None:
    """YYYY-MM-DD of a stated date, or None when it cannot be parsed or is absurd."""
    if not value or not value.strip():
        return None
    parsed = _parse_datetime(value.strip())
    if parsed is None or not _MIN_YEAR <= parsed.year <= date.today().year + 1:
        return None
    return parsed.date().isoformat()


def _parse_datetime(value: str) -> datetime | None:
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        pass
    try:
        return email.utils.parsedate_to_datetime(value)  # HTTP and RSS dates
    except (TypeError, ValueError, IndexError):
        pass
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(value, fmt)
        except ValueError:
            continue
    return None


def _last_extension(path: str) -> str:
    name = os.path.basename(path).lower()
    for suffix in _COMPRESSED:
        name = name.removesuffix(suffix)
    return os.path.splitext(name)[1]


def _strip_extensions(name: str) -> str:
    """`page.html.gz` -> `page`; only known extensions go, so `2013.08.09-story` keeps its dots."""
    stem = name
    while True:
        base, ext = os.path.splitext(stem)
        if not base or (ext.lower() not in _EXTENSIONS and ext.lower() not in _COMPRESSED):
            return stem
        stem = base


def _content_id(data: bytes) -> str:
    return hashlib.sha1(data).hexdigest()[:16]
