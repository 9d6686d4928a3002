"""What a time phrase means: each pattern of the grammar (`time_phrases.py`) resolved to a date and a kind.

A phrase's own prefix and suffix mark it (截至… status, 自…起 effective, 到…/…前 deadline); without a mark
a bare year is `year`, a month of a year `event` (its end, 10月底, a deadline). Years of a plan (十四五)
come from the plan's number; a month, part of a year or relative year (今年, 明年) without its own year
takes the notice's year.
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass

from extractor import gazetteers
from extractor.extractors.numbers import parse_number
from extractor.model import TimeExpr


def _int(s: str | None) -> int | None:
    if s is None:
        return None
    v = parse_number(s)
    return int(v) if v is not None else None


def _year(s: str) -> int | None:
    v = _int(s)
    return v if v is not None and 1949 <= v <= 2100 else None


def month_end(year: int, month: int) -> str | None:
    if not 1 <= month <= 12:
        return None
    return f"{year:04d}-{month:02d}-{calendar.monthrange(year, month)[1]:02d}"


def plan_period(name: str) -> tuple[int, int] | None:
    """十四五 -> (2021, 2025): since the sixth (1981-1985) the plans follow each other without gaps."""
    n = parse_number(name[:-1])
    if n is None or n < 6:
        return None
    start = 1981 + 5 * (int(n) - 6)
    return start, start + 4


def _marked_kind(g: dict[str, str | None]) -> str | None:
    """status (截至…), effective (自…起) or deadline (到…, …前) from the phrase's own prefix and suffix."""
    pre = g.get("pre") or ""
    if any(pre.endswith(w) for w in gazetteers.words("times", "status_prefixes")):
        return "status"
    if g.get("eff") or any(pre.endswith(w) for w in gazetteers.words("times", "effective_prefixes")):
        return "effective" if g.get("eff") else "deadline"
    if pre or g.get("suf"):
        return "deadline"
    return None


@dataclass(frozen=True)
class _Match:
    """One grammar match: its groups, text, span, and the kind its prefix/suffix mark."""

    g: dict[str, str | None]
    text: str
    start: int
    end: int
    marked: str | None

    def expr(self, date: str | None, kind: str, year: int | None = None) -> TimeExpr:
        return TimeExpr(self.start, self.end, self.text, date, kind=kind, year=year)


def _plan(m: _Match, base_year: int | None) -> TimeExpr | None:
    span = plan_period(m.g["plan"] or "")
    if span is None:
        return None
    data = gazetteers.keywords("times")
    part = m.g.get("part") or ""
    if part in data["plan_starts"]:
        return m.expr(f"{span[0]}-12-31", m.marked or "year", span[0])
    status = m.marked == "status"
    if part in data["plan_ends"]:
        return m.expr(f"{span[1]}-12-31", "status" if status else "period", span[1])
    return m.expr(f"{span[1]}-12-31", "status" if status else ("period" if m.g.get("pre") else "span"), span[1])


def _duration(m: _Match, base_year: int | None) -> TimeExpr | None:
    a, b = _int(m.g.get("a") or m.g.get("a2")), _int(m.g.get("b") or m.g.get("b2"))
    longest = max(x for x in (a, b) if x is not None) if (a or b) else None
    if longest is None or longest > 30:
        return None
    year = base_year + longest - 1 if base_year else None
    return m.expr(f"{year}-12-31" if year else None, "duration", year)


def _yrange(m: _Match, base_year: int | None) -> TimeExpr | None:
    y1, y2 = _year(m.g["y1"] or ""), _year(m.g["y2"] or "")
    if y1 is None or y2 is None or y2 < y1 or (not m.text.rstrip().endswith("年") and y2 - y1 > 10):
        return None
    return m.expr(f"{y2}-12-31", "period", y2)


def _ymd(m: _Match, base_year: int | None) -> TimeExpr | None:
    y, mo, d = _year(m.g["y"] or ""), _int(m.g["m"]), _int(m.g["d"])
    if y is None or mo is None or d is None or not 1 <= mo <= 12 or not 1 <= d <= calendar.monthrange(y, mo)[1]:
        return None
    return m.expr(f"{y:04d}-{mo:02d}-{d:02d}", m.marked or "event", y)


def _ym(m: _Match, base_year: int | None) -> TimeExpr | None:
    y, mo = _year(m.g["y"] or ""), _int(m.g["m"])
    date = month_end(y, mo) if y is not None and mo is not None else None
    if date is None:
        return None
    return m.expr(date, m.marked or ("deadline" if m.g.get("part") in ("底", "末") else "event"), y)


def _ypart(m: _Match, base_year: int | None) -> TimeExpr | None:
    y = _year(m.g["y"] or "")
    if y is None:
        return None
    month = int(gazetteers.keywords("times")["year_parts"].get(m.g["half"], 12))
    summed = m.g["half"] in gazetteers.words("times", "cumulative_parts") and not m.g.get("pre")
    return m.expr(month_end(y, month), "status" if m.marked == "status" or summed else "deadline", y)


def _y(m: _Match, base_year: int | None) -> TimeExpr | None:
    y = _year(m.g["y"] or "")
    return m.expr(f"{y}-12-31", m.marked or "year", y) if y is not None else None


def _rel(m: _Match, base_year: int | None) -> TimeExpr | None:
    if base_year is None:
        return m.expr(None, "deadline")
    data = gazetteers.keywords("times")
    y = base_year + int(data["relative_years"][m.g["rel"]])
    month = int(data["year_parts"].get(m.g.get("half") or "", 12))
    if m.marked == "status" or (m.g.get("half") in gazetteers.words("times", "cumulative_parts") and not m.g.get("pre")):
        return m.expr(month_end(y, month), "status", y)
    due = m.marked or m.g.get("half") or m.g["rel"] in data["relative_deadlines"]
    return m.expr(month_end(y, month), "deadline" if due else "year", y)


def _md(m: _Match, base_year: int | None) -> TimeExpr | None:
    mo, d = _int(m.g["m"]), _int(m.g.get("d"))
    if mo is None or not 1 <= mo <= 12:
        return None
    kind = m.marked or ("deadline" if m.g.get("part") in ("底", "末") else "event")
    if base_year is None:
        return m.expr(None, kind)
    if d is not None:
        if not 1 <= d <= calendar.monthrange(base_year, mo)[1]:
            return None
        return m.expr(f"{base_year:04d}-{mo:02d}-{d:02d}", kind, base_year)
    return m.expr(month_end(base_year, mo), kind, base_year)


def _part(m: _Match, base_year: int | None) -> TimeExpr | None:
    if m.g["half"] in ("年底", "年末") and not (m.g.get("pre") or m.g.get("suf")):
        return None
    if base_year is None:
        return m.expr(None, "deadline")
    return m.expr(month_end(base_year, int(gazetteers.keywords("times")["year_parts"][m.g["half"]])), "deadline", base_year)


def _recur(m: _Match, base_year: int | None) -> TimeExpr | None:
    return TimeExpr(m.start, m.end, m.text, None, kind="recurrence", recurrence=m.text)


RESOLVERS = {
    "plan": _plan, "duration": _duration, "yrange": _yrange, "ymd": _ymd, "isodate": _ymd, "ym": _ym, "ypart": _ypart,
    "y": _y, "rel": _rel, "md": _md, "part": _part, "recur": _recur,
}


def resolve(kind: str, m: re.Match[str], base_year: int | None) -> TimeExpr | None:
    """The date and kind of one match of the grammar's pattern `kind`."""
    g = m.groupdict()
    return RESOLVERS[kind](_Match(g, m.group(0), m.start(), m.end(), _marked_kind(g)), base_year)
