"""The command line, run in-process through its entry point."""
from __future__ import annotations

import csv
import io
import json

import pytest

from newsevents.cli import build_parser, main


def test_code_jsonl_prints_full_records_for_the_sample(sample_path, capsys, coder):
    assert main(["code", str(sample_path), "--date", "2013-08-10", "--format", "jsonl"]) == 0
    out, err = capsys.readouterr()
    records = [json.loads(line) for line in out.splitlines()]
    meeting = [r for r in records if r["trigger"]["text"] == "met"]
    assert meeting and all(r["source"]["country"] == "RUS" and r["target"]["country"] == "USA" for r in meeting)
    assert all(r["cameo"].startswith("04") and r["plover"]["type"] == "CONSULT" for r in meeting)
    assert all(r["doc_id"] == "tengrinews-syria-talks" for r in records)
    assert "read 1, coded 1, rejected 0" in err


def test_code_table_is_the_default_and_readable(tmp_path, capsys, coder):
    path = tmp_path / "story.txt"
    path.write_text("China and Russia held talks in Beijing on Monday.")
    assert main(["code", str(path), "--date", "2020-05-06"]) == 0
    out = capsys.readouterr().out
    assert "story#0" in out and "CHN" in out and "RUS" in out and "040" in out
    assert "China and Russia held talks" in out


def test_code_csv_has_a_header_and_one_row_per_event(tmp_path, capsys, coder):
    path = tmp_path / "story.txt"
    path.write_text("Russia attacked Ukraine on Monday.")
    assert main(["code", str(path), "--date", "2022-02-28", "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [(r["source_code"], r["target_code"], r["cameo"][:2]) for r in rows] == [("RUS", "UKR", "19")]


def test_code_reads_stdin(monkeypatch, capsys, coder):
    data = json.dumps({"id": "s1", "text": "Japan criticized North Korea.", "date": "2017-09-01"}) + "\n"
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(data.encode())))
    assert main(["code", "-", "--format", "jsonl"]) == 0
    [record] = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert (record["doc_id"], record["source"]["code"], record["target"]["code"]) == ("s1", "JPN", "PRK")
    assert record["plover"]["type"] == "ACCUSE"


def test_missing_path_gives_one_line_naming_it_and_a_nonzero_exit(tmp_path, capsys, coder):
    missing = tmp_path / "nope.txt"
    assert main(["code", str(missing)]) == 1
    err_lines = [line for line in capsys.readouterr().err.splitlines() if str(missing) in line]
    assert len(err_lines) == 1 and "no such file" in err_lines[0].lower()


def test_folder_without_documents_is_an_error(tmp_path, capsys, coder):
    (tmp_path / "empty").mkdir()
    assert main(["code", str(tmp_path / "empty")]) == 1
    assert str(tmp_path / "empty") in capsys.readouterr().err


def test_a_bad_file_in_a_batch_does_not_stop_the_others(tmp_path, capsys, coder):
    (tmp_path / "a.txt").write_text("")
    (tmp_path / "b.txt").write_text("Turkey expelled the Dutch ambassador.")
    assert main(["code", str(tmp_path), "--format", "jsonl", "--date", "2017-03-12"]) == 0
    out, err = capsys.readouterr()
    assert "a.txt" in err and "empty" in err
    assert [json.loads(line)["doc_id"] for line in out.splitlines()] == ["b"]


def test_clean_jsonl_prints_the_fields_score_text_reads(sample_path, capsys):
    assert main(["clean", str(sample_path), "--format", "jsonl", "--date", "2013-08-10"]) == 0
    [record] = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert set(record) == {"id", "url", "title", "date", "language", "text"}
    assert record["id"] == "tengrinews-syria-talks" and record["language"] == "en"
    assert record["date"] == "2013-08-10"
    assert record["text"].count("Lavrov and Russian Defense Minister Sergei Shoigu met") == 1


def test_bad_date_option_is_refused(capsys):
    with pytest.raises(SystemExit):
        build_parser().parse_args(["code", "x.txt", "--date", "2013-02-30"])
    assert "2013-02-30" in capsys.readouterr().err


def test_user_actor_dictionary_adds_actors(tmp_path, capsys):
    dictionary = tmp_path / "actors.txt"
    dictionary.write_text("FREEDONIA  [GBR]\n+FREEDONIANS\n")
    story = tmp_path / "story.txt"
    story.write_text("Freedonia attacked Iraq on Monday.")
    assert main(["code", str(story), "--actors", str(dictionary), "--format", "jsonl", "--date", "2020-01-08"]) == 0
    [record] = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert (record["source"]["code"], record["target"]["code"]) == ("GBR", "IRQ")


def test_malformed_user_dictionary_is_one_line_with_file_and_line(tmp_path, capsys):
    dictionary = tmp_path / "bad.txt"
    dictionary.write_text("ZANZIBAR  [ZNZ]\n")
    story = tmp_path / "story.txt"
    story.write_text("Iraq attacked Iran.")
    assert main(["code", str(story), "--actors", str(dictionary)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [f"newsevents: {dictionary}:1: unknown country code 'ZNZ' in [ZNZ]"]
