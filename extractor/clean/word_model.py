"""A unigram word model of Chinese: jieba's dictionary plus the gazetteer words.

The garbling repair needs to know how probable a character and a short window of text are; jieba's
dictionary (349,046 words with counts) is that model. It is read once per process, in one pass, only
when a page has something to repair: the repair is the only reader, so clean text never pays for it.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

MAX_WORD = 8
MIN_COUNT = 4


@dataclass(frozen=True)
class WordModel:
    freq: dict[str, int]
    log_total: float
    char_logfreq: dict[str, float]

    def logprob(self, text: str) -> float:
        """log-probability of the best segmentation of `text` (jieba's DAG route, unknown characters count 1)."""
        n = len(text)
        best = [0.0] * (n + 1)
        for i in range(n - 1, -1, -1):
            top = -math.inf
            for j in range(i + 1, min(n, i + MAX_WORD) + 1):
                f = self.freq.get(text[i:j])
                if f is None and j > i + 1:
                    continue
                top = max(top, math.log(f or 1) - self.log_total + best[j])
            best[i] = top
        return best[0]


def _dictionary_path() -> Path:
    import jieba

    return Path(jieba.__file__).parent / "dict.txt"


@lru_cache(maxsize=1)
def word_model() -> WordModel:
    """The model, built once per process: dictionary counts, then the gazetteer words as jieba adds them.

    A gazetteer word matters even at count 1: `托育服务` as one word outscores `孕育|服务`. Dictionary words
    seen fewer than MIN_COUNT times (200,000 of them, mostly rare names) are left out of the word table:
    they change no repair on the corpora and would double its memory.
    """
    from extractor import gazetteers

    freq: dict[str, int] = {}
    counts: dict[str, int] = {}
    total = 0
    with _dictionary_path().open(encoding="utf-8") as fh:
        for line in fh:
            word, n, *_ = line.split(" ")
            count = int(n)
            total += count
            for ch in set(word):
                counts[ch] = counts.get(ch, 0) + count
            if count >= MIN_COUNT:
                freq[word] = count
    model = WordModel(freq, math.log(total), {ch: math.log(c + 1.0) for ch, c in counts.items()})
    for word, count in gazetteers.segmentation_words():
        if count is None:  # jieba's suggest_freq: one count more than its best split, so it stays whole
            count = max(int(math.exp(model.logprob(word) + model.log_total)) + 1, freq.get(word, 1))
        freq[word] = count
    return model
