"""Tables built from a real run over the seed corpora: regions, indicator coverage and every file format."""
from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import jsonschema
import openpyxl
import pandas as pd
import pyarrow.parquet as pq
import pytest

from extractor.schema import notice_schema
from extractor.tables import load_notices
from extractor.exports import build_tables
from extractor.tables.columns import BY_ID, column_ids, dictionary_rows
from extractor.tables.columns import markdown as dictionary_markdown

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = Path(__file__).parent / "fixtures" / "notices-1.0.jsonl"
SEED_REGIONS = ["全国", "辽宁省", "湖北省", "河南省", "福建省 厦门市"]
TABLE_FILES = ["long.csv", "comparison.csv", "by_indicator.csv", "matrix.csv", "facts.csv", "unknown_region.csv", "tables.xlsx", "long.parquet",
               "notices.sqlite", "metadata.json"]


def run_corpora(out_dir: Path) -> Path:
    """Extract the seeds into out_dir/notices.jsonl the way `notice-extract run` does."""
    from extractor.batch import outcomes, run_batch
    from extractor.ingest.sources import iter_inputs

    paths = [str(p) for p in iter_inputs([ROOT / "corpora" / "seeds"])]
    summary = run_batch(outcomes(paths), out_dir)
    assert summary.documents == 5, summary.errors
    return out_dir / "notices.jsonl"


def read_frame(path: Path, **kw) -> pd.DataFrame:
    """A table CSV as a DataFrame whose columns are the English ids (the file's headers are the Chinese names)."""
    df = pd.read_csv(path, **kw)
    if path.name != "matrix.csv":  # the matrix's headers are its own ids
        df.columns = column_ids(list(df.columns))
    return df


def read_csv(path: Path) -> list[dict[str, str]]:
    """A table CSV's rows keyed by the columns' English ids (the file's headers are their Chinese names)."""
    with path.open(encoding="utf-8-sig", newline="") as fh:
        reader = csv.reader(fh)
        header = next(reader)
        ids = header if path.name == "matrix.csv" else column_ids(header)  # the matrix's headers are its own ids
        return [dict(zip(ids, row)) for row in reader]


def write_jsonl(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("tables")
    jsonl = run_corpora(out)
    return out, jsonl, build_tables([jsonl], out)


def test_writes_every_format(built):
    out, _, result = built
    assert result.failed == [] and result.skipped == []
    assert [p.name for p in result.written] == TABLE_FILES
    assert all(p.parent == out and p.stat().st_size > 0 for p in result.written)
    assert not list(out.glob("*.tmp*"))


def test_matrix_has_a_row_per_seed_region(built):
    out, _, _ = built
    comp = read_frame(out / "matrix.csv", encoding="utf-8-sig")
    assert set(SEED_REGIONS) <= set(comp["地区"])
    dated = comp["最新发文日期"].dropna().tolist()
    assert dated == sorted(dated, reverse=True)
    assert comp["最新发文日期"].isna().tolist() == sorted(comp["最新发文日期"].isna().tolist())


def test_most_seed_targets_map_to_an_indicator(built):
    out, jsonl, _ = built
    targets = sum(o["kind"] == "target" for n in load_notices([jsonl]) for o in n["obligations"])
    long = read_frame(out / "long.csv", encoding="utf-8-sig")
    assert len(long) == targets
    mapped = (long["indicator"] != "other").mean()
    assert mapped >= 0.8, long.loc[long["indicator"] == "other", ["region", "subject", "sentence"]]


def test_indicators_compared_across_regions(built):
    out, _, _ = built
    long = pd.read_parquet(out / "long.parquet")
    valued = long[long["value"].notna() & (long["indicator"] != "other")]
    shared = valued.groupby("indicator")["region"].nunique()
    # the five seed notices share two quantities (township station coverage, total social workers); the national
    # youth-work targets and the community-level stations are other quantities (../shared/eval/indicators)
    assert (shared >= 2).sum() >= 2, shared
    assert {"sw_station_coverage", "sw_professionals"} <= set(shared[shared >= 2].index)
    comp = read_frame(out / "matrix.csv", encoding="utf-8-sig")
    cols = [c for c in comp.columns if " | " in c]
    filled = {c.split(" | ")[0]: set() for c in cols}
    for c in cols:
        filled[c.split(" | ")[0]] |= set(comp.loc[comp[c].notna() & (comp[c] != "定性目标"), "地区"])
    assert sum(len(r) >= 2 for r in filled.values()) >= 2


def test_long_table_is_sorted_and_comparable(built):
    out, _, _ = built
    long = pd.read_parquet(out / "long.parquet")
    keys = ["province", "city", "indicator", "deadline", "doc_id", "obligation_id"]
    assert long.equals(long.sort_values(keys, kind="mergesort", na_position="last").reset_index(drop=True))
    henan = long[(long["region"] == "河南省") & (long["indicator"] == "sw_professionals")]
    assert henan["value"].tolist() == [50000] and henan["unit"].tolist() == ["人"]


def test_comparison_has_numbers_next_to_the_display_text(built):
    """Every matrix value is a row of comparison.csv whose numeric columns sort and chart."""
    out, _, _ = built
    comp = read_frame(out / "comparison.csv", encoding="utf-8-sig", keep_default_na=False, na_values=[""])
    assert comp["value"].dtype == "float64" and comp["deadline_year"].dtype in ("float64", "int64")
    national = comp[(comp["region"] == "全国") & comp["indicator"].str.startswith("sw_orgs")].iloc[0]
    assert (national["value"], national["value_max"], national["comparator"], national["display"]) == (3, 5, "区间", "3–5个")  # the CSV shows the comparator as a symbol or word
    hubei = comp[(comp["region"] == "湖北省") & (comp["indicator"] == "sw_station_coverage") & comp["value"].notna()].sort_values("deadline_year")
    assert hubei["value"].tolist()[:3] == [30, 50, 70] and set(hubei["unit"]) == {"%"}
    assert hubei["display"].tolist()[:3] == ["全省≥30%", "全省≥50%", "全省≥70%"]
    assert set(hubei["scope"].dropna()) == {"全省"}
    matrix = read_frame(out / "matrix.csv", encoding="utf-8-sig").set_index("地区")
    for r in comp.itertuples():
        column = f"{r.indicator_label} | {'无期限' if pd.isna(r.deadline_year) else int(r.deadline_year)}"
        assert matrix.loc[r.region, column] == r.cell
        assert r.display in r.cell


def test_facts_and_unknown_regions_are_kept_apart(tmp_path):
    seeds = [json.loads(line) for line in FIXTURE.read_text(encoding="utf-8").splitlines() if line.strip()]
    lost = json.loads(json.dumps(seeds[1]))
    lost["doc_id"], lost["province"], lost["city"], lost["admin_level"] = "lost000000000000", None, None, None
    for o in lost["obligations"]:
        o["id"] = o["id"].replace(seeds[1]["doc_id"], lost["doc_id"])
    build_tables([write_jsonl(tmp_path / "n.jsonl", seeds + [lost])], tmp_path)
    long, facts, unknown = (read_csv(tmp_path / f"{n}.csv") for n in ("long", "facts", "unknown_region"))
    matrix, comp = read_csv(tmp_path / "matrix.csv"), read_csv(tmp_path / "comparison.csv")
    assert {r["doc_id"] for r in unknown} == {lost["doc_id"]} and {r["region"] for r in unknown} == {"未知地区"}
    assert all(r["province"] == "" for r in unknown)
    assert lost["doc_id"] not in {r["doc_id"] for r in long + comp}
    assert "未知地区" not in {r["地区"] for r in matrix}
    fact_ids = {o["id"] for n in seeds for o in n["obligations"] if o["kind"] == "fact"}
    assert {r["obligation_id"] for r in facts} == fact_ids
    assert not fact_ids & {r["obligation_id"] for r in long + comp}


def test_xlsx_sheets_headers_and_dictionary(built):
    out, _, _ = built
    wb = openpyxl.load_workbook(out / "tables.xlsx")
    assert wb.sheetnames == ["matrix", "by_indicator", "comparison", "long", "facts", "unknown_region", "dictionary"]
    for ws in wb:
        assert ws.freeze_panes == "A2"
        assert ws.auto_filter.ref
    shown = {ws.title: [c.value for c in ws[1]] for ws in wb}
    for name in shown:  # every sheet has Chinese headers; the dictionary sheet gives each one's English id
        assert all(re.search(r"[\u4e00-\u9fff]", h) for h in shown[name]), (name, shown[name])
    headers = {name: h if name == "matrix" else column_ids(h) for name, h in shown.items()}
    assert all(re.fullmatch(r"[a-z_]+", h) for name in headers if name != "matrix" for h in headers[name])
    described = {(r["sheet"], r["column"]) for r in dictionary_rows()}
    assert {(name, h) for name in headers if name != "matrix" for h in headers[name]} <= described
    dictionary = [[c.value for c in row] for row in wb["dictionary"].iter_rows(min_row=2)]
    assert {(r[0], r[1]) for r in dictionary} == described and all(r[4] for r in dictionary)
    long = wb["long"]
    col = headers["long"].index("sentence") + 1
    assert long.cell(row=2, column=col).alignment.wrap_text
    value = long.cell(row=2, column=headers["long"].index("value") + 1)
    assert value.data_type == "n" and isinstance(value.value, (int, float))
    deadline = next(long.cell(row=i, column=headers["long"].index("deadline") + 1) for i in range(2, long.max_row + 1)
                    if long.cell(row=i, column=headers["long"].index("deadline") + 1).value is not None)
    assert deadline.is_date and deadline.number_format == "yyyy-mm-dd"  # a real Excel date, not text
    issued = long.cell(row=2, column=headers["long"].index("issue_date") + 1)
    assert issued.value is None or issued.is_date
    comparators = {long.cell(row=i, column=headers["long"].index("comparator") + 1).value for i in range(2, long.max_row + 1)}
    assert comparators <= {"≥", "≤", "＝", "区间", None} and "＝" in comparators
    matrix = wb["matrix"]
    cells = [c for row in matrix.iter_rows(min_row=2, min_col=7) for c in row if c.value is not None]
    numbers = [c for c in cells if c.data_type == "n"]
    assert numbers and all("General" in c.number_format for c in numbers)  # one value: a number shown as its text
    assert any(c.data_type == "s" for c in cells)  # several values, ranges, qualitative goals: text


def test_csv_bom_and_parquet_types(built):
    out, _, _ = built
    for name in ("long.csv", "comparison.csv", "matrix.csv", "facts.csv", "unknown_region.csv"):
        assert (out / name).read_bytes().startswith(b"\xef\xbb\xbf")
    csv_rows = len(read_csv(out / "long.csv"))
    table = pq.read_table(out / "long.parquet")
    assert table.num_rows == csv_rows
    types = {f.name: str(f.type) for f in table.schema}
    assert types["value"] == "double" and types["deadline_year"] == "int64" and types["approx"] == "bool"


def test_docs_carry_the_data_dictionary():
    """docs/tables.md embeds the column and SQLite tables generated from the code, so they cannot drift."""
    from extractor.tables import sqlite

    doc = (ROOT / "docs" / "tables.md").read_text(encoding="utf-8")
    for tag, body in (("columns", dictionary_markdown()), ("sqlite", sqlite.markdown())):
        block = doc.split(f"<!-- {tag}:start -->\n", 1)[1].split(f"<!-- {tag}:end -->", 1)[0]
        assert block == body, f"docs/tables.md {tag} block is stale: paste extractor.tables.{tag if tag == 'sqlite' else 'columns'}.markdown()"
    named = set(re.findall(r"`([^`]+)`", doc))
    assert {c.id for c in BY_ID.values()} <= named


def test_schema_1_0_output_still_builds(tmp_path):
    schema = notice_schema()
    records = [json.loads(line) for line in FIXTURE.read_text(encoding="utf-8").splitlines() if line.strip()]
    for rec in records:
        jsonschema.validate(rec, schema)
        assert rec["schema_version"] == "1.0.0"
        assert all("indicator" not in o for o in rec["obligations"])
    build_tables([FIXTURE], tmp_path)
    long = read_frame(tmp_path / "long.csv", encoding="utf-8-sig")
    assert set(long["region"]) == {"河南省", "福建省 厦门市"}
    # tables never classify: records written before the pipeline set `indicator` are "other" (re-run to classify);
    # their values still come out in base units
    assert set(long["indicator"]) == {"other"}
    assert set(long["indicator_label"]) == {"其他"}
    assert (long.loc[long["unit"] == "人", "value"] >= 1).all()


def test_conflicting_notices_are_flagged(tmp_path):
    base = json.loads(FIXTURE.read_text(encoding="utf-8").splitlines()[0])
    for o in base["obligations"]:  # as the extraction of a current version sets it
        if o["value"] == 50000:
            o["indicator"] = "sw_professionals"
    newer = json.loads(json.dumps(base))
    newer["doc_id"], newer["issue_date"] = "newer0000000000", "2023-01-01"
    for o in newer["obligations"]:
        o["id"] = o["id"].replace(base["doc_id"], newer["doc_id"])
        if o["value"] == 50000:
            o["value"] = 60000
    src = write_jsonl(tmp_path / "two.jsonl", [base, newer])
    build_tables([src], tmp_path)
    matrix = read_frame(tmp_path / "matrix.csv", encoding="utf-8-sig").set_index("地区")
    assert matrix.loc["河南省", "社会工作专业人才总量 | 2025"] == "60000人 ⚠ 50000人"
    comp = [r for r in read_csv(tmp_path / "comparison.csv") if r["indicator"] == "sw_professionals"]
    assert [(r["value"], r["latest"], r["conflict"], r["doc_id"]) for r in comp] == [
        ("60000", "TRUE", "TRUE", newer["doc_id"]), ("50000", "FALSE", "TRUE", base["doc_id"])]
    assert len({n["doc_id"] for n in load_notices([src])}) == 2


def test_a_rerun_record_replaces_the_earlier_one(tmp_path):
    base = json.loads(FIXTURE.read_text(encoding="utf-8").splitlines()[0])
    rerun = json.loads(json.dumps(base))
    rerun["title"] = "重新运行的标题"
    first, second = write_jsonl(tmp_path / "a.jsonl", [base]), write_jsonl(tmp_path / "b.jsonl", [rerun])
    (tmp_path / "a.jsonl").write_text(first.read_text(encoding="utf-8") + "{torn line\n", encoding="utf-8")
    result = build_tables([first, second], tmp_path / "out")
    assert {r["title"] for r in read_csv(tmp_path / "out" / "long.csv")} == {"重新运行的标题"}
    assert len(result.skipped) == 1 and "a.jsonl:2" in result.skipped[0]


def test_same_input_same_bytes(built, tmp_path):
    """Every table file is byte-identical when rebuilt (no timestamps, stable order)."""
    out, jsonl, first = built
    again = build_tables([jsonl], tmp_path)
    assert [p.name for p in again.written] == [p.name for p in first.written]
    for p in again.written:
        assert p.read_bytes() == (out / p.name).read_bytes(), p.name


def test_build_result_iterates_over_the_files_written(built):
    out, _, result = built
    assert list(result) == result.written and all(p.parent == out for p in result)


def test_csv_has_chinese_headers_and_comparators_that_need_no_escaping(built):
    out, _, _ = built
    for name in ("long", "comparison", "facts"):
        with (out / f"{name}.csv").open(encoding="utf-8-sig", newline="") as fh:
            header, *rows = list(csv.reader(fh))
        assert header == [BY_ID[i].zh for i in column_ids(header)] and "比较" in header
        shown = {row[header.index("比较")] for row in rows}
        assert shown <= {"≥", "≤", "＝", "区间", ""} and "＝" in shown, shown  # never '= (a formula's escape)
    assert pq.read_table(out / "long.parquet").column_names[:2] == ["region", "province"]  # programs keep the ids
    assert {r["comparator"] for r in read_csv(out / "long.csv")} <= {"≥", "≤", "＝", "区间", ""}


def test_by_indicator_view(built):
    """Per indicator one row per region's target, indicators set by two or more regions first; autofilter on."""
    out, _, _ = built
    view = read_csv(out / "by_indicator.csv")
    assert view and all(r["indicator"] != "other" for r in view)
    counts = [int(r["regions"]) for r in view]
    shared = [c >= 2 for c in counts]
    assert shared[0] and shared == sorted(shared, reverse=True)
    first = [r for r in view if r["indicator"] == view[0]["indicator"]]
    assert len({r["region"] for r in first}) == int(first[0]["regions"]) >= 2
    assert [r["region"] for r in first] == sorted((r["region"] for r in first), key=lambda x: (x != "全国", x))
    for r in view:
        assert r["sentence"] and r["title"] is not None and r["strength"]
        assert set(r) >= {"value", "unit", "comparator", "deadline", "strength", "title", "sentence", "unit_family"}
    wb = openpyxl.load_workbook(out / "tables.xlsx")
    ws = wb["by_indicator"]
    assert ws.auto_filter.ref and ws.auto_filter.ref.startswith("A1:")
    assert [c.value for c in ws[1]][:4] == ["指标编号", "指标名称", "暂定指标", "地区数"]  # the sheets have the Chinese names
