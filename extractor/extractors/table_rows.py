"""Indicator and task tables in plans, also when flattened into text (GOLD_FORMAT.md "Indicator tables").

    指标\t单位\t2020年\t2025年\t属性          (TAB cells from HTML/PDF/DOCX)
    指标名称 | 基期值 | 2025年目标值 | 属性     (| cells of a flattened page)
    每千名老年人拥有养老床位数  张  32  35  预期性   (cells apart by runs of spaces)

The target column (the latest year, or a 目标值 header) is a target due at that year's end; base-year
columns are background. 约束性 makes a row binding, 预期性 aspirational. The unit comes from a 单位 column
or the name's parenthesis (`护理型床位占比(%)`). A 牵头单位/责任单位 column names the row's agencies, in
indicator tables and in task tables alike. Header words: `gazetteers/keywords/tables.toml`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from extractor import gazetteers, patterns
from extractor.extractors.deadlines import find_times
from extractor.extractors.numbers import parse_number
from extractor.extractors.quantities import normalise_unit

UNIT_IN_NAME = re.compile(r"[(（]([^)）]{1,8})[)）]\s*$")


@lru_cache(maxsize=1)
def _number_cell() -> re.Pattern[str]:
    suffixes = sorted({*gazetteers.words("comparators", "ge_after"), *gazetteers.words("comparators", "le_after"),
                       *gazetteers.words("quantities", "approx_trailing")}, key=lambda w: (-len(w), w))
    q = gazetteers.keywords("quantities")
    units = sorted({*q["people"], *q["counts"], *q["scaled_units"]}, key=lambda u: (-len(u), u))
    return re.compile(patterns.fill("number_cell", suffixes="|".join(map(re.escape, suffixes)),
                                    units="|".join(map(re.escape, units))))


def split_cells(line: str) -> list[str] | None:
    """The cells of a table row, or None when the line is prose."""
    if "\t" in line:
        cells = line.split("\t")
    elif line.count("|") >= 2 or line.count("｜") >= 2:
        cells = re.split(r"[|｜]", line)
        if cells and not cells[0].strip():
            cells = cells[1:]
        if cells and not cells[-1].strip():
            cells = cells[:-1]
    elif len(re.findall(r"\S(?: {2,}|\u3000+)\S", line)) >= 2 and not re.search(r"[。；;]", line):
        cells = re.split(r" {2,}|\u3000+", line)
    else:
        return None
    cells = [c.strip() for c in cells]
    return cells if len(cells) >= 2 else None


def _has(cell: str, key: str) -> bool:
    return any(w in cell for w in gazetteers.words("tables", key))


@dataclass
class Header:
    name_col: int | None
    unit_col: int | None
    attr_col: int | None
    responsible: list[int]
    targets: dict[int, int | None]
    bases: dict[int, int | None]


def _header(cells: list[str], caption_year: int | None) -> Header | None:
    targets: dict[int, int | None] = {}
    bases: dict[int, int | None] = {}
    for j, c in enumerate(cells):
        if len(c) > 16:
            continue
        y = patterns.YEAR_CELL.search(c)
        year = int(y.group(1)) if y else None
        if _has(c, "base_headers"):
            bases[j] = year
        elif _has(c, "target_headers") or (year and patterns.YEAR_HEADER_CELL.fullmatch(c)):
            targets[j] = year or caption_year
    responsible = [j for j, c in enumerate(cells) if _has(c, "responsible_headers") and len(c) <= 8]
    if not targets and not responsible:
        return None
    if targets and not bases and len(targets) > 1:
        # several year columns: the latest is the target, earlier ones are base values
        latest = max(targets, key=lambda j: targets[j] or 0)
        bases = {j: y for j, y in targets.items() if j != latest}
        targets = {latest: targets[latest]}
    taken = set(targets) | set(bases) | set(responsible)
    name_col = next((j for j, c in enumerate(cells) if j not in taken and _has(c, "name_headers") and len(c) <= 10), None)
    if name_col is None:
        name_col = next((j for j, c in enumerate(cells) if j not in taken and c and not _has(c, "skip_headers") and not _has(c, "number_headers") and not _has(c, "unit_headers") and not _has(c, "attribute_headers")), None)
    unit_col = next((j for j, c in enumerate(cells) if c in gazetteers.words("tables", "unit_headers")), None)
    attr_col = next((j for j, c in enumerate(cells) if _has(c, "attribute_headers") and len(c) <= 6), None)
    return Header(name_col, unit_col, attr_col, responsible, targets, bases)


@dataclass(frozen=True)
class Cell:
    value: float
    unit: str | None
    comparator: str


def parse_cell(cell: str, unit: str | None) -> Cell | None:
    """`≥55`, `40`, `3万`, `90%以上`, `全覆盖` -> value, unit, comparator (unit scaled: 万人 -> 人)."""
    cell = cell.replace(",", "").strip()
    if cell in gazetteers.words("tables", "coverage_cells"):
        return Cell(100.0, "%", "=")
    m = _number_cell().match(cell)
    if not m:
        return None
    value = parse_number(m.group("num"))
    if value is None:
        return None
    if m.group("mult"):
        value *= gazetteers.keywords("quantities")["scale"][m.group("mult")]
    op, suf = m.group("op").strip(), m.group("suf") or ""
    ge, le = gazetteers.words("comparators", "cell_ge"), gazetteers.words("comparators", "cell_le")
    comparator = (">=" if op in ge or suf in gazetteers.words("comparators", "ge_after")
                  else "<=" if op in le or suf in gazetteers.words("comparators", "le_after") else "=")
    if op and op not in ge and op not in le:
        return None
    if m.group("unit"):
        if not m.group("num")[0].isdigit() and m.group("unit") not in ("%", "％", "‰"):
            return None  # `一类`, `三星`: a grade or a name, not a quantity
        if patterns.YEAR_DIGITS.fullmatch(m.group("num")) and not m.group("mult"):
            return None  # `2021年底`: a date, not a value
        unit = "%" if m.group("unit") in ("%", "％") else m.group("unit").replace("、", "/")
    if unit:
        scaled = gazetteers.keywords("quantities")["scaled_units"]
        base = gazetteers.keywords("quantities")["scaled_unit_base"]
        if unit in scaled:
            value, unit = value * scaled[unit], base[unit]
        elif patterns.CELL_MULTIPLIER.fullmatch(unit[:1]) and len(unit) > 1:
            value, unit = value * gazetteers.keywords("quantities")["scale"][unit[0]], unit[1:]
        unit = normalise_unit(unit)
    return Cell(float(f"{value:.12g}"), unit, comparator)


@dataclass
class RowValue:
    name: str
    cell: Cell
    year: int | None
    target: bool


@dataclass
class Row:
    """One table row: its values (target and base), strength from its attribute, responsible units."""

    para: int
    values: list[RowValue] = field(default_factory=list)
    strength: str | None = None
    agencies: list[str] = field(default_factory=list)


def _names(cell: str) -> list[str]:
    return [n.strip() for n in re.split(r"[、，,；;/\s]+", cell) if n.strip()]


def _caption_year(lines: list[str], i: int) -> int | None:
    """A target year named in the table's caption or the line before it (`“十四五”主要指标`, `2025年目标`)."""
    for line in lines[max(0, i - 2) : i]:
        years = [t.year for t in find_times(line, None) if t.year and t.kind in ("period", "span", "deadline", "year")]
        if years:
            return max(years)
    return None


def table_rows(text: str) -> dict[int, Row]:
    """Rows of indicator and task tables, keyed by line index."""
    out: dict[int, Row] = {}
    header: Header | None = None
    lines = text.split("\n")
    for i, line in enumerate(lines):
        cells = split_cells(line)
        if cells is None:
            header = None
            continue
        h = _header(cells, _caption_year(lines, i))
        if h is not None:
            header = h
            continue
        if header is None:
            continue
        row = Row(para=i)
        for j in header.responsible:
            if j < len(cells):
                row.agencies += _names(cells[j])
        if header.attr_col is not None and header.attr_col < len(cells):
            attr = cells[header.attr_col]
            row.strength = "binding" if _has(attr, "binding_attributes") else "aspirational" if _has(attr, "aspirational_attributes") else None
        name = cells[header.name_col] if header.name_col is not None and header.name_col < len(cells) else ""
        unit = cells[header.unit_col] if header.unit_col is not None and header.unit_col < len(cells) else None
        paren = UNIT_IN_NAME.search(name)
        if paren and not unit:
            unit = paren.group(1)
        name = UNIT_IN_NAME.sub("", name).strip()
        for cols, target in ((header.targets, True), (header.bases, False)):
            for j, year in cols.items():
                if j < len(cells):
                    cell = parse_cell(cells[j], unit or None)
                    if cell is not None:
                        row.values.append(RowValue(name, cell, year, target))
        if row.values or row.agencies:
            out[i] = row
    return out
