"""The one definition of paragraph, sentence and clause that every rule uses, and the section context of
each sentence (the heading path above it, a goal or background section, the lead-in it follows).

A paragraph is a line of the cleaned text. Sentences end at 。！？；(the `nlp.segment` rule) and also where a
report starts quoting a document (`…《意见》明确,…`): a time phrase before such a frame does not govern what
the frame introduces. Clauses split a sentence at ，；：.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

from extractor import gazetteers, patterns
from extractor.nlp.spans import sentence_spans

if TYPE_CHECKING:  # the rules read strings; only a Doc's tokens are read here, so spaCy is not loaded for them
    from spacy.tokens import Doc


@dataclass(frozen=True)
class Heading:
    level: int
    text: str


@dataclass
class Sentence:
    """A sentence with its clauses and where it stands in the document."""

    start: int
    end: int
    para: int
    index: int
    line: int = 0
    clauses: list[tuple[int, int]] = field(default_factory=list)
    headings: tuple[Heading, ...] = ()
    in_goal_section: bool = False
    in_background_section: bool = False
    in_binding_section: bool = False
    is_heading: bool = False
    first_in_para: bool = False

    def clause_at(self, pos: int) -> tuple[int, int]:
        """The clause holding character `pos` (the whole sentence when none does)."""
        for c in self.clauses:
            if c[0] <= pos < c[1]:
                return c
        return (self.start, self.end)

    def clause_index(self, pos: int) -> int:
        for i, c in enumerate(self.clauses):
            if c[0] <= pos < c[1]:
                return i
        return 0


@dataclass
class TokenIndex:
    """Token texts and start offsets from the spaCy Doc, for word-level cue lookups by character span."""

    starts: list[int]
    texts: list[str]

    @classmethod
    def from_doc(cls, doc: Doc) -> "TokenIndex":
        if "token_starts" in doc.user_data:
            return cls(doc.user_data["token_starts"], doc.user_data["token_texts"])
        return cls([t.idx for t in doc], [t.text for t in doc])

    def words(self, start: int, end: int) -> list[tuple[int, str]]:
        i = bisect.bisect_left(self.starts, start)
        out = []
        while i < len(self.starts) and self.starts[i] < end:
            out.append((self.starts[i], self.texts[i]))
            i += 1
        return out

    def is_boundary(self, pos: int) -> bool:
        """True when a token starts at `pos` (cue words must be whole tokens, not parts of words)."""
        i = bisect.bisect_left(self.starts, pos)
        if i < len(self.starts):
            return self.starts[i] == pos
        return not self.starts or pos >= self.starts[-1] + len(self.texts[-1])


@lru_cache(maxsize=1)
def _heading_marks() -> tuple[tuple[int, re.Pattern[str]], ...]:
    data = gazetteers.keywords("structure")
    return tuple((level, re.compile(p)) for level in (1, 2, 3, 4) for p in data[f"heading_level_{level}"])


@lru_cache(maxsize=1)
def _frames() -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in gazetteers.keywords("structure")["statement_frames"]))


@lru_cache(maxsize=1)
def goal_words() -> tuple[str, ...]:
    return gazetteers.words("structure", "goal_words")


@lru_cache(maxsize=1)
def _background_words() -> tuple[str, ...]:
    return gazetteers.words("structure", "background_headings")


def heading_of(line: str) -> Heading | None:
    """The heading a line is or opens with (`（二）工作目标。到2025年…` -> 工作目标), else None.

    A short line without sentence punctuation is a heading too (section titles, news headlines).
    """
    limit = gazetteers.keywords("structure")["max_heading_chars"]
    for level, pattern in _heading_marks():
        m = pattern.match(line)
        if m:
            rest = line[m.end():]
            first = patterns.HEADING_TEXT_END.split(rest, maxsplit=1)[0]
            return Heading(level, first.strip() if len(first) <= limit else first[:16])
    if len(line) <= 30 and not re.search(r"[。，,；;：:！？!?]", line) and not quantity_in(line):
        return Heading(1, line.strip())
    return None


def quantity_in(line: str) -> bool:
    """A number other than a year (`达到50%`, `5000个`): a short line holding one is a list item, not a heading."""
    return patterns.NUMBER_NOT_YEAR.search(patterns.YEAR_SPAN.sub("", line)) is not None


def clauses(text: str, start: int, end: int) -> list[tuple[int, int]]:
    out, pos = [], start
    for m in patterns.CLAUSE_BREAK.finditer(text, start, end):
        if m.start() > pos:
            out.append((pos, m.start()))
        pos = m.end()
    if end > pos:
        out.append((pos, end))
    return out


def _split_at_frames(line: str, s: int, e: int) -> list[tuple[int, int]]:
    """A sentence cut where a report starts quoting a document inside it (not at its very start)."""
    cuts = [m.start() for m in _frames().finditer(line, s, e) if m.start() - s >= 6]
    bounds = [s] + cuts + [e]
    return [(a, b) for a, b in zip(bounds, bounds[1:]) if b > a]


LONG_LINE = 300


def paragraphs(line: str) -> list[tuple[int, int]]:
    """A long line is split into paragraphs at inline headings (`…落实。二、主要任务(一)…`): pages that
    lost their line breaks keep their structure."""
    if len(line) < LONG_LINE:
        return [(0, len(line))]
    cuts = [m.start() for m in patterns.INLINE_HEADING.finditer(line) if m.start() > 0]
    bounds = [0] + cuts + [len(line)]
    return [(a, b) for a, b in zip(bounds, bounds[1:]) if b > a]


@lru_cache(maxsize=4096)
def is_goal_heading(text: str) -> bool:
    """A heading that names goals (主要目标); asked for every sentence under it, so remembered."""
    return any(w in text for w in goal_words())


@lru_cache(maxsize=4096)
def _is_binding(path: tuple[Heading, ...]) -> bool:
    """Under a heading of binding indicators (约束性指标) cue-less targets are binding; 预期性 ones aspirational."""
    for h in reversed(path):
        if any(w in h.text for w in gazetteers.words("tables", "binding_attributes")):
            return True
        if any(w in h.text for w in gazetteers.words("tables", "aspirational_attributes")):
            return False
    return False


@lru_cache(maxsize=4096)
def _is_background(text: str) -> bool:
    return any(w in text for w in _background_words())


def sentences(text: str) -> list[Sentence]:
    """Sentences in document order, each with its clauses, heading path and section kind."""
    out: list[Sentence] = []
    stack: list[Heading] = []
    pos = 0
    para = -1
    for line_no, full in enumerate(text.split("\n")):
        for p0, p1 in paragraphs(full):
            para += 1
            line = full[p0:p1]
            head = heading_of(line.strip()) if line.strip() else None
            if head is not None:
                stack = [h for h in stack if h.level < head.level] + [head]
            first = True
            for s0, e0 in sentence_spans(line):
                for s, e in _split_at_frames(line, s0, e0):
                    is_heading = head is not None and first and (line[s:e].strip() == line.strip() or len(line[s:e]) <= 42)
                    path = tuple(stack)
                    start, end = pos + p0 + s, pos + p0 + e
                    out.append(Sentence(
                        start=start, end=end, para=para, index=len(out), line=line_no, clauses=clauses(text, start, end),
                        headings=path,
                        in_goal_section=any(is_goal_heading(h.text) for h in path) and not _is_binding(path),
                        in_binding_section=_is_binding(path),
                        in_background_section=any(_is_background(h.text) for h in path),
                        is_heading=is_heading, first_in_para=first,
                    ))
                    first = False
        pos += len(full) + 1
    return out
