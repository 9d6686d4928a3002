"""Time phrases: the grammar that finds them and resolves each to a date and a kind.

kinds: `deadline` (到2025年, 2021年底前, 10月底前), `year` (a bare 2025年: due if not before the notice's year),
`period` (十四五末, 2021—2025年), `span` (“十四五”时期: a value stated for the period is due at its end),
`duration` (用3—5年时间: the issue year is year one, the longer end counts), `event` (2020年10月: a date
something happened on), `status` (截至2021年底: what was reached by then), `base` (较2012年: the year a change
is measured from), `effective` (自2025年7月1日起: when a standard applies), `recurrence` (每年, 每季度).
The grammar is here; its words are in `gazetteers/keywords/times.toml`.
"""
from __future__ import annotations

import calendar
import re
from bisect import bisect_left
from dataclasses import dataclass, replace
from functools import lru_cache

from extractor import gazetteers
from extractor.extractors import cues
from extractor.extractors.numbers import parse_number
from extractor.model import TimeExpr

YEAR = r"(?:19|20)\d{2}|二[〇零○][一二三四五六七八九〇零○]{2}"
NUMW = r"\d+|[一二两三四五六七八九十]+"
MONTH = r"\d{1,2}|[一二三四五六七八九十]{1,3}"
DUE_KINDS = ("deadline", "period", "duration", "year", "effective")


def _alt(key: str) -> str:
    return cues.alternation("times", key)


@lru_cache(maxsize=1)
def patterns() -> list[tuple[str, re.Pattern[str]]]:
    """The time grammar, earlier patterns winning overlaps."""
    pre = rf"(?P<pre>(?:(?:{_alt('prefix_leads')})\s*)?(?:{_alt('deadline_prefixes')}))?"
    suf = rf"(?P<suf>{_alt('deadline_suffixes')})?"
    eff = rf"(?P<eff>{_alt('effective_suffixes')})?"
    sep = r"(?:-|—|–|―|~|～|至|到)"
    parts = _alt("year_parts")
    # `年度目标` is a due date only as the subject of a copula (`年度目标为…`), not inside 年度目标责任管理
    rel = "|".join(re.escape(w) + ("(?=为|是|:|：)" if w.endswith(("目标", "任务")) else "")
                   for w in gazetteers.words("times", "relative_years"))
    plan_part = "|".join(re.escape(w) for w in sorted(
        gazetteers.keywords("times")["plan_ends"] + gazetteers.keywords("times")["plan_spans"] + gazetteers.keywords("times")["plan_starts"],
        key=lambda w: (-len(w), w)))
    return [
        ("plan", re.compile(rf"{pre}[“\"]?(?P<plan>十[一二三四五六七八九]五)[”\"]?(?:规划)?(?P<part>{plan_part})?")),
        ("duration", re.compile(
            rf"(?P<lead>{_alt('duration_lead')})(?P<a>{NUMW})(?:\s*{sep}\s*(?P<b>{NUMW}))?个?年(?:左右)?(?:的)?(?P<tail>{_alt('duration_tail')})?(?![底末前度])"
            rf"|(?P<a2>{NUMW})\s*{sep}\s*(?P<b2>{NUMW})个?年(?:左右)?(?:的)?(?P<tail2>{_alt('duration_tail')})(?![底末前度])")),
        ("yrange", re.compile(rf"(?P<y1>{YEAR})(?:年)?\s*{sep}\s*(?P<y2>{YEAR})(?:\s*年|(?![\d.年]))")),
        ("ymd", re.compile(rf"{pre}(?P<y>{YEAR})\s*年\s*(?P<m>{MONTH})\s*月\s*(?P<d>{MONTH})\s*[日号]{suf}{eff}")),
        ("isodate", re.compile(r"(?P<y>(?:19|20)\d{2})[-./](?P<m>\d{1,2})[-./](?P<d>\d{1,2})(?![\d.])")),
        ("ym", re.compile(rf"{pre}(?P<y>{YEAR})\s*年\s*(?P<m>{MONTH})\s*月(?P<part>底|末|份|中旬|上旬|下旬)?{suf}{eff}")),
        ("ypart", re.compile(rf"{pre}(?P<y>{YEAR})\s*年\s*(?P<half>{parts}){suf}")),
        ("y", re.compile(rf"{pre}(?P<y>{YEAR})\s*年(?!\s*\d{{1,2}}\s*月)(?:度)?{suf}{eff}")),
        ("rel", re.compile(rf"(?<![\d一二两三四五六七八九十几个多])(?<!\d\s){pre}(?P<rel>{rel})(?P<half>{parts})?{suf}")),
        ("md", re.compile(rf"{pre}(?P<m>{MONTH})\s*月(?:(?P<d>{MONTH})\s*[日号])?(?P<part>底|末|中旬|上旬|下旬)?{suf}{eff}")),
        ("part", re.compile(rf"(?<![\d一二两三四五六七八九十几年])(?P<pre>于|在|到|至)?(?P<half>{parts}){suf}")),
        ("recur", re.compile(_alt("recurrences"))),
    ]


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
    return m.expr(month_end(y, month), "status" if m.marked == "status" else "deadline", y)


def _y(m: _Match, base_year: int | None) -> TimeExpr | None:
    y = _year(m.g["y"] or "")
    return m.expr(f"{y}-12-31", m.marked or "year", y) if y is not None else None


def _rel(m: _Match, base_year: int | None) -> TimeExpr | None:
    if base_year is None:
        return m.expr(None, "deadline")
    data = gazetteers.keywords("times")
    y = base_year + int(data["relative_years"][m.g["rel"]])
    month = int(data["year_parts"].get(m.g.get("half") or "", 12))
    if m.marked == "status":
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


def _resolve(kind: str, m: re.Match[str], base_year: int | None) -> TimeExpr | None:
    g = m.groupdict()
    return RESOLVERS[kind](_Match(g, m.group(0), m.start(), m.end(), _marked_kind(g)), base_year)


def _base_year_marked(text: str, start: int) -> bool:
    """`较2012年`, `比2015年`, `由2015年…增加到`: a year a change is measured from."""
    before = text[max(0, start - 3) : start]
    return any(before.endswith(w) for w in gazetteers.words("background", "base_markers"))


def find_times(text: str, base_year: int | None, start: int = 0, end: int | None = None) -> list[TimeExpr]:
    """Non-overlapping time expressions in text[start:end], earlier patterns winning ties; date lists
    (`3月25日、6月25日、9月25日前`) share the last element's deadline marker and the first one's year."""
    end = len(text) if end is None else end
    view = text[start:end]
    taken_starts: list[int] = []  # the phrases taken so far, as sorted disjoint spans
    taken_ends: list[int] = []
    out: list[TimeExpr] = []
    for kind, pattern in patterns():
        for m in pattern.finditer(view):
            if m.end() == m.start():
                continue
            i = bisect_left(taken_starts, m.end())
            if i and taken_ends[i - 1] > m.start():
                continue  # overlaps the phrase starting last before its end (spans are disjoint: no other can)
            if kind == "md" and m.start() > 0 and re.search(r"(?:\d|\d年|[〇零一二三四五六七八九]年)$", view[max(0, m.start() - 2) : m.start()]):
                continue
            tx = _resolve(kind, m, base_year)
            if tx is None:
                continue
            if tx.kind in ("year", "event", "deadline") and (_base_year_marked(view, m.start()) or re.match(r"的?基础上|水平上", view[m.end() : m.end() + 4])):
                tx = replace(tx, kind="base")
            i = bisect_left(taken_starts, m.start())
            taken_starts.insert(i, m.start())
            taken_ends.insert(i, m.end())
            out.append(replace(tx, start=tx.start + start, end=tx.end + start))
    out.sort(key=lambda t: t.start)
    return _spread_lists(text, out)


def _spread_lists(text: str, times: list[TimeExpr]) -> list[TimeExpr]:
    """A list of dates joined by 、/和 takes the last one's deadline marker, and its bare months the
    first one's year (`2023年3月25日、6月25日、9月25日前` -> three due dates in 2023)."""
    out = list(times)
    i = 0
    while i < len(out):
        j = i
        while j + 1 < len(out) and re.fullmatch(r"\s*[、和及与]\s*", text[out[j].end : out[j + 1].start]):
            j += 1
        if j > i:
            group = out[i : j + 1]
            due = group[-1].kind == "deadline"
            year = group[0].year
            for k, t in enumerate(group):
                if year and t.year != year and re.match(r"^\D*\d{1,2}\s*月", t.text) and not re.search(YEAR, t.text) and t.date:
                    t = replace(t, date=f"{year}{t.date[4:]}", year=year)
                if due and t.kind == "event":
                    t = replace(t, kind="deadline")
                out[i + k] = t
        i = j + 1
    return out
