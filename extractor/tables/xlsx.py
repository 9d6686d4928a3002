"""tables.xlsx through xlsxwriter in constant-memory mode: rows stream to disk as they are written.

Every text cell is written with `write_string` (never parsed as a formula, URL or number); a text
starting like a formula gets Excel's quote-prefix style, the spreadsheet's own form of OWASP's
leading apostrophe, so it stays text even when a user edits the cell. Numbers are written as numbers,
dates (issue_date, deadline) as Excel dates shown yyyy-mm-dd, the comparator as ≥ ≤ ＝ 区间 (SHOWN),
and the headers are the columns' Chinese names. In the matrix, a cell holding one number (全省≥30%,
600人) is that number, with a number format that shows it as the text did; cells of several values,
ranges or qualitative goals stay text.

Rows arrive as a stream (the widths come from the first SAMPLE_ROWS). xlsxwriter spends about 4 µs on
each cell; `_RowXml` writes the data rows' XML itself, character for character what xlsxwriter's
constant-memory mode writes (inline strings with its escapes, the same style numbers, in the same
order), straight into the worksheet's row file, for a fifth of that. It is used only where it is known
to match (tests/test_xlsx_rows.py compares both on every kind of cell); anything else takes the
plain xlsxwriter path (`fast=False`).
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from itertools import chain, islice
from pathlib import Path
from typing import Any

from extractor.tables.columns import BOOLEAN, DATE, INTEGER, NUMBER
from extractor.cells import FORMULA_START
from extractor.tables.sheet import Sheet, shown_rows, staged

MAX_CELL = 32767  # Excel's limit on the characters of one cell
WIDE = {"sentence": 80, "title": 40, "subject": 30, "agencies": 30, "source": 30, "cell": 40, "description": 80}
SAMPLE_ROWS = 200
NUMERIC = (NUMBER, INTEGER)
FIXED_DATE = dt.datetime(2000, 1, 1, tzinfo=dt.timezone.utc)  # the same input gives the same bytes
DATE_FORMAT = "yyyy-mm-dd"
_EPOCH = dt.date(1899, 12, 30)  # Excel's day 0 (1900 date system, its leap-year bug included from March 1900)
_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# one value as the matrix shows it: scope, comparator, number, unit (全省≥30%, 每个县(市、区)≥1家, 600人, 约85%)
_ONE_VALUE = re.compile(r"^(?P<before>[^\d、⚠–\-\"\\]*?)(?P<number>\d+(?:\.\d+)?)(?P<unit>[^\d、⚠–\-\"\\]*)$")


def excel_date(v: Any) -> int | None:
    """The Excel serial day of an ISO date (2025-12-31 → 46022), or None for anything else."""
    if not isinstance(v, str) or not _ISO_DAY.match(v):
        return None
    try:
        return (dt.date.fromisoformat(v) - _EPOCH).days
    except ValueError:
        return None


def one_value(s: str) -> tuple[float, str] | None:
    """A matrix cell holding one number: (the number, an Excel number format showing it as `s`), else None."""
    m = _ONE_VALUE.match(s)
    if m is None or not m["number"]:
        return None
    number = float(m["number"])
    if not number.is_integer() and len(m["number"]) > 15:
        return None
    literal = lambda t: f'"{t}"' if t else ""  # noqa: E731 - Excel's quoted literal text
    return number, f"{literal(m['before'])}General{literal(m['unit'])}"


def display_width(v: Any) -> int:
    s = "" if v is None else str(v)
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in s)


def _wraps(sheet: Sheet, name: str) -> bool:
    return name in WIDE or (sheet.name == "matrix" and " | " in name)


def write_xlsx(sheets: Iterable[Sheet], path: Path, fast: bool = True) -> Path:
    """Header row bold and frozen, autofilter on, widths from the content, long text wrapped."""
    import xlsxwriter

    with staged(path) as tmp:
        wb = xlsxwriter.Workbook(str(tmp), {"constant_memory": True, "strings_to_formulas": False,
                                            "strings_to_urls": False, "strings_to_numbers": False})
        wb.set_properties({"created": FIXED_DATE, "title": "notice-extract tables"})
        try:
            header = wb.add_format({"bold": True})
            formats = {(wrap, quote): wb.add_format({"text_wrap": wrap, "valign": "top", "quote_prefix": quote})
                       for wrap in (False, True) for quote in (False, True)}
            formats["date"] = wb.add_format({"valign": "top", "num_format": DATE_FORMAT})
            for sheet in sheets:
                if sheet.name == "matrix":
                    _write_matrix(wb, sheet, header, formats)
                else:
                    _write_sheet(wb, sheet, header, formats, fast)
        finally:
            wb.close()
    return path


def _write_sheet(wb: Any, sheet: Sheet, header: Any, formats: dict[Any, Any], fast: bool) -> None:
    ws = wb.add_worksheet(sheet.name)
    ws.freeze_panes(1, 0)
    rows = shown_rows(sheet)
    sample = list(islice(rows, SAMPLE_ROWS))
    plan = []
    for k, c in enumerate(sheet.columns):
        wraps = _wraps(sheet, c.id)
        width = max(map(display_width, [c.zh] + [r.get(c.id) for r in sample]))
        column = formats["date"] if c.type == DATE else formats[(wraps, False)]
        ws.set_column(k, k, min(WIDE.get(c.id, 40), max(8 if c.type != DATE else 11, width + 2)), column)
        ws.write_string(0, k, c.zh, header)
        plan.append((k, c.id, c.type, column, formats[(wraps, True)]))
    writer = _RowXml.for_sheet(ws, plan) if fast and sample else None  # a header alone: as xlsxwriter leaves it
    n = (writer.write if writer else _write_rows)(ws, plan, chain(sample, rows))
    ws.autofilter(0, 0, max(n, 1), len(sheet.columns) - 1)


def _write_matrix(wb: Any, sheet: Sheet, header: Any, formats: dict[Any, Any]) -> None:
    """The matrix (one row per region: small) through xlsxwriter: a cell of one value as a number in a format
    that shows it as its text, the rest as in the other sheets."""
    ws = wb.add_worksheet(sheet.name)
    ws.freeze_panes(1, 0)
    rows = list(shown_rows(sheet))
    plan = []
    for k, c in enumerate(sheet.columns):
        wraps = _wraps(sheet, c.id)
        width = max(map(display_width, [c.zh] + [r.get(c.id) for r in rows[:SAMPLE_ROWS]]))
        column = formats["date"] if c.type == DATE else formats[(wraps, False)]
        ws.set_column(k, k, min(WIDE.get(c.id, 40), max(8 if c.type != DATE else 11, width + 2)), column)
        ws.write_string(0, k, c.zh, header)
        plan.append((k, c.id, c.type, column, formats[(wraps, True)], wraps and c.type == "text" and " | " in c.id))
    number_formats: dict[tuple[str, bool], Any] = {}
    for i, r in enumerate(rows, start=1):
        for k, key, kind, plain, quoted, value_cell in plan:
            v = r.get(key)
            found = one_value(v) if value_cell and isinstance(v, str) else None
            if found is None:
                _write_rows(ws, [(k, key, kind, plain, quoted)], [r], first=i)
                continue
            number, shown = found
            fmt = number_formats.get((shown, True))
            if fmt is None:
                fmt = number_formats[(shown, True)] = wb.add_format({"text_wrap": True, "valign": "top", "num_format": shown})
            ws.write_number(i, k, number, fmt)
    ws.autofilter(0, 0, max(len(rows), 1), len(sheet.columns) - 1)


def _write_rows(ws: Any, plan: list[tuple[Any, ...]], rows: Iterable[dict[str, Any]], first: int = 1) -> int:
    """Data rows through xlsxwriter, cell by cell, from row `first`; the number of rows."""
    write_string, write_number, write_boolean = ws.write_string, ws.write_number, ws.write_boolean
    i = first - 1
    for i, r in enumerate(rows, start=first):
        for k, key, kind, plain, quoted in plan:
            v = r.get(key)
            if v is None:
                continue
            if kind in NUMERIC:
                write_number(i, k, v)
            elif kind == BOOLEAN:
                write_boolean(i, k, bool(v))
            elif kind == DATE and excel_date(v) is not None:
                write_number(i, k, excel_date(v), plain)
            else:
                s = (v if isinstance(v, str) else str(v))[:MAX_CELL]
                write_string(i, k, s, quoted if s.startswith(FORMULA_START) else plain)
    return i


# a text that needs more than `<t>text</t>`: escapes, outer whitespace, or a formula's quote-prefix style
_SPECIAL = re.compile("[&<>_\x00-\x08\x0b-\x1f\ufffe\uffff]|^[\\s=+\\-@]|\\s$")


class _RowXml:
    """The data rows of one constant-memory worksheet as xlsxwriter writes them, without its per-cell calls.

    After the header row (written by xlsxwriter), each row goes to the worksheet's row file as
    `<row r="N">` and its cells: a text as an inline string (control characters as _xHHHH_, & < >
    escaped, xml:space="preserve" around outer whitespace), a number as `<v>` in %.16G, a boolean as
    t="b"; the style index is the cell's format, else the column's. The worksheet's dimensions and
    row counter are then set as xlsxwriter would have left them.
    """

    def __init__(self, ws: Any, plan: list[tuple[Any, ...]], utility: Any, xmlwriter: Any) -> None:
        self.ws, self.plan = ws, plan
        self.letters = [utility.xl_col_to_name(k) for k, *_ in plan]
        self.column_format = {k: ws.col_info[k].column_format if k in ws.col_info else None for k, *_ in plan}
        self.escape_controls = xmlwriter.XMLwriter._escape_control_characters
        self.preserve = utility._preserve_whitespace
        self.utf16_len, self.utf16_truncate = utility._utf16_len, utility._utf16_truncate
        self.xf: dict[int, str] = {}

    @classmethod
    def for_sheet(cls, ws: Any, plan: list[tuple[Any, ...]]) -> _RowXml | None:
        """The fast writer, or None where this xlsxwriter or worksheet is not the one it mirrors."""
        try:
            from xlsxwriter import utility, xmlwriter

            known = (ws.constant_memory and ws.excel_version == 2007 and not ws.row_info and not ws.comments
                     and ws.default_row_height == ws.original_row_height and ws.previous_row == 0
                     and callable(getattr(ws, "_write_single_row", None)) and ws.xls_strmax == MAX_CELL)
            return cls(ws, plan, utility, xmlwriter) if known else None
        except (ImportError, AttributeError):
            return None

    def _s(self, fmt: Any) -> str:
        """' s="N"' for a format, N assigned when first used, as xlsxwriter assigns it."""
        if fmt is None:
            return ""
        attr = self.xf.get(id(fmt))
        if attr is None:
            attr = self.xf[id(fmt)] = f' s="{fmt._get_xf_index()}"'
        return attr

    def _text(self, ref: str, s: str, fmt: Any) -> str:
        if len(s) > MAX_CELL // 2 and self.utf16_len(s) > MAX_CELL:
            s = self.utf16_truncate(s, MAX_CELL)
        s = self.escape_controls(s)
        if s.startswith("<r>") and s.endswith("</r>"):  # what xlsxwriter takes for rich text
            return f'<c r="{ref}"{self._s(fmt)} t="inlineStr"><is>{s}</is></c>'
        space = ' xml:space="preserve"' if self.preserve(s) else ""
        if "&" in s or "<" in s or ">" in s:
            s = s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        return f'<c r="{ref}"{self._s(fmt)} t="inlineStr"><is><t{space}>{s}</t></is></c>'

    def write(self, ws: Any, plan: list[tuple[Any, ...]], rows: Iterable[dict[str, Any]]) -> int:
        ws._write_single_row(1)  # the header row out, as writing into row 1 would
        write, special, style = ws.fh.write, _SPECIAL.search, self._s
        cells = [(key, kind in NUMERIC, kind == BOOLEAN, kind == DATE, plain, quoted, self.letters[j], self.column_format[k])
                 for j, (k, key, kind, plain, quoted) in enumerate(plan)]
        last, i = 0, 0
        for i, r in enumerate(rows, start=1):
            n = str(i + 1)
            parts = []
            for key, numeric, boolean, date, plain, quoted, letter, column in cells:
                v = r.get(key)
                if v is None:
                    continue
                if numeric:
                    parts.append(f'<c r="{letter}{n}"{style(column)}><v>{v:.16G}</v></c>')
                elif date and (day := excel_date(v)) is not None:
                    parts.append(f'<c r="{letter}{n}"{style(plain)}><v>{day}</v></c>')
                elif boolean:
                    parts.append(f'<c r="{letter}{n}"{style(column)} t="b"><v>{1 if v else 0}</v></c>')
                else:
                    s = v if isinstance(v, str) else str(v)
                    if len(s) > MAX_CELL // 2 or special(s):
                        s = s[:MAX_CELL]
                        parts.append(self._text(letter + n, s, quoted if s.startswith(FORMULA_START) else plain))
                    else:
                        parts.append(f'<c r="{letter}{n}"{style(plain)} t="inlineStr"><is><t>{s}</t></is></c>')
            if parts:
                write(f'<row r="{n}">{"".join(parts)}</row>')
                last = i
        if last:
            ws.dim_rowmax = max(ws.dim_rowmax or 0, last)
        ws.previous_row = i
        return i
