"""Indicator tables whose cells lost their separators when a page was flattened to text:

    序号指标名称2020年完成值2025年目标值责任单位1养老服务床位总量(张)25783000区社会事业局2养老机构护理型…

The header is any run of `tables.toml` header words: a number column (序号, 编号), a name column, columns up
to the target, perhaps the responsible units. Rows are found by their running numbers (1, 2, 3 … restarting
after a group label such as 托育方面), the name runs to the unit in brackets, and the glued digits are split
into the base and target values: each part a well-formed number (no leading zero, at most two decimals; `-`
for an empty cell), the split whose two values are closest in size chosen (a target is seldom far from its
base). What follows up to the next row names the responsible units.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache

from extractor import patterns
from extractor.extractors import cues
from extractor.extractors.agencies import is_agency_name
from extractor.extractors.table_rows import Cell, parse_cell

NUMBER = re.compile(r"^(?:0|[1-9]\d*)(?:\.\d{1,2})?$")
VALUES = re.compile(r"[-—\d.%％≥≤]+")
UNIT = re.compile(r"[(（]([^()（）]{1,6})[)）]")


@lru_cache(maxsize=1)
def _header() -> re.Pattern[str]:
    """The header row: a number column, a name column, year or value columns up to the target, maybe the
    responsible units (all header words from tables.toml)."""
    alt = {k: cues.alternation("tables", f"{k}_headers") for k in ("number", "name", "target", "responsible")}
    return re.compile(patterns.fill("glued_header", number=alt["number"], names=alt["name"], targets=alt["target"],
                                    responsible=alt["responsible"]))


@dataclass(frozen=True)
class GluedRow:
    start: int
    end: int
    name: str
    base: Cell | None
    target: Cell | None
    agencies: tuple[str, ...]


def split_values(digits: str) -> tuple[str | None, str] | None:
    """`25783000` -> ('2578', '3000'), `-60` -> (None, '60'), `99.999` -> ('99.9', '99')."""
    digits = digits.replace("％", "%").rstrip("%")
    if digits.startswith(("-", "—")):
        rest = digits.lstrip("-—")
        return (None, rest) if NUMBER.match(rest) else None
    best: tuple[float, str, str] | None = None
    for i in range(1, len(digits)):
        a, b = digits[:i], digits[i:]
        if not (NUMBER.match(a) and NUMBER.match(b)):
            continue
        x, y = float(a), float(b)
        if y == 0:
            continue
        gap = abs(math.log(y / x)) if x > 0 else 1.0
        if best is None or gap < best[0]:
            best = (gap, a, b)
    return (best[1], best[2]) if best else None


def _agencies(text: str) -> tuple[str, ...]:
    """`区社会事业局区资源生态局` -> (区社会事业局, 区资源生态局): glued names split before each region prefix."""
    text = patterns.GROUP_LABEL_END.sub("", text)
    parts = [p for p in patterns.GLUED_AGENCY_SPLIT.split(text) if p]
    return tuple(p for p in parts if is_agency_name(p))


def glued_rows(text: str) -> tuple[int | None, list[GluedRow]]:
    """The target year and the rows of every glued indicator table in `text`."""
    out: list[GluedRow] = []
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
            split = split_values(vals.group(0))
            nxt = re.search(patterns.fill("glued_row_end", next=str(expected + 1)), text[vals.end() :])
            end = vals.end() + (nxt.start() if nxt else len(text) - vals.end())
            if split is not None:
                base_s, target_s = split
                u = unit.group(1)
                target = parse_cell(target_s + ("%" if vals.group(0).endswith(("%", "％")) else ""), u)
                base = parse_cell(base_s, u) if base_s else None
                out.append(GluedRow(pos, end, name, base, target, _agencies(text[vals.end() : end])))
            pos, expected = end, expected + 1
    return year, out
