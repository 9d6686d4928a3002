"""The tables and the report built from a plan on disk, so memory does not grow with the rows of a run.

`Plan.build` reads the runs once. Each notice's obligation rows are computed there (the only step
that needs the indicator taxonomy, and so spaCy) and appended to a row store on disk (`rows.bin`, one
marshal record per row); what the aggregates need is kept as a few integers per row. A second pass
over the store, notice by notice in the tables' notice order, gives the sort keys of the long, facts
and unknown_region tables (ranks of the key values, sorted as packed integers), the cells of the
comparison (built one cell at a time in the matrix's order, written to `tidy.bin` and `cells.bin`)
and the figures of the report. The plan itself is a small pickle (`plan.pickle`) that the writers'
processes (extractor.exports) load; they read rows back by their offsets, one at a time, and
the notices' texts from the runs by their byte offsets.

The rows come out exactly as the in-memory build (`RunData`) orders them: a notice read again (a
rerun) keeps its first place and its last record; rows are sorted stably by province, city,
indicator, deadline, doc_id and obligation id with missing values last.
"""
from __future__ import annotations

import marshal
import os
import pickle
import shutil
import tempfile
from array import array
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from extractor import cells as safe
from extractor import progress
from extractor.tables import by_indicator, columns
from extractor.tables.columns import TEXT, Col, cols, dictionary_rows
from extractor.tables.comparison import (MATRIX_REGION_COLUMNS, Cell, Column, Entry, _cell, cell_rows, columns_of,
                                         region_rows, year_label)
from extractor.tables.rows import NATIONAL, ROW_FIELDS, UNKNOWN_REGION, notice_rows, pack, region_of, unpack
from extractor.tables.sheet import Sheet
from extractor.tables.source import RunIndex
from extractor.taxonomy import OTHER

PLAN = "plan.pickle"
ROWS, TIDY, CELLS = "rows.bin", "tidy.bin", "cells.bin"
# the report's links of one cell: (obligation id, text) of the latest notice's values, then of the others
CellLinks = tuple[list[tuple[str, str]], list[tuple[str, str]]]
SORT_KEYS = ("province", "city", "indicator", "deadline", "doc_id")  # then the obligation id (rows.sort_rows)
_AT = {name: k for k, name in enumerate(ROW_FIELDS)}


class _Ranks:
    """Distinct values of one sort column, numbered as they come; `ranks()` orders them with None last."""

    def __init__(self) -> None:
        self.ids: dict[Any, int] = {}

    def __call__(self, v: Any) -> int:
        return self.ids.setdefault(v, len(self.ids))

    def ranks(self) -> list[int]:
        order = sorted(self.ids, key=lambda v: (v is None, "" if v is None else v))
        by_id = [0] * len(self.ids)
        for rank, v in enumerate(order):
            by_id[self.ids[v]] = rank
        return by_id


def _dense_ranks(values: Iterable[str | None]) -> dict[str | None, int]:
    return {v: k for k, v in enumerate(sorted(set(values), key=lambda v: (v is None, "" if v is None else v)))}


class _Store:
    """Records appended to a file, one marshal record each, read back by number."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.fh: BinaryIO = path.open("wb")
        self.offsets = array("q", [0])

    def add(self, record: Any) -> int:
        data = marshal.dumps(record)
        self.fh.write(data)
        self.offsets.append(self.offsets[-1] + len(data))
        return len(self.offsets) - 2

    def close(self) -> None:
        self.fh.close()


@dataclass
class StoreReader:
    """Read access to a store: record k by number, or all in order. Records are read with pread, not
    mapped: mapped pages would count in the process's resident memory, read ones stay in the page cache."""

    path: Path
    offsets: array

    def __post_init__(self) -> None:
        self._fd = os.open(self.path, os.O_RDONLY)

    def __getitem__(self, k: int) -> Any:
        start = self.offsets[k]
        return marshal.loads(os.pread(self._fd, self.offsets[k + 1] - start, start))

    def __len__(self) -> int:
        return len(self.offsets) - 1

    def __iter__(self) -> Iterator[Any]:
        """Every record in order, read a block at a time."""
        with self.path.open("rb", buffering=1 << 16) as fh:
            for k in range(len(self)):
                yield marshal.loads(fh.read(self.offsets[k + 1] - self.offsets[k]))

    def close(self) -> None:
        os.close(self._fd)


@dataclass
class ReportFigures:
    """What the report's introduction, charts and navigation need besides the rows themselves."""

    notices: int = 0
    regions: list[str] = field(default_factory=list)
    targets: int = 0
    mapped: int = 0
    unplaced: int = 0
    facts: int = 0
    years: list[str] = field(default_factory=list)
    unit_tops: dict[str, float] = field(default_factory=dict)
    by_indicator: dict[str, array] = field(default_factory=dict)
    documents: list[str] = field(default_factory=list)
    labels: dict[str, str] = field(default_factory=dict)  # labels of the variant and provisional ids in the rows


@dataclass
class Plan:
    """Everything the writers need, on disk in `folder` (removed by `Plan.built`'s context)."""

    folder: Path
    index: RunIndex
    doc_rows: dict[str, tuple[int, int]]
    row_offsets: array
    long: array
    facts: array
    unplaced: array
    regions: list[dict[str, Any]]
    columns: list[Column]
    tidy_offsets: array
    cell_offsets: array
    taxonomy: list[tuple[str, str, str, str, str]]
    other: str
    figures: ReportFigures
    by_indicator_order: array = field(default_factory=lambda: array("i"))  # targets with an indicator, in view order
    region_counts: dict[str, int] = field(default_factory=dict)  # regions that set each indicator
    delivery: dict[str, dict[str, Any]] = field(default_factory=dict)  # target id -> its latest linked progress

    # ---- building -------------------------------------------------------------------------------
    @classmethod
    def build(cls, inputs: Iterable[Path], folder: Path,
              on_links: Callable[[progress.Links], None] | None = None) -> Plan:
        """Read the runs `inputs` into a plan in `folder` (an empty folder the caller owns). `on_links` is given
        the targets linked to their progress (what `progress.link` makes of the same runs), so a run writes its
        progress files without linking again."""
        from extractor.tables.sqlite import taxonomy_rows

        folder = Path(folder)
        store = _Store(folder / ROWS)
        doc_rows: dict[str, tuple[int, int]] = {}

        linkable: dict[str, dict[str, Any]] = {}

        def on_notice(key: str, record: dict[str, Any]) -> None:
            linkable[key] = progress.slim(record)
            rows = notice_rows(record)
            first = len(store.offsets) - 1
            for r in rows:
                store.add(pack(r))
            doc_rows[key] = (first, len(rows))

        try:
            index = RunIndex.read(inputs, on_notice)
        finally:
            store.close()
        taxonomy = taxonomy_rows()
        plan = cls(folder, index, doc_rows, store.offsets, array("i"), array("i"), array("i"), [], [], array("q"),
                   array("q"), taxonomy, OTHER, ReportFigures())
        links = progress.link(linkable.values())
        if on_links is not None:
            on_links(links)
        plan.delivery = progress.delivery(links)
        with plan.rows() as rows:
            plan._aggregate(rows)
        with (folder / PLAN).open("wb") as fh:
            pickle.dump(plan, fh, protocol=pickle.HIGHEST_PROTOCOL)
        return plan

    @classmethod
    def load(cls, folder: Path) -> Plan:
        with (Path(folder) / PLAN).open("rb") as fh:
            return pickle.load(fh)

    def _aggregate(self, rows: StoreReader) -> None:
        """Sort keys, comparison and report figures from the stored rows, one notice at a time."""
        notices = self.index.notices
        doc_text = {key: safe.text(key) for key in notices}
        shared: dict[str, list[str]] = {}
        for key, text in doc_text.items():
            shared.setdefault(text, []).append(key)
        dims = [_Ranks() for _ in SORT_KEYS]
        kinds = {"target": array("i"), "fact": array("i"), "unplaced": array("i")}
        values = [array("i") for _ in dims]
        oid_rank, row_of = array("i"), array("i")
        fig = self.figures
        years: set[str] = set()
        for key in notices:
            first, count = self.doc_rows[key]
            doc_rows = [unpack(rows[i]) for i in range(first, first + count)]
            group = shared[doc_text[key]]
            if len(group) == 1:
                ranks = _dense_ranks(r["obligation_id"] for r in doc_rows)
            else:  # notices whose doc_id reads the same once cleaned: obligation ids are compared across them
                ranks = _dense_ranks(rows[i][_AT["obligation_id"]] for g in group
                                     for i in range(self.doc_rows[g][0], sum(self.doc_rows[g])))
            for j, r in enumerate(doc_rows):
                seq = len(row_of)
                row_of.append(first + j)
                for d, name, vals in zip(dims, SORT_KEYS, values):
                    vals.append(d(r[name]))
                oid_rank.append(ranks[r["obligation_id"]])
                if r["kind"] != "target":
                    kinds["fact"].append(seq)
                elif r["region"] == UNKNOWN_REGION:
                    kinds["unplaced"].append(seq)
                else:
                    kinds["target"].append(seq)
                    years.add(year_label(r["deadline_year"]))
                    if r["indicator"] != self.other and r["value"] is not None:
                        unit = r["unit"] or ""
                        top = float(r["value_max"] if r["value_max"] is not None else r["value"])
                        fig.unit_tops[unit] = max(fig.unit_tops.get(unit, 0.0), top)
        rank_maps = [d.ranks() for d in dims]
        sizes = [len(r) + 1 for r in rank_maps] + [max(oid_rank, default=0) + 1, len(row_of) + 1]

        def key_of(seq: int) -> int:
            key = 0
            for d, ranks in enumerate(rank_maps):
                key = key * sizes[d] + ranks[values[d][seq]]
            return (key * sizes[5] + oid_rank[seq]) * sizes[6] + seq

        def order(seqs: array) -> array:
            keys = sorted(key_of(s) for s in seqs)
            return array("i", (row_of[key % sizes[6]] for key in keys))

        self.long, self.facts, self.unplaced = (order(kinds[k]) for k in ("target", "fact", "unplaced"))
        fig.notices, fig.targets, fig.facts, fig.unplaced = len(notices), len(self.long), len(self.facts), len(self.unplaced)
        fig.regions = sorted({region_of(n).label for n in notices.values()} - {UNKNOWN_REGION},
                             key=lambda r: (r != NATIONAL, r))
        fig.years = sorted(years)
        fig.documents = sorted(notices, key=lambda key: (region_of(notices[key]).label, key))
        self._compare(rows)

    def _compare(self, rows: StoreReader) -> None:
        """The comparison's cells in the matrix's order, each built from its rows and written out at once."""
        fig = self.figures
        self.regions = region_rows(self.index.notices)
        region_at = {r["地区"]: k for k, r in enumerate(self.regions)}
        entries: list[tuple[str, str, int]] = []  # (indicator, year, position in long) of each canonical target
        by_indicator: dict[str, list[int]] = {}
        dates: dict[str | None, str | None] = {}
        labels: dict[str, str] = {}
        for pos, i in enumerate(self.long):
            r = rows[i]
            region, doc_id, issue_date = r[_AT["region"]], r[_AT["doc_id"]], r[_AT["issue_date"]]
            indicator, year = r[_AT["indicator"]], year_label(r[_AT["deadline_year"]])
            by_indicator.setdefault(indicator, []).append(i)
            if indicator == self.other:
                continue
            labels.setdefault(indicator, r[_AT["indicator_label"]])
            entries.append((region, indicator, year, pos))
            dates[doc_id] = issue_date
        fig.mapped = len(entries)
        fig.by_indicator = {k: array("i", v) for k, v in by_indicator.items()}
        self._order_by_indicator(rows, by_indicator)
        self.columns = columns_of({(ind, year) for _, ind, year, _ in entries}, [(t[0], t[1]) for t in self.taxonomy[:-1]], labels)
        fig.labels = labels
        col_at = {(c.indicator, c.year): k for k, c in enumerate(self.columns)}
        ncols = len(self.columns) + 1
        cell_keys = sorted((region_at[region] * ncols + col_at[(ind, year)]) * (len(self.long) + 1) + pos
                           for region, ind, year, pos in entries)
        del entries
        tidy, cells = _Store(self.folder / TIDY), _Store(self.folder / CELLS)
        try:
            region_cells: list[tuple[int, str, CellLinks]] = []
            current_region = 0
            start = 0
            while start <= len(cell_keys):
                cell = cell_keys[start] // (len(self.long) + 1) if start < len(cell_keys) else None
                end = start
                while end < len(cell_keys) and cell_keys[end] // (len(self.long) + 1) == cell:
                    end += 1
                region_k = cell // ncols if cell is not None else len(self.regions)
                while current_region < region_k:  # every region gets its record, with or without cells
                    cells.add(region_cells)
                    region_cells, current_region = [], current_region + 1
                if cell is None:
                    break
                col_k = cell % ncols
                by_doc: dict[str | None, list[Entry]] = {}
                for key in cell_keys[start:end]:
                    row = unpack(rows[self.long[key % (len(self.long) + 1)]])
                    by_doc.setdefault(row["doc_id"], []).append(Entry(row["display"], row))
                c = _cell(by_doc, dates)
                for t in cell_rows(self.regions[region_k], self.columns[col_k], c):
                    tidy.add(tuple(t[k] for k in columns.COMPARISON))
                links = ([(e.row["obligation_id"] or "", e.text) for e in c.first],
                         [(e.row["obligation_id"] or "", e.text) for e in c.others])
                region_cells.append((col_k, c.text(), links))
                start = end
        finally:
            tidy.close()
            cells.close()
        self.tidy_offsets, self.cell_offsets = tidy.offsets, cells.offsets

    # ---- reading ----------------------------------------------------------------------------------
    @contextmanager
    def rows(self) -> Iterator[StoreReader]:
        reader = StoreReader(self.folder / ROWS, self.row_offsets)
        try:
            yield reader
        finally:
            reader.close()

    @contextmanager
    def _store(self, name: str, offsets: array) -> Iterator[StoreReader]:
        reader = StoreReader(self.folder / name, offsets)
        try:
            yield reader
        finally:
            reader.close()

    def _order_by_indicator(self, rows: StoreReader, positions: dict[str, list[int]]) -> None:
        """The by_indicator sheet's order (extractor.tables.by_indicator), kept as row numbers."""
        keyed = {"indicator", "region", "deadline", "issue_date", "obligation_id"}
        regions: dict[str, set[str]] = {}
        slim: list[tuple[int, dict[str, Any]]] = []
        for indicator, numbers in positions.items():
            if indicator == self.other:
                continue
            for i in numbers:
                r = rows[i]
                slim.append((i, {k: r[_AT[k]] for k in keyed}))
                regions.setdefault(indicator, set()).add(r[_AT["region"]])
        self.region_counts = {k: len(v) for k, v in regions.items()}
        rank = {t[0]: k for k, t in enumerate(self.taxonomy[:-1])}
        slim.sort(key=lambda p: by_indicator.sort_key(p[1], self.region_counts, rank))
        self.by_indicator_order = array("i", (i for i, _ in slim))

    def row_stream(self, order: array) -> Iterator[dict[str, Any]]:
        """The rows numbered in `order`, as dicts."""
        with self.rows() as rows:
            for i in order:
                yield unpack(rows[i])

    def doc_rows_of(self, rows: StoreReader, key: str) -> list[dict[str, Any]]:
        first, count = self.doc_rows[key]
        return [unpack(rows[i]) for i in range(first, first + count)]

    def documents(self, keys: Iterable[str] | None = None) -> Iterator[tuple[dict[str, Any], list[dict[str, Any]]]]:
        """(full record, rows) of each notice of `keys` (default: the tables' order), one at a time."""
        with self.rows() as rows, self.index.reader() as read:
            for key in self.index.notices if keys is None else keys:
                yield read(key), self.doc_rows_of(rows, key)

    def region_cells(self) -> Iterator[tuple[dict[str, Any], dict[int, tuple[str, CellLinks]]]]:
        """Each region of the comparison with its cells: column number -> (cell text, links)."""
        with self._store(CELLS, self.cell_offsets) as cells:
            for region, record in zip(self.regions, cells):
                yield region, {k: (text, links) for k, text, links in record}

    def matrix_rows(self) -> Iterator[dict[str, Any]]:
        for region, cells in self.region_cells():
            rec = {c: region.get(c) for c in MATRIX_REGION_COLUMNS}
            for k, col in enumerate(self.columns):
                cell = cells.get(k)
                rec[col.name] = cell[0] if cell else None
            yield rec

    def tidy_rows(self) -> Iterator[dict[str, Any]]:
        with self._store(TIDY, self.tidy_offsets) as tidy:
            for values in tidy:
                yield dict(zip(columns.COMPARISON, values))

    def sheets(self) -> dict[str, Sheet]:
        """Every table as a stream of rows, in the order tables.xlsx shows them (as RunData.sheets)."""
        matrix_cols = [c for c in columns.MATRIX if c.id in MATRIX_REGION_COLUMNS]
        matrix_cols += [Col(c.name, c.name, TEXT, "") for c in self.columns]
        return {
            "matrix": Sheet("matrix", matrix_cols, Rows(self.matrix_rows, len(self.regions))),
            "by_indicator": Sheet("by_indicator", cols(columns.BY_INDICATOR), Rows(
                lambda: by_indicator.stream(self.row_stream(self.by_indicator_order), self.region_counts, self.delivery), len(self.by_indicator_order))),
            "comparison": Sheet("comparison", cols(columns.COMPARISON), Rows(self.tidy_rows, len(self.tidy_offsets) - 1)),
            "long": Sheet("long", cols(columns.LONG), Rows(lambda: self.row_stream(self.long), len(self.long))),
            "facts": Sheet("facts", cols(columns.LONG), Rows(lambda: self.row_stream(self.facts), len(self.facts))),
            "unknown_region": Sheet("unknown_region", cols(columns.LONG),
                                    Rows(lambda: self.row_stream(self.unplaced), len(self.unplaced))),
            "dictionary": Sheet("dictionary", cols(columns.DICTIONARY), dictionary_rows()),
        }

    def cell_of(self, text: str, links: CellLinks) -> Cell:
        """A report cell from its stored links (entries carry only their obligation id)."""
        first, others = ([Entry(t, {"obligation_id": oid or None}) for oid, t in part] for part in links)
        return Cell(first, others)


@dataclass
class Rows:
    """Rows read afresh on every iteration (so each writer streams them), with their number known."""

    produce: Any
    count: int

    def __iter__(self) -> Iterator[dict[str, Any]]:
        return iter(self.produce())

    def __len__(self) -> int:
        return self.count


@contextmanager
def built(inputs: Iterable[Path], on_links: Callable[[progress.Links], None] | None = None) -> Iterator[Plan]:
    """A plan of the runs `inputs` in a temporary folder, removed on leaving."""
    folder = Path(tempfile.mkdtemp(prefix="notice-extract-tables-"))
    try:
        yield Plan.build(inputs, folder, on_links)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


__all__ = ["Plan", "ReportFigures", "Rows", "StoreReader", "built"]
