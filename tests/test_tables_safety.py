"""Hostile strings, formula injection and failing writers: no single value or writer costs a run its tables."""
from __future__ import annotations

import csv
import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import openpyxl
import pyarrow.parquet as pq
import pytest

from extractor.cli import main
from extractor.report import render_report
from extractor.tables import RunData, write_tables
from extractor.exports import build_tables
from extractor.tables.columns import column_ids
from conftest import startup_hook

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = Path(__file__).parent / "fixtures" / "notices-1.0.jsonl"
HOSTILE = "到2025年\x00养老\x0b床位\x1b[31m达到\x7f\ud800\ufffe30万\udfff张\x0c。"
SPREADSHEETS = ["long.csv", "comparison.csv", "by_indicator.csv", "matrix.csv", "facts.csv", "unknown_region.csv", "tables.xlsx"]


def seed_records() -> list[dict]:
    return [json.loads(line) for line in FIXTURE.read_text(encoding="utf-8").splitlines() if line.strip()]


def write_records(path: Path, records: list[dict]) -> Path:
    """JSON with \\u escapes, so control characters and lone surrogates survive as they would in any JSONL."""
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="ascii")
    return path


def csv_rows(path: Path) -> list[dict[str, str]]:
    """A table CSV's rows keyed by the columns' English ids (the file's headers are their Chinese names)."""
    with path.open(encoding="utf-8-sig", newline="") as fh:
        reader = csv.reader(fh)
        header = next(reader)
        ids = header if path.name == "matrix.csv" else column_ids(header)  # the matrix's headers are its own ids
        return [dict(zip(ids, row)) for row in reader]


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    """A real notice whose target carries every kind of string XML, UTF-8 and SQLite refuse."""
    tmp = tmp_path_factory.mktemp("hostile")
    records = seed_records()
    ob = next(o for o in records[0]["obligations"] if o["kind"] == "target" and o["value"] == 50000)
    ob.update(sentence=HOSTILE, subject="社工\x00人才\ud83d", scope="全省\x1b", agencies=["民政厅\x0b", 7, None],
              deadline_text="\ufffe2025年", indicator="~社工\x00人才\ud83d||person", indicator_label="社工\x00人才\ud83d",
              indicator_provisional=True, unit_family="person\x0b")
    records[0].update(title="关于\x00印发\udfff的通知", text=records[0]["text"] + HOSTILE, warnings=["control: \x1b"],
                      issuers=["\x00厅"], media_type=None)
    other = records[0]["obligations"][1]
    other.update(value=float("nan"), value_max=10**400, start=2**70, end=True, confidence=float("inf"))
    src = write_records(tmp / "notices.jsonl", records)
    data = RunData.read([src])
    built = write_tables(data, tmp)
    built.attempt(tmp / "report.html", lambda p: render_report(data, p))
    return tmp, built, ob["id"]


def test_every_writer_succeeds_on_hostile_strings(hostile):
    out, built, _ = hostile
    assert built.failed == []
    names = [p.name for p in built.written]
    assert names == SPREADSHEETS[:6] + ["tables.xlsx", "long.parquet", "notices.sqlite", "metadata.json", "report.html"]
    assert not list(out.glob("*.tmp*"))


def test_bad_characters_become_replacement_characters_everywhere(hostile):
    out, _, ob_id = hostile
    wb = openpyxl.load_workbook(out / "tables.xlsx")  # openpyxl refuses illegal XML characters when reading too
    long = wb["long"]
    header = column_ids([c.value for c in long[1]])
    row = next(r for r in long.iter_rows(min_row=2, values_only=True) if r[header.index("obligation_id")] == ob_id)
    sentence = row[header.index("sentence")]
    assert sentence == "到2025年\ufffd养老\ufffd床位\ufffd[31m达到\ufffd\ufffd\ufffd30万\ufffd张\ufffd。"
    assert row[header.index("subject")] == "社工\ufffd人才\ufffd" and row[header.index("agencies")] == "民政厅\ufffd"
    con = sqlite3.connect(out / "notices.sqlite")
    assert con.execute("SELECT sentence FROM obligations WHERE id = ?", (ob_id,)).fetchone()[0] == sentence
    title, text = con.execute("SELECT title, text FROM documents").fetchone()
    assert title == "关于\ufffd印发\ufffd的通知" and text.endswith(sentence)
    assert pq.read_table(out / "long.parquet").to_pydict()["sentence"].count(sentence) == 1
    html = (out / "report.html").read_text(encoding="utf-8")
    assert not any(ch in html for ch in "\x00\x0b\x1b\x7f\ufffe") and sentence in html


def test_numbers_that_no_spreadsheet_can_hold_become_empty(hostile):
    out, _, _ = hostile
    rows = {r["obligation_id"]: r for r in csv_rows(out / "facts.csv") + csv_rows(out / "long.csv")}
    bad = rows[seed_records()[0]["obligations"][1]["id"]]
    assert (bad["value"], bad["value_max"], bad["confidence"]) == ("", "", "")


@pytest.fixture(scope="module")
def injected(tmp_path_factory):
    """A notice file whose name and sentences are formulas, run through the real command line."""
    tmp = tmp_path_factory.mktemp("inject")
    name = '=HYPERLINK("http:example.invalid","点击").txt'
    (tmp / name).write_text(
        "关于加快养老服务发展的通知\n各市民政局：\n"
        '=HYPERLINK("http://example.invalid","详情")到2025年，全省社区养老服务设施覆盖率达到100%。\n'
        "-2+3到2025年，全省养老机构护理型床位占比达到55%以上。\n湖北省民政厅\n2021年3月1日\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "extractor", "run", name, "-o", "out", "-q"], cwd=tmp,
                          capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stderr
    out = tmp / "out"
    records = [json.loads(line) for line in (out / "notices.jsonl").read_text(encoding="utf-8").splitlines()]
    sentences = [o["sentence"] for n in records for o in n["obligations"]]
    assert records[0]["source"] == name and any(s.startswith("=HYPERLINK") for s in sentences)
    assert any(s.startswith("-2+3") for s in sentences)
    return out


def test_csv_cells_that_look_like_formulas_get_a_leading_quote(injected):
    rows = csv_rows(injected / "long.csv")
    assert rows and all(r["source"].startswith("'=HYPERLINK(") for r in rows)
    assert {r["sentence"][:5] for r in rows} == {"'=HYP", "'-2+3"}
    for name in SPREADSHEETS[:5]:
        for row in csv_rows(injected / name):
            assert not any(v.startswith(("=", "+", "-", "@", "\t", "\r")) for v in row.values()), (name, row)


def test_xlsx_writes_formula_text_as_quoted_strings_and_numbers_as_numbers(injected):
    wb = openpyxl.load_workbook(injected / "tables.xlsx")
    cells = [c for ws in wb for row in ws.iter_rows() for c in row if c.value is not None]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    risky = [c for c in cells if isinstance(c.value, str) and c.value.startswith(("=", "+", "-", "@"))]
    assert {c.value[:5] for c in risky} >= {"=HYPE", "-2+3到"} and all(c.quotePrefix for c in risky)
    assert all(c.data_type == "s" for c in risky)


def test_negative_numbers_stay_numbers(tmp_path):
    records = seed_records()
    ob = next(o for o in records[1]["obligations"] if o["value"] == 13)
    ob["value"] = -5
    build_tables([write_records(tmp_path / "n.jsonl", records)], tmp_path)
    row = next(r for r in csv_rows(tmp_path / "long.csv") if r["obligation_id"] == ob["id"])
    assert row["value"] == "-5" and row["display"].endswith("-5%")
    ws = openpyxl.load_workbook(tmp_path / "tables.xlsx")["long"]
    header = column_ids([c.value for c in ws[1]])
    cell = next(r[header.index("value")] for r in ws.iter_rows(min_row=2) if r[header.index("obligation_id")].value == ob["id"])
    assert cell.value == -5 and cell.data_type == "n" and not cell.quotePrefix


def in_writers(monkeypatch, tmp_path: Path, code: str) -> None:
    """Run `code` first thing in every Python process started from here on (the table writers' processes),
    through a sitecustomize module on PYTHONPATH, so a fault reaches a writer wherever it runs."""
    monkeypatch.setenv("PYTHONPATH", startup_hook(tmp_path, code))


def test_a_failing_writer_costs_only_its_own_file(tmp_path, monkeypatch, capsys):
    in_writers(monkeypatch, tmp_path, "import xlsxwriter\n"
               "def disk_full(self):\n    raise OSError(28, 'No space left on device')\n"
               "xlsxwriter.Workbook.close = disk_full\n")
    src = write_records(tmp_path / "notices.jsonl", seed_records())
    (tmp_path / "tables.xlsx").write_bytes(b"previous run")
    code = main(["table", str(src), "-o", str(tmp_path)])
    err = capsys.readouterr().err
    assert code == 1
    assert f"not written: {tmp_path / 'tables.xlsx'}: OSError: [Errno 28] No space left on device" in err
    assert (tmp_path / "tables.xlsx").read_bytes() == b"previous run"
    for name in ("long.csv", "comparison.csv", "long.parquet", "notices.sqlite", "metadata.json"):
        assert (tmp_path / name).stat().st_size > 0
    assert not list(tmp_path.glob("*.tmp*"))


BREAKS_MIDWAY = """
from extractor.tables import sqlite
calls = {"n": 0}

def breaks_midway(text):
    calls["n"] += 1
    if calls["n"] > 3:
        raise RuntimeError("tokenizer crashed")
    return text or ""

sqlite.index_text = breaks_midway
"""


@pytest.mark.parametrize("parallel", [True, False], ids=["writer processes", "one process"])
def test_a_failing_database_leaves_no_temporary_file(tmp_path, monkeypatch, parallel):
    from extractor.tables import sqlite

    if parallel:
        in_writers(monkeypatch, tmp_path, BREAKS_MIDWAY)
    else:  # the same fault in this process
        fault: dict = {}
        exec(BREAKS_MIDWAY.replace("sqlite.index_text = breaks_midway", ""), fault)  # noqa: S102
        monkeypatch.setattr(sqlite, "index_text", fault["breaks_midway"])
    built = build_tables([write_records(tmp_path / "n.jsonl", seed_records())], tmp_path, parallel=parallel)
    assert [(f.path.name, f.reason) for f in built.failed] == [("notices.sqlite", "RuntimeError: tokenizer crashed")]
    assert not (tmp_path / "notices.sqlite").exists() and not list(tmp_path.glob("*.tmp*"))
    assert "tables.xlsx" in [p.name for p in built.written] and "metadata.json" in [p.name for p in built.written]


def test_report_command_reports_a_failed_write(tmp_path, capsys):
    src = write_records(tmp_path / "notices.jsonl", seed_records())
    (tmp_path / "report.html").mkdir()
    code = main(["report", str(src), "-o", str(tmp_path / "report.html")])
    err = capsys.readouterr().err
    assert code == 1 and f"not written: {tmp_path / 'report.html'}: IsADirectoryError" in err
    assert not list(tmp_path.glob("*.tmp*"))
