"""Comparable tables from one or more runs, as CSV, XLSX, Parquet and a Datasette-ready SQLite.

`extractor.exports.build_tables` reads the runs once into a plan on disk (extractor.tables.plan: rows in a
file, a few integers per row in memory) and runs the writers of this package (and the report) in child
processes. Each writer runs on its own: a writer that fails is reported with its file and reason, its
temporary file removed, and the other files are still written.

`RunData` is the same run held in memory (every obligation, no notice text), for callers that want
the rows themselves; `write_tables(RunData)` writes the same files from it, one writer after another.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from extractor.tables import by_indicator, columns
from extractor.tables.columns import TEXT, Col, cols, dictionary_rows
from extractor.tables.comparison import MATRIX_REGION_COLUMNS, Cell, Comparison, Entry, comparison, matrix_rows, tidy_rows
from extractor.tables.rows import (NATIONAL, UNDATED, UNKNOWN_REGION, Region, Rows, indicator_of, notice_rows, region_of,
                                   render_value, split_rows)
from extractor.tables.sheet import Sheet, write_csv, write_parquet
from extractor.tables.source import RunIndex

__all__ = [
    "NATIONAL", "UNDATED", "UNKNOWN_REGION", "Built", "Cell", "Comparison", "Entry", "Failure", "Region", "RunData",
    "indicator_of", "load_notices", "region_of", "render_value", "write_tables",
]
CSV_SHEETS = ("long", "comparison", "by_indicator", "matrix", "facts", "unknown_region")
# every file build_tables writes, in the order Built.written lists them
TABLE_FILES = (*(f"{name}.csv" for name in CSV_SHEETS), "tables.xlsx", "long.parquet", "notices.sqlite", "metadata.json")


@dataclass
class Failure:
    path: Path
    reason: str

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


@dataclass
class Built:
    """Files written, writers that failed (file and reason), and input lines that were skipped."""

    written: list[Path] = field(default_factory=list)
    failed: list[Failure] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)

    def __iter__(self) -> Iterator[Path]:
        """The files written, so `for p in build_tables(...)` reads as it did when a list was returned."""
        return iter(self.written)

    def attempt(self, path: Path, write: Callable[[Path], Any]) -> None:
        """Run one writer; its exception is recorded, never raised, so the next writer still runs."""
        try:
            write(path)
        except Exception as exc:  # noqa: BLE001 - any writer failure is reported with its file, the rest go on
            self.failed.append(Failure(path, f"{type(exc).__name__}: {exc}"))
        else:
            self.written.append(path)

    def ordered(self, names: Iterable[str]) -> Built:
        """Written files and failures in the order of `names` (writers that ran side by side finish in any order)."""
        rank = {name: k for k, name in enumerate(names)}
        self.written.sort(key=lambda p: rank.get(p.name, len(rank)))
        self.failed.sort(key=lambda f: rank.get(f.path.name, len(rank)))
        return self


@dataclass
class RunData:
    """What the tables and the report are built from: the run index, the rows and the comparison."""

    index: RunIndex
    rows: Rows
    comparison: Comparison
    delivery: dict[str, dict[str, Any]] = field(default_factory=dict)  # target id -> its latest linked progress

    @classmethod
    def read(cls, inputs: Iterable[Path]) -> RunData:
        from extractor import progress

        by_doc: dict[str, list[dict[str, Any]]] = {}
        linkable: dict[str, dict[str, Any]] = {}

        def on_notice(key: str, n: dict[str, Any]) -> None:
            by_doc[key] = notice_rows(n)
            linkable[key] = progress.slim(n)

        index = RunIndex.read(inputs, on_notice)
        rows = split_rows(by_doc)
        return cls(index, rows, comparison(index.notices, rows.targets), progress.delivery(progress.link(linkable.values())))

    def sheets(self) -> dict[str, Sheet]:
        """Every table, in the order tables.xlsx shows them."""
        matrix_cols = [c for c in columns.MATRIX if c.id in MATRIX_REGION_COLUMNS]
        matrix_cols += [Col(c.name, c.name, TEXT, "") for c in self.comparison.columns]
        return {
            "matrix": Sheet("matrix", matrix_cols, matrix_rows(self.comparison)),
            "by_indicator": Sheet("by_indicator", cols(columns.BY_INDICATOR), by_indicator.ordered(self.rows.targets, self.delivery)),
            "comparison": Sheet("comparison", cols(columns.COMPARISON), tidy_rows(self.comparison)),
            "long": Sheet("long", cols(columns.LONG), self.rows.targets),
            "facts": Sheet("facts", cols(columns.LONG), self.rows.facts),
            "unknown_region": Sheet("unknown_region", cols(columns.LONG), self.rows.unplaced),
            "dictionary": Sheet("dictionary", cols(columns.DICTIONARY), dictionary_rows()),
        }


def load_notices(inputs: Iterable[Path]) -> list[dict[str, Any]]:
    """Notices of all inputs with their obligations, without their text (a rerun's record replaces the
    earlier one in place)."""
    found: dict[str, dict[str, Any]] = {}
    RunIndex.read(inputs, found.__setitem__)
    return list(found.values())


def write_tables(data: RunData, out_dir: Path) -> Built:
    """Every CSV, tables.xlsx, long.parquet, notices.sqlite and its metadata.json, each writer on its own."""
    from extractor.tables.sqlite import write_metadata, write_sqlite
    from extractor.tables.xlsx import write_xlsx

    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    built = Built(skipped=list(data.index.skipped))
    sheets = data.sheets()
    for name in CSV_SHEETS:
        built.attempt(out_dir / f"{name}.csv", lambda p, s=sheets[name]: write_csv(s, p))
    built.attempt(out_dir / "tables.xlsx", lambda p: write_xlsx(list(sheets.values()), p))
    built.attempt(out_dir / "long.parquet", lambda p: write_parquet(sheets["long"], p))
    db = out_dir / "notices.sqlite"

    def sqlite(path: Path) -> None:
        with data.index.reader() as read:
            write_sqlite(((read(key), data.rows.by_doc[key]) for key in data.index.notices), path)

    built.attempt(db, sqlite)
    built.attempt(out_dir / "metadata.json", lambda p: write_metadata(db, p))
    return built
