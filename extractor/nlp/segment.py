"""Sentences and tokens: a spaCy `blank("zh")` pipeline whose tokenizer is a private jieba-rs instance.

rjieba (a binding of jieba-rs, the Rust port of jieba with the same dictionary and algorithm) segments
notices about twenty times faster than jieba; a private `rjieba.Jieba` loaded once per process with the
gazetteer words keeps runs reproducible (the global jieba module is shared state whose user dictionary
cannot be scoped). The two differ only in small ways (jieba-rs keeps `3-5` one token), and the eval figures
are the same with either. Long texts
are segmented in paragraph-aligned sections and the Doc is built from the words, so no `nlp.max_length`
applies (spaCy refuses texts over 1 M characters by default).
Sentence boundaries are set on characters (。！？；and line ends), which is what notices use.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from itertools import accumulate
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc
from spacy.vocab import create_vocab

from extractor.dictionary import dictionary
from extractor.nlp.spans import SENTENCE_BREAK
from extractor.ingest.limits import MAX_TEXT_CHARS, SECTION_CHARS

# jieba's own block splitter (re_han_default): it never makes a word across any other character.
VOCAB_LIMIT = 10_000  # words in spaCy's vocabulary before it is renewed
_JIEBA_BREAK = re.compile(r"[^\u4E00-\u9FD5a-zA-Z0-9+#&._%\-]")


def segmenter() -> Any:
    """The segmenter of every Doc: the process's jieba-rs dictionary (extractor.dictionary)."""
    return dictionary()


def sections(text: str, size: int = SECTION_CHARS) -> Iterator[str]:
    """Consecutive pieces of at most `size` characters, ending at a line break if they can, else at a
    sentence end, else after any character jieba splits blocks at (punctuation, spaces).

    jieba never makes a word across such a character, so segmenting the pieces gives the same tokens as
    segmenting the whole text; a piece is cut mid-run only when `size` characters hold none of them.
    """
    start = 0
    while len(text) - start > size:
        window = text[start : start + size]
        cut = window.rfind("\n") + 1 or max(window.rfind(ch) for ch in "。！？；") + 1
        if not cut:
            last = None
            for last in _JIEBA_BREAK.finditer(window):
                pass
            cut = last.end() if last else size
        yield text[start : start + cut]
        start += cut
    if start < len(text):
        yield text[start:]


class JiebaTokenizer:
    """spaCy tokenizer over the private jieba instance; whitespace becomes token spacing.

    spaCy interns every new word in the vocabulary for good, so over a long run of distinct documents the
    vocabulary would grow without end (about 25 MB per 1,000 notices). Once it holds VOCAB_LIMIT words the
    pipeline gets a fresh one; a word's attributes are computed from its string, so the Docs are the same.
    """

    def __init__(self, nlp: Language) -> None:
        self.nlp = nlp
        self.vocab = nlp.vocab

    def _renew_vocab(self) -> None:
        if len(self.vocab) > VOCAB_LIMIT:
            self.nlp.vocab = self.vocab = create_vocab(self.nlp.lang, self.nlp.Defaults)

    def __call__(self, text: str) -> Doc:
        """Tokens, their character offsets and sentence starts, set in one pass at construction.

        Offsets go to `doc.user_data["token_starts"]` so later stages look words up by character span
        without creating a Token object per word (that dominated the run time on large batches).
        """
        self._renew_vocab()
        cut = segmenter().cut
        pieces: list[str] = []
        for section in sections(text):
            pieces += cut(section, True)
        if " " in pieces:
            words, spaces, starts = _with_spaces(pieces)
        else:  # the usual case: every piece is a word and none carries a space
            words, spaces = pieces, [False] * len(pieces)
            starts = list(accumulate(map(len, pieces), initial=0))
            starts.pop()
        boundaries = {m.end() for m in SENTENCE_BREAK.finditer(text) if m.end() > m.start()}
        sent_starts = [i == 0 or s in boundaries for i, s in enumerate(starts)]
        doc = Doc(self.vocab, words=words, spaces=spaces, sent_starts=sent_starts)
        doc.user_data["token_starts"] = starts
        doc.user_data["token_texts"] = words
        doc.user_data["text"] = text
        return doc


def doc_text(doc: Doc) -> str:
    """The Doc's text; spaCy rebuilds `doc.text` from every token on each access, so keep the input."""
    text = doc.user_data.get("text")
    return text if isinstance(text, str) else doc.text


def _with_spaces(pieces: list[str]) -> tuple[list[str], list[bool], list[int]]:
    """Words, trailing-space flags and character starts: a single space after a word is that word's spacing."""
    words: list[str] = []
    spaces: list[bool] = []
    starts: list[int] = []
    pos = 0
    for piece in pieces:
        if piece == " " and words and not spaces[-1] and not words[-1].isspace():
            spaces[-1] = True
            pos += 1
            continue
        words.append(piece)
        spaces.append(False)
        starts.append(pos)
        pos += len(piece)
    return words, spaces, starts


@Language.component("notice_sentences")
def notice_sentences(doc: Doc) -> Doc:
    """Sentence starts after 。！？；and line breaks (set by the tokenizer; kept for custom tokenizers)."""
    if "token_starts" in doc.user_data:
        return doc
    boundaries = {m.end() for m in SENTENCE_BREAK.finditer(doc.text) if m.end() > m.start()}
    for token in doc:
        token.is_sent_start = token.idx in boundaries or token.i == 0
    return doc


@lru_cache(maxsize=1)
def get_nlp() -> Language:
    """The shared pipeline (built once per process): jieba tokens, notice sentences."""
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "char"}}})
    nlp.tokenizer = JiebaTokenizer(nlp)
    # the tokenizer works in sections, so `nlp(text)` takes any text the readers accept (spaCy's default stops at 1 M)
    nlp.max_length = MAX_TEXT_CHARS + 1
    nlp.add_pipe("notice_sentences")
    return nlp
