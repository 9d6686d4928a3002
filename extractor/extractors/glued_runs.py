"""Runs of digits where flattening a table glued several cells together (`25783000`, `6101.58`, `-100%`).

A run is cut into as many cells as its header has value columns. A cut fits only when every cell and every
relation the header states holds:

- form: each cell is a well-formed number (no leading zero but `0` and `0.x`; at most the column's decimals,
  two unless the column says otherwise; a `%` column at most 100; a year column 1900–2099), or an empty mark
  (`-`, `—`) taking one column; a `%` may follow a number;
- baseline → target (`2020年完成值` → `2025年目标值`): the target within one order of magnitude of a positive
  baseline (a plan moves a figure by less than ×10 or ÷10 over its period); a zero baseline allows any target,
  a zero target needs a zero baseline;
- part ≤ whole (`其中…`): the part is no larger than the column it is part of;
- series (one row per year, `2021年 | 610 | 1.58`): across the rows each column moves one way only, never up
  and down (a rising or falling rate), and stays within one order of magnitude of its first value (as a target
  of its baseline); a column whose header says it accumulates (`累计`) never falls.

Only a run with exactly one fitting cut is split; none or several leave it alone (`Split.fits` says how many),
and the caller reports it rather than guessing.
"""
from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Literal

EMPTY = ("——", "—", "--", "-", "－")
MAX_RUN = 48
# steps of reading a run into cells before it counts as ambiguous (every gold table reads in fewer) (a 27-digit run under eight columns has hundreds
# of thousands of readings; the one that fits the relations, if one does, is not to be trusted)
MAX_STEPS = 2000
MAX_COLUMNS = 8
ORDER_OF_MAGNITUDE = 10.0
PERCENT_MAX = 100.0


@dataclass(frozen=True)
class Column:
    """What a value column may hold: its decimals, whether it is a percentage or a year, whether its header
    says it never falls (`累计`: a cumulative count)."""

    decimals: int = 2
    percent: bool = False
    year: bool = False
    rising: bool = False


@dataclass(frozen=True)
class Relation:
    """Two columns of one row: `baseline` (first is the base, second its target) or `part` (second is part of
    the first)."""

    kind: Literal["baseline", "part"]
    first: int
    second: int


@dataclass(frozen=True)
class Split:
    """The one cut that fits (cells as printed, None for an empty mark), or None with how many fit (0 or ≥2)."""

    cells: tuple[str | None, ...] | None
    fits: int


def _number(decimals: int) -> re.Pattern[str]:
    frac = rf"(?:\.\d{{1,{decimals}}})?" if decimals > 0 else ""
    return re.compile(rf"(?:0|[1-9]\d*){frac}(?:%|％)?")


def _value(cell: str) -> float:
    return float(cell.rstrip("%％"))


def _cell_ok(cell: str, col: Column) -> bool:
    v = _value(cell)
    if col.percent and v > PERCENT_MAX:
        return False
    if col.year and not (1900 <= v <= 2099 and "." not in cell):
        return False
    return True


class _TooManyReadings(Exception):
    """A run not read within MAX_STEPS: too ambiguous to trust whichever reading fits."""


def _cuts(run: str, columns: Sequence[Column], budget: list[int]) -> Iterator[tuple[str | None, ...]]:
    """Every way to read `run` as one cell per column, each cell well-formed for its column; each step spends
    one of `budget`, and a run that exhausts it has too many readings to trust."""
    budget[0] -= 1
    if budget[0] < 0:
        raise _TooManyReadings(run)
    if not columns:
        if not run:
            yield ()
        return
    col, rest = columns[0], columns[1:]
    for mark in EMPTY:
        if run.startswith(mark):
            for tail in _cuts(run[len(mark):], rest, budget):
                yield (None, *tail)
            break
    pattern = _number(col.decimals)
    for end in range(1, len(run) + 1):
        cell = run[:end]
        if not pattern.fullmatch(cell) or not _cell_ok(cell, col):
            continue
        if len(run) - end < len(rest):  # each later column needs at least one character
            break
        for tail in _cuts(run[end:], rest, budget):
            yield (cell, *tail)


def _relations_hold(cells: tuple[str | None, ...], relations: Sequence[Relation]) -> bool:
    for r in relations:
        a, b = cells[r.first], cells[r.second]
        if a is None or b is None:
            continue
        x, y = _value(a), _value(b)
        if r.kind == "part" and y > x:
            return False
        if r.kind == "baseline":
            if x > 0 and (y <= 0 or max(x, y) / min(x, y) > ORDER_OF_MAGNITUDE):
                return False
    return True




def _fitting(run: str, columns: Sequence[Column], relations: Sequence[Relation]) -> list[tuple[str | None, ...]]:
    run = re.sub(r"\s+", "", run)
    if not run or len(run) > MAX_RUN or not 0 < len(columns) <= MAX_COLUMNS:
        return []
    return [c for c in _cuts(run, columns, [MAX_STEPS]) if _relations_hold(c, relations)]


def fitting_cuts(run: str, columns: Sequence[Column], relations: Sequence[Relation] = ()) -> list[tuple[str | None, ...]]:
    """All cuts of `run` that fit the columns' forms and the row's relations (none for an overlong run, or for
    one too long to read within MAX_STEPS: a long run of digits under many columns)."""
    try:
        return _fitting(run, columns, relations)
    except _TooManyReadings:
        return []


def split_run(run: str, columns: Sequence[Column], relations: Sequence[Relation] = ()) -> Split:
    """`25783000` with a baseline and a target column -> ('2578', '3000'); ambiguous or impossible -> no cells
    (a run not read within MAX_STEPS counts as ambiguous: 2)."""
    try:
        fits = _fitting(run, columns, relations)
    except _TooManyReadings:
        return Split(None, 2)
    return Split(fits[0] if len(fits) == 1 else None, len(fits))


@dataclass(frozen=True)
class SeriesSplit:
    """The one combination of cuts that fits a series (a row of cells per run), or None with how many fit
    (0, or 2 meaning at least two)."""

    rows: tuple[tuple[str | None, ...], ...] | None
    fits: int


def split_series(runs: Sequence[str], columns: Sequence[Column], relations: Sequence[Relation] = ()) -> SeriesSplit:
    """Rows of one series (one row per year): each row's cut chosen so that every column moves one way only
    across the rows (`6101.58`, `9752.5`, `13723.5` -> 610 | 1.58, 975 | 2.5, 1372 | 3.5)."""
    options = [fitting_cuts(r, columns, relations) for r in runs]
    if not runs or any(not o for o in options):
        return SeriesSplit(None, 0)
    found: list[tuple[tuple[str | None, ...], ...]] = []

    def walk(i: int, chosen: tuple[tuple[str | None, ...], ...], last: list[float | None], dirs: list[int],
             low: list[float | None]) -> None:
        if len(found) > 1:
            return
        if i == len(options):
            found.append(chosen)
            return
        for cut in options[i]:
            new_last, new_low, ok = list(last), list(low), True
            new_dirs = [1 if col.rising else d for col, d in zip(columns, dirs)]
            for c, cell in enumerate(cut):
                if cell is None:
                    continue
                v = _value(cell)
                prev = new_last[c]
                if prev is not None:
                    d = (v > prev) - (v < prev)
                    if d and new_dirs[c] and d != new_dirs[c]:
                        ok = False
                        break
                    new_dirs[c] = new_dirs[c] or d
                first = new_low[c] if new_low[c] is not None else v  # a monotone column spans first → last
                if first > 0 and (v <= 0 or max(first, v) / min(first, v) > ORDER_OF_MAGNITUDE):
                    ok = False
                    break
                new_last[c], new_low[c] = v, first
            if ok:
                walk(i + 1, (*chosen, cut), new_last, new_dirs, new_low)

    walk(0, (), [None] * len(columns), [0] * len(columns), [None] * len(columns))
    return SeriesSplit(found[0] if len(found) == 1 else None, len(found))
