"""A unigram word model of Chinese: jieba's dictionary with the gazetteer words, and its character counts.

The garbling repair needs to know how probable a character and a short window of text are. The window
score is the best segmentation's log-probability, found by jieba-rs on the process's one dictionary
(extractor.dictionary, shared with segmentation, so the repair costs no second copy of it); character
counts come from `gazetteers/char_frequency.tsv`, derived offline from the same dictionary. Nothing here is
built per page, and clean text never asks.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache
from typing import Any


@dataclass(frozen=True)
class WordModel:
    words: Any  # an rjieba.Jieba: cut() is jieba's best route, suggest_freq() gives a word's count + 1
    log_total: float

    def word_logprob(self, word: str) -> float:
        """log P(word); a word the dictionary does not hold (an unknown character) counts once."""
        count = self.words.suggest_freq(word) - 1 if self.words.has_word(word) else 1
        return math.log(max(count, 1)) - self.log_total

    def logprob(self, text: str) -> float:
        """log-probability of the best segmentation of `text` (jieba's DAG route, unknown characters count 1)."""
        return sum(self.word_logprob(w) for w in self.words.cut(text, False))


@lru_cache(maxsize=1)
def word_model() -> WordModel:
    """The model, once per process, over the shared dictionary."""
    from extractor import gazetteers
    from extractor.dictionary import dictionary

    return WordModel(dictionary(), math.log(gazetteers.char_frequency().total))


@lru_cache(maxsize=1)
def char_logfreq() -> dict[str, float]:
    """log(count + 1) of each character: a screen that needs no dictionary loaded."""
    from extractor import gazetteers

    return {ch: math.log(c + 1.0) for ch, c in gazetteers.char_frequency().counts.items()}
