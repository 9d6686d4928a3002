"""Mentions found once per document (time phrases, quantities), and the view of one sentence that every
decision rule reads: its text, tokens, time phrases, values, and the notice's own year and genre.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field

from extractor.extractors.clauses import Sentence, TokenIndex
from extractor.extractors.deadlines import find_times
from extractor.extractors.quantities import find_quantities, masked
from extractor.model import Quantity, TimeExpr


LIST_GAP = re.compile(r"\s*(?:以上|以下)?\s*[、和及与]\s*")


class DocMentions:
    """Time phrases and quantities of the whole document, looked up per sentence by binary search."""

    def __init__(self, text: str, base_year: int | None) -> None:
        self.times = find_times(masked(text, ordinals=False), base_year)
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


def _overlaps(q: Quantity, spans: list[tuple[int, int]], starts: list[int]) -> bool:
    i = bisect_left(starts, q.end)
    return any(a < q.end and q.start < b for a, b in spans[max(0, i - 3) : i])


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


@dataclass
class SentenceView:
    """One sentence with its mentions, built once and read by every rule."""

    text: str
    sent: Sentence
    tokens: TokenIndex
    times: list[TimeExpr]
    quantities: list[Quantity]
    doc: DocContext

    @classmethod
    def build(cls, text: str, sent: Sentence, tokens: TokenIndex, mentions: DocMentions, doc: DocContext) -> "SentenceView":
        return cls(text, sent, tokens, mentions.times_in(sent.start, sent.end), mentions.quantities_in(sent.start, sent.end), doc)

    @property
    def sentence_text(self) -> str:
        return self.text[self.sent.start : self.sent.end]

    def clause_at(self, pos: int) -> tuple[int, int]:
        return self.sent.clause_at(pos)

    def list_start(self, q: Quantity) -> int:
        """Where the list holding `q` starts (`不低于100元、200元、300元`: at 100元)."""
        start = q.start
        for x in sorted(self.quantities, key=lambda x: -x.start):
            if x.end <= start and LIST_GAP.fullmatch(self.text[x.end : start]):
                start = x.start
        return start

    def words_in(self, start: int, end: int) -> list[tuple[int, str]]:
        return self.tokens.words(start, end)
