"""`table` and `report` on a slice of the runs: by region, level, policy area, indicator and dates; per province.

A slice is applied to the notices before the tables are built, so every file (tables, database,
report) holds the same selection: the runs are read once (a doc_id met again, as when this month's run
is given after last month's, keeps its latest record: the runs are combined, each notice once), the
notices and obligations that match are written to a temporary JSONL, and the usual writers read it.

Notice filters: --province, --city (names as the notices carry them, e.g. 湖北省, 厦门市; 全国 for national
notices), --level (national, province, city, county), and --since/--until on the issue date
(--dates issue). Obligation filters: --area (the taxonomy's policy area, e.g. 社会工作), --indicator (an
indicator id or its Chinese name) and --since/--until on the deadline (--dates deadline, the default;
an obligation without a deadline is then left out). Several values of one filter: any of them. With an
obligation filter, a notice none of whose obligations match is left out. `--by province` writes one set of
files per province (全国 and 未知地区 included) into a folder of its own.
"""
from __future__ import annotations

import argparse
import atexit
import json
import re
import shutil
import sys
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from extractor.tables.rows import NATIONAL, UNKNOWN_REGION, region_of

LEVELS = ("national", "province", "city", "county")
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


@dataclass(frozen=True)
class Slice:
    """What to keep; an empty field keeps everything."""

    provinces: tuple[str, ...] = ()
    cities: tuple[str, ...] = ()
    levels: tuple[str, ...] = ()
    areas: tuple[str, ...] = ()
    indicators: tuple[str, ...] = ()
    since: str | None = None
    until: str | None = None
    dates: str = "deadline"  # or "issue"

    @property
    def empty(self) -> bool:
        return not (self.provinces or self.cities or self.levels or self.areas or self.indicators or self.since or self.until)

    @property
    def by_obligation(self) -> bool:
        return bool(self.areas or self.indicators or (self.dates == "deadline" and (self.since or self.until)))

    def keeps_notice(self, notice: dict[str, Any]) -> bool:
        region = region_of(notice)
        if self.provinces and (region.province or UNKNOWN_REGION) not in self.provinces:
            return False
        if self.cities and notice.get("city") not in self.cities:
            return False
        if self.levels and ("national" if region.province == NATIONAL else notice.get("admin_level")) not in self.levels:
            return False
        return self.dates != "issue" or self._in_range(notice.get("issue_date"))

    def keeps_obligation(self, obligation: dict[str, Any]) -> bool:
        indicator = obligation.get("indicator") or "other"
        if self.indicators and indicator not in self.indicators and _label(indicator) not in self.indicators:
            return False
        if self.areas and _area(indicator) not in self.areas:
            return False
        return self.dates != "deadline" or self._in_range(obligation.get("deadline"))

    def _in_range(self, day: Any) -> bool:
        if not self.since and not self.until:
            return True
        if not isinstance(day, str) or not day:
            return False
        return (not self.since or day >= self.since) and (not self.until or day[:len(self.until)] <= self.until)

    def apply(self, notice: dict[str, Any]) -> dict[str, Any] | None:
        """The notice with only the obligations kept, or None when it is left out."""
        if not self.keeps_notice(notice):
            return None
        if not self.by_obligation:
            return notice
        obligations = [o for o in notice.get("obligations") or [] if isinstance(o, dict) and self.keeps_obligation(o)]
        return {**notice, "obligations": obligations} if obligations else None


def _label(indicator: str) -> str:
    from extractor.extractors import indicators

    return indicators.label(indicator)


def _area(indicator: str) -> str:
    from extractor.extractors import indicators

    found = indicators.by_id().get(indicator)
    return found.area if found is not None else ""


def _day(s: str) -> str:
    """A --since/--until value: YYYY, YYYY-MM or YYYY-MM-DD (a real date)."""
    if not _DATE.match(s):
        raise argparse.ArgumentTypeError(f"{s}: a date is YYYY, YYYY-MM or YYYY-MM-DD")
    parts = [int(x) for x in s.split("-")]
    try:
        date(parts[0], *(parts[1:] + [1, 1])[:2])
    except ValueError:
        raise argparse.ArgumentTypeError(f"{s}: not a calendar date") from None
    return s


def _values(s: str) -> list[str]:
    return [v.strip() for v in re.split(r"[,，、]", s) if v.strip()]


def _levels(s: str) -> list[str]:
    values = _values(s)
    for v in values:
        if v not in LEVELS:
            raise argparse.ArgumentTypeError(f"{v}: a level is one of {', '.join(LEVELS)}")
    return values


def add_slice_options(parser: argparse.ArgumentParser, by: bool = True) -> None:
    """The slice options of `table` and `report` (each may be given several times or as a comma-separated list)."""
    g = parser.add_argument_group("slices", "keep only part of the runs (several values of one option: any of them)")
    g.add_argument("--province", action="append", type=_values, default=[], metavar="NAME",
                   help="notices of these provinces (湖北省; 全国 for national notices, 未知地区 for unplaced ones)")
    g.add_argument("--city", action="append", type=_values, default=[], metavar="NAME", help="notices of these cities (厦门市)")
    g.add_argument("--level", action="append", type=_levels, default=[], metavar="LEVEL",
                   help=f"notices of these administrative levels ({', '.join(LEVELS)})")
    g.add_argument("--area", action="append", type=_values, default=[], metavar="AREA",
                   help="obligations of indicators in these policy areas (社会工作, 养老服务 …: the taxonomy's `area`)")
    g.add_argument("--indicator", action="append", type=_values, default=[], metavar="ID",
                   help="obligations of these indicators (an id such as sw_stations, or its Chinese name)")
    g.add_argument("--since", type=_day, metavar="DATE", help="dates from DATE on (YYYY, YYYY-MM or YYYY-MM-DD)")
    g.add_argument("--until", type=_day, metavar="DATE", help="dates up to DATE, included (YYYY, YYYY-MM or YYYY-MM-DD)")
    g.add_argument("--dates", choices=("deadline", "issue"), default="deadline",
                   help="what --since/--until look at: an obligation's deadline (default) or the notice's issue date")
    if by:
        g.add_argument("--by", choices=("province",), default=None,
                       help="one set of output files per province, each in a folder of its own")


def slice_of(args: argparse.Namespace) -> Slice:
    flat = lambda lists: tuple(v for values in lists for v in values)  # noqa: E731
    return Slice(provinces=flat(args.province), cities=flat(args.city), levels=flat(args.level), areas=flat(args.area),
                 indicators=flat(args.indicator), since=args.since, until=args.until, dates=args.dates)


def _records(inputs: Iterable[Path]) -> Iterator[dict[str, Any]]:
    """The runs' notices, each doc_id once: its latest record, in the place it was first met (the writers' own rule,
    extractor.tables.source.RunIndex, whose index keeps no text: each full record is read again by its offset)."""
    from extractor.tables.source import RunIndex

    index = RunIndex.read(inputs)
    for line in index.skipped:
        print(f"notice-extract: {line}", file=sys.stderr)
    with index.reader() as read:
        for doc_id in index.notices:
            yield read(doc_id)


def _temporary() -> Path:
    tmp = Path(tempfile.mkdtemp(prefix="notice-extract-slice-"))
    atexit.register(shutil.rmtree, tmp, ignore_errors=True)
    return tmp


@dataclass
class Sliced:
    """The JSONL files to build from: one (the whole slice), or one per province with --by province."""

    parts: dict[str | None, Path] = field(default_factory=dict)
    notices: int = 0


def sliced_inputs(inputs: list[Path], cut: Slice, by: str | None = None) -> Sliced | None:
    """The runs combined (each doc_id once) and cut to `cut`, in a temporary folder removed at exit; with
    `by="province"`, one file per province. None when there is nothing to cut (the writers combine runs
    themselves)."""
    if cut.empty and by is None:
        return None
    tmp = _temporary()
    out = Sliced()
    handles: dict[str | None, Any] = {}
    try:
        for rec in _records(inputs):
            kept = cut.apply(rec)
            if kept is None:
                continue
            key = (region_of(kept).province or UNKNOWN_REGION) if by == "province" else None
            if key not in handles:
                path = tmp / f"{len(handles):03d}.jsonl"
                handles[key] = path.open("w", encoding="utf-8")
                out.parts[key] = path
            handles[key].write(json.dumps(kept, ensure_ascii=False) + "\n")
            out.notices += 1
    finally:
        for fh in handles.values():
            fh.close()
    out.parts = dict(sorted(out.parts.items(), key=lambda kv: (kv[0] is None, kv[0] or "")))
    return out
