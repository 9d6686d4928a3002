"""Indicator tables in plans (主要指标表): rows of name, unit, base-year and target-year values, 属性.

    指标\t单位\t2020年\t2025年\t属性
    每千名老年人拥有养老床位数\t张\t32\t35\t预期性

The target-year cell is a target due at that year's end, the base-year cell a fact; 预期性 means
aspirational, 约束性 binding. Cells carry bare numbers, so the unit comes from a 单位 column or the
name's parenthesis (`护理型床位占比(%)`).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from extractor.extractors.numbers import parse_number

YEAR_CELL = re.compile(r"^((?:19|20)\d{2})\s*年?(?:目标|目标值|基期值|现状|基数)?(?:[(（][^)）]*[)）])?$")
VALUE_CELL = re.compile(r"^(?P<op>[≥≤>＞<＜]|不低于|不少于|不高于|不超过)?\s*(?P<num>\d+(?:\.\d+)?|[一二两三四五六七八九十百千]+)\s*(?P<mult>[万亿])?\s*(?P<suf>以上|以下|以内|左右)?$")
UNIT_IN_NAME = re.compile(r"[(（]([^)）]{1,8})[)）]\s*$")
SCALE = {"万人": ("人", 10_000), "万元": ("元", 10_000), "亿元": ("元", 100_000_000), "万个": ("个", 10_000), "万张": ("张", 10_000), "万户": ("户", 10_000), "万套": ("套", 10_000), "名": ("人", 1), "位": ("人", 1), "％": ("%", 1)}


@dataclass(frozen=True)
class IndicatorCell:
    name: str
    value: float
    unit: str | None
    comparator: str
    year: int
    target: bool
    strength: str | None


@dataclass
class _Header:
    name_col: int
    unit_col: int | None
    year_cols: dict[int, int]
    attr_col: int | None


def _header(cells: list[str]) -> _Header | None:
    years = {j: int(m.group(1)) for j, c in enumerate(cells) if (m := YEAR_CELL.match(c))}
    if not years:
        return None
    name_col = next((j for j, c in enumerate(cells) if "指标" in c and j not in years), None)
    if name_col is None:
        name_col = next((j for j, c in enumerate(cells) if j not in years and c not in ("序号", "") and "单位" not in c), None)
    if name_col is None:
        return None
    unit_col = next((j for j, c in enumerate(cells) if c in ("单位", "计量单位")), None)
    attr_col = next((j for j, c in enumerate(cells) if "属性" in c or c == "性质"), None)
    return _Header(name_col, unit_col, years, attr_col)


def _value(cell: str, unit: str | None) -> tuple[float, str, str | None] | None:
    cell = cell.replace(",", "").strip()
    if cell in ("全覆盖", "100%覆盖"):
        return 100.0, "=", "%"
    m = VALUE_CELL.match(cell.rstrip("%％"))
    if not m:
        return None
    value = parse_number(m.group("num"))
    if value is None:
        return None
    if m.group("mult"):
        value *= 10_000 if m.group("mult") == "万" else 100_000_000
    op = m.group("op") or ""
    suf = m.group("suf") or ""
    comparator = ">=" if op in ("≥", ">", "＞", "不低于", "不少于") or suf == "以上" else "<=" if op in ("≤", "<", "＜", "不高于", "不超过") or suf in ("以下", "以内") else "="
    if cell.endswith(("%", "％")):
        unit = "%"
    if unit in SCALE:
        base, factor = SCALE[unit]
        value, unit = value * factor, base
    return value, comparator, unit


def indicator_rows(text: str) -> dict[int, list[IndicatorCell]]:
    """Values of indicator-table rows, keyed by line index."""
    out: dict[int, list[IndicatorCell]] = {}
    header: _Header | None = None
    for i, line in enumerate(text.split("\n")):
        if "\t" not in line:
            header = None
            continue
        cells = [c.strip() for c in line.split("\t")]
        h = _header(cells)
        if h is not None:
            header = h
            continue
        if header is None or header.name_col >= len(cells):
            continue
        name = cells[header.name_col]
        unit_match = UNIT_IN_NAME.search(name)
        unit = cells[header.unit_col] if header.unit_col is not None and header.unit_col < len(cells) else None
        if unit_match and not unit:
            unit = unit_match.group(1)
        name = UNIT_IN_NAME.sub("", name).strip()
        attr = cells[header.attr_col] if header.attr_col is not None and header.attr_col < len(cells) else ""
        strength = "binding" if "约束" in attr else "aspirational" if "预期" in attr else None
        target_year = max(header.year_cols.values())
        found = []
        for j, year in header.year_cols.items():
            if j >= len(cells):
                continue
            parsed = _value(cells[j], unit or None)
            if parsed is None:
                continue
            value, comparator, cell_unit = parsed
            found.append(IndicatorCell(name, value, cell_unit, comparator, year, year == target_year and len(header.year_cols) >= 1, strength))
        if found:
            out[i] = found
    return out
