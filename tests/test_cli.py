"""The command line, run in-process through its entry point."""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
import subprocess
from pathlib import Path

import pytest

from helpers import NEWSEVENTS, rows
from newsevents import store
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
    dictionary.write_text("ZANZIBAR  [TZA 19991399-]\n")  # no 99th day: a line the reader cannot use
    story = tmp_path / "story.txt"
    story.write_text("Iraq attacked Iran.")
    assert main(["code", str(story), "--actors", str(dictionary)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [f"newsevents: {dictionary}:1: bad date restriction '19991399-' (use >DATE, <DATE or DATE-DATE)"]


# --- the event database from the command line ------------------------------------------------------

def run(argv: list[str], capsys) -> tuple[int, str, str]:
    """Exit status, stdout and stderr of one command; argparse's usage errors give their SystemExit code."""
    try:
        status = main(argv)
    except SystemExit as exit_info:
        status = exit_info.code
    out, err = capsys.readouterr()
    return status, out, err


@pytest.fixture
def empty_db(tmp_path) -> Path:
    path = tmp_path / "events.duckdb"
    with store.connect(str(path)):  # creates the schema; no model needed
        pass
    return path


@pytest.fixture(scope="module")
def undated_db(tmp_path_factory) -> Path:
    """One story with no date anywhere (no page date, no --date): its event has no date."""
    folder = tmp_path_factory.mktemp("undated")
    (folder / "story.txt").write_text("Russia attacked Ukraine.", encoding="utf-8")
    path = folder / "events.duckdb"
    assert main(["ingest", str(folder / "story.txt"), "--db", str(path), "--workers", "1", "--no-progress"]) == 0
    return path


def test_sql_copy_is_refused_and_writes_no_file(empty_db, tmp_path, capsys):
    target = tmp_path / "copied.csv"
    status, out, err = run(["query", "--db", str(empty_db), "--sql", f"COPY events TO '{target}'"], capsys)
    assert status == 2 and out == ""
    assert err.startswith("newsevents: SQL refused: COPY is not a SELECT statement")
    assert "Traceback" not in err and not target.exists()


@pytest.mark.parametrize("path", ["/etc/passwd", "outside.csv"])
def test_sql_reading_a_file_outside_the_database_is_refused(empty_db, tmp_path, capsys, path):
    if path == "outside.csv":
        path = str(tmp_path / path)
        Path(path).write_text("secret_column\nsecret-value-7f3a\n", encoding="utf-8")
    status, out, err = run(["query", "--db", str(empty_db), "--sql", f"SELECT * FROM read_csv('{path}')"], capsys)
    assert status == 2 and out == ""
    assert "SQL refused: it reaches outside the database" in err and path in err
    # The error names the path (which may hold any digits), so the test looks for the
    # file's contents, never for a short string the temporary path could contain.
    assert "secret-value-7f3a" not in out + err and "secret_column" not in out + err
    assert "root:" not in out + err


def test_sql_install_is_refused(empty_db, capsys):
    status, _, err = run(["query", "--db", str(empty_db), "--sql", "INSTALL httpfs"], capsys)
    assert status == 2 and err.startswith("newsevents: SQL refused: INSTALL is not a SELECT statement")


def test_sql_of_two_statements_is_refused(empty_db, capsys):
    status, out, err = run(["query", "--db", str(empty_db), "--sql", "SELECT 1; SELECT 2"], capsys)
    assert status == 2 and out == ""
    assert err.startswith("newsevents: SQL refused: 2 statements; allowed is one SELECT statement")


def test_sql_one_select_still_works(empty_db, capsys):
    sql = "SELECT count(*) AS documents, 'ok' AS status FROM documents"
    status, out, _ = run(["query", "--db", str(empty_db), "--sql", sql, "--format", "csv"], capsys)
    assert status == 0 and out.splitlines() == ["documents,status", "0,ok"]


def test_ingest_warns_of_documents_without_a_date(tmp_path, capsys):
    (tmp_path / "dated.jsonl").write_text(json.dumps({"id": "d", "date": "2022-02-24",
                                                      "text": "Russia attacked Ukraine."}) + "\n")
    (tmp_path / "undated.txt").write_text("China criticized Japan.")
    status, _, err = run(["ingest", str(tmp_path / "dated.jsonl"), str(tmp_path / "undated.txt"),
                          "--db", str(tmp_path / "e.duckdb"), "--workers", "1", "--no-progress"], capsys)
    assert status == 0
    [warning] = [line for line in err.splitlines() if line.startswith("warning:")]
    assert "1 document had no publication date" in warning and "--date YYYY-MM-DD" in warning


def test_missing_dates_print_empty_in_query_output(undated_db, capsys):
    status, out, _ = run(["query", "--db", str(undated_db), "--format", "csv"], capsys)
    [row] = list(csv.DictReader(io.StringIO(out)))
    assert status == 0 and (row["date"], row["source_code"], row["target_code"]) == ("", "RUS", "UKR")

    status, out, _ = run(["query", "--db", str(undated_db)], capsys)
    header, line = out.splitlines()
    assert status == 0 and "NaT" not in out
    assert dict(zip(header.split("\t"), line.split("\t")))["date"] == ""

    status, out, _ = run(["query", "--db", str(undated_db), "--format", "jsonl"], capsys)
    assert json.loads(out)["date"] is None


def test_missing_dates_print_empty_in_code_output(tmp_path, capsys):
    (tmp_path / "story.txt").write_text("Russia attacked Ukraine.")
    status, out, _ = run(["code", str(tmp_path / "story.txt")], capsys)
    assert status == 0 and "NaT" not in out
    assert out.splitlines()[0].startswith("story#0   " + " " * 10 + "  " + "      RUS -> UKR")


def test_export_to_dash_writes_standard_output(undated_db, tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    status, out, err = run(["export", "--db", str(undated_db), "--format", "plover", "--out", "-"], capsys)
    [record] = [json.loads(line) for line in out.splitlines()]
    assert status == 0 and (record["source"]["code"], record["target"]["code"]) == ("RUS", "UKR")
    assert "wrote 1 rows (plover) to standard output" in err
    assert not (tmp_path / "-").exists()


@pytest.mark.parametrize("argv, message", [
    (["query", "--limit", "-1"], "argument --limit: -1 is below the least allowed value, 0"),
    (["query", "--actor", "RUS", "--sql", "SELECT 1"], "--actor does not apply with --sql"),
    (["query", "--limit", "5", "--series", "--sql", "SELECT 1"], "--limit, --series do not apply with --sql"),
    (["query", "--by", "week"], "--by does not apply without --series"),
    (["query", "--since", "2013-13-01"], "'2013-13-01' is not a date"),
    (["export", "--format", "plover", "--table", "mentions", "--out", "x"],
     "--table does not apply to --format plover"),
    (["export", "--format", "gdelt", "--table", "events", "--out", "x"], "--table does not apply to --format gdelt"),
    (["export", "--format", "csv", "--partition-by", "month", "--out", "x"],
     "--partition-by does not apply to --format csv"),
    (["export", "--format", "parquet", "--partition-by", "month", "--out", "-"],
     "--partition-by does not apply to --out -"),
    (["ingest", "news", "--dask", "local", "--workers", "2"], "--workers does not apply with --dask"),
    (["ingest", "news", "--workers", "0"], "argument --workers: 0 is below the least allowed value, 1"),
    (["ingest", "news", "--batch", "0"], "argument --batch: 0 is below the least allowed value, 1"),
])
def test_options_that_do_not_apply_are_usage_errors(argv, message, tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    status, out, err = run(argv, capsys)
    assert status == 2 and out == ""
    assert err.startswith(f"usage: newsevents {argv[0]}") and message in err
    assert not list(tmp_path.iterdir())  # nothing opened, created or written


def test_ingest_reads_standard_input_given_as_dash(tmp_path, capsys, monkeypatch):
    data = json.dumps({"id": "s1", "text": "Japan criticized North Korea.", "date": "2017-09-01"}) + "\n"
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(data.encode())))
    db = tmp_path / "e.duckdb"
    status, _, err = run(["ingest", "-", "--db", str(db), "--workers", "1", "--no-progress"], capsys)
    assert status == 0 and "read 1: stored 1" in err
    assert rows(db, "SELECT doc_id, date FROM documents") == [("s1", dt.date(2017, 9, 1))]


def test_ingest_help_says_a_path_is_required_and_dash_is_stdin(capsys):
    with pytest.raises(SystemExit):
        build_parser().parse_args(["ingest", "--help"])
    text = " ".join(capsys.readouterr().out.split())
    assert "PATH [PATH ...]" in text and "or - for standard input" in text and "(the default)" not in text
    status, _, err = run(["ingest"], capsys)
    assert status == 2 and "the following arguments are required: PATH" in err


def test_a_reader_that_closes_the_pipe_early_ends_the_command_quietly(empty_db):
    sql = "SELECT range AS n, 'a row long enough to fill the pipe' AS filler FROM range(300000)"
    command = subprocess.Popen([str(NEWSEVENTS), "query", "--db", str(empty_db), "--sql", sql, "--format", "csv"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    first = command.stdout.readline()
    command.stdout.close()  # as `| head -1` does: far more than a pipe buffer is still to come
    err = command.stderr.read().decode()
    assert command.wait(timeout=120) == 0
    assert first == b"n,filler\n" and err == ""


def test_the_parser_needs_neither_the_store_nor_pandas_and_shows_their_choices():
    """Building the parser (every command, `newsevents code` too) imports no duckdb, pyarrow or
    pandas: the store commands' choices are mirrored in cli/options.py, and must agree."""
    from newsevents import export
    from newsevents.cli import options

    assert (options.DEFAULT_DB, options.PERIODS) == (store.DEFAULT_DB, store.PERIODS)
    assert (options.EXPORT_FORMATS, options.EXPORT_TABLES) == (export.FORMATS, export.TABLES)
    code = ("import sys; from newsevents.cli import build_parser; build_parser(); "
            "print(sorted({'pandas', 'duckdb', 'pyarrow', 'newsevents.api', 'newsevents.store'} & set(sys.modules)))")
    done = subprocess.run([str(NEWSEVENTS.parent / "python"), "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
