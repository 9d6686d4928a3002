"""`table` and `report` on slices of the runs (--province, --city, --level, --area, --indicator, --since/--until,
--by province) and on several runs combined, each notice once: checked against the whole corpus's database."""
from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from extractor.cli import main
from extractor.extractors import indicators



@pytest.fixture(scope="module")
def run(corpus_run):
    """The bundled corpus's run, and its whole tables (the reference every slice is checked against)."""
    assert main(["table", str(corpus_run), "-o", str(corpus_run / "all")]) == 0
    return corpus_run


def _db(folder: Path) -> sqlite3.Connection:
    return sqlite3.connect(folder / "notices.sqlite")


def _obligations(folder: Path, where: str = "1", args: tuple = ()) -> set[str]:
    with _db(folder) as con:
        return {r[0] for r in con.execute(f"SELECT id FROM obligations WHERE {where}", args)}


def _documents(folder: Path, where: str = "1", args: tuple = ()) -> set[str]:
    with _db(folder) as con:
        return {r[0] for r in con.execute(f"SELECT doc_id FROM documents WHERE {where}", args)}


def _cut(run: Path, *options: str) -> tuple[set[str], set[str]]:
    """(doc_ids, obligation ids) the slice options keep, as `table` parses and applies them."""
    from extractor.cli import build_parser
    from extractor.tables.slices import slice_of, sliced_inputs

    args = build_parser().parse_args(["table", str(run), *options])
    sliced = sliced_inputs([run / "notices.jsonl"], slice_of(args))
    docs, obs = set(), set()
    for path in sliced.parts.values():
        for line in path.read_text(encoding="utf-8").splitlines():
            rec = json.loads(line)
            docs.add(rec["doc_id"])
            obs |= {o["id"] for o in rec["obligations"]}
    return docs, obs


def test_province_and_city_keep_their_notices(run: Path, tmp_path: Path, capsys) -> None:
    everything = run / "all"
    assert main(["table", str(run), "--province", "湖北省,福建省", "-o", str(tmp_path / "p")]) == 0
    assert _documents(tmp_path / "p") == _documents(everything, "province IN ('湖北省', '福建省')")
    assert _obligations(tmp_path / "p") == _obligations(everything, "province IN ('湖北省', '福建省')")
    assert "notices in the slice" in capsys.readouterr().err
    assert _cut(run, "--province", "湖北省", "--province", "福建省")[0] == _documents(tmp_path / "p")
    assert _cut(run, "--city", "厦门市")[0] == _documents(everything, "city = '厦门市'") != set()
    assert _cut(run, "--province", "全国")[0] == _documents(everything, "admin_level = 'national' OR province = '全国'") != set()
    assert _cut(run, "--level", "city")[0] == _documents(everything, "admin_level = 'city'") != set()
    assert _cut(run, "--level", "province,national")[0] == _documents(everything, "admin_level IN ('province', 'national')")


def test_area_indicator_and_deadlines_keep_their_obligations(run: Path) -> None:
    everything = run / "all"
    social = [i.id for i in indicators.indicators() if i.area == "社会工作"]
    marks = ",".join("?" * len(social))
    assert _cut(run, "--area", "社会工作")[1] == _obligations(everything, f"indicator IN ({marks})", tuple(social)) != set()
    with _db(everything) as con:
        ind = con.execute("SELECT indicator, count(*) n FROM obligations WHERE indicator != 'other' GROUP BY 1 ORDER BY n DESC").fetchone()[0]
        ids = [r[0] for r in con.execute("SELECT DISTINCT indicator FROM obligations")]
    assert _cut(run, "--indicator", ind)[1] == _obligations(everything, "indicator = ?", (ind,)) != set()  # the id
    named = tuple(i for i in ids if indicators.label(i) == indicators.label(ind))  # the Chinese name: its variants too
    marks = ",".join("?" * len(named))
    assert _cut(run, "--indicator", indicators.label(ind))[1] == _obligations(everything, f"indicator IN ({marks})", named) != set()
    kept = _cut(run, "--since", "2025-01", "--until", "2025")[1]
    assert kept == _obligations(everything, "deadline >= '2025-01-01' AND deadline <= '2025-12-31'") != set()
    docs = _cut(run, "--dates", "issue", "--since", "2022", "--until", "2022-12-31")[0]
    assert docs == _documents(everything, "issue_date BETWEEN '2022-01-01' AND '2022-12-31'") != set()


def test_a_slice_that_keeps_nothing_writes_nothing(run: Path, tmp_path: Path, capsys) -> None:
    assert main(["table", str(run), "--province", "火星", "-o", str(tmp_path / "none")]) == 1
    assert not (tmp_path / "none").exists() and "nothing written" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exc:
        main(["table", str(run), "--level", "village"])
    assert exc.value.code == 2
    with pytest.raises(SystemExit):
        main(["table", str(run), "--since", "2025-13"])


def test_by_province_writes_one_workbook_per_province(run: Path, tmp_path: Path) -> None:
    assert main(["table", str(run), "--by", "province", "--province", "湖北省,全国,福建省", "-o", str(tmp_path / "by")]) == 0
    everything = run / "all"
    provinces = {"湖北省", "全国", "福建省"}
    folders = {p.name for p in (tmp_path / "by").iterdir()}
    assert folders == provinces
    union: set[str] = set()
    for name in folders:
        assert (tmp_path / "by" / name / "tables.xlsx").stat().st_size > 0
        docs = _documents(tmp_path / "by" / name)
        with _db(tmp_path / "by" / name) as con:
            assert {r[0] or "未知地区" for r in con.execute("SELECT province FROM documents")} == {name}
        union |= docs
    assert union == _documents(everything, "province IN ('湖北省', '全国', '福建省') OR admin_level = 'national'")
    from extractor.cli import build_parser
    from extractor.tables.slices import slice_of, sliced_inputs

    every = sliced_inputs([run / "notices.jsonl"], slice_of(build_parser().parse_args(["table", str(run)])), "province")
    assert len(every.parts) > 5 and every.notices == len(_documents(everything))  # a part for each province, nothing lost
    assert main(["report", str(run), "--by", "province", "--province", "湖北省,河南省", "-o", str(tmp_path / "r" / "report.html")]) == 0
    assert sorted(p.name for p in (tmp_path / "r").iterdir()) == ["report-河南省.html", "report-湖北省.html"]
    assert "湖北省" in (tmp_path / "r" / "report-湖北省.html").read_text(encoding="utf-8")


def test_runs_are_combined_each_notice_once(run: Path, tmp_path: Path) -> None:
    """Last month's run and this month's, overlapping (a notice crawled again): one table, each doc_id once."""
    lines = (run / "notices.jsonl").read_text(encoding="utf-8").splitlines(keepends=True)
    (tmp_path / "m1").mkdir()
    (tmp_path / "m2").mkdir()
    (tmp_path / "m1" / "notices.jsonl").write_text("".join(lines[:25]), encoding="utf-8")
    (tmp_path / "m2" / "notices.jsonl").write_text("".join(lines[18:]), encoding="utf-8")
    assert main(["table", str(tmp_path / "m1"), str(tmp_path / "m2"), "-o", str(tmp_path / "both")]) == 0
    assert _documents(tmp_path / "both") == _documents(run / "all")
    assert _obligations(tmp_path / "both") == _obligations(run / "all")
    assert (tmp_path / "both" / "long.csv").read_bytes() == (run / "all" / "long.csv").read_bytes()
    # sliced, the combination is the same: each doc_id once
    from extractor.cli import build_parser
    from extractor.tables.slices import slice_of, sliced_inputs

    args = build_parser().parse_args(["table", str(tmp_path / "m1"), "--province", "湖北省"])
    sliced = sliced_inputs([tmp_path / "m1" / "notices.jsonl", tmp_path / "m2" / "notices.jsonl"], slice_of(args))
    ids = [json.loads(line)["doc_id"] for line in sliced.parts[None].read_text(encoding="utf-8").splitlines()]
    assert len(ids) == len(set(ids)) and set(ids) == _documents(run / "all", "province = '湖北省'")
