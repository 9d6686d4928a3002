"""Time phrases: the grammar that finds them and resolves each to a date and a kind.

kinds: `deadline` (到2025年, 2021年底前, 10月底前), `year` (a bare 2025年: due if not before the notice's year),
`period` (十四五末, 2021—2025年), `span` (“十四五”时期: a value stated for the period is due at its end),
`duration` (用3—5年时间: the issue year is year one, the longer end counts), `event` (2020年10月: a date
something happened on), `status` (截至2021年底: what was reached by then), `base` (较2012年: the year a change
is measured from), `effective` (自2025年7月1日起: when a standard applies), `recurrence` (每年, 每季度).
The grammar is here, what each match means is in `time_resolvers.py`; the words are in
`gazetteers/keywords/times.toml`.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import replace
from functools import lru_cache

from extractor import gazetteers, patterns
from extractor.extractors import cues
from extractor.extractors.time_resolvers import resolve
from extractor.model import TimeExpr

DUE_KINDS = ("deadline", "period", "duration", "year", "effective")
KINDS = ("plan", "duration", "yrange", "ymd", "isodate", "ym", "ypart", "y", "rel", "md", "part")  # in this order


def _alt(key: str) -> str:
    return cues.alternation("times", key)


@lru_cache(maxsize=1)
def grammar() -> list[tuple[str, re.Pattern[str]]]:
    """The time grammar, earlier patterns winning overlaps."""
    pre = rf"(?P<pre>(?:(?:{_alt('prefix_leads')})\s*)?(?:{_alt('deadline_prefixes')}))?"
    suf = rf"(?P<suf>{_alt('deadline_suffixes')})?"
    eff = rf"(?P<eff>{_alt('effective_suffixes')})?"
    parts = _alt("year_parts")
    goals = gazetteers.words("times", "goal_relatives")
    rel = "|".join(re.escape(w) + (patterns.source("copula_after") if w in goals else "")
                   for w in gazetteers.words("times", "relative_years"))
    plan_part = "|".join(re.escape(w) for w in sorted(
        gazetteers.keywords("times")["plan_ends"] + gazetteers.keywords("times")["plan_spans"] + gazetteers.keywords("times")["plan_starts"],
        key=lambda w: (-len(w), w)))
    fields = dict(pre=pre, suf=suf, eff=eff, parts=parts, rel=rel, plan_part=plan_part,
                  duration_lead=_alt("duration_lead"), duration_tail=_alt("duration_tail"))
    grammar = [(kind, re.compile(patterns.fill(f"time_{kind}", **fields))) for kind in KINDS]
    return grammar + [("recur", re.compile(_alt("recurrences")))]


@lru_cache(maxsize=1)
def _anchors() -> dict[str, re.Pattern[str]]:
    """What each pattern that opens with an optional prefix must contain: a year, 月, a plan number, a word.

    Python's regex engine tries such a pattern at every character of the text; a long text is scanned
    only in windows around these anchors (`_matches`), which finds the same phrases several times faster."""
    rel = "|".join(re.escape(w) for w in gazetteers.words("times", "relative_years"))
    year = patterns.YEAR
    return {"plan": patterns.PLAN_NUMBER, "ymd": year, "ym": year, "ypart": year, "y": year,
            "rel": re.compile(rel), "md": re.compile("月"), "part": re.compile(_alt("year_parts"))}


WINDOWED_FROM = 2000  # characters: shorter texts are scanned whole
BEFORE, AFTER, EDGE = 36, 48, 20  # non-space characters of window before and after an anchor; a match this close
# to a cut edge means: scan whole


def _solid(text: str) -> int:
    """Characters that are not whitespace: a phrase reaches across whitespace (`\\s*`) but across only a few
    other characters, so this many between a match and a window's edge means no longer match hides there."""
    return len(text) - sum(map(str.isspace, text))


def _reach(text: str, i: int, solid: int) -> int:
    """The index `abs(solid)` non-space characters away from i, forwards (solid > 0) or backwards (masked
    titles and page layout leave long runs of spaces that a window should not count)."""
    need = abs(solid)
    j = i
    if solid > 0:
        while need and j < len(text):
            need -= not text[j].isspace()
            j += 1
    else:
        while need and j > 0:
            j -= 1
            need -= not text[j].isspace()
    return j


def _matches(kind: str, pattern: re.Pattern[str], view: str) -> list[re.Match[str]]:
    """pattern.finditer(view), on a long text only in the windows around the pattern's anchors. A match with
    fewer than EDGE non-space characters between it and a window's cut edge (a phrase might reach past the
    window) makes it scan the whole text, so the result is always the whole scan's."""
    anchor = _anchors().get(kind)
    if anchor is None or len(view) < WINDOWED_FROM:
        return list(pattern.finditer(view))
    windows: list[list[int]] = []
    for a in anchor.finditer(view):
        start, end = max(0, a.start() - BEFORE), min(len(view), a.end() + AFTER)
        if start and _solid(view[start : a.start()]) < BEFORE:  # spaces in the way: count solid characters
            start = _reach(view, a.start(), -BEFORE)
        if _solid(view[a.end() : end]) < AFTER:
            end = _reach(view, a.end(), AFTER)
        if windows and start <= windows[-1][1]:
            windows[-1][1] = end
        else:
            windows.append([start, end])
    out = []
    for start, end in windows:
        for m in pattern.finditer(view, start, end):
            if (end < len(view) and _solid(view[m.end() : end]) < EDGE) or (start > 0 and _solid(view[start : m.start()]) < EDGE):
                return list(pattern.finditer(view))
            out.append(m)
    return out


def _base_year_marked(text: str, start: int, end: int | None = None) -> bool:
    """`较2012年`, `比2015年`, `由2015年…增加到`: a year a change is measured from; also a phrase that opens with
    the marker itself when a value follows it (`从2020年的9.89亿提高到12亿`, not `从2020年起`)."""
    if end is not None and patterns.BASE_VALUE_AFTER.match(text, end):
        head = text[start : start + 2]
        if any(head.startswith(w) for w in gazetteers.words("background", "base_markers")):
            return True
    before = text[max(0, start - 3) : start]
    if any(before.endswith(w) for w in gazetteers.words("background", "not_base_markers")):
        return False  # 床位占比2022年达到50%: a share, then its date
    return any(before.endswith(w) for w in gazetteers.words("background", "base_markers"))


def find_times(text: str, base_year: int | None, start: int = 0, end: int | None = None) -> list[TimeExpr]:
    """Non-overlapping time expressions in text[start:end], earlier patterns winning ties; date lists
    (`3月25日、6月25日、9月25日前`) share the last element's deadline marker and the first one's year."""
    end = len(text) if end is None else end
    view = text[start:end]
    taken_starts: list[int] = []  # the phrases taken so far, as sorted disjoint spans
    taken_ends: list[int] = []
    out: list[TimeExpr] = []
    for kind, pattern in grammar():
        for m in _matches(kind, pattern, view):
            if m.end() == m.start():
                continue
            i = bisect_left(taken_starts, m.end())
            if i and taken_ends[i - 1] > m.start():
                continue  # overlaps the phrase starting last before its end (spans are disjoint: no other can)
            if kind == "md" and m.start() > 0 and patterns.MONTH_AFTER_NUMBER.search(view[max(0, m.start() - 2) : m.start()]):
                continue
            tx = resolve(kind, m, base_year)
            if tx is None:
                continue
            if tx.kind in ("year", "event", "deadline") and (_base_year_marked(view, m.start(), m.end()) or patterns.BASE_LEVEL_AFTER.match(view[m.end() : m.end() + 4])):
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
        while j + 1 < len(out) and patterns.DATE_LIST_JOIN.fullmatch(text[out[j].end : out[j + 1].start]):
            j += 1
        if j > i:
            group = out[i : j + 1]
            due = group[-1].kind == "deadline"
            year = group[0].year
            for k, t in enumerate(group):
                if year and t.year != year and patterns.MONTH_FIRST.match(t.text) and not patterns.YEAR.search(t.text) and t.date:
                    t = replace(t, date=f"{year}{t.date[4:]}", year=year)
                if due and t.kind == "event":
                    t = replace(t, kind="deadline")
                out[i + k] = t
        i = j + 1
    return out
