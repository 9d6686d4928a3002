"""A table as the writers see it (name, typed columns, rows), and its CSV and Parquet files.

CSV is written row by row (UTF-8 with BOM and CRLF, so Excel reads the Chinese), with the columns'
Chinese names as headers and SHOWN values (≥ for >=) in place; text cells that a spreadsheet would
take for a formula are prefixed with a single quote (OWASP), numbers stay numbers, dates ISO text.
Parquet keeps the types and the raw text: it is for programs, not spreadsheets. Rows may be a list or
a stream read afresh for each writer (extractor.tables.plan); Parquet is written in row groups of
ROW_GROUP rows, so no writer holds more than that many rows.
"""
from __future__ import annotations

import csv
import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from extractor.outputs import atomic_writer
from extractor.tables.columns import BOOLEAN, DATE, INTEGER, NUMBER, SHOWN, TEXT, Col
from extractor.tables.rows import format_number
from extractor.cells import FORMULA_START, escape_formula


ROW_GROUP = 2048


@dataclass
class Sheet:
    name: str
    columns: list[Col]
    rows: Iterable[dict[str, Any]]


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


def shown_rows(sheet: Sheet) -> Iterator[dict[str, Any]]:
    """The sheet's rows with the SHOWN values in place (≥ for >=), as the CSV and XLSX show them."""
    shown = [(c.id, SHOWN[c.id]) for c in sheet.columns if c.id in SHOWN]
    if not shown:
        yield from sheet.rows
        return
    for r in sheet.rows:
        yield {**r, **{key: values.get(r[key], r[key]) for key, values in shown if isinstance(r.get(key), str)}}


def write_csv(sheet: Sheet, path: Path) -> Path:
    formula, cells = FORMULA_START, [(c.id, c.type == TEXT or c.type == DATE, c) for c in sheet.columns]
    with atomic_writer(path, encoding="utf-8-sig", newline="") as fh:
        w = csv.writer(fh, lineterminator="\r\n")
        w.writerow([escape_formula(c.zh) for c in sheet.columns])
        for r in shown_rows(sheet):  # csv_cell, with text (most cells) inline
            w.writerow(["" if v is None else ("'" + v if v.startswith(formula) else v) if text else csv_cell(col, v)
                        for key, text, col in cells for v in (r.get(key),)])
    return path


def write_parquet(sheet: Sheet, path: Path) -> Path:
    import pyarrow as pa
    import pyarrow.parquet as pq

    types = {NUMBER: pa.float64(), INTEGER: pa.int64(), BOOLEAN: pa.bool_()}
    schema = pa.schema([(c.id, types.get(c.type, pa.string())) for c in sheet.columns])

    def batch(rows: list[dict[str, Any]]) -> Any:
        arrays = []
        for c, f in zip(sheet.columns, schema):
            values = [r.get(c.id) for r in rows]
            if c.type == NUMBER:
                values = [None if v is None else float(v) for v in values]
            arrays.append(pa.array(values, type=f.type))
        return pa.record_batch(arrays, schema=schema)

    with staged(path) as tmp, pq.ParquetWriter(tmp, schema) as writer:
        rows: list[dict[str, Any]] = []
        written = 0
        for r in sheet.rows:
            rows.append(r)
            if len(rows) == ROW_GROUP:
                writer.write_batch(batch(rows))
                written, rows = written + len(rows), []
        if rows or not written:  # an empty table still has its (empty) row group, as pq.write_table writes it
            writer.write_batch(batch(rows))
    return path
