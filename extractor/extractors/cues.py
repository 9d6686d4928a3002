"""Cue-word lookups over character spans, built once per word list from `gazetteers/keywords/`.

One compiled alternation per list (longest word first) scans a span in one pass. A one-character cue
(要, 应, 将, 已, 可) counts only as a whole jieba token, so 应急 or 要素 never read as modal verbs;
longer cues match on characters, which survives segmentation errors on noisy pages.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache

from extractor import gazetteers
from extractor.extractors.clauses import TokenIndex
from extractor.extractors.memo import per_document


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


WHOLE_TEXT_SCAN = 2000  # texts this long (documents) are scanned once per list, not once per question


@per_document
def _doc_hits(text: str, file: str, key: str, prefix_ok: bool,
              tokens: TokenIndex | None = None) -> tuple[list[int], list[tuple[int, str]]]:
    """Every cue of one list in a whole document, found in one scan: a range is then two binary searches."""
    hits = _scan(file, key, text, 0, len(text), tokens, prefix_ok)
    return [p for p, _ in hits], hits


@per_document
def _doc_matches(text: str, pattern: re.Pattern[str]) -> tuple[list[int], list[tuple[int, str]]]:
    hits = [(m.start(), m.group(0)) for m in pattern.finditer(text)]
    return [p for p, _ in hits], hits


def _in_range(found: tuple[list[int], list[tuple[int, str]]], start: int, end: int) -> list[tuple[int, str]]:
    positions, hits = found
    return [(p, w) for p, w in hits[bisect_left(positions, start) : bisect_left(positions, end)] if p + len(w) <= end]


def find_pattern(pattern: re.Pattern[str], text: str, start: int = 0, end: int | None = None) -> list[tuple[int, str]]:
    """(position, match) of a grammar's matches in text[start:end], with `find`'s one scan per long text."""
    end = len(text) if end is None else end
    if len(text) < WHOLE_TEXT_SCAN:
        return [(m.start(), m.group(0)) for m in pattern.finditer(text, start, end)]
    return _in_range(_doc_matches(text, pattern), start, end)


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
    return _in_range(_doc_hits(text, file, key, prefix_ok, tokens=tokens), start, end)


def has(file: str, key: str, text: str, start: int = 0, end: int | None = None, tokens: TokenIndex | None = None,
        prefix_ok: bool = False) -> bool:
    end = len(text) if end is None else end
    if len(text) < WHOLE_TEXT_SCAN:
        return bool(_scan(file, key, text, start, end, tokens, prefix_ok))
    positions, hits = _doc_hits(text, file, key, prefix_ok, tokens=tokens)
    for i in range(bisect_left(positions, start), bisect_left(positions, end)):
        p, w = hits[i]
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
