"""What the full-text index holds for a Chinese text, and how to query it.

SQLite's FTS5 `unicode61` tokenizer splits on spaces and punctuation only, and `trigram` finds
nothing under three characters. So the indexed text is prepared here, to be read by `unicode61`:

- every pair of neighbouring Chinese characters, in text order (社工站建设 → 社工 工站 站建 建设), so any
  query of two characters finds every text containing it, like a substring search;
- then everything that is not Chinese (numbers, Latin words) as it stands;
- then the words of three or more characters that jieba finds (社工站, 养老服务, 湖北省民政厅, with
  the project's policy terms), so a longer word typed into Datasette's search box finds it too.

The pairs of a long text (a notice) are cut out of its code points with numpy, a few nanoseconds a
character; the long words are looked for only among jieba's words of three or more characters (a
match lies inside one word, since the words are joined by spaces).

`match_query` turns any text of two or more Chinese characters into an FTS5 query with substring
semantics: a phrase of its character pairs, which the index holds next to each other.
"""
from __future__ import annotations

import re
from functools import lru_cache
from itertools import compress
from typing import Any

_H = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_HAN = re.compile(f"[{_H}]+")
_PAIR = re.compile(f"(?=([{_H}][{_H}]))")  # every overlapping pair of Chinese characters, in text order
_OTHER = re.compile(f"[^\\s{_H}]+")
_LONG_WORD = re.compile(f"(?<!\\S)[{_H}]{{3,}}(?!\\S)")
_PIECE = re.compile(f"[{_H}]+|[^{_H}]+")
_HAN_RANGES = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF))  # the ranges of _H
LONG_TEXT = 400  # characters from which numpy's fixed cost pays for itself
_LONGER_THAN_2 = (2).__lt__


@lru_cache(maxsize=1)
def _segmenter() -> Any:
    """jieba-rs (through rjieba: fast, and no spaCy to load) with the project's policy terms (社工站, 托育机构)."""
    from extractor import gazetteers
    from extractor.dictionary.jieba_rs import jieba_class

    seg = jieba_class()()
    for word, freq in gazetteers.policy_terms():
        seg.add_word(word, freq, None)
    return seg


def _pairs(run: str) -> str:
    return " ".join(map(str.__add__, run, run[1:]))


def char_pairs(text: str) -> str:
    """Every pair of neighbouring Chinese characters, in text order, separated by spaces."""
    if len(text) < LONG_TEXT:
        return " ".join(_PAIR.findall(text))
    import numpy as np

    cp = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype="<u4")
    han = np.zeros(len(cp), dtype=bool)
    for lo, hi in _HAN_RANGES:
        han |= (cp >= lo) & (cp <= hi)
    at = np.flatnonzero(han[:-1] & han[1:])
    if not len(at):
        return ""
    out = np.empty((len(at), 3), dtype="<u4")
    out[:, 0], out[:, 1], out[:, 2] = cp[at], cp[at + 1], 32
    return out.tobytes().decode("utf-32-le", "surrogatepass")[:-1]


def index_text(text: str | None) -> str:
    """The text as the index stores it: its character pairs, its other tokens, then its long words."""
    if not text:
        return ""
    return _index_short(text) if len(text) < SHORT_TEXT else _index_text(text)


SHORT_TEXT = 1000  # a sentence or a subject: the obligations of a sentence share it, so it is remembered


@lru_cache(maxsize=4096)
def _index_short(text: str) -> str:
    return _index_text(text)


def _index_text(text: str) -> str:
    words = _segmenter().cut(text, False)
    words = " ".join(compress(words, map(_LONGER_THAN_2, map(len, words))))
    return "\n".join((char_pairs(text), " ".join(_OTHER.findall(text)), " ".join(_LONG_WORD.findall(words))))


def _phrase(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def match_query(query: str) -> str:
    """An FTS5 MATCH expression finding the texts that contain every whitespace-separated term.

    The Chinese part of a term becomes the phrase of its character pairs, so `社工站` matches 社工站 inside
    any word; numbers and Latin words become phrases of their own. A lone Chinese character is not
    indexed: a term with nothing else to search for raises ValueError.
    """
    phrases = []
    for term in query.split():
        parts = [_phrase(_pairs(p)) if _HAN.fullmatch(p) else _phrase(p) for p in _PIECE.findall(term)
                 if (len(p) >= 2 if _HAN.fullmatch(p) else any(ch.isalnum() for ch in p))]
        if not parts:
            raise ValueError(f"{term!r}: a Chinese search term needs at least two characters (use LIKE for one)")
        phrases += parts
    return " ".join(phrases)
