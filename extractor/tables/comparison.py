"""The region × indicator × deadline-year comparison, with conflicts between notices made explicit.

One cell holds the values that the latest notice of a region sets for an indicator and year; values
that other notices give differently follow as `others` (shown after ⚠). The same cells give the
wide matrix people read and the tidy table (one row per value, numbers in their own columns) that
sorts and charts.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from extractor import cells as safe
from extractor import taxonomy as taxonomy_module
from extractor.tables.rows import NATIONAL, UNDATED, UNKNOWN_REGION, region_of

MATRIX_REGION_COLUMNS = ["地区", "省份", "城市", "层级", "最新发文日期", "文件数"]


@dataclass
class Entry:
    """One value in a cell; `row` is its long-table row (for links and the numeric columns)."""

    text: str
    row: dict[str, Any]

    @property
    def numeric(self) -> bool:
        return self.row["value"] is not None


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
class Column:
    indicator: str
    label: str
    year: str

    @property
    def name(self) -> str:
        return f"{self.label} | {self.year}"


@dataclass
class Comparison:
    regions: list[dict[str, Any]]
    columns: list[Column]
    cells: dict[tuple[str, int], Cell]


def year_label(year: int | None) -> str:
    return UNDATED if year is None else str(year)


def region_rows(notices: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    """Known regions, latest issue date first (undated last), 全国 first among equals."""
    regions: dict[str, dict[str, Any]] = {}
    for n in notices.values():
        province, city, label = region_of(n)
        if label == UNKNOWN_REGION:
            continue
        r = regions.setdefault(label, {"地区": label, "省份": province, "城市": city, "层级": safe.text(n.get("admin_level")),
                                       "最新发文日期": None, "文件数": 0})
        r["最新发文日期"] = max(filter(None, [r["最新发文日期"], safe.text(n.get("issue_date"))]), default=None)
        r["文件数"] += 1
    rows = sorted(regions.values(), key=lambda r: (r["地区"] != NATIONAL, r["省份"] or "", r["城市"] or ""))
    rows.sort(key=lambda r: r["最新发文日期"] or "", reverse=True)
    rows.sort(key=lambda r: r["最新发文日期"] is None)
    return rows


def columns_of(keys: set[tuple[str, str]], taxonomy: list[tuple[str, str]], labels: dict[str, str] | None = None) -> list[Column]:
    """(indicator, year label) pairs as columns: taxonomy order (`taxonomy`: ids and labels in file order), a
    variant (sw_stations@每乡镇, sw_stations+新增) right after its indicator, provisional keys last; then the years
    in order with 无期限 last. `labels`: the rows' labels of ids the taxonomy does not list."""
    order = {i: k for k, (i, _) in enumerate(taxonomy)}
    names = {**(labels or {}), **dict(taxonomy)}

    def rank(indicator: str) -> tuple[int, int, str]:
        base = taxonomy_module.base_id(indicator)
        return order.get(base, len(order)), indicator != base, indicator

    keys_sorted = sorted(keys, key=lambda c: (rank(c[0]), c[1] == UNDATED, c[1]))
    return [Column(i, names.get(i) or taxonomy_module.label(i), y) for i, y in keys_sorted]


def taxonomy_labels() -> list[tuple[str, str]]:
    """The taxonomy's (id, label) pairs in file order."""
    return [(i.id, i.label) for i in taxonomy_module.indicators()]


def comparison(notices: dict[str, dict[str, Any]], targets: list[dict[str, Any]]) -> Comparison:
    """Regions × (indicator, deadline year) cells from the targets of known regions."""
    canonical = [r for r in targets if r["indicator"] != taxonomy_module.OTHER]
    labels = {r["indicator"]: r["indicator_label"] for r in canonical}
    columns = columns_of({(r["indicator"], year_label(r["deadline_year"])) for r in canonical}, taxonomy_labels(), labels)
    col_index = {(c.indicator, c.year): k for k, c in enumerate(columns)}
    grouped: dict[tuple[str, int], dict[str, list[Entry]]] = {}
    dates: dict[str, str | None] = {}
    for r in canonical:
        key = (r["region"], col_index[(r["indicator"], year_label(r["deadline_year"]))])
        grouped.setdefault(key, {}).setdefault(r["doc_id"], []).append(Entry(r["display"], r))
        dates[r["doc_id"]] = r["issue_date"]
    cells = {key: _cell(by_doc, dates) for key, by_doc in grouped.items()}
    return Comparison(region_rows(notices), columns, cells)


def _cell(by_doc: dict[str, list[Entry]], dates: dict[str, str | None]) -> Cell:
    """Latest notice's values first; qualitative entries dropped when the cell has a number."""
    if any(e.numeric for es in by_doc.values() for e in es):
        by_doc = {d: [e for e in es if e.numeric] for d, es in by_doc.items() if any(e.numeric for e in es)}
    docs = sorted(by_doc, key=lambda d: dates[d] or "", reverse=True)
    docs.sort(key=lambda d: dates[d] is None)

    def by_id(es: list[Entry]) -> list[Entry]:
        return sorted(es, key=lambda e: e.row["obligation_id"] or "")

    first = by_id(by_doc[docs[0]])
    shown = {e.text for e in first}
    others = [e for d in docs[1:] for e in by_id(by_doc[d]) if e.text not in shown]
    return Cell(first, others)


def matrix_rows(comp: Comparison) -> list[dict[str, Any]]:
    """The wide table: region columns, then one "indicator label | year" display column per pair."""
    out = []
    for r in comp.regions:
        rec = {c: r.get(c) for c in MATRIX_REGION_COLUMNS}
        for k, col in enumerate(comp.columns):
            cell = comp.cells.get((r["地区"], k))
            rec[col.name] = cell.text() if cell else None
        out.append(rec)
    return out


VALUE_FIELDS = ("display", "value", "value_max", "unit", "comparator", "approx", "scope", "deadline", "issue_date",
                "doc_id", "obligation_id", "title")


def tidy_rows(comp: Comparison) -> list[dict[str, Any]]:
    """One row per value of every cell, in the matrix's order, with the numbers in their own columns."""
    out = []
    for r in comp.regions:
        for k, col in enumerate(comp.columns):
            cell = comp.cells.get((r["地区"], k))
            if cell is not None:
                out += cell_rows(r, col, cell)
    return out


def cell_rows(region: dict[str, Any], col: Column, cell: Cell) -> list[dict[str, Any]]:
    """The tidy rows of one cell: its latest notice's values, then the differing ones."""
    text = cell.text()
    return [{
        "region": region["地区"], "province": region["省份"], "city": region["城市"], "admin_level": region["层级"],
        "indicator": col.indicator, "indicator_label": col.label, "deadline_year": e.row["deadline_year"],
        "cell": text, **{f: e.row[f] for f in VALUE_FIELDS}, "latest": latest, "conflict": cell.conflict,
    } for latest, entries in ((True, cell.first), (False, cell.others)) for e in entries]
