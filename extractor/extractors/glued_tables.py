"""Indicator tables whose cells lost their separators when a page was flattened to text:

    序号指标名称2020年完成值2025年目标值责任单位1养老服务床位总量(张)25783000区社会事业局2养老机构护理型…

The header is any run of `tables.toml` header words: a number column (序号, 编号), a name column, columns up
to the target, perhaps the responsible units. Rows are found by their running numbers (1, 2, 3 … restarting
after a group label such as 托育方面), the name runs to the unit in brackets, and the glued digits are split
into the base and target values by `glued_runs` (well-formed numbers, a target within an order of magnitude
of its base, a `%` column at most 100; only a run with exactly one fitting cut is split). What follows up to
the next row names the responsible units.

Two more forms: a table with one row per year (`年份累计托位数(个)每千人口托位数(个)2021年6101.582022年…`),
whose rows are cut together so that each column moves one way (`glued_runs.split_series`); and a table of one
glued row right after its header (`存量养老床位数(张)其中普惠养老床位数(张)…2578210422250750375`), which is
only reported: without a baseline or a series nothing but `其中` ≤ its whole constrains its cut.
A table whose columns are years, header and rows all glued (`指标预期值2016年2017年2018年…再生水回用率30%40%55%`),
is read where every cell carries its unit: a run of exactly as many cells as years is a row.
Every run left unsplit is kept with the number of cuts that fit, for the notice's warnings.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from extractor import gazetteers, patterns
from extractor.extractors import cues
from extractor.extractors.agencies import is_agency_name
from extractor.extractors.glued_runs import Column, Relation, split_run, split_series
from extractor.extractors.table_rows import Cell, parse_cell

VALUES = re.compile(r"[-—\d.%％≥≤]+")
UNIT = re.compile(r"[(（]([^()（）]{1,6})[)）]")
CJK = re.compile(r"[\u4e00-\u9fff]")


@lru_cache(maxsize=1)
def _header() -> re.Pattern[str]:
    """The header row: a number column, a name column, year or value columns up to the target, maybe the
    responsible units (all header words from tables.toml)."""
    alt = {k: cues.alternation("tables", f"{k}_headers") for k in ("number", "name", "target", "responsible")}
    return re.compile(patterns.fill("glued_header", number=alt["number"], names=alt["name"], targets=alt["target"],
                                    responsible=alt["responsible"]))


@dataclass(frozen=True)
class GluedRow:
    """One indicator of a glued table: its base and target cells, the units responsible, and the year the target
    is due when the row says it (a series row); else the table's target year applies."""

    start: int
    end: int
    name: str
    base: Cell | None
    target: Cell | None
    agencies: tuple[str, ...]
    year: int | None = None


@dataclass(frozen=True)
class Unsplit:
    """A glued run no cut or more than one cut fits: left alone, and said so."""

    start: int
    run: str
    fits: int

    def warning(self) -> str:
        why = {0: "no cut fits its columns", 1: "one cut fits, but no column says which cells are targets"}.get(
            self.fits, "more than one cut fits its columns")
        return f"table: glued cells `{self.run}` at offset {self.start} left unsplit ({why})"


def split_values(digits: str, percent: bool = False) -> tuple[str | None, str] | None:
    """`25783000` -> ('2578', '3000'), `-60` -> (None, '60'), `99.999` with a `%` column -> ('99.9', '99');
    None when no cut or several fit (glued_runs)."""
    cells = split_run(digits, [Column(percent=percent)] * 2, [Relation("baseline", 0, 1)]).cells
    if cells is None or cells[1] is None:
        return None
    return (cells[0].rstrip("%％") if cells[0] else None), cells[1].rstrip("%％")


def _agencies(text: str) -> tuple[str, ...]:
    """`区社会事业局区资源生态局` -> (区社会事业局, 区资源生态局): glued names split before each region prefix."""
    label = patterns.GROUP_LABEL_END.search(text)
    if label:  # the next group's label (养老方面): its shortest reading, so the last name keeps its characters
        text = next((text[:i] for i in range(len(text) - 1, label.start() - 1, -1) if patterns.GROUP_LABEL_END.fullmatch(text[i:])), text)
    parts = [p for p in patterns.GLUED_AGENCY_SPLIT.split(text) if p]
    return tuple(p for p in parts if is_agency_name(p))


def glued_rows(text: str, unsplit: list[Unsplit] | None = None) -> tuple[int | None, list[GluedRow]]:
    """The target year and the rows of every glued indicator table in `text` (series rows carry their own
    year); runs left unsplit are added to `unsplit` when given."""
    out: list[GluedRow] = []
    skipped: list[Unsplit] = [] if unsplit is None else unsplit
    year: int | None = None
    for h in _header().finditer(text):
        years = [int(y) for y in patterns.YEAR_COLUMN.findall(h.group("cols"))]
        year = max(years) if years else year
        pos, expected = h.end(), 1
        while pos < len(text):
            m = patterns.GROUP_LABEL_THEN_FIRST.match(text[pos:])
            if m:
                pos, expected = pos + m.end(), 1
                continue
            if not text.startswith(str(expected), pos):
                break
            unit = UNIT.search(text, pos + len(str(expected)), pos + 60)
            if not unit:
                break
            name = text[pos + len(str(expected)) : unit.start()].strip()
            vals = VALUES.match(text, unit.end())
            if not vals or not name:
                break
            u = unit.group(1)
            split = split_values(vals.group(0), percent=u in ("%", "％"))
            if split is None:
                skipped.append(Unsplit(vals.start(), vals.group(0), 0))
            nxt = re.search(patterns.fill("glued_row_end", next=str(expected + 1)), text[vals.end() :])
            end = vals.end() + (nxt.start() if nxt else len(text) - vals.end())
            if split is not None:
                base_s, target_s = split
                target = parse_cell(target_s + ("%" if vals.group(0).endswith(("%", "％")) else ""), u)
                base = parse_cell(base_s, u) if base_s else None
                label = patterns.GROUP_LABEL_THEN_FIRST.match(text, end)  # the next group's label is read with the
                names_end = label.end() if label else end  # names before it, at its shortest (_agencies)
                out.append(GluedRow(pos, end, name, base, target, _agencies(text[vals.end() : names_end])))
            pos, expected = end, expected + 1
    out += _series_rows(text, skipped)
    out += _year_column_rows(text)
    _single_rows(text, skipped)
    return year, out


def _columns(cols: str) -> list[tuple[str, str]]:
    """The (name, unit) of each header column: `累计托位数(个)每千人口托位数(个)` -> two columns."""
    return [(re.sub(r"\s+", "", m.group("name")), m.group("unit")) for m in patterns.GLUED_COLUMN.finditer(cols)]


def _column_form(name: str, unit: str) -> Column:
    return Column(percent=unit in ("%", "％"), rising=any(w in name for w in gazetteers.words("tables", "cumulative_headers")))


@lru_cache(maxsize=1)
def _series_header() -> re.Pattern[str]:
    return re.compile(patterns.fill("glued_series_header", series=cues.alternation("tables", "series_headers")))


def _series_rows(text: str, skipped: list[Unsplit]) -> list[GluedRow]:
    """Rows of tables with one row per year (`年份…2021年6101.582022年9752.5…`): each column's value is a
    target due at the end of its row's year, the rows cut together (glued_runs.split_series)."""
    out: list[GluedRow] = []
    for h in _series_header().finditer(text):
        cols = _columns(h.group("cols"))
        pos, rows = h.end(), []
        while (m := patterns.GLUED_SERIES_ROW.match(text, pos)) and (not rows or int(m.group("year")) > int(rows[-1].group("year"))):
            rows.append(m)
            pos = m.end()
        if len(rows) < 2 or not cols:
            continue
        split = split_series([r.group("run") for r in rows], [_column_form(n, u) for n, u in cols])
        if split.rows is None:
            skipped += [Unsplit(r.start("run"), r.group("run"), split.fits) for r in rows]
            continue
        for r, cells in zip(rows, split.rows):
            for (name, u), cell in zip(cols, cells):
                target = parse_cell(cell, u) if cell is not None else None
                if target is not None:
                    out.append(GluedRow(r.start("year"), r.end(), name, None, target, (), int(r.group("year"))))
    return out


def _single_rows(text: str, skipped: list[Unsplit]) -> None:
    """Tables of one glued row under their header: cut only to see whether one cut fits (`其中` columns are
    parts of the column before them); reported, not read (a cut alone does not say which cells are targets)."""
    if not patterns.GLUED_SINGLE_END.search(text):  # no run after a bracket: no such row (one quick pass)
        return
    parts = gazetteers.words("tables", "part_headers")
    for m in patterns.GLUED_SINGLE_ROW.finditer(text):
        cols = _columns(m.group("cols"))
        if len(cols) < 2:
            continue
        relations = [Relation("part", i - 1, i) for i, (name, _) in enumerate(cols) if i and name.startswith(parts)]
        split = split_run(m.group("run"), [_column_form(n, u) for n, u in cols], relations)
        skipped.append(Unsplit(m.start("run"), m.group("run"), split.fits))


@lru_cache(maxsize=1)
def _cell_run() -> re.Pattern[str]:
    cell = patterns.source("glued_year_cell")
    return re.compile(rf"(?<![\d.])(?:{cell})+(?![\d.%％])")


def _year_column_rows(text: str) -> list[GluedRow]:
    """Rows of a table whose columns are years (`…2016年2017年2018年…节水型学校覆盖率22%26%30%…`): a run of exactly
    as many cells as years, each with the same unit (a dash for an empty cell), is a row whose name runs back to
    the previous run; each cell is the target of its column's year. A run of another length (one cell spanning
    every year: `低于全区平均值的50%`) is left to the prose reader. The table ends at a full stop or the next header."""
    out: list[GluedRow] = []
    headers = list(patterns.GLUED_YEAR_HEADER.finditer(text))
    for i, h in enumerate(headers):
        years = [int(y) for y in patterns.YEAR_COLUMN.findall(h.group("years"))]
        if any(b <= a for a, b in zip(years, years[1:])):
            continue
        end = headers[i + 1].start() if i + 1 < len(headers) else len(text)
        stop = text.find("。", h.end(), end)
        end = stop if stop >= 0 else end
        name_start = h.end()
        for run in _cell_run().finditer(text, h.end(), end):
            cells = [c.group(0) for c in patterns.GLUED_YEAR_CELL.finditer(run.group(0))]
            units = {re.sub(r"^[\d.]+", "", c) for c in cells if c[0].isdigit()}
            name = text[name_start : run.start()].strip()
            if CJK.search(name.rsplit("\n", 1)[-1]):
                name = name.rsplit("\n", 1)[-1].strip()  # a row starts its line: what is above is not its name
            if len(cells) == len(years) and len(units) == 1 and CJK.search(name):
                unit = units.pop()
                for year, cell in zip(years, cells):
                    number = cell if unit in ("%", "％") else cell[: len(cell) - len(unit)]
                    target = parse_cell(number, unit) if cell[0].isdigit() else None
                    if target is not None:
                        out.append(GluedRow(name_start, run.end(), name, None, target, (), year))
            name_start = run.end()
    return out
