"""Character-level repairs: line ends, pinyin glosses, traditional characters, widths, brackets.

Each repair is a span rewrite on `MappedText`, recorded in its `repairs` list and summarised as a
warning, so what the cleaner changed can always be shown (`clean --diff`) and traced to the raw text.
"""
from __future__ import annotations

import re
from functools import lru_cache

from extractor.clean.garble import find_garbled, t2s
from extractor.clean.glosses import LOST_CHAR_GLOSS, PINYIN_GLOSS
from extractor.clean.offsets import MappedText

ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
DOC_NO_BRACKETS = re.compile(r"[﹝\[【［(（〔]\s*((?:19|20)\d{2})\s*[﹞\]】］)）〕](?=\s*第?\s*\d+\s*号)")
CENSORED = re.compile(r"\*{3,}")
# a comma a scraper doubled before another mark (`乡镇,、街道`, `基础,,为`, `护航,。`): the second mark is the text's
DOUBLED_COMMA = re.compile(r"[,，](?=[,，、;；。:：])")
PRIVATE_USE = re.compile("[\ue000-\uf8ff]")
# C0/C1 controls other than TAB and LF. Separators (VT from Word's manual line break, FF between PDF
# pages, NEL, U+2028/9) are line breaks; the rest (NUL, ESC …) carry no text and break every writer.
LINE_SEPARATOR = re.compile("[\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
CONTROL = re.compile("[\x00-\x08\x0e-\x1b\x1f\x7f-\x84\x86-\x9f]+")

# Full-width ASCII and ideographic space fold to ASCII; CJK punctuation (、。《》“”〔〕) stays.
_WIDTH = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
_WIDTH.update({0x3000: 0x20, 0x00A0: 0x20, 0x2002: 0x20, 0x2003: 0x20, 0x2009: 0x20, 0xFF5E: ord("~")})
WIDTH_TABLE = {k: chr(v) for k, v in _WIDTH.items()}


@lru_cache(maxsize=None)
def _traditional_only(ch: str) -> bool:
    """A character t2s changes and GB2312 lacks (網, 縣): 乾 or 干 are simplified-text characters too."""
    try:
        ch.encode("gb2312")
        return False
    except UnicodeEncodeError:
        return t2s().convert(ch) != ch


def traditional_ratio(text: str) -> float:
    """Share of CJK characters that only traditional text uses: near 0 for simplified text."""
    cjk = "".join(_CJK.findall(text))[:20000]
    if not cjk:
        return 0.0
    traditional = [c for c in set(cjk) if _traditional_only(c)]
    return sum(map(cjk.count, traditional)) / len(cjk)


_CJK = re.compile("[\u4e00-\u9fff]+")


@lru_cache(maxsize=1)
def _protected_names() -> dict[str, str]:
    """Gazetteer names t2s would corrupt (乾安县 -> 干安县), keyed by the corrupted form."""
    from extractor import gazetteers

    convert = t2s().convert
    out = {}
    for div in gazetteers.admin().divisions:
        wrong = convert(div.name)
        if wrong != div.name and len(wrong) == len(div.name):
            out[wrong] = div.name
    return out


def _protect(original: str, converted: str) -> str:
    for wrong, right in _protected_names().items():
        pos = converted.find(wrong)
        while pos >= 0:
            if original[pos : pos + len(wrong)] != wrong:
                converted = converted[:pos] + right + converted[pos + len(right) :]
            pos = converted.find(wrong, pos + 1)
    return converted


def to_simplified(mt: MappedText) -> int:
    """Convert traditional text (detected, not assumed) to simplified, keeping offsets."""
    if traditional_ratio(mt.text) < 0.03:
        return 0
    converter = t2s()
    edits = []
    for m in re.finditer(r"[^\n]+", mt.text):
        line = m.group(0)
        new = converter.convert(line)
        if new == line:
            continue
        if len(new) != len(line):
            new = "".join(converter.convert(ch) if len(converter.convert(ch)) == 1 else ch for ch in line)
        new = _protect(line, new)
        for i, (a, b) in enumerate(zip(line, new)):
            if a != b:
                edits.append((m.start() + i, m.start() + i + 1, b))
    return mt.replace_spans(edits, kind="t2s")


def _mojibake(mt: MappedText) -> int:
    """UTF-8 read as GBK (鍏充簬) and similar, repaired line by line so offsets stay local."""
    from extractor.ingest.decode import may_be_mojibake, repair_mojibake

    edits = []
    for m in re.finditer(r"[^\n]+", mt.text):
        if not may_be_mojibake(m.group(0)):
            continue
        new, count = repair_mojibake(m.group(0))
        if count and new != m.group(0):
            edits.append((m.start(), m.end(), new))
    return mt.replace_spans(edits, kind="mojibake")


def repair_characters(mt: MappedText) -> list[str]:
    """Run the character repairs in order; return one warning per kind that changed something."""
    warnings: list[str] = []

    def note(kind: str, n: int, what: str) -> None:
        if n:
            warnings.append(f"{kind}: {n} {what}")

    mt.sub(re.compile(r"\r\n?"), "\n")
    note("mojibake", _mojibake(mt), "lines of UTF-8/GBK mojibake repaired")
    note("control", mt.sub(LINE_SEPARATOR, "\n", kind="control"), "line or page separators made line breaks")
    note("control", mt.sub(CONTROL, "", kind="control"), "runs of control characters removed")
    fixes = find_garbled(mt.text)
    note("garble", mt.replace_spans([(f.start, f.end, f.text) for f in fixes], kind="garble"), "one-byte-off GBK runs restored")
    note("pinyin", mt.sub(LOST_CHAR_GLOSS, "", kind="pinyin-lost-char"), "glosses whose character was lost removed")
    note("pinyin", mt.sub(PINYIN_GLOSS, "", kind="pinyin"), "pinyin glosses removed")
    mt.sub(ZERO_WIDTH, "")
    note("private-use", mt.sub(PRIVATE_USE, "", kind="private-use"), "private-use characters removed")
    note("t2s", to_simplified(mt), "traditional characters converted to simplified")
    note("width", mt.translate(WIDTH_TABLE), "full-width characters normalised")
    note("punctuation", mt.sub(DOUBLED_COMMA, "", kind="punctuation"), "doubled commas removed")
    note("brackets", mt.sub(DOC_NO_BRACKETS, lambda m: f"〔{m.group(1)}〕", kind="brackets"), "document-number brackets normalised")
    censored = len(CENSORED.findall(mt.text))
    note("censored", censored, "censored *** runs left as is")
    return warnings
