"""Document structure the obligation rules need: paragraphs, sentences, clauses, headings, tokens.

Headings (一、 (一) 1. or short lines) form a stack; a goal heading (工作目标, 主要指标) makes cue-less
targets under it aspirational, as GOLD_FORMAT.md asks.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import lru_cache

from spacy.tokens import Doc

from extractor import gazetteers
from extractor.nlp.segment import sentence_spans

CLAUSE_BREAK = re.compile(r"[，,；;：:]")
HEADING_MARK = [
    (1, re.compile(r"^[一二三四五六七八九十]+[、.．]")),
    (2, re.compile(r"^[（(][一二三四五六七八九十]+[)）]")),
    (3, re.compile(r"^\d+[、.．](?!\d)")),
    (4, re.compile(r"^[（(]\d+[)）]")),
    (2, re.compile(r"^[一二三四五六七八九十]是")),
]


@lru_cache(maxsize=1)
def goal_words() -> tuple[str, ...]:
    return tuple(gazetteers.keywords("strength").get("goal_headings", []))


@dataclass
class Sentence:
    start: int
    end: int
    para: int
    heading_goal: bool
    clauses: list[tuple[int, int]] = field(default_factory=list)


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


def _heading(line: str) -> tuple[int, str] | None:
    """(level, heading text) if the line is a heading or opens with an inline one (（二）工作目标。…)."""
    first = re.split(r"[。：:]", line, maxsplit=1)[0]
    for level, pattern in HEADING_MARK:
        m = pattern.match(line)
        if m:
            if len(first) <= 40 and not re.search(r"[，,；;]", first):
                return level, first
            return level, ""
    if len(line) <= 30 and not re.search(r"[。，,；;：:！？]", line):
        return 1, line
    return None


def clauses(text: str, start: int, end: int) -> list[tuple[int, int]]:
    out, pos = [], start
    for m in CLAUSE_BREAK.finditer(text, start, end):
        if m.start() > pos:
            out.append((pos, m.start()))
        pos = m.end()
    if end > pos:
        out.append((pos, end))
    return out


def sentences(text: str) -> list[Sentence]:
    """Sentences with their paragraph index and whether a goal heading or lead-in governs them."""
    out: list[Sentence] = []
    stack: dict[int, str] = {}
    lead_goal = False
    pos = 0
    for para, line in enumerate(text.split("\n")):
        head = _heading(line)
        if head is not None:
            level, title = head
            stack = {k: v for k, v in stack.items() if k < level}
            stack[level] = title
            lead_goal = False
        for s, e in sentence_spans(line):
            sent_text = line[s:e]
            goal = lead_goal or any(any(w in h for w in goal_words()) for h in stack.values())
            out.append(Sentence(pos + s, pos + e, para, goal, clauses(text, pos + s, pos + e)))
            if sent_text.endswith((":", "：")) and any(w in sent_text for w in goal_words()):
                lead_goal = True
        pos += len(line) + 1
    return out
