"""The process's one jieba-rs dictionary (jieba's words and counts, plus the gazetteer words).

Segmentation cuts text with it and the garbling repair scores windows of text by it, so the dictionary
(about 35 MB in memory, a quarter of a second to load) exists once per process, loaded by whichever
stage needs it first. It imports no spaCy: cleaning can use it without loading the NLP stage.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Any

from extractor import gazetteers
from extractor.dictionary.jieba_rs import jieba_class


@lru_cache(maxsize=1)
def dictionary() -> Any:
    """An `rjieba.Jieba` with the gazetteer words added (a word without a count gets jieba's suggested one,
    just enough to keep it whole)."""
    seg = jieba_class()()
    for word, freq in gazetteers.segmentation_words():
        seg.add_word(word, freq, None)
    return seg
