"""Comparable tables from one or more runs: the long table (one row per target), the region ×
indicator × year comparison, and the same data as CSV, XLSX, Parquet and a Datasette-ready SQLite.

Every obligation needs a canonical indicator to be comparable; records written before the pipeline
filled `indicator` (schema 1.0.0) are classified here with the same taxonomy.
"""
from __future__ import annotations

import json
import math
import os
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from extractor import gazetteers
from extractor.extractors import indicators as ind
from extractor.outputs import atomic_writer, read_jsonl

LONG_COLUMNS = [
    "region", "province", "city", "admin_level", "doc_id", "title", "doc_number", "issue_date", "obligation_id",
    "indicator", "indicator_label", "subject", "value", "value_max", "unit", "comparator", "approx", "scope",
    "deadline", "deadline_year", "deadline_text", "strength", "agencies", "sentence", "source",
]
REGION_COLUMNS = ["地区", "省份", "城市", "层级", "最新发文日期", "文件数"]
UNDATED = "无期限"
NATIONAL = "全国"
WIDE_COLUMNS = {"sentence": 80, "title": 40, "subject": 30, "agencies": 30, "source": 30}


def load_notices(inputs: Iterable[Path]) -> list[dict[str, Any]]:
    """Notices of all inputs; a doc_id seen again (a rerun) replaces the earlier record in place."""
    out: dict[str, dict[str, Any]] = {}
    for path in inputs:
        for rec in read_jsonl(Path(path)):
            if isinstance(rec, dict) and rec.get("doc_id"):
                out[rec["doc_id"]] = rec
    return list(out.values())


def region_of(notice: dict[str, Any]) -> tuple[str, str | None, str]:
    """(province, city, label): 全国 for national bodies, "福建省 厦门市" for a city's notice."""
    province, city = notice.get("province"), notice.get("city")
    if notice.get("admin_level") == "national" or province == NATIONAL:
        return NATIONAL, None, NATIONAL
    if city and not province:
        div = gazetteers.admin().by_name.get(city)
        parent = gazetteers.admin().province_of(div) if div else None
        province = parent.name if parent else None
    province = province or "未知地区"
    return province, city, f"{province} {city}" if city else province


def indicator_of(o: dict[str, Any]) -> str:
    """The pipeline's `indicator` if present and still in the taxonomy, else classified here."""
    known = o.get("indicator")
    if known and (known == ind.OTHER or known in ind.by_id()):
        return known
    return ind.classify(o.get("subject"), o.get("sentence") or "", o.get("unit"), o.get("scope"), value=o.get("value"))


def _missing(v: Any) -> bool:
    return v is None or v is pd.NA or (isinstance(v, float) and math.isnan(v))


def _num(v: Any) -> str:
    if _missing(v):
        return ""
    f = float(v)
    return str(int(f)) if f.is_integer() else format(f, "f").rstrip("0").rstrip(".")


def render_value(value: Any, value_max: Any, unit: Any, comparator: Any, approx: Any = False) -> str:
    """One value as a cell shows it: ≥30%, 3–5个, 50000人, 约1000个; 定性目标 for a dated duty."""
    if _missing(value):
        return "定性目标"
    u = unit if isinstance(unit, str) else ""
    if not _missing(value_max):
        return f"{_num(value)}–{_num(value_max)}{u}"
    sign = {">=": "≥", "<=": "≤"}.get(comparator if isinstance(comparator, str) else "", "")
    return f"{sign}{'约' if approx is True else ''}{_num(value)}{u}"


def long_frame(notices: list[dict[str, Any]]) -> pd.DataFrame:
    """One row per target obligation (facts excluded), values in comparable units, stably sorted."""
    rows = []
    for n in notices:
        province, city, region = region_of(n)
        for o in n.get("obligations", []):
            if o.get("kind") != "target":
                continue
            value, unit = ind.comparable_value(o.get("value"), o.get("unit"))
            value_max = ind.comparable_value(o.get("value_max"), o.get("unit"))[0]
            indicator = indicator_of(o)
            deadline = o.get("deadline")
            rows.append({
                "region": region, "province": province, "city": city, "admin_level": n.get("admin_level"),
                "doc_id": n["doc_id"], "title": n.get("title"), "doc_number": n.get("doc_number"),
                "issue_date": n.get("issue_date"), "obligation_id": o["id"], "indicator": indicator,
                "indicator_label": ind.label(indicator), "subject": o.get("subject"), "value": value,
                "value_max": value_max, "unit": unit, "comparator": o.get("comparator"), "approx": bool(o.get("approx")),
                "scope": o.get("scope"), "deadline": deadline, "deadline_year": int(deadline[:4]) if deadline else None,
                "deadline_text": o.get("deadline_text"), "strength": o.get("strength"),
                "agencies": "；".join(o.get("agencies") or []), "sentence": o.get("sentence"), "source": n.get("source"),
            })
    df = pd.DataFrame(rows, columns=LONG_COLUMNS)
    df["value"] = pd.to_numeric(df["value"], errors="coerce").astype("float64")
    df["value_max"] = pd.to_numeric(df["value_max"], errors="coerce").astype("float64")
    df["deadline_year"] = df["deadline_year"].astype("Int64")
    df["approx"] = df["approx"].astype(bool)
    keys = ["province", "city", "indicator", "deadline", "doc_id", "obligation_id"]
    return df.sort_values(keys, kind="mergesort", na_position="last").reset_index(drop=True)


@dataclass
class Entry:
    """One value in a comparison cell, with what the report needs to link it to its sentence."""

    text: str
    obligation_id: str
    doc_id: str
    numeric: bool


@dataclass
class Cell:
    """Values of the latest notice first; `others` are different values from other notices."""

    first: list[Entry] = field(default_factory=list)
    others: list[Entry] = field(default_factory=list)

    @property
    def conflict(self) -> bool:
        return bool(self.others)

    def text(self) -> str:
        def join(es: list[Entry]) -> str:
            return "、".join(dict.fromkeys(e.text for e in es))

        return join(self.first) + (" ⚠ " + join(self.others) if self.others else "")


@dataclass
class Comparison:
    rows: list[dict[str, Any]]
    columns: list[tuple[str, str, str]]
    cells: dict[tuple[str, int], Cell]


def records(df: pd.DataFrame) -> list[dict[str, Any]]:
    """Rows as dicts with None for every missing value (pandas gives NaN or NA)."""
    return [{k: None if _missing(v) else v for k, v in r.items()} for r in df.to_dict("records")]


def comparison(notices: list[dict[str, Any]], long: pd.DataFrame) -> Comparison:
    """Regions (latest notice first, undated last) × (indicator, deadline year) cells."""
    regions: dict[str, dict[str, Any]] = {}
    for n in notices:
        province, city, label = region_of(n)
        r = regions.setdefault(label, {"地区": label, "省份": province, "城市": city, "层级": n.get("admin_level"), "最新发文日期": None, "文件数": 0})
        r["最新发文日期"] = max(filter(None, [r["最新发文日期"], n.get("issue_date")]), default=None)
        r["文件数"] += 1
    rows = sorted(regions.values(), key=lambda r: (r["地区"] != NATIONAL, r["省份"], r["城市"] or ""))
    rows.sort(key=lambda r: r["最新发文日期"] or "", reverse=True)
    rows.sort(key=lambda r: r["最新发文日期"] is None)

    order = {i.id: k for k, i in enumerate(ind.indicators())}
    tg = long[long["indicator"] != ind.OTHER]
    col_keys = sorted(
        {(i, UNDATED if _missing(y) else str(int(y))) for i, y in zip(tg["indicator"], tg["deadline_year"])},
        key=lambda c: (order.get(c[0], len(order)), c[1] == UNDATED, c[1]),
    )
    columns = [(i, ind.label(i), y) for i, y in col_keys]
    col_index = {(i, y): k for k, (i, _, y) in enumerate(columns)}
    cells: dict[tuple[str, int], Cell] = {}
    grouped: dict[tuple[str, int], dict[str, list[Entry]]] = {}
    dates: dict[str, str | None] = {}
    for rec in records(tg):
        year = UNDATED if rec["deadline_year"] is None else str(int(rec["deadline_year"]))
        numeric = rec["value"] is not None
        text = render_value(rec["value"], rec["value_max"], rec["unit"], rec["comparator"], rec["approx"])
        entry = Entry(text, rec["obligation_id"], rec["doc_id"], numeric)
        grouped.setdefault((rec["region"], col_index[(rec["indicator"], year)]), {}).setdefault(rec["doc_id"], []).append(entry)
        dates[rec["doc_id"]] = rec["issue_date"]
    for key, by_doc in grouped.items():
        if any(e.numeric for es in by_doc.values() for e in es):
            by_doc = {d: [e for e in es if e.numeric] for d, es in by_doc.items() if any(e.numeric for e in es)}
        docs = sorted(by_doc, key=lambda d: dates[d] or "", reverse=True)
        docs.sort(key=lambda d: dates[d] is None)
        first = sorted(by_doc[docs[0]], key=lambda e: e.obligation_id)
        shown = {e.text for e in first}
        others = [e for d in docs[1:] for e in sorted(by_doc[d], key=lambda e: e.obligation_id) if e.text not in shown]
        cells[key] = Cell(first, others)
    return Comparison(rows, columns, cells)


def comparison_frame(comp: Comparison) -> pd.DataFrame:
    """The wide table: region columns, then one "indicator label | year" column per pair."""
    names = [f"{label} | {year}" for _, label, year in comp.columns]
    out = []
    for r in comp.rows:
        rec = {c: r.get(c) for c in REGION_COLUMNS}
        for k, name in enumerate(names):
            cell = comp.cells.get((r["地区"], k))
            rec[name] = cell.text() if cell else None
        out.append(rec)
    return pd.DataFrame(out, columns=REGION_COLUMNS + names)


def _csv_ready(df: pd.DataFrame) -> pd.DataFrame:
    out = df.copy()
    for col in ("value", "value_max"):
        if col in out:
            out[col] = out[col].map(_num)
    return out


def _write_csv(df: pd.DataFrame, path: Path) -> Path:
    with atomic_writer(path, encoding="utf-8-sig", newline="") as fh:
        df.to_csv(fh, index=False, lineterminator="\r\n")
    return path


def _display_width(v: Any) -> int:
    s = "" if v is None else str(v)
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in s)


def _write_xlsx(sheets: dict[str, pd.DataFrame], path: Path) -> Path:
    """Header row frozen, autofilter on, widths from the content, long text wrapped."""
    from openpyxl.styles import Alignment, Font

    tmp = path.with_name(path.stem + ".tmp" + path.suffix)
    with pd.ExcelWriter(tmp, engine="openpyxl") as xw:
        for name, df in sheets.items():
            df.to_excel(xw, sheet_name=name, index=False)
            ws = xw.sheets[name]
            ws.freeze_panes = "A2"
            ws.auto_filter.ref = ws.dimensions
            for k, col in enumerate(df.columns, start=1):
                letter = ws.cell(row=1, column=k).column_letter
                ws.cell(row=1, column=k).font = Font(bold=True)
                sample = [col] + df[col].head(200).tolist()
                ws.column_dimensions[letter].width = min(WIDE_COLUMNS.get(col, 40), max(8, max(map(_display_width, sample)) + 2))
                if col in WIDE_COLUMNS or (name == "comparison" and k > len(REGION_COLUMNS)):
                    for cell in ws.iter_rows(min_row=2, min_col=k, max_col=k):
                        cell[0].alignment = Alignment(wrap_text=True, vertical="top")
    os.replace(tmp, path)
    return path


def _write_parquet(df: pd.DataFrame, path: Path) -> Path:
    tmp = path.with_name(path.name + ".tmp")
    df.to_parquet(tmp, engine="pyarrow", index=False)
    os.replace(tmp, path)
    return path


SQLITE_SCHEMA = """
PRAGMA foreign_keys=ON;
CREATE TABLE documents (
  doc_id TEXT PRIMARY KEY, title TEXT, doc_number TEXT, province TEXT, city TEXT, admin_level TEXT,
  issue_date TEXT, source TEXT, issuers TEXT, addressees TEXT, warnings TEXT
);
CREATE TABLE indicators (id TEXT PRIMARY KEY, label TEXT, label_en TEXT, area TEXT, units TEXT);
CREATE TABLE obligations (
  id TEXT PRIMARY KEY, doc_id TEXT NOT NULL REFERENCES documents(doc_id), indicator TEXT REFERENCES indicators(id),
  subject TEXT, value REAL, value_max REAL, unit TEXT, comparator TEXT, deadline TEXT, deadline_text TEXT, scope TEXT,
  strength TEXT, kind TEXT, sentence TEXT, start INTEGER, "end" INTEGER
);
CREATE TABLE agencies (id INTEGER PRIMARY KEY, obligation_id TEXT NOT NULL REFERENCES obligations(id), name TEXT NOT NULL);
CREATE INDEX obligations_doc_id ON obligations(doc_id);
CREATE INDEX obligations_indicator ON obligations(indicator);
CREATE INDEX agencies_obligation_id ON agencies(obligation_id);
CREATE VIRTUAL TABLE obligations_fts USING fts5(sentence, subject, obligation_id UNINDEXED, tokenize='trigram');
"""


def _write_sqlite(notices: list[dict[str, Any]], path: Path) -> Path:
    """Plain SQLite (FTS5 trigram is built in since 3.34), so Datasette opens it without plugins."""
    tmp = path.with_name(path.name + ".tmp")
    tmp.unlink(missing_ok=True)
    con = sqlite3.connect(tmp)
    try:
        con.executescript(SQLITE_SCHEMA)
        con.executemany(
            "INSERT INTO indicators VALUES (?,?,?,?,?)",
            [(i.id, i.label, i.label_en, i.area, "、".join(i.units)) for i in ind.indicators()] + [(ind.OTHER, "其他", "other", "", "")],
        )
        for n in notices:
            con.execute(
                "INSERT INTO documents VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                (n["doc_id"], n.get("title"), n.get("doc_number"), n.get("province"), n.get("city"), n.get("admin_level"),
                 n.get("issue_date"), n.get("source"), json.dumps(n.get("issuers") or [], ensure_ascii=False),
                 json.dumps(n.get("addressees") or [], ensure_ascii=False), json.dumps(n.get("warnings") or [], ensure_ascii=False)),
            )
            for o in n.get("obligations", []):
                con.execute(
                    "INSERT INTO obligations VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                    (o["id"], n["doc_id"], indicator_of(o), o.get("subject"), o.get("value"), o.get("value_max"), o.get("unit"),
                     o.get("comparator"), o.get("deadline"), o.get("deadline_text"), o.get("scope"), o.get("strength"),
                     o.get("kind"), o.get("sentence"), o.get("start"), o.get("end")),
                )
                con.executemany("INSERT INTO agencies (obligation_id, name) VALUES (?,?)", [(o["id"], a) for a in o.get("agencies") or []])
                con.execute("INSERT INTO obligations_fts VALUES (?,?,?)", (o.get("sentence") or "", o.get("subject") or "", o["id"]))
        con.commit()
    finally:
        con.close()
    os.replace(tmp, path)
    return path


def build_tables(inputs: list[Path], out_dir: Path) -> list[Path]:
    """Write long.csv, comparison.csv, tables.xlsx, long.parquet and notices.sqlite into out_dir."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    notices = load_notices(inputs)
    long = long_frame(notices)
    wide = comparison_frame(comparison(notices, long))
    return [
        _write_csv(_csv_ready(long), out_dir / "long.csv"),
        _write_csv(wide, out_dir / "comparison.csv"),
        _write_xlsx({"long": long, "comparison": wide}, out_dir / "tables.xlsx"),
        _write_parquet(long, out_dir / "long.parquet"),
        _write_sqlite(notices, out_dir / "notices.sqlite"),
    ]
