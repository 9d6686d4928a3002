"""What the full-text index holds for a Chinese text, and how to query it.

SQLite's FTS5 `unicode61` tokenizer splits on spaces and punctuation only, and `trigram` finds
nothing under three characters. So the indexed text is prepared here, to be read by `unicode61`:

- every run of Chinese characters becomes its overlapping character pairs (社工站建设 → 社工 工站 站建
  建设), so any query of two characters finds every text containing it, like a substring search;
- then the words of three or more characters that jieba finds (社工站, 养老服务, 湖北省民政厅, with
  the project's gazetteer words), so a longer word typed into Datasette's search box finds it too;
- everything else (numbers, Latin words) is kept as it is.

`match_query` turns any text of two or more characters into an FTS5 query with substring semantics:
a phrase of its character pairs (they are indexed next to each other in text order).
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
_HAN_WORD = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]{3,}")


@lru_cache(maxsize=1)
def _segmenter() -> Any:
    """jieba-rs (through rjieba) with the gazetteer words the pipeline's jieba also knows."""
    import rjieba

    from extractor.nlp.segment import user_words

    seg = rjieba.Jieba()
    for word, freq in user_words():
        seg.add_word(word, freq, None)
    return seg


def _pairs(run: str) -> str:
    return " ".join(map(str.__add__, run, run[1:]))


def index_text(text: str | None) -> str:
    """The text as the index stores it: character pairs in text order, then the long words."""
    if not text:
        return ""
    pairs = _HAN.sub(lambda m: f" {_pairs(m.group())} ", text)
    words = [w for w in _segmenter().cut(text, False) if _HAN_WORD.fullmatch(w)]
    return pairs + "\n" + " ".join(words)


def match_query(query: str) -> str:
    """An FTS5 MATCH expression finding the texts that contain every whitespace-separated term.

    Each term becomes a phrase of what the index stores for it, so `社工站` matches 社工站 inside any
    word. A lone Chinese character is not indexed: a term that is only that raises ValueError.
    """
    phrases = []
    for term in query.split():
        indexed = _HAN.sub(lambda m: f" {_pairs(m.group())} ", term).split()
        if not indexed:
            raise ValueError(f"{term!r}: a Chinese search term needs at least two characters (use LIKE for one)")
        phrases.append('"' + " ".join(indexed).replace('"', '""') + '"')
    return " ".join(phrases)
