"""Indicator tables in any flattened form, read as grids with typed columns (docs/annotation.md "Indicator tables").

Pages flatten tables in several ways; each becomes a list of cells with their offsets, then one reader types
the header's columns (indicator, unit, base year, target year(s), attribute, responsible unit) and assigns each
row's cells to them:

    指标 | 单位 | 2020年 | 2025年目标 | 属性         one row per line, cells apart by | ｜ TAB or runs of spaces
    主要指标 |  / 单位 |  / 2020年 实际值 | …        one cell per line after a header of one cell per line
    指标 | A | B / 2025年目标值 | 5 | 8 / 属性 | …     transposed: a header word and its cells per line (or
                                                    the header word alone, its cells on the next line)

Rows are matched to the header by position when they have as many cells, else by what each cell holds (a unit
word, a number, an attribute word, a body's name), so row-spanning group labels (`基本民生保障`) and cut-off
rows still read. A target column gives one value per row and target year (two target years: two values);
base columns give background values. Header words: `gazetteers/keywords/tables.toml`.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

from extractor import gazetteers, patterns
from extractor.model import TimeExpr

IsBody = Callable[[str], bool]
FindTimes = Callable[[str], list[TimeExpr]]


@dataclass(frozen=True)
class Finders:
    """Mention finders of the extraction layer the reader needs: a body's name, the time phrases of a line."""

    is_body: IsBody
    times: FindTimes

    def body(self, text: str) -> bool:
        return any(self.is_body(n) for n in re.split(r"[、，,；;/\s]+", text) if n)

CJK = re.compile(r"[\u4e00-\u9fff]")
SENTENCE_END = re.compile(r"[。；;！？]")
TRAILING_BARS = re.compile(r"[\s|｜]+$")
MAX_CELL_LINE = 48


@dataclass(frozen=True)
class Cell:
    """One cell's text (spaces inside removed for typing) and its span in the cleaned text."""

    text: str
    start: int
    end: int
    line: int

    @property
    def key(self) -> str:
        return re.sub(r"\s+", "", self.text)


@dataclass(frozen=True)
class Column:
    """A typed header column: `name`, `unit`, `base`, `target`, `attribute`, `responsible` or `skip`."""

    kind: str
    label: str
    year: int | None = None


@dataclass
class GridRow:
    """One data row: the indicator's name cell, its unit, its value cells by column, attribute and bodies."""

    name: Cell
    unit: str | None = None
    values: list[tuple[Column, Cell]] = field(default_factory=list)
    attribute: str | None = None
    responsible: list[Cell] = field(default_factory=list)
    cells: list[Cell] = field(default_factory=list)

    @property
    def start(self) -> int:
        return min(c.start for c in self.cells)

    @property
    def end(self) -> int:
        return max(c.end for c in self.cells)

    @property
    def lines(self) -> range:
        return range(min(c.line for c in self.cells), max(c.line for c in self.cells) + 1)

    @property
    def label(self) -> str:
        """The indicator's name without its running number or unit in brackets."""
        return patterns.UNIT_IN_NAME.sub("", patterns.ROW_NUMBER.sub("", self.name.text)).strip()


@dataclass
class Grid:
    """A table: its header columns, its rows, the lines it covers and the caption's year."""

    columns: list[Column]
    rows: list[GridRow]
    header_lines: range
    caption_year: int | None = None
    transposed: bool = False
    spaced: bool = False  # cells apart by single spaces: a header of header words only opens such a table

    @property
    def lines(self) -> range:
        last = max((r.lines.stop for r in self.rows), default=self.header_lines.stop)
        return range(self.header_lines.start, last)


def _words(key: str) -> tuple[str, ...]:
    return gazetteers.words("tables", key)


def _has(text: str, key: str) -> bool:
    return any(w in text for w in _words(key))


@lru_cache(maxsize=1)
def _unit_words() -> frozenset[str]:
    q = gazetteers.keywords("quantities")
    units = set(q["people"]) | set(q["percent"]) | set(q["counts"]) | set(q["scaled_units"])
    units |= {m + u for m in ("万", "亿") for u in q["people"] + q["counts"]}
    units |= set(_words("unit_cells"))
    return frozenset(units)


def is_unit_cell(text: str) -> bool:
    key = re.sub(r"\s+", "", text).strip("()（）")
    return key in _unit_words()


def is_attribute_cell(text: str) -> bool:
    key = re.sub(r"\s+", "", text)
    return len(key) <= 6 and (_has(key, "binding_attributes") or _has(key, "aspirational_attributes"))


def is_value_cell(text: str) -> bool:
    """A number, a signed or bounded number (`≥55`, `>30`, `90%以上`), or an empty-cell dash (`—`)."""
    key = re.sub(r"\s+", "", text)
    if key in _words("empty_cells") or key in _words("coverage_cells"):
        return True
    signs = [w for k in ("cell_ge", "cell_le") for w in gazetteers.words("comparators", k) if not w.isalpha()]
    bare = key.lstrip("".join(signs))
    if (key != bare or "/" in key) and re.match(r"\d", bare) and len(key) <= 24:
        return True  # `≤0.35吨标准煤/万元`, `18万立方米/日`: a bound or a rate (a name opens with neither)
    return bool(re.search(r"\d", key)) and len(CJK.findall(key)) <= 4 and len(key) <= 16


def _column(cell: str, caption_year: int | None) -> Column | None:
    """The type of a header cell, or None when the cell is no header word."""
    key = re.sub(r"\s+", "", cell)
    if len(key) > 16:
        key = re.sub(r"[(（][^)）]*[)）]$", "", key)  # `2020年基期值(起始日期用作比较的数据)`: the note in brackets aside
    if not key or len(key) > 16:
        return None
    y = patterns.YEAR_CELL.search(key)
    year = int(y.group(1)) if y else None
    if _has(key, "base_headers"):
        return Column("base", key, year)
    if _has(key, "target_headers") or (year and patterns.YEAR_HEADER_CELL.fullmatch(key)):
        return Column("target", key, year or caption_year)
    if _has(key, "responsible_headers") and len(key) <= 8:
        return Column("responsible", key)
    if key in _words("unit_headers"):
        return Column("unit", key)
    if _has(key, "attribute_headers") and len(key) <= 6:
        return Column("attribute", key)
    if _has(key, "name_headers") and len(key) <= 10:
        return Column("name", key)
    if _has(key, "skip_headers") and len(key) <= 6:
        return Column("skip", key)
    return None


def header_columns(cells: list[str], caption_year: int | None) -> list[Column] | None:
    """Typed columns when the cells read as an indicator-table header (a target or responsible column, and
    most cells header words), else None. Several year columns without a 目标 word: the latest is the target."""
    cols = [_column(c, caption_year) for c in cells]
    typed = [c for c in cols if c is not None]
    if not any(c.kind in ("target", "responsible") for c in typed) or len(typed) < max(2, (len(cells) + 1) // 2):
        return None
    out = [c or Column("skip", re.sub(r"\s+", "", cells[i])) for i, c in enumerate(cols)]
    targets = [c for c in out if c.kind == "target"]
    if len(targets) > 1:
        # a bare year column before the latest target year is a base column (`2020年 | 2025年目标`)
        latest = max(c.year or 0 for c in targets)
        out = [Column("base", c.label, c.year) if c.kind == "target" and (c.year or 0) < latest
               and not _has(c.label, "target_headers") else c for c in out]
    names = [i for i, c in enumerate(out) if c.kind == "name"]
    for i in names[:-1]:
        out[i] = Column("skip", out[i].label)  # `二级指标 | 三级指标`: the last name column names the row
    if not any(c.kind == "name" for c in out):
        first = next((i for i, c in enumerate(out) if c.kind == "skip" and not _has(c.label, "skip_headers")), None)
        if first is not None:
            out[first] = Column("name", out[first].label)
    return out


def split_line(line: str) -> tuple[list[tuple[int, int]], bool]:
    """Cell spans of one line and whether the line is a row of several cells (False: one cell, or prose)."""
    if "\t" in line:
        seps = list(re.finditer(r"\t", line))
    elif line.count("|") + line.count("｜") >= 2 and not line.strip().rstrip("|｜ ").count("|") == 0:
        seps = list(re.finditer(r"[|｜]", line))
    elif len(re.findall(r"\S(?: {2,}|\u3000+)\S", line)) >= 2 and not SENTENCE_END.search(line):
        seps = list(re.finditer(r" {2,}|\u3000+", line))
    else:
        core = TRAILING_BARS.sub("", line)
        lead = len(core) - len(core.lstrip())
        return ([(lead, len(core))] if core.strip() else []), False
    spans, pos = [], 0
    for m in seps:
        spans.append((pos, m.start()))
        pos = m.end()
    spans.append((pos, len(line)))
    out = []
    for a, b in spans:
        seg = line[a:b]
        if seg.strip():
            a += len(seg) - len(seg.lstrip())
            b -= len(seg) - len(seg.rstrip())
            out.append((a, b))
    return out, len(out) >= 2


def _is_cell_line(line: str) -> bool:
    core = TRAILING_BARS.sub("", line).strip()
    return bool(core) and len(core) <= MAX_CELL_LINE and not SENTENCE_END.search(core)


def _texty(cell: Cell) -> bool:
    key = cell.key
    return (len(CJK.findall(key)) >= 2 and not is_unit_cell(key) and not is_attribute_cell(key)
            and not is_value_cell(key))


def _assign(cells: list[Cell], columns: list[Column], positional: bool, f: Finders) -> GridRow | None:
    """Cells of one row given to the header's columns: by position when the counts agree, else by content."""
    if positional and len(cells) == len(columns):
        named = [(col, c) for col, c in zip(columns, cells)]
        name = next((c for col, c in named if col.kind == "name"), None)
        if name is None or not name.key:
            return None
        row = GridRow(name=name, cells=list(cells))
        for col, c in named:
            if col.kind == "unit":
                row.unit = c.key or None
            elif col.kind in ("base", "target"):
                row.values.append((col, c))
            elif col.kind == "attribute":
                row.attribute = c.key
            elif col.kind == "responsible":
                row.responsible.append(c)
        return _unit_from_name(row)
    texty = [i for i, c in enumerate(cells) if _texty(c)]
    if not texty:
        return None
    first_value = next((i for i, c in enumerate(cells) if (is_value_cell(c.key) or is_unit_cell(c.key))
                        and not (i == 0 and c.key.isdigit() and len(c.key) <= 3)), len(cells))  # a 序号 cell
    before = [i for i in texty if i < first_value]
    name_i = before[-1] if before else texty[0]
    row = GridRow(name=cells[name_i], cells=cells[name_i:])
    value_cols = [c for c in columns if c.kind in ("base", "target")]
    rest = cells[name_i + 1 :]
    values: list[Cell] = []
    for c in rest:
        if row.unit is None and not values and is_unit_cell(c.key):
            row.unit = c.key.strip("()（）")
        elif is_attribute_cell(c.key):
            row.attribute = c.key
        elif len(values) < len(value_cols) and (is_value_cell(c.key) or _texty(c) and not f.body(c.key)):
            values.append(c)
        elif f.body(c.key):
            row.responsible.append(c)
    row.values = list(zip(value_cols, values))
    return _unit_from_name(row)


def _unit_from_name(row: GridRow) -> GridRow:
    """A unit written in the name's brackets (`城镇新增就业人数(万人)`) when no unit column gave one."""
    if row.unit is None:
        m = patterns.UNIT_IN_NAME.search(row.name.text)
        if m:
            row.unit = m.group(1).strip()
    return row


def _caption_year(lines: list[str], i: int, times: FindTimes) -> int | None:
    """A target year named in the caption or the lines just above the header (`“十四五”主要指标`)."""
    for line in reversed(lines[max(0, i - 2) : i]):
        years = [t.year for t in times(line) if t.year and t.kind in ("period", "span", "deadline", "year")]
        if years:
            return max(years)
    return None


def _spaced_header(line: str, caption_year: int | None) -> list[Column] | None:
    """A header whose cells are apart by single spaces (`二级指标 三级指标 指标值 完成值`): every cell a header word."""
    tokens = line.split()
    if len(tokens) < 3 or any(_column(t, caption_year) is None for t in tokens):
        return None
    return header_columns(tokens, caption_year)


def _header_at(lines: list[str], i: int, f: Finders) -> tuple[list[Column], int, bool] | None:
    """A header starting at line i: (columns, lines it takes, rows are one per line)."""
    spans, multi = split_line(lines[i])
    if multi:
        cols = header_columns([lines[i][a:b] for a, b in spans], _caption_year(lines, i, f.times))
        return (cols, 1, True) if cols else None
    cells: list[str] = []
    j = i
    while j < len(lines) and _is_cell_line(lines[j]) and len(cells) < 12:
        cell = TRAILING_BARS.sub("", lines[j]).strip()
        if _column(cell, None) is None or patterns.TABLE_END_HEADING.match(cell):
            break
        cells.append(cell)
        j += 1
    if len(cells) >= 3:
        cols = header_columns(cells, _caption_year(lines, i, f.times))
        if cols:
            return cols, j - i, False
    return None


def read_grids(text: str, is_body: IsBody, times: FindTimes) -> list[Grid]:
    """Every indicator or task table in the text, in order."""
    f = Finders(is_body, times)
    lines = text.split("\n")
    offsets, pos = [], 0
    for line in lines:
        offsets.append(pos)
        pos += len(line) + 1
    grids: list[Grid] = []
    i = 0
    while i < len(lines):
        found = _header_at(lines, i, f) if lines[i].strip() else None
        if found is None:
            transposed = _transposed_at(lines, offsets, i, f) if lines[i].strip() else None
            if transposed is not None:
                grid, i = transposed
                grids.append(grid)
                continue
            spaced = _spaced_header(lines[i], None) if lines[i].strip() and not SENTENCE_END.search(lines[i]) else None
            if spaced is None:
                i += 1
                continue
            grid = Grid(columns=spaced, rows=[], header_lines=range(i, i + 1),
                        caption_year=_caption_year(lines, i, f.times), spaced=True)
            i = _rows_spaced(lines, offsets, i + 1, grid, f)
            if grid.rows:
                grids.append(grid)
            continue
        columns, taken, per_line = found
        grid = Grid(columns=columns, rows=[], header_lines=range(i, i + taken), caption_year=_caption_year(lines, i, f.times))
        i += taken
        after = (_rows_per_line if per_line else _rows_per_cell)(lines, offsets, i, grid, f)
        i = after if grid.rows else i  # a header with no row under it consumes no more than itself
        grids.append(grid)
    return grids


def _cells_of(lines: list[str], offsets: list[int], i: int) -> tuple[list[Cell], bool]:
    spans, multi = split_line(lines[i])
    return [Cell(lines[i][a:b], offsets[i] + a, offsets[i] + b, i) for a, b in spans], multi


def _rows_per_line(lines: list[str], offsets: list[int], i: int, grid: Grid, f: Finders) -> int:
    """Rows of a table with one row per line; ends at the first line that is not a row of cells."""
    while i < len(lines):
        if not lines[i].strip():
            i += 1
            continue
        cells, multi = _cells_of(lines, offsets, i)
        if not multi:
            break
        if header_columns([c.text for c in cells], grid.caption_year):
            break
        row = _assign(cells, grid.columns, positional=True, f=f)
        if row is not None:
            grid.rows.append(row)
        i += 1
    return i


def _rows_spaced(lines: list[str], offsets: list[int], i: int, grid: Grid, f: Finders) -> int:
    """Rows of a table whose cells are apart by single spaces: a row is a line of a name and value cells; a line
    of one name cell (a row left empty) is passed over; prose, a long line or a heading ends the table."""
    while i < len(lines):
        line = lines[i]
        if not line.strip():
            i += 1
            continue
        if not _is_cell_line(line) or patterns.TABLE_END_HEADING.match(line.strip()):
            break
        cells = [Cell(m.group(), offsets[i] + m.start(), offsets[i] + m.end(), i) for m in re.finditer(r"\S+", line)]
        if len(cells) >= 2 and any(is_value_cell(c.key) for c in cells[1:]):
            row = _assign(cells, grid.columns, positional=True, f=f)
            if row is not None and row.values:
                grid.rows.append(row)
        elif len(cells) > 1:
            break
        i += 1
    return i


def _rows_per_cell(lines: list[str], offsets: list[int], i: int, grid: Grid, f: Finders) -> int:
    """Rows of a table written one cell per line: a row starts at a name cell that follows a value, unit or
    attribute cell; a group label (a name cell right before another) is skipped; prose ends the table."""
    current: list[Cell] = []
    done_value = False

    def flush() -> None:
        if current:
            row = _assign(current, grid.columns, positional=False, f=f)
            if row is not None and row.values:
                grid.rows.append(row)

    while i < len(lines):
        line = lines[i]
        if not line.strip():
            i += 1
            continue
        if not _is_cell_line(line):
            break
        cells, _ = _cells_of(lines, offsets, i)
        cell = cells[0]
        if _texty(cell) and done_value and not f.body(cell.key):
            flush()
            current, done_value = [], False
        current.append(cell)
        if not _texty(cell):
            done_value = True
        i += 1
    flush()
    return i


def _record_at(lines: list[str], offsets: list[int], i: int) -> tuple[Column, list[Cell], int] | None:
    """One record of a transposed table at line i: a header word and the cells that follow it on its own line
    or, when it stands alone, on the next line; with the number of lines it takes."""
    spans, multi = split_line(lines[i])
    if not spans:
        return None
    col = _column(lines[i][spans[0][0] : spans[0][1]], None)
    if col is None:
        return None
    if multi:
        return col, [Cell(lines[i][a:b], offsets[i] + a, offsets[i] + b, i) for a, b in spans[1:]], 1
    j = i + 1
    if j >= len(lines):
        return None
    nxt, nmulti = split_line(lines[j])
    if not nmulti or _column(lines[j][nxt[0][0] : nxt[0][1]], None) is not None:
        return None
    return col, [Cell(lines[j][a:b], offsets[j] + a, offsets[j] + b, j) for a, b in nxt], 2


def _transposed_at(lines: list[str], offsets: list[int], i: int, f: Finders) -> tuple[Grid, int] | None:
    """A transposed table starting at line i (indicator names in one record, each column's cells in the
    records after it), read as a grid with one row per name; with the line after it. None when the records
    do not make a table: a name record of texty cells first, and a target record with a value per name."""
    records: list[tuple[Column, list[Cell]]] = []
    j = i
    while j < len(lines):
        rec = _record_at(lines, offsets, j)
        if rec is None or (records and rec[0].kind == "name"):
            break
        col, cells, taken = rec
        records.append((col, cells))
        j += taken
    if not records or records[0][0].kind != "name":
        return None
    names = records[0][1]
    if len(names) < 2 or sum(_texty(c) for c in names) * 2 < len(names):
        return None
    columns = header_columns([c.label for c, _ in records], _caption_year(lines, i, f.times))
    if columns is None:
        return None
    grid = Grid(columns=columns, rows=[], header_lines=range(i, i + 1), caption_year=_caption_year(lines, i, f.times),
                transposed=True)
    for k, name in enumerate(names):
        present = [(col, cells[k]) for col, (_, cells) in zip(columns, records) if k < len(cells)]
        full = len(present) == len(columns)
        row = _assign([c for _, c in present], [col for col, _ in present], positional=True, f=f) if present else None
        if row is None and not full:
            row = _assign([c for _, c in present], columns, positional=False, f=f)
        if row is not None and row.values:
            grid.rows.append(row)
    targets = [c for c in columns if c.kind == "target"]
    if not grid.rows or not any(col.kind == "target" for r in grid.rows for col, _ in r.values) or not targets:
        return None
    return grid, j
