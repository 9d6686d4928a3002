"""Cue-word lookups over character spans, built once per word list from `gazetteers/keywords/`.

One compiled alternation per list (longest word first) scans a span in one pass. A one-character cue
(要, 应, 将, 已, 可) counts only as a whole jieba token, so 应急 or 要素 never read as modal verbs;
longer cues match on characters, which survives segmentation errors on noisy pages.
"""
from __future__ import annotations

import re
from functools import lru_cache

from extractor import gazetteers
from extractor.extractors.clauses import TokenIndex


@lru_cache(maxsize=None)
def pattern(file: str, key: str) -> re.Pattern[str]:
    """The alternation of one word list; a list that cannot match anything never matches."""
    ws = gazetteers.words(file, key)
    return re.compile("|".join(re.escape(w) for w in ws)) if ws else re.compile(r"(?!x)x")


def find(file: str, key: str, text: str, start: int = 0, end: int | None = None,
         tokens: TokenIndex | None = None, prefix_ok: bool = False) -> list[tuple[int, str]]:
    """(position, word) of every cue of the list in text[start:end].

    With tokens, a cue must start a word (目前 is not found in 项目前期), and a one-character cue must be a
    whole word (要 not in 要素) unless `prefix_ok` lets it open a longer word (已 in 已达).
    """
    end = len(text) if end is None else end
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


def has(file: str, key: str, text: str, start: int = 0, end: int | None = None, tokens: TokenIndex | None = None,
        prefix_ok: bool = False) -> bool:
    return bool(find(file, key, text, start, end, tokens, prefix_ok))


def last_before(file: str, key: str, text: str, start: int, pos: int, tokens: TokenIndex | None = None) -> tuple[int, str] | None:
    """The cue nearest before `pos` in text[start:pos]."""
    found = find(file, key, text, start, pos, tokens)
    return found[-1] if found else None


@lru_cache(maxsize=None)
def alternation(file: str, key: str) -> str:
    """The list as a regex alternation, for grammars that embed it."""
    return "|".join(re.escape(w) for w in gazetteers.words(file, key))
