"""Time expressions -> ISO deadlines, relative to the notice's base year.

kinds: `deadline` (到2025年, 2021年底前, 10月底前), `year` (a bare 2025年), `period` (十四五末, 2021—2025年),
`duration` (用3—5年时间: the issue year is year 1, the longer end counts), `event` (2020年10月: a
date something happened on, never a due date), `recurrence` (每年, 每季度: no date of its own).
"""
from __future__ import annotations

import calendar
import re

from extractor.extractors.numbers import parse_number
from extractor.model import TimeExpr

YEAR = r"(?:19|20)\d{2}|二[〇零○][一二三四五六七八九〇零○]{2}"
NUMW = r"\d+|[一二两三四五六七八九十]+"
PREFIX = r"(?P<pre>到|至|在|于|截至|截止到|截止|力争到|争取到)?"
SUFFIX = r"(?P<suf>(?:年底|年末|底|末|期末)?(?:前|之前|以前|内|以内)?)"
SEP = r"(?:-|—|–|~|至|到)"

PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("plan", re.compile(rf"{PREFIX}[“\"]?(?P<plan>十[一二三四五六七八九]五)[”\"]?(?:规划)?(?P<part>期末|末|末期|时期|期间|期内|初|中期)?")),
    ("duration", re.compile(rf"用(?P<a>{NUMW})(?:\s*{SEP}\s*(?P<b>{NUMW}))?年(?:左右)?(?:的)?(?:时间)?(?![底末前内])|(?P<a2>{NUMW})\s*{SEP}\s*(?P<b2>{NUMW})年(?:内|时间|左右)")),
    ("yrange", re.compile(rf"(?P<y1>{YEAR})(?:年)?\s*{SEP}\s*(?P<y2>{YEAR})年")),
    ("ymd", re.compile(rf"{PREFIX}(?P<y>{YEAR})\s*年\s*(?P<m>\d{{1,2}}|[一二三四五六七八九十]{{1,3}})\s*月\s*(?P<d>\d{{1,2}}|[一二三四五六七八九十]{{1,3}})\s*[日号]{SUFFIX}")),
    ("isodate", re.compile(r"(?P<y>(?:19|20)\d{2})[-./](?P<m>\d{1,2})[-./](?P<d>\d{1,2})(?!\d)")),
    ("ym", re.compile(rf"{PREFIX}(?P<y>{YEAR})\s*年\s*(?P<m>\d{{1,2}}|[一二三四五六七八九十]{{1,3}})\s*月(?P<part>底|末|份|中旬|上旬|下旬)?{SUFFIX}")),
    ("yhalf", re.compile(rf"{PREFIX}(?P<y>{YEAR})\s*年\s*(?P<half>上半年|下半年|第?[一二三四1-4]季度){SUFFIX}")),
    ("y", re.compile(rf"{PREFIX}(?P<y>{YEAR})\s*年(?!\s*\d{{1,2}}\s*月)(?!度)(?P<suf>(?:年底|年末|底|末)?(?:前|之前|以前|内)?)")),
    ("md", re.compile(rf"{PREFIX}(?P<m>\d{{1,2}}|[一二三四五六七八九十]{{1,3}})\s*月(?:(?P<d>\d{{1,2}})\s*[日号])?(?P<part>底|末|中旬|上旬|下旬)?(?P<suf>前|之前|以前)?")),
    ("half", re.compile(rf"{PREFIX}(?P<half>上半年|下半年|第[一二三四1-4]季度)(?P<suf>前|之前|末|底)?")),
    ("rel", re.compile(r"(?<![\d一二两三四五六七八九十几])(?P<rel>当年|年内|今年|本年度|次年|明年|翌年)(?P<suf>底|末|前)?")),
    ("yearend", re.compile(r"(?<![\d一二两三四五六七八九十几年])(?P<pre>于|在|到|至)?(?P<rel>年底|年末)(?P<suf>前|之前|以前)")),
    ("recur", re.compile(r"(?P<rec>每年|每半年|每季度|每月|每周|每两年|每三年|每五年)")),
]


def _int(s: str | None) -> int | None:
    if s is None:
        return None
    v = parse_number(s)
    return int(v) if v is not None else None


def _year(s: str) -> int | None:
    v = _int(s)
    return v if v is not None and 1949 <= v <= 2100 else None


def _month_end(year: int, month: int) -> str | None:
    if not 1 <= month <= 12:
        return None
    return f"{year:04d}-{month:02d}-{calendar.monthrange(year, month)[1]:02d}"


def _quarter_end(year: int, half: str) -> str:
    if half == "上半年":
        return f"{year}-06-30"
    if half == "下半年":
        return f"{year}-12-31"
    q = _int(re.sub(r"[第季度]", "", half)) or 4
    return _month_end(year, min(4, max(1, q)) * 3) or f"{year}-12-31"


def plan_period(name: str) -> tuple[int, int] | None:
    """十四五 -> (2021, 2025): since the sixth (1981-1985) the plans follow each other without gaps."""
    n = parse_number(name[:-1])
    if n is None or n < 6:
        return None
    start = 1981 + 5 * (int(n) - 6)
    return start, start + 4


def _resolve(kind: str, m: re.Match[str], base_year: int | None) -> TimeExpr | None:
    g = m.groupdict()
    text, s, e = m.group(0), m.start(), m.end()
    pre, suf = g.get("pre") or "", g.get("suf") or ""
    marked = bool(pre) or bool(suf)
    if kind == "plan":
        span = plan_period(g["plan"])
        if span is None:
            return None
        part = g.get("part") or ""
        date = f"{span[0]}-12-31" if part == "初" else f"{span[1]}-12-31"
        kind = "span" if part == "时期" or (not part and not pre) else "period"
        return TimeExpr(s, e, text, date, kind=kind, year=span[1] if part != "初" else span[0])
    if kind == "duration":
        a = _int(g.get("a") or g.get("a2"))
        b = _int(g.get("b") or g.get("b2"))
        longest = max(x for x in (a, b) if x is not None) if (a or b) else None
        if longest is None or longest > 30:
            return None
        date = f"{base_year + longest - 1}-12-31" if base_year else None
        return TimeExpr(s, e, text, date, kind="duration", year=base_year + longest - 1 if base_year else None)
    if kind == "yrange":
        y1, y2 = _year(g["y1"]), _year(g["y2"])
        if y1 is None or y2 is None or y2 < y1:
            return None
        return TimeExpr(s, e, text, f"{y2}-12-31", kind="period", year=y2)
    if kind in ("ymd", "isodate"):
        y, mo, d = _year(g["y"]), _int(g["m"]), _int(g["d"])
        if y is None or mo is None or d is None or not 1 <= mo <= 12 or not 1 <= d <= calendar.monthrange(y, mo)[1]:
            return None
        return TimeExpr(s, e, text, f"{y:04d}-{mo:02d}-{d:02d}", kind="deadline" if marked else "event", year=y)
    if kind == "ym":
        y, mo = _year(g["y"]), _int(g["m"])
        if y is None or mo is None:
            return None
        date = _month_end(y, mo)
        marked = marked or (g.get("part") in ("底", "末"))
        return TimeExpr(s, e, text, date, kind="deadline" if marked else "event", year=y) if date else None
    if kind == "yhalf":
        y = _year(g["y"])
        if y is None:
            return None
        return TimeExpr(s, e, text, _quarter_end(y, g["half"]), kind="deadline", year=y)
    if kind == "y":
        y = _year(g["y"])
        if y is None:
            return None
        return TimeExpr(s, e, text, f"{y}-12-31", kind="deadline" if marked else "year", year=y)
    if kind == "md":
        mo, d = _int(g["m"]), _int(g.get("d"))
        if mo is None or not 1 <= mo <= 12:
            return None
        deadline = bool(suf) or g.get("part") in ("底", "末")
        if base_year is None:
            return TimeExpr(s, e, text, None, kind="deadline" if deadline else "event")
        if d is not None:
            if not 1 <= d <= calendar.monthrange(base_year, mo)[1]:
                return None
            date = f"{base_year:04d}-{mo:02d}-{d:02d}"
        else:
            date = _month_end(base_year, mo)
        return TimeExpr(s, e, text, date, kind="deadline" if deadline else "event", year=base_year)
    if kind == "half":
        if base_year is None:
            return TimeExpr(s, e, text, None, kind="deadline")
        return TimeExpr(s, e, text, _quarter_end(base_year, g["half"]), kind="deadline", year=base_year)
    if kind == "yearend":
        if base_year is None:
            return TimeExpr(s, e, text, None, kind="deadline")
        return TimeExpr(s, e, text, f"{base_year}-12-31", kind="deadline", year=base_year)
    if kind == "rel":
        if base_year is None:
            return TimeExpr(s, e, text, None, kind="deadline")
        y = base_year + (1 if g["rel"] in ("次年", "明年", "翌年") else 0)
        return TimeExpr(s, e, text, f"{y}-12-31", kind="deadline", year=y)
    if kind == "recur":
        return TimeExpr(s, e, text, None, kind="recurrence", recurrence=g["rec"])
    return None


def find_times(text: str, base_year: int | None, start: int = 0, end: int | None = None) -> list[TimeExpr]:
    """Non-overlapping time expressions in text[start:end], earlier patterns winning ties."""
    end = len(text) if end is None else end
    view = text[start:end]
    taken: list[tuple[int, int]] = []
    out: list[TimeExpr] = []
    for kind, pattern in PATTERNS:
        for m in pattern.finditer(view):
            if m.end() == m.start() or any(m.start() < b and a < m.end() for a, b in taken):
                continue
            if kind == "md" and m.start() > 0 and re.search(r"(?:\d|\d年|[〇零一二三四五六七八九]年)$", view[max(0, m.start() - 2) : m.start()]):
                continue
            tx = _resolve(kind, m, base_year)
            if tx is None:
                continue
            taken.append((m.start(), m.end()))
            out.append(TimeExpr(tx.start + start, tx.end + start, tx.text, tx.date, tx.kind, tx.year, tx.recurrence))
    out.sort(key=lambda t: t.start)
    return out
