"""Mentions found once per document (time phrases, quantities), and the view of one sentence that every
decision rule reads: its text, tokens, time phrases, values, and the notice's own year and genre.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field, replace
from functools import cached_property, lru_cache

from extractor import gazetteers, patterns

from extractor.extractors import cues
from extractor.extractors.clauses import Sentence, TokenIndex
from extractor.extractors.deadlines import find_times
from extractor.extractors.quantities import find_quantities, masked
from extractor.model import Quantity, TimeExpr


class DocMentions:
    """Time phrases and quantities of the whole document, looked up per sentence by binary search."""

    def __init__(self, text: str, base_year: int | None) -> None:
        self.times = _plan_anaphors(text, find_times(masked(text, ordinals=False), base_year))
        spans = [(t.start, t.end) for t in self.times if t.kind != "recurrence"]
        starts = [a for a, _ in spans]
        self.quantities = [q for q in find_quantities(text) if not _overlaps(q, spans, starts)]
        self._time_starts = [t.start for t in self.times]
        self._quantity_starts = [q.start for q in self.quantities]

    def times_in(self, start: int, end: int) -> list[TimeExpr]:
        lo, hi = bisect_left(self._time_starts, start), bisect_left(self._time_starts, end)
        return [t for t in self.times[lo:hi] if t.end <= end]

    def quantities_in(self, start: int, end: int) -> list[Quantity]:
        lo, hi = bisect_left(self._quantity_starts, start), bisect_left(self._quantity_starts, end)
        return [q for q in self.quantities[lo:hi] if q.end <= end]


def _plan_anaphors(text: str, times: list[TimeExpr]) -> list[TimeExpr]:
    """`规划期末` names the end of the plan the page is about, without its number: the end of the latest plan period
    the page names (`湖北省“十三五”规划纲要…规划期末目标为6.1%` → 2020-12-31); none named, it stays undated."""
    years = [t.year for t in times if t.kind in ("span", "period") and t.year and patterns.PLAN_NUMBER.search(t.text)]
    if not years:
        return times
    year = max(years)
    added = [TimeExpr(m.start(), m.end(), m.group(0), f"{year}-12-31", kind="period", year=year)
             for m in re.finditer(cues.alternation("times", "plan_anaphors"), text)
             if not any(t.start < m.end() and m.start() < t.end for t in times)]
    return sorted(times + added, key=lambda t: t.start) if added else times


def _overlaps(q: Quantity, spans: list[tuple[int, int]], starts: list[int]) -> bool:
    i = bisect_left(starts, q.end)
    return any(a < q.end and q.start < b for a, b in spans[max(0, i - 3) : i])


@lru_cache(maxsize=1)
def _publication() -> re.Pattern[str]:
    verbs = "|".join(re.escape(v) for v in gazetteers.words("doc_types", "publish_verbs"))
    return re.compile(patterns.fill("publication_after", verbs=verbs))


def _publication_event(text: str, sent: Sentence, t: TimeExpr) -> TimeExpr:
    """A bare year that is no due date: the year of a document's publication (`2021年湖北省民政厅发布关于…的
    通知`), or a year inside a noun phrase (`提出的2023年重点工作任务`, `纳入2020年“重强抓”专项行动`, `2011年政府工作主要安排`)."""
    if t.kind != "year":
        return t
    a, b = sent.clause_at(t.start)
    if _publication().search(text, t.end, b) or text[t.start - 1 : t.start] == "的" or text[t.end : t.end + 1] == "“":
        return replace(t, kind="event")
    if patterns.REPORT_NAMED_BY_YEAR.match(text, t.end):
        return replace(t, kind="event")  # `2019年政府工作报告分为三大部分`: the year names a report, it sets no due date
    return t


def _elapsed_period(t: TimeExpr, doc: "DocContext") -> TimeExpr:
    """A part of a year named with no due marker (`2023年上半年`, `一季度`, `1-8月份`) that ended before the page's
    own date is the period a figure was reached in (a status date), not a due date: `2023年上半年,全区实现地区生产
    总值806亿元` on a page of August 2023 reports. An undated review page ends no earlier than the latest period it
    reports on (`2016年、2017年、2018年上半年…分别`: metadata.reported_year), so parts of a year up to it are reached."""
    if t.kind != "deadline" or not t.date:
        return t
    if doc.dated and doc.issue_date:
        if t.date >= doc.issue_date:
            return t
    elif not doc.reported_through or t.date > doc.reported_through:
        return t
    return replace(t, kind="status") if patterns.BARE_PERIOD.match(t.text) else t


@dataclass
class DocContext:
    """What the rules know about the whole document: its own year, issue date and genre."""

    base_year: int | None
    issue_date: str | None
    genre: str | None
    addressees: list[str] = field(default_factory=list)
    issuers: list[str] = field(default_factory=list)
    province: str | None = None
    city: str | None = None
    admin_level: str | None = None
    headline: str | None = None
    title: str | None = None
    dated: bool = True
    names_no_goal: bool = False  # no anatomy and no forward mark anywhere: a review or summary (genre.names_no_goal)
    reviews_period: bool = False  # a news or meeting report reviewing what a period achieved (genre.reviews_period)
    reported_through: str | None = None  # undated: the end of the latest period the page reports on

    @property
    def now_year(self) -> int | None:
        """The notice's own year when its date or number gives it (figures before it are background)."""
        return self.base_year if self.dated else None


@dataclass
class SentenceView:
    """One sentence with its mentions, built once and read by every rule."""

    text: str
    sent: Sentence
    tokens: TokenIndex
    times: list[TimeExpr]
    quantities: list[Quantity]
    doc: DocContext
    mentions: DocMentions | None = None

    @classmethod
    def build(cls, text: str, sent: Sentence, tokens: TokenIndex, mentions: DocMentions, doc: DocContext) -> "SentenceView":
        times = [_elapsed_period(_publication_event(text, sent, t), doc) for t in mentions.times_in(sent.start, sent.end)]
        return cls(text, sent, tokens, times, mentions.quantities_in(sent.start, sent.end), doc, mentions)

    @property
    def sentence_text(self) -> str:
        return self.text[self.sent.start : self.sent.end]

    def clause_at(self, pos: int) -> tuple[int, int]:
        return self.sent.clause_at(pos)

    @cached_property
    def _time_starts(self) -> list[int]:
        return [t.start for t in self.times]

    @cached_property
    def _recurrences(self) -> tuple[list[TimeExpr], list[int]]:
        found = [t for t in self.times if t.kind == "recurrence"]
        return found, [t.start for t in found]

    def first_recurrence(self, start: int) -> TimeExpr | None:
        """The first recurrence phrase (每年, 每季度) starting at or after start."""
        found, starts = self._recurrences
        i = bisect_left(starts, start)
        return found[i] if i < len(found) else None

    def times_before(self, pos: int) -> int:
        """How many of the sentence's time phrases start before pos (they are `times[:n]`)."""
        return bisect_left(self._time_starts, pos)

    @cached_property
    def _quantity_starts(self) -> list[int]:
        return [q.start for q in self.quantities]

    def next_value_start(self, pos: int, default: int) -> int:
        """Where the first value starting after pos starts, else default."""
        i = bisect_left(self._quantity_starts, pos + 1)
        return self.quantities[i].start if i < len(self.quantities) else default

    @cached_property
    def _clause_rests(self) -> dict[tuple[int, int], str]:
        return {}

    def clause_rest(self, a: int, b: int) -> str:
        """The text of a..b without its time phrases and values, worked out once per clause: every value of a
        clause asks for it, and a clause of thousands of values must not cost thousands of passes over itself."""
        rest = self._clause_rests.get((a, b))
        if rest is None:
            kept = [True] * (b - a)
            spans = [(t.start, t.end) for t in self.times[: bisect_left(self._time_starts, b)] if t.end > a]
            for s, e in spans + [(x.start, x.end) for x in self.quantities_between(a, b)]:
                for i in range(max(s, a), min(e, b)):
                    kept[i - a] = False
            rest = self._clause_rests[(a, b)] = "".join(ch for ch, k in zip(self.text[a:b], kept) if k)
        return rest

    def last_value_before(self, q: Quantity) -> Quantity | None:
        """The last value of q's clause that ends before q starts (walked back from q, not a scan of the sentence)."""
        clause = self.sent.clause_index(q.start)
        for x in reversed(self.quantities[: bisect_left(self._quantity_starts, q.start)]):
            at = self.sent.clause_index(x.start)
            if at < clause:
                return None
            if at == clause and x.end <= q.start:
                return x
        return None

    def quantities_between(self, start: int, end: int) -> list[Quantity]:
        """The sentence's values starting in start..end-1, in order (a binary search, not a scan)."""
        starts = self._quantity_starts
        return self.quantities[bisect_left(starts, start) : bisect_left(starts, end)]

    def list_start(self, q: Quantity | int) -> int:
        """Where the list holding `q` (or starting at a position) starts (`不低于100元、200元、300元`: at 100元).
        The values joined by 、/和 are walked back one by one; a gap holding anything else ends the list."""
        start = q if isinstance(q, int) else q.start
        for x in reversed(self.quantities[: bisect_left(self._quantity_starts, start)]):
            if x.end > start:
                continue
            if not patterns.VALUE_LIST_GAP.fullmatch(self.text[x.end : start]):
                break
            start = x.start
        return start

    def last_end(self, lo: int, hi: int) -> int | None:
        """The end of the last value ending in lo+1..hi (values do not overlap, so ends grow with starts)."""
        for x in reversed(self.quantities[: bisect_left(self._quantity_starts, hi)]):
            if x.end <= lo:
                return None
            if x.end <= hi:
                return x.end
        return None

    def list_end(self, end: int) -> int:
        """Where the list whose member ends at `end` ends (the mirror of `list_start`)."""
        for x in self.quantities[bisect_left(self._quantity_starts, end) :]:
            if not patterns.VALUE_LIST_GAP.fullmatch(self.text[end : x.start]):
                break
            end = x.end
        return end

    def words_in(self, start: int, end: int) -> list[tuple[int, str]]:
        return self.tokens.words(start, end)
