"""The streamed build (a plan on disk, writers in their own processes) writes the very files of the
in-memory build, and a writer process that fails or dies costs only its own files."""
from __future__ import annotations

import json
import os
import zipfile
from pathlib import Path

import pytest

from extractor.report import render_report
from extractor.tables import TABLE_FILES, RunData, write_tables
from extractor.exports import build_tables
from extractor.tables.columns import BOOLEAN, INTEGER, NUMBER, TEXT, Col
from extractor.tables.sheet import Sheet
from extractor.tables.xlsx import write_xlsx
from conftest import startup_hook

FIXTURE = Path(__file__).parent / "fixtures" / "notices-1.0.jsonl"


def tricky_run(path: Path) -> Path:
    """Seed notices plus what ordering and grouping must survive: a rerun record (first place, last content),
    two doc_ids that read the same once cleaned, notices of one region and date giving different values,
    obligations without ids, a torn line."""
    seeds = [json.loads(line) for line in FIXTURE.read_text(encoding="utf-8").splitlines() if line.strip()]
    records = [json.loads(json.dumps(r)) for r in seeds]
    for k, suffix in enumerate(("\x00", "\x01")):  # both clean to "<id>\ufffd"
        twin = json.loads(json.dumps(seeds[0]))
        twin["doc_id"] = seeds[0]["doc_id"] + suffix
        for j, o in enumerate(twin["obligations"]):
            o["id"] = None if j == 1 else f"{twin['doc_id']}-{(j * 7 + k) % 5}"
            if isinstance(o.get("value"), (int, float)):
                o["value"] = o["value"] + k + 1
        records.append(twin)
    same_day = json.loads(json.dumps(seeds[0]))
    same_day["doc_id"] = "0000samedate0000"
    for o in same_day["obligations"]:
        o["id"] = o["id"].replace(seeds[0]["doc_id"], same_day["doc_id"])
        if isinstance(o.get("value"), (int, float)):
            o["value"] = o["value"] * 2
    records.append(same_day)
    rerun = json.loads(json.dumps(seeds[0]))
    rerun["title"] = "重新运行的标题"
    rerun["obligations"] = rerun["obligations"][::-1]
    records.append(rerun)
    lines = [json.dumps(r) for r in records]
    lines.insert(2, "{torn line")
    path.write_text("\n".join(lines) + "\n", encoding="ascii")
    return path


def in_memory(src: Path, out: Path) -> list[str]:
    data = RunData.read([src])
    built = write_tables(data, out)
    built.attempt(out / "report.html", lambda p: render_report(data, p))
    assert built.failed == []
    return [p.name for p in built.written]


@pytest.mark.parametrize("parallel", [True, False], ids=["writer processes", "one process"])
def test_the_streamed_build_writes_the_files_of_the_in_memory_build(tmp_path, parallel):
    src = tricky_run(tmp_path / "notices.jsonl")
    expected, streamed = tmp_path / "memory", tmp_path / "streamed"
    names = in_memory(src, expected)
    built = build_tables([src], streamed, report=streamed / "report.html", parallel=parallel)
    assert built.failed == [] and len(built.skipped) == 1
    assert [p.name for p in built.written] == [*TABLE_FILES, "report.html"] == names
    for name in names:
        assert (streamed / name).read_bytes() == (expected / name).read_bytes(), name
    assert not list(streamed.glob("*.tmp*"))


def test_the_report_alone_and_the_tables_alone(tmp_path):
    src = tricky_run(tmp_path / "notices.jsonl")
    in_memory(src, tmp_path / "memory")
    only_report = build_tables([src], tmp_path / "r", report=tmp_path / "r" / "report.html", tables=False)
    assert [p.name for p in only_report.written] == ["report.html"] and sorted(os.listdir(tmp_path / "r")) == ["report.html"]
    assert (tmp_path / "r" / "report.html").read_bytes() == (tmp_path / "memory" / "report.html").read_bytes()
    only_tables = build_tables([src], tmp_path / "t")
    assert [p.name for p in only_tables.written] == list(TABLE_FILES)


def test_a_writer_process_that_dies_costs_only_its_files(tmp_path, monkeypatch):
    monkeypatch.setenv("PYTHONPATH", startup_hook(
        tmp_path, "import os, sys\nfrom extractor.tables import sqlite\n"
        "def killed(*a, **k):\n    print('killed by the test', file=sys.stderr, flush=True)\n    os._exit(9)\n"
        "sqlite.write_sqlite = killed\n"))
    out = tmp_path / "out"
    built = build_tables([tricky_run(tmp_path / "notices.jsonl")], out, report=out / "report.html")
    assert [(f.path.name, f.reason) for f in built.failed] == [
        ("notices.sqlite", "writer process ended with exit status 9: killed by the test")]
    assert [p.name for p in built.written] == [n for n in TABLE_FILES if n != "notices.sqlite"] + ["report.html"]
    assert not (out / "notices.sqlite").exists() and not list(out.glob("*.tmp*"))


def test_the_xlsx_rows_written_directly_match_xlsxwriter(tmp_path):
    """Every kind of cell, through xlsxwriter cell by cell and through the direct row writer: same bytes."""
    texts = ["plain", "社工站", "", " lead", "trail ", "line\n", "a\nb", "tab\tin", "\tlead tab", "=SUM(A1)", "+1", "-5", "@x",
             "\rcr", "a & b < c > d \"q\"", "_x0041_ literal", "ctl\x01\x1f", "\ufffe\uffff", "<r>rich?</r>", "𠀀astral",
             "x" * 40000, "𠀀" * 20000, "_", "&amp;"]
    cols = [Col("sentence", "s", TEXT, ""), Col("value", "v", NUMBER, ""), Col("deadline_year", "y", INTEGER, ""),
            Col("approx", "a", BOOLEAN, ""), Col("title", "t", TEXT, "")]
    numbers = [0, 1, -5, 0.5, 2490000000, 1e-7, 123456789012345678, 3.14159265358979, None]
    rows = [{"sentence": t, "value": numbers[k % len(numbers)], "deadline_year": None if k % 3 else 2025 + k,
             "approx": [True, False, None][k % 3], "title": None if k % 4 else t[::-1]} for k, t in enumerate(texts)]
    rows.append({"sentence": None, "value": None, "deadline_year": None, "approx": None, "title": None})  # an empty row
    rows.append({"sentence": "last"})
    sheets = [Sheet("one", cols, rows), Sheet("empty", cols, []), Sheet("two", cols[:2], rows[:3])]
    fast, slow = write_xlsx(sheets, tmp_path / "fast.xlsx"), write_xlsx(sheets, tmp_path / "slow.xlsx", fast=False)
    with zipfile.ZipFile(fast) as a, zipfile.ZipFile(slow) as b:
        assert a.namelist() == b.namelist()
        for name in a.namelist():
            assert a.read(name) == b.read(name), name
    assert fast.read_bytes() == slow.read_bytes()
