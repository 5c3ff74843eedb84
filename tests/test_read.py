"""Tests of the read stage: every input kind written small by the test, values asserted."""
from __future__ import annotations

import gzip
import io
import json
import os
import sys
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsevents.read import FORMATS, read_inputs
from newsevents.records import Document, Reject

RUSSIAN = (
    "Министр иностранных дел России Сергей Лавров встретился в Вашингтоне "
    "с госсекретарем США Джоном Керри. Стороны обсудили ситуацию в Сирии."
)
FRENCH = (
    "Le président français a rencontré à Genève le ministre allemand des affaires étrangères. "
    "Les deux hommes ont évoqué la crise syrienne et la sécurité européenne."
)
HTML = "<!DOCTYPE html><html><head><title>Talks</title></head><body><p>Lavrov met Kerry.</p></body></html>"


def read(*paths: object, **options: object) -> list[Document | Reject]:
    return list(read_inputs([str(path) for path in paths], **options))  # type: ignore[arg-type]


def only_document(items: list[Document | Reject]) -> Document:
    assert len(items) == 1 and isinstance(items[0], Document), items
    return items[0]


def only_reject(items: list[Document | Reject]) -> Reject:
    assert len(items) == 1 and isinstance(items[0], Reject), items
    assert items[0].stage == "read"
    return items[0]


def write_warc(path: Path, pages: list[tuple[str, str, str]], *, extra_image: bool = False) -> bytes:
    """A gzipped WARC of (url, date, html) responses, as a crawler writes it."""
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    writer.write_record(writer.create_warcinfo_record("test.warc.gz", {"software": "test"}))
    for url, when, html in pages:
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        record = writer.create_warc_record(
            url, "response", payload=io.BytesIO(html.encode("utf-8")), http_headers=headers,
            warc_headers_dict={"WARC-Date": when},
        )
        writer.write_record(record)
    if extra_image:
        headers = StatusAndHeaders("200 OK", [("Content-Type", "image/png")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(
            "http://example.com/logo.png", "response", payload=io.BytesIO(b"\x89PNG\r\n\x1a\n\x00"),
            http_headers=headers,
        ))
    path.write_bytes(buffer.getvalue())
    return buffer.getvalue()


# Plain text and HTML files

def test_text_file_id_raw_and_default_date(tmp_path: Path) -> None:
    path = tmp_path / "tengrinews-syria-talks.txt"
    path.write_text("Lavrov met Kerry in Washington.\n", encoding="utf-8")
    doc = only_document(read(path, default_date="2013-08-09"))
    assert doc.id == "tengrinews-syria-talks"
    assert doc.raw == "Lavrov met Kerry in Washington.\n"
    assert doc.raw_format == "text"
    assert doc.date == "2013-08-09"
    assert doc.origin == str(path)
    assert doc.text == ""  # cleaning is not this stage's job


def test_html_gz_id_is_name_without_extensions(tmp_path: Path) -> None:
    path = tmp_path / "page.html.gz"
    path.write_bytes(gzip.compress(HTML.encode("utf-8")))
    doc = only_document(read(path))
    assert doc.id == "page"
    assert doc.raw_format == "html"
    assert doc.raw == HTML  # raw HTML is kept for the clean stage
    assert doc.date is None


def test_html_detected_by_content_in_a_txt_file(tmp_path: Path) -> None:
    path = tmp_path / "saved.txt"
    path.write_text("\n  " + HTML, encoding="utf-8")
    assert only_document(read(path)).raw_format == "html"


def test_only_known_extensions_are_stripped_from_the_id(tmp_path: Path) -> None:
    path = tmp_path / "2013.08.09-story.txt"
    path.write_text("Story.", encoding="utf-8")
    assert only_document(read(path)).id == "2013.08.09-story"


# Encodings

def test_cp1251_russian_is_decoded(tmp_path: Path) -> None:
    path = tmp_path / "ru.txt"
    path.write_bytes(RUSSIAN.encode("cp1251"))
    assert only_document(read(path)).raw == RUSSIAN


def test_utf8_bom_is_stripped(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbf" + RUSSIAN.encode("utf-8"))
    assert only_document(read(path)).raw == RUSSIAN


def test_latin1_is_decoded(tmp_path: Path) -> None:
    path = tmp_path / "fr.txt"
    path.write_bytes(FRENCH.encode("latin-1"))
    assert only_document(read(path)).raw == FRENCH


def test_short_latin1_text_is_not_read_as_central_european(tmp_path: Path) -> None:
    path = tmp_path / "short.txt"
    path.write_bytes("Café au lait, naïve résumé à Genève.".encode("latin-1"))
    assert only_document(read(path)).raw == "Café au lait, naïve résumé à Genève."


def test_html_meta_charset_is_used_when_not_utf8(tmp_path: Path) -> None:
    html = f'<html><head><meta charset="windows-1251"></head><body>{RUSSIAN[:40]}</body></html>'
    path = tmp_path / "ru.html"
    path.write_bytes(html.encode("cp1251"))
    assert only_document(read(path)).raw == html


def test_utf16_with_bom_is_text_not_binary(tmp_path: Path) -> None:
    path = tmp_path / "wide.txt"
    path.write_bytes(RUSSIAN.encode("utf-16"))
    assert only_document(read(path)).raw == RUSSIAN


# JSONL

def test_jsonl_one_document_a_line_with_its_fields(tmp_path: Path) -> None:
    path = tmp_path / "batch.jsonl"
    rows = [
        {"id": "a1", "text": "Lavrov met Kerry.", "date": "2013-08-09T10:00:00Z",
         "url": "http://example.com/a1", "title": "Talks"},
        {"id": 42, "text": "Russia blocked the resolution.", "date": "Fri, 09 Aug 2013 08:00:00 GMT"},
    ]
    path.write_text("\n".join(json.dumps(row) for row in rows) + "\n", encoding="utf-8")
    first, second = read(path)
    assert isinstance(first, Document) and isinstance(second, Document)
    assert (first.id, first.raw, first.raw_format) == ("a1", "Lavrov met Kerry.", "text")
    assert (first.url, first.title, first.date) == ("http://example.com/a1", "Talks", "2013-08-09")
    assert first.origin == f"{path}:1"
    assert (second.id, second.date, second.origin) == ("42", "2013-08-09", f"{path}:2")


def test_jsonl_broken_line_is_rejected_with_its_number_and_the_rest_read(tmp_path: Path) -> None:
    path = tmp_path / "batch.jsonl"
    path.write_text(
        '{"id": "a", "text": "One."}\n{"id": "b", "text": \n\n{"id": "c", "text": ["x"]}\n[1, 2]\n'
        '{"id": "d", "text": "Four."}\n',
        encoding="utf-8",
    )
    items = read(path)
    assert [item.id for item in items if isinstance(item, Document)] == ["a", "d"]
    rejects = {item.origin: item.reason for item in items if isinstance(item, Reject)}
    assert set(rejects) == {f"{path}:2", f"{path}:4", f"{path}:5"}
    assert rejects[f"{path}:2"].startswith("not JSON")
    assert rejects[f"{path}:4"] == "wrong field type: text is list, not a string"
    assert rejects[f"{path}:5"].startswith("not a JSON object")
    assert next(item for item in items if isinstance(item, Document) and item.id == "d").origin == f"{path}:6"


def test_jsonl_html_field_gives_html_document(tmp_path: Path) -> None:
    path = tmp_path / "pages.jsonl.gz"
    path.write_bytes(gzip.compress((json.dumps({"id": "p", "html": HTML}) + "\n").encode("utf-8")))
    doc = only_document(read(path))
    assert (doc.id, doc.raw, doc.raw_format) == ("p", HTML, "html")


def test_jsonl_bad_and_absurd_dates_fall_back_to_default(tmp_path: Path) -> None:
    path = tmp_path / "dates.jsonl"
    rows = [{"id": "x", "text": "A.", "date": "9999-12-31"}, {"id": "y", "text": "B.", "date": "soon"},
            {"id": "z", "text": "C.", "date": 1376006400}, {"id": "w", "text": "D.", "date": "09.08.2013"}]
    path.write_text("\n".join(json.dumps(row) for row in rows), encoding="utf-8")
    dates = [item.date for item in read(path, default_date="2020-01-02") if isinstance(item, Document)]
    assert dates == ["2020-01-02", "2020-01-02", "2020-01-02", "2013-08-09"]


def test_jsonl_without_id_gets_a_stable_content_id_and_duplicates_are_kept(tmp_path: Path) -> None:
    path = tmp_path / "dup.jsonl"
    path.write_text('{"text": "Same."}\n{"id": "k", "text": "A."}\n{"id": "k", "text": "B."}\n', encoding="utf-8")
    first, second, third = read(path)
    again = read(path)[0]
    assert isinstance(first, Document) and len(first.id) == 16 and again.id == first.id
    assert [second.id, third.id] == ["k", "k"]  # the store decides about duplicates
    assert [second.raw, third.raw] == ["A.", "B."]


# WARC

def test_warc_gz_two_responses_give_two_documents_with_url_and_date(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc.gz"
    write_warc(path, [
        ("http://example.com/one", "2013-08-09T10:00:00Z", "<html><body>One</body></html>"),
        ("http://example.com/two", "2013-08-10T11:00:00Z", "<html><body>Two</body></html>"),
    ], extra_image=True)
    items = read(path, default_date="2020-01-01")
    assert all(isinstance(item, Document) for item in items), items
    assert [(doc.url, doc.date, doc.raw_format) for doc in items] == [
        ("http://example.com/one", "2013-08-09", "html"),
        ("http://example.com/two", "2013-08-10", "html"),
    ]
    assert items[0].raw == "<html><body>One</body></html>"
    assert items[0].id.startswith("urn:uuid:") and items[0].id != items[1].id
    assert [doc.origin for doc in items] == [f"{path}#2", f"{path}#3"]


def test_truncated_warc_gz_keeps_complete_records_and_rejects_the_rest(tmp_path: Path) -> None:
    path = tmp_path / "cut.warc.gz"
    pages = [(f"http://example.com/{n}", "2013-08-09T10:00:00Z", f"<html><body>{n} {'x' * 3000}</body></html>")
             for n in range(3)]
    data = write_warc(path, pages)
    path.write_bytes(data[: len(data) - 40])
    items = read(path)
    assert [item.url for item in items if isinstance(item, Document)] == ["http://example.com/0",
                                                                          "http://example.com/1"]
    reject = items[-1]
    assert isinstance(reject, Reject) and reject.origin == str(path)
    assert reject.reason.startswith("truncated gzip stream")


def test_not_a_warc_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "fake.warc"
    path.write_text("hello, not a warc\n", encoding="utf-8")
    assert "WARC" in only_reject(read(path)).reason


# Folders, stdin, forcing a format

def test_folder_is_read_recursively_in_sorted_order_skipping_hidden(tmp_path: Path) -> None:
    (tmp_path / "b" / "c").mkdir(parents=True)
    (tmp_path / ".git").mkdir()
    for name in ("z.txt", "a.txt", "b/m.html", "b/c/d.txt", ".hidden.txt", ".git/x.txt"):
        (tmp_path / name).write_text(f"<html>{name}</html>" if name.endswith(".html") else name, encoding="utf-8")
    docs = read(tmp_path)
    assert [doc.id for doc in docs] == ["a", "b/c/d", "b/m", "z"]
    assert docs[1].origin == str(tmp_path / "b" / "c" / "d.txt")


def test_folder_without_documents_is_rejected_by_name(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("  \n", encoding="utf-8")
    items = read(tmp_path)
    assert [(item.origin, item.reason) for item in items][0] == (str(tmp_path / "empty.txt"), "empty")
    assert items[-1].origin == str(tmp_path) and "no readable documents" in items[-1].reason


def test_stdin_bytes_are_sniffed(monkeypatch: pytest.MonkeyPatch) -> None:
    data = (json.dumps({"id": "s1", "text": "From a pipe."}) + "\n").encode("utf-8")
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    doc = only_document(read("-"))
    assert (doc.id, doc.raw, doc.origin) == ("s1", "From a pipe.", "<stdin>:1")


def test_stdin_text_gets_a_content_hash_id(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(gzip.compress(RUSSIAN.encode("cp1251")))))
    doc = only_document(read("-"))
    assert doc.raw == RUSSIAN and len(doc.id) == 16
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(gzip.compress(RUSSIAN.encode("cp1251")))))
    assert only_document(read("-")).id == doc.id


def test_input_format_forces_the_reader(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(HTML, encoding="utf-8")
    assert only_document(read(path, input_format="text")).raw_format == "text"
    lines = tmp_path / "lines.dat"
    lines.write_text('{"id": "q", "html": "<p>x</p>"}\n', encoding="utf-8")
    assert only_document(read(lines, input_format="jsonl")).id == "q"
    assert "text" in FORMATS


def test_bad_arguments_raise_before_reading() -> None:
    with pytest.raises(ValueError):
        read_inputs(["x"], input_format="pdf")
    with pytest.raises(ValueError):
        read_inputs(["x"], default_date="next week")


# Bad input: rejected with a reason, the rest goes on

def test_missing_empty_and_binary_inputs_are_rejected_and_reading_goes_on(tmp_path: Path) -> None:
    missing, empty, blank, image, good = (tmp_path / name for name in
                                          ("missing.txt", "empty.txt", "blank.txt", "logo.txt", "good.txt"))
    empty.write_bytes(b"")
    blank.write_text(" \n\t\n", encoding="utf-8")
    image.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    good.write_text("Fine.", encoding="utf-8")
    items = read(missing, empty, blank, image, good)
    assert [(item.origin, item.reason) for item in items[:4]] == [
        (str(missing), "no such file or directory"),
        (str(empty), "empty"),
        (str(blank), "empty"),
        (str(image), "binary content (PNG image)"),
    ]
    assert isinstance(items[4], Document) and items[4].raw == "Fine."


def test_nul_bytes_are_binary(tmp_path: Path) -> None:
    path = tmp_path / "blob"
    path.write_bytes(b"abc\x00\x01\x02" * 10)
    assert only_reject(read(path)).reason == "binary content (NUL bytes)"


def test_truncated_gzip_document_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "page.html.gz"
    data = gzip.compress((HTML * 50).encode("utf-8"))
    path.write_bytes(data[: len(data) // 2])
    reject = only_reject(read(path))
    assert (reject.origin, reject.reason) == (str(path), "truncated gzip stream")


def test_size_limit(tmp_path: Path) -> None:
    big, small, packed = tmp_path / "big.txt", tmp_path / "small.txt", tmp_path / "big.txt.gz"
    big.write_text("x" * 101, encoding="utf-8")
    small.write_text("x" * 100, encoding="utf-8")
    packed.write_bytes(gzip.compress(b"x" * 101))
    items = read(big, small, packed, max_bytes=100)
    assert [getattr(item, "reason", None) for item in items] == [
        "over the size limit of 100 bytes", None, "over the size limit of 100 bytes"]


def test_jsonl_line_over_size_limit_is_rejected_alone(tmp_path: Path) -> None:
    path = tmp_path / "big.jsonl"
    path.write_text(json.dumps({"id": "big", "text": "x" * 500}) + "\n" + json.dumps({"id": "ok", "text": "y"}),
                    encoding="utf-8")
    first, second = read(path, max_bytes=100)
    assert isinstance(first, Reject) and first.origin == f"{path}:1" and "size limit" in first.reason
    assert isinstance(second, Document) and second.id == "ok"


def test_warc_record_over_size_limit_is_rejected_and_the_others_read(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc.gz"
    write_warc(path, [("http://example.com/big", "2013-08-09T10:00:00Z", "<html>" + "x" * 500 + "</html>"),
                      ("http://example.com/ok", "2013-08-09T10:00:00Z", "<html>ok</html>")])
    big, ok = read(path, max_bytes=200)
    assert isinstance(big, Reject) and big.origin == f"{path}#2" and "size limit" in big.reason
    assert isinstance(ok, Document) and ok.url == "http://example.com/ok"


def test_warc_from_stdin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = write_warc(tmp_path / "x.warc.gz", [("http://example.com/s", "2013-08-09T10:00:00Z", HTML)])
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    doc = only_document(read("-"))
    assert (doc.url, doc.date, doc.raw, doc.origin) == ("http://example.com/s", "2013-08-09", HTML, "<stdin>#2")


class CountingStream(io.RawIOBase):
    """A stdin that counts what was read from it, to show the reader streams."""

    def __init__(self, data: bytes) -> None:
        self.data, self.position = data, 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        chunk = self.data[self.position: self.position + min(len(buffer), 4096)]
        buffer[: len(chunk)] = chunk
        self.position += len(chunk)
        return len(chunk)


def test_jsonl_is_streamed_not_read_whole(monkeypatch: pytest.MonkeyPatch) -> None:
    data = b"".join(json.dumps({"id": str(n), "text": "y" * 100}).encode() + b"\n" for n in range(5000))
    stream = CountingStream(data)
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BufferedReader(stream)))
    items = read_inputs(["-"])
    assert next(items).id == "0"  # type: ignore[union-attr]
    assert stream.position < len(data) // 10
    assert sum(1 for _ in items) == 4999


def test_truncated_jsonl_gz_keeps_whole_lines(tmp_path: Path) -> None:
    path = tmp_path / "cut.jsonl.gz"
    data = gzip.compress(b"".join(json.dumps({"id": str(n), "text": os.urandom(40).hex()}).encode() + b"\n"
                                  for n in range(200)))
    path.write_bytes(data[: len(data) // 2])
    items = read(path)
    documents = [item for item in items if isinstance(item, Document)]
    assert 0 < len(documents) < 200 and [doc.id for doc in documents] == [str(n) for n in range(len(documents))]
    assert all(len(doc.raw) == 80 for doc in documents)
    assert isinstance(items[-1], Reject) and items[-1].reason.startswith("truncated gzip stream after line")


def test_corrupt_gzip_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "bad.txt.gz"
    path.write_bytes(b"\x1f\x8b\x08\x00" + b"\xff" * 50)
    reject = only_reject(read(path))
    assert reject.origin == str(path) and "gzip" in reject.reason


def test_a_single_path_string_and_pathlike_are_accepted(tmp_path: Path) -> None:
    path = tmp_path / "one.txt"
    path.write_text("One.", encoding="utf-8")
    assert only_document(list(read_inputs(str(path)))).id == "one"  # type: ignore[arg-type]
    assert only_document(list(read_inputs([path]))).id == "one"  # type: ignore[list-item]
