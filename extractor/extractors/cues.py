"""Cue-word lookups over character spans, built once per word list from `gazetteers/keywords/`.

One compiled alternation per list (longest word first) scans a span in one pass. A one-character cue
(要, 应, 将, 已, 可) counts only as a whole jieba token, so 应急 or 要素 never read as modal verbs;
longer cues match on characters, which survives segmentation errors on noisy pages.
"""
from __future__ import annotations

import re
import threading
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache

from extractor import gazetteers
from extractor.extractors.clauses import TokenIndex


@lru_cache(maxsize=None)
def pattern(file: str, key: str) -> re.Pattern[str]:
    """The alternation of one word list; a list that cannot match anything never matches."""
    ws = gazetteers.words(file, key)
    return re.compile("|".join(re.escape(w) for w in ws)) if ws else re.compile(r"(?!x)x")


def _scan(file: str, key: str, text: str, start: int, end: int, tokens: TokenIndex | None,
          prefix_ok: bool) -> list[tuple[int, str]]:
    out = []
    for m in pattern(file, key).finditer(text, start, end):
        w = m.group(0)
        if tokens is not None:
            if not tokens.is_boundary(m.start()):
                continue
            if len(w) == 1 and not prefix_ok and not tokens.is_boundary(m.end()):
                continue
        out.append((m.start(), w))
    return out


@dataclass
class _Hits:
    """Every cue of one list in one long text, found in one scan; a range is then two binary searches."""

    text: str
    tokens: TokenIndex | None
    positions: list[int]
    hits: list[tuple[int, str]]


_local = threading.local()
WHOLE_TEXT_SCAN = 2000  # texts this long (documents) are scanned once per list, not once per question


def _hits(file: str, key: str, text: str, tokens: TokenIndex | None, prefix_ok: bool) -> _Hits:
    cache: dict[tuple[str, str, bool, bool], _Hits] = _local.__dict__.setdefault("hits", {})
    slot = (file, key, tokens is not None, prefix_ok)
    found = cache.get(slot)
    if found is None or found.text is not text or found.tokens is not tokens:
        hits = _scan(file, key, text, 0, len(text), tokens, prefix_ok)
        found = cache[slot] = _Hits(text, tokens, [p for p, _ in hits], hits)
    return found


def find_pattern(pattern: re.Pattern[str], text: str, start: int = 0, end: int | None = None) -> list[tuple[int, str]]:
    """(position, match) of a grammar's matches in text[start:end], with `find`'s one scan per long text."""
    end = len(text) if end is None else end
    if len(text) < WHOLE_TEXT_SCAN:
        return [(m.start(), m.group(0)) for m in pattern.finditer(text, start, end)]
    cache: dict[re.Pattern[str], _Hits] = _local.__dict__.setdefault("patterns", {})
    found = cache.get(pattern)
    if found is None or found.text is not text:
        hits = [(m.start(), m.group(0)) for m in pattern.finditer(text)]
        found = cache[pattern] = _Hits(text, None, [p for p, _ in hits], hits)
    lo, hi = bisect_left(found.positions, start), bisect_left(found.positions, end)
    return [(p, w) for p, w in found.hits[lo:hi] if p + len(w) <= end]


def find(file: str, key: str, text: str, start: int = 0, end: int | None = None,
         tokens: TokenIndex | None = None, prefix_ok: bool = False) -> list[tuple[int, str]]:
    """(position, word) of every cue of the list in text[start:end].

    With tokens, a cue must start a word (目前 is not found in 项目前期), and a one-character cue must be a
    whole word (要 not in 要素) unless `prefix_ok` lets it open a longer word (已 in 已达). A document-long
    text is scanned once per list and the range looked up, so asking about every value of a sentence of
    N values costs N binary searches, not N scans.
    """
    end = len(text) if end is None else end
    if len(text) < WHOLE_TEXT_SCAN:
        return _scan(file, key, text, start, end, tokens, prefix_ok)
    found = _hits(file, key, text, tokens, prefix_ok)
    lo, hi = bisect_left(found.positions, start), bisect_left(found.positions, end)
    return [(p, w) for p, w in found.hits[lo:hi] if p + len(w) <= end]


def has(file: str, key: str, text: str, start: int = 0, end: int | None = None, tokens: TokenIndex | None = None,
        prefix_ok: bool = False) -> bool:
    end = len(text) if end is None else end
    if len(text) < WHOLE_TEXT_SCAN:
        return bool(_scan(file, key, text, start, end, tokens, prefix_ok))
    found = _hits(file, key, text, tokens, prefix_ok)
    for i in range(bisect_left(found.positions, start), bisect_left(found.positions, end)):
        p, w = found.hits[i]
        if p + len(w) <= end:
            return True
    return False


def last_before(file: str, key: str, text: str, start: int, pos: int, tokens: TokenIndex | None = None) -> tuple[int, str] | None:
    """The cue nearest before `pos` in text[start:pos]."""
    found = find(file, key, text, start, pos, tokens)
    return found[-1] if found else None


@lru_cache(maxsize=None)
def alternation(file: str, key: str) -> str:
    """The list as a regex alternation, for grammars that embed it."""
    return "|".join(re.escape(w) for w in gazetteers.words(file, key))
