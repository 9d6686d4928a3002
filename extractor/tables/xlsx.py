"""tables.xlsx through xlsxwriter in constant-memory mode: rows stream to disk as they are written.

Every text cell is written with `write_string` (never parsed as a formula, URL or number); a text
starting like a formula gets Excel's quote-prefix style, the spreadsheet's own form of OWASP's
leading apostrophe, so it stays text even when a user edits the cell. Numbers are written as numbers.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

from extractor.tables.columns import BOOLEAN, INTEGER, NUMBER
from extractor.tables.safe import is_formula_like
from extractor.tables.sheet import Sheet, staged

MAX_CELL = 32767  # Excel's limit on the characters of one cell
WIDE = {"sentence": 80, "title": 40, "subject": 30, "agencies": 30, "source": 30, "cell": 40, "description": 80}
SAMPLE_ROWS = 200


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
    wraps = [_wraps(sheet, c.id) for c in sheet.columns]
    for k, c in enumerate(sheet.columns):
        sample = [c.id] + [r.get(c.id) for r in sheet.rows[:SAMPLE_ROWS]]
        width = min(WIDE.get(c.id, 40), max(8, max(map(display_width, sample)) + 2))
        ws.set_column(k, k, width, formats[(wraps[k], False)])
    for k, c in enumerate(sheet.columns):
        ws.write_string(0, k, c.id, header)
    for i, r in enumerate(sheet.rows, start=1):
        for k, c in enumerate(sheet.columns):
            v = r.get(c.id)
            if v is None:
                continue
            if c.type in (NUMBER, INTEGER):
                ws.write_number(i, k, v)
            elif c.type == BOOLEAN:
                ws.write_boolean(i, k, bool(v))
            else:
                s = str(v)[:MAX_CELL]
                ws.write_string(i, k, s, formats[(wraps[k], is_formula_like(s))])
    ws.autofilter(0, 0, max(len(sheet.rows), 1), len(sheet.columns) - 1)
