"""A table as the writers see it (name, typed columns, rows), and its CSV and Parquet files.

CSV is written row by row (UTF-8 with BOM and CRLF, so Excel reads the Chinese); text cells that a
spreadsheet would take for a formula are prefixed with a single quote (OWASP), numbers stay numbers.
Parquet keeps the types and the raw text: it is for programs, not spreadsheets.
"""
from __future__ import annotations

import csv
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from extractor.outputs import atomic_writer
from extractor.tables.columns import BOOLEAN, INTEGER, NUMBER, Col
from extractor.tables.rows import format_number
from extractor.cells import escape_formula


@dataclass
class Sheet:
    name: str
    columns: list[Col]
    rows: list[dict[str, Any]]


@contextmanager
def staged(path: Path) -> Iterator[Path]:
    """A temporary path next to `path`, renamed over it on success and removed on any failure."""
    tmp = path.with_name(path.name + ".tmp")
    tmp.unlink(missing_ok=True)
    try:
        yield tmp
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def csv_cell(col: Col, v: Any) -> str:
    if v is None:
        return ""
    if col.type == NUMBER:
        return format_number(v)
    if col.type == INTEGER:
        return str(int(v))
    if col.type == BOOLEAN:
        return "TRUE" if v else "FALSE"
    return escape_formula(v)


def write_csv(sheet: Sheet, path: Path) -> Path:
    with atomic_writer(path, encoding="utf-8-sig", newline="") as fh:
        w = csv.writer(fh, lineterminator="\r\n")
        w.writerow([escape_formula(c.id) for c in sheet.columns])
        for r in sheet.rows:
            w.writerow([csv_cell(c, r.get(c.id)) for c in sheet.columns])
    return path


def write_parquet(sheet: Sheet, path: Path) -> Path:
    import pyarrow as pa
    import pyarrow.parquet as pq

    types = {NUMBER: pa.float64(), INTEGER: pa.int64(), BOOLEAN: pa.bool_()}
    arrays = {}
    for c in sheet.columns:
        values = [r.get(c.id) for r in sheet.rows]
        if c.type == NUMBER:
            values = [None if v is None else float(v) for v in values]
        arrays[c.id] = pa.array(values, type=types.get(c.type, pa.string()))
    with staged(path) as tmp:
        pq.write_table(pa.table(arrays), tmp)
    return path
