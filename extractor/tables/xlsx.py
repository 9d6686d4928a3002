"""tables.xlsx through xlsxwriter in constant-memory mode: rows stream to disk as they are written.

Every text cell is written with `write_string` (never parsed as a formula, URL or number); a text
starting like a formula gets Excel's quote-prefix style, the spreadsheet's own form of OWASP's
leading apostrophe, so it stays text even when a user edits the cell. Numbers are written as numbers.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from extractor.tables.columns import BOOLEAN, INTEGER, NUMBER
from extractor.cells import FORMULA_START
from extractor.tables.sheet import Sheet, staged

MAX_CELL = 32767  # Excel's limit on the characters of one cell
WIDE = {"sentence": 80, "title": 40, "subject": 30, "agencies": 30, "source": 30, "cell": 40, "description": 80}
SAMPLE_ROWS = 200
NUMERIC = (NUMBER, INTEGER)
FIXED_DATE = dt.datetime(2000, 1, 1, tzinfo=dt.timezone.utc)  # the same input gives the same bytes


def display_width(v: Any) -> int:
    s = "" if v is None else str(v)
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in s)


def _wraps(sheet: Sheet, name: str) -> bool:
    return name in WIDE or (sheet.name == "matrix" and " | " in name)


def write_xlsx(sheets: list[Sheet], path: Path) -> Path:
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
            for sheet in sheets:
                _write_sheet(wb, sheet, header, formats)
        finally:
            wb.close()
    return path


def _write_sheet(wb: Any, sheet: Sheet, header: Any, formats: dict[tuple[bool, bool], Any]) -> None:
    ws = wb.add_worksheet(sheet.name)
    ws.freeze_panes(1, 0)
    plan = []
    for k, c in enumerate(sheet.columns):
        wraps = _wraps(sheet, c.id)
        sample = [c.id] + [r.get(c.id) for r in sheet.rows[:SAMPLE_ROWS]]
        ws.set_column(k, k, min(WIDE.get(c.id, 40), max(8, max(map(display_width, sample)) + 2)), formats[(wraps, False)])
        ws.write_string(0, k, c.id, header)
        plan.append((k, c.id, c.type, formats[(wraps, False)], formats[(wraps, True)]))
    write_string, write_number, write_boolean = ws.write_string, ws.write_number, ws.write_boolean
    for i, r in enumerate(sheet.rows, start=1):
        for k, key, kind, plain, quoted in plan:
            v = r.get(key)
            if v is None:
                continue
            if kind in NUMERIC:
                write_number(i, k, v)
            elif kind == BOOLEAN:
                write_boolean(i, k, bool(v))
            else:
                s = (v if isinstance(v, str) else str(v))[:MAX_CELL]
                write_string(i, k, s, quoted if s.startswith(FORMULA_START) else plain)
    ws.autofilter(0, 0, max(len(sheet.rows), 1), len(sheet.columns) - 1)
