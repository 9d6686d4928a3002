"""Tables built from a real run over the seed corpora: regions, indicator coverage and every file format."""
from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import jsonschema
import openpyxl
import pandas as pd
import pytest

from extractor.schema import notice_schema
from extractor.tables import build_tables, load_notices, long_frame

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = Path(__file__).parent / "fixtures" / "notices-1.0.jsonl"
SEED_REGIONS = ["全国", "辽宁省", "湖北省", "河南省", "福建省 厦门市"]


def run_corpora(out_dir: Path) -> Path:
    """Extract the seeds into out_dir/notices.jsonl the way `notice-extract run` does."""
    from extractor.batch import outcomes, run_batch
    from extractor.ingest.sources import iter_inputs

    paths = [str(p) for p in iter_inputs([ROOT / "corpora" / "seeds"])]
    summary = run_batch(outcomes(paths), out_dir)
    assert summary.documents == 5, summary.errors
    return out_dir / "notices.jsonl"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("tables")
    jsonl = run_corpora(out)
    paths = build_tables([jsonl], out)
    return out, jsonl, paths


def test_writes_every_format(built):
    out, _, paths = built
    assert [p.name for p in paths] == ["long.csv", "comparison.csv", "tables.xlsx", "long.parquet", "notices.sqlite"]
    assert all(p.parent == out and p.stat().st_size > 0 for p in paths)
    assert not list(out.glob("*.tmp*"))


def test_comparison_has_a_row_per_seed_region(built):
    out, _, _ = built
    comp = pd.read_csv(out / "comparison.csv", encoding="utf-8-sig")
    assert set(SEED_REGIONS) <= set(comp["地区"])
    dated = comp["最新发文日期"].dropna().tolist()
    assert dated == sorted(dated, reverse=True)
    assert comp["最新发文日期"].isna().tolist() == sorted(comp["最新发文日期"].isna().tolist())


def test_most_seed_targets_map_to_an_indicator(built):
    out, jsonl, _ = built
    targets = sum(o["kind"] == "target" for n in load_notices([jsonl]) for o in n["obligations"])
    long = pd.read_csv(out / "long.csv", encoding="utf-8-sig")
    assert len(long) == targets
    mapped = (long["indicator"] != "other").mean()
    assert mapped >= 0.8, long.loc[long["indicator"] == "other", ["region", "subject", "sentence"]]


def test_indicators_compared_across_regions(built):
    out, _, _ = built
    long = pd.read_parquet(out / "long.parquet")
    valued = long[long["value"].notna() & (long["indicator"] != "other")]
    shared = valued.groupby("indicator")["region"].nunique()
    assert (shared >= 2).sum() >= 3, shared
    comp = pd.read_csv(out / "comparison.csv", encoding="utf-8-sig")
    cols = [c for c in comp.columns if " | " in c]
    filled = {c.split(" | ")[0]: set() for c in cols}
    for c in cols:
        filled[c.split(" | ")[0]] |= set(comp.loc[comp[c].notna() & (comp[c] != "定性目标"), "地区"])
    assert sum(len(r) >= 2 for r in filled.values()) >= 3


def test_long_table_is_sorted_and_comparable(built):
    out, _, _ = built
    long = pd.read_parquet(out / "long.parquet")
    keys = ["province", "city", "indicator", "deadline", "doc_id", "obligation_id"]
    assert long.equals(long.sort_values(keys, kind="mergesort", na_position="last").reset_index(drop=True))
    henan = long[(long["region"] == "河南省") & (long["indicator"] == "sw_professionals")]
    assert henan["value"].tolist() == [50000] and henan["unit"].tolist() == ["人"]


def test_sqlite_is_consistent_and_searchable(built):
    out, _, _ = built
    con = sqlite3.connect(out / "notices.sqlite")
    try:
        con.execute("PRAGMA foreign_keys=ON")
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert con.execute("PRAGMA foreign_key_check").fetchall() == []
        assert con.execute("SELECT count(*) FROM documents").fetchone()[0] == 5
        hits = con.execute("SELECT obligation_id FROM obligations_fts WHERE obligations_fts MATCH '社工站'").fetchall()
        assert hits
        joined = con.execute(
            "SELECT o.id FROM obligations_fts f JOIN obligations o ON o.id = f.obligation_id WHERE obligations_fts MATCH '社工站'"
        ).fetchall()
        assert len(joined) == len(hits)
        assert con.execute("SELECT count(*) FROM agencies a JOIN obligations o ON o.id = a.obligation_id").fetchone()[0] > 0
    finally:
        con.close()


def test_xlsx_has_frozen_header_and_filter(built):
    out, _, _ = built
    wb = openpyxl.load_workbook(out / "tables.xlsx")
    assert wb.sheetnames == ["long", "comparison"]
    for ws in wb:
        assert ws.freeze_panes == "A2"
        assert ws.auto_filter.ref
    long = wb["long"]
    col = [c.value for c in long[1]].index("sentence") + 1
    assert long.cell(row=2, column=col).alignment.wrap_text


def test_csv_bom_and_parquet_roundtrip(built):
    out, _, _ = built
    for name in ("long.csv", "comparison.csv"):
        assert (out / name).read_bytes().startswith(b"\xef\xbb\xbf")
    csv_rows = len(pd.read_csv(out / "long.csv", encoding="utf-8-sig"))
    assert len(pd.read_parquet(out / "long.parquet")) == csv_rows


def test_schema_1_0_output_still_builds(tmp_path):
    schema = notice_schema()
    records = [json.loads(line) for line in FIXTURE.read_text(encoding="utf-8").splitlines() if line.strip()]
    for rec in records:
        jsonschema.validate(rec, schema)
        assert rec["schema_version"] == "1.0.0"
        assert all("indicator" not in o for o in rec["obligations"])
    build_tables([FIXTURE], tmp_path)
    long = pd.read_csv(tmp_path / "long.csv", encoding="utf-8-sig")
    assert set(long["region"]) == {"河南省", "福建省 厦门市"}
    assert "sw_certified" in set(long["indicator"])


def test_conflicting_notices_are_flagged(tmp_path):
    base = json.loads(FIXTURE.read_text(encoding="utf-8").splitlines()[0])
    newer = json.loads(json.dumps(base))
    newer["doc_id"], newer["issue_date"] = "newer0000000000", "2023-01-01"
    for o in newer["obligations"]:
        o["id"] = o["id"].replace(base["doc_id"], newer["doc_id"])
        if o["value"] == 50000:
            o["value"] = 60000
    src = tmp_path / "two.jsonl"
    src.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in (base, newer)) + "\n", encoding="utf-8")
    build_tables([src], tmp_path)
    comp = pd.read_csv(tmp_path / "comparison.csv", encoding="utf-8-sig").set_index("地区")
    cell = comp.loc["河南省", "社会工作专业人才总量 | 2025"]
    assert cell == "60000人 ⚠ 50000人"
    assert long_frame(load_notices([src]))["doc_id"].nunique() == 2
