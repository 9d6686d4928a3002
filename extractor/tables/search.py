"""What the full-text index holds for a Chinese text, and how to query it.

SQLite's FTS5 `unicode61` tokenizer splits on spaces and punctuation only, and `trigram` finds
nothing under three characters. So the indexed text is prepared here, to be read by `unicode61`:

- every run of GRAMS neighbouring Chinese characters for GRAMS = 2, 3 and 4, each length on a line of
  its own in text order (社工站建设 → 社工 工站 站建 建设 / 社工站 工站建 站建设 / 社工站建 工站建设), so a
  query of two to four characters, typed as it is into any SQLite client or Datasette's search box, is
  one indexed token and finds every text containing it, like a substring search;
- then everything that is not Chinese (numbers, Latin words) as it stands;
- then the words longer than four characters that jieba finds (湖北省民政厅, with the project's policy
  terms), so such a word typed as it is finds the texts where jieba saw it.

A longer text is found through `match_query`: the phrase of its four-character pieces, which the
index holds next to each other, so every text containing it matches (a run boundary between two
pieces can add a rare extra match, never lose one). Datasette's search box uses `match_query` too
when notice-extract is installed beside it (extractor.tables.datasette_search, a Datasette plugin).

The grams of a long text (a notice) are cut out of its code points with numpy, a few nanoseconds a
character.
"""
from __future__ import annotations

import re
from functools import lru_cache
from itertools import compress
from typing import Any

_H = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_HAN = re.compile(f"[{_H}]+")
_OTHER = re.compile(f"[^\\s{_H}]+")
_PIECE = re.compile(f"[{_H}]+|[^{_H}]+")
_HAN_RANGES = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF))  # the ranges of _H
GRAMS = (2, 3, 4)  # the lengths of Chinese text indexed as tokens of their own
LONGEST = GRAMS[-1]
_GRAM = {n: re.compile(f"(?=([{_H}]{{{n}}}))") for n in GRAMS}  # every overlapping run of n Chinese characters
_LONG_WORD = re.compile(f"(?<!\\S)[{_H}]{{{LONGEST + 1},}}(?!\\S)")
LONG_TEXT = 400  # characters from which numpy's fixed cost pays for itself
_LONGER = LONGEST.__lt__


@lru_cache(maxsize=1)
def _segmenter() -> Any:
    """jieba-rs (through rjieba: fast, and no spaCy to load) with the project's policy terms (社工站, 托育机构)."""
    from extractor import gazetteers
    from extractor.dictionary.jieba_rs import jieba_class

    seg = jieba_class()()
    for word, freq in gazetteers.policy_terms():
        seg.add_word(word, freq, None)
    return seg


def _pieces(run: str, n: int) -> list[str]:
    return [run[i:i + n] for i in range(len(run) - n + 1)]


def char_grams(text: str, n: int = 2) -> str:
    """Every run of `n` neighbouring Chinese characters, in text order, separated by spaces."""
    if len(text) < LONG_TEXT:
        return " ".join(_GRAM[n].findall(text) if n in _GRAM else re.findall(f"(?=([{_H}]{{{n}}}))", text))
    import numpy as np

    cp = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype="<u4")
    han = np.zeros(len(cp), dtype=bool)
    for lo, hi in _HAN_RANGES:
        han |= (cp >= lo) & (cp <= hi)
    ok = han[: len(cp) - n + 1].copy()
    for k in range(1, n):
        ok &= han[k: len(cp) - n + 1 + k]
    at = np.flatnonzero(ok)
    if not len(at):
        return ""
    out = np.empty((len(at), n + 1), dtype="<u4")
    for k in range(n):
        out[:, k] = cp[at + k]
    out[:, n] = 32
    return out.tobytes().decode("utf-32-le", "surrogatepass")[:-1]


def char_pairs(text: str) -> str:
    """Every pair of neighbouring Chinese characters, in text order, separated by spaces."""
    return char_grams(text, 2)


def index_text(text: str | None) -> str:
    """The text as the index stores it: its grams (a line per length), its other tokens, then its long words."""
    if not text:
        return ""
    return _index_short(text) if len(text) < SHORT_TEXT else _index_text(text)


SHORT_TEXT = 1000  # a sentence or a subject: the obligations of a sentence share it, so it is remembered


@lru_cache(maxsize=4096)
def _index_short(text: str) -> str:
    return _index_text(text)


def _index_text(text: str) -> str:
    lines = [char_grams(text, n) for n in GRAMS] + [" ".join(_OTHER.findall(text))]
    if _HAN.search(text) and any(len(run) > LONGEST for run in _HAN.findall(text)):
        words = _segmenter().cut(text, False)
        words = " ".join(compress(words, map(_LONGER, map(len, words))))
        lines.append(" ".join(_LONG_WORD.findall(words)))
    else:
        lines.append("")
    return "\n".join(lines)


def _phrase(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def _han_phrase(run: str) -> str:
    """A Chinese run as one token (up to LONGEST characters) or the phrase of its LONGEST-character pieces."""
    return _phrase(run if len(run) <= LONGEST else " ".join(_pieces(run, LONGEST)))


def _term(term: str) -> list[str]:
    return [_han_phrase(p) if _HAN.fullmatch(p) else _phrase(p) for p in _PIECE.findall(term)
            if (len(p) >= 2 if _HAN.fullmatch(p) else any(ch.isalnum() for ch in p))]


def match_query(query: str) -> str:
    """An FTS5 MATCH expression finding the texts that contain every whitespace-separated term.

    The Chinese part of a term becomes one indexed token (two to four characters) or the phrase of its
    four-character pieces, so `社工站` matches 社工站 inside any word; numbers and Latin words become
    phrases of their own. A lone Chinese character is not indexed: a term with nothing else to search
    for raises ValueError.
    """
    phrases = []
    for term in query.split():
        parts = _term(term)
        if not parts:
            raise ValueError(f"{term!r}: a Chinese search term needs at least two characters (use LIKE for one)")
        phrases += parts
    return " ".join(phrases)


_QUOTED = re.compile(r'\s+|(".*?")')


def search_box_query(query: str) -> str:
    """What a search box's text becomes: match_query's substring search for each term, a "quoted text" kept as
    one substring; a term with nothing to search for (one Chinese character) is left as it was typed, to
    match nothing rather than fail."""
    if query.count('"') % 2:
        query += '"'
    phrases = []
    for bit in filter(None, _QUOTED.split(query)):
        text = bit[1:-1] if bit.startswith('"') else bit
        if not text.strip():
            continue
        parts = [q for t in text.split() for q in _term(t)] if not bit.startswith('"') else _term(text.replace(" ", ""))
        phrases += parts or [_phrase(text)]
    return " ".join(phrases)
