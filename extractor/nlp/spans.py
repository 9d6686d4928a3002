"""Sentence spans and word tokens of plain text, without spaCy: the rules and the confidence features read
these on strings, and the table writers classify indicators with them, so none of those loads spaCy.
"""
from __future__ import annotations

import re

from extractor.dictionary import dictionary

SENTENCE_BREAK = re.compile(r"[^。！？!?；;\n]*(?:[。！？!?；;]+[”’」』]?|\n|$)")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of sentences (same rule as the pipeline), whitespace trimmed, empty dropped."""
    spans = []
    for m in SENTENCE_BREAK.finditer(text):
        s, e = m.start(), m.end()
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            spans.append((s, e))
    return spans


def tokens(text: str) -> list[str]:
    """Word tokens of a short text (cue matching on words, not substrings)."""
    return dictionary().cut(text, True)
