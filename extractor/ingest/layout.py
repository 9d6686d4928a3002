"""Turn the physical lines of a paged document back into paragraphs.

PDF text comes out one printed line at a time, with running headers, page numbers and the
版记 (抄送/印发) block mixed in. These pure functions undo that so later stages see one
paragraph per line, the way a .txt notice reads. A line containing a TAB is a table row and is
never joined to anything.
"""
from __future__ import annotations

import math
import re
import unicodedata

_TERMINAL = set("。！？；：…!?;:")
_CLOSERS = "”’」』）)】》〉\"'"
_CN_NUM = "一二三四五六七八九十百零〇"
ENUMERATION = re.compile(
    rf"^\s*(?:[{_CN_NUM}]+[、.．]"
    rf"|[（(]\s*(?:[{_CN_NUM}]+|\d{{1,2}})\s*[）)]"
    r"|\d{1,2}\s*(?:、|[.．](?!\d))"
    rf"|第[{_CN_NUM}\d]+[条章节款部分]"
    r"|[①-⑳⑴-⒇]"
    r"|附件\s*\d*\s*(?:[:：]|$))"
)
PAGE_NUMBER = re.compile(
    r"^(?:[-—–－~·•\s]*\d{1,4}[-—–－~·•\s]*"
    rf"|第\s*[\d{_CN_NUM}]+\s*页(?:\s*[,，/、]?\s*共\s*\d+\s*页)?"
    r"|共\s*\d+\s*页\s*[,，、]?\s*第\s*\d+\s*页"
    r"|\d+\s*/\s*\d+"
    r"|[Pp]age\s*\d+(?:\s*of\s*\d+)?)$"
)
_BANJI = re.compile(r"^\s*(?:抄\s*送|抄\s*报|主\s*题\s*词)\s*[:：]")
_PRINTED = re.compile(r"(?:\d{4}|[〇零一二三四五六七八九]{4})\s*年.{1,4}月.{1,4}日\s*印\s*发\s*$")
_EDGE = 2
_TAIL = 8
_MIN_REF_WIDTH = 15.0
_FULL_RATIO = 0.8


def display_width(s: str) -> float:
    """Width in CJK cells: wide and ambiguous characters (Chinese quotes) count 1, others 0.5."""
    return sum(1.0 if unicodedata.east_asian_width(c) in "WFA" else 0.5 for c in s)


def ends_sentence(line: str) -> bool:
    """True if the line ends with sentence punctuation, ignoring trailing quotes and brackets."""
    core = line.rstrip().rstrip(_CLOSERS).rstrip()
    return bool(core) and core[-1] in _TERMINAL


def concat(a: str, b: str) -> str:
    """Join two pieces of one broken line; only Latin words get a space between them."""
    a, b = a.rstrip(), b.lstrip()
    if a and b and a[-1].isascii() and a[-1].isalpha() and b[0].isascii() and b[0].isalpha():
        return f"{a} {b}"
    return a + b


def _full_flags(lines: list[str]) -> list[bool]:
    """Without geometry, call a line full-width if it is near the typical long-line width."""
    widths = sorted(display_width(x.strip()) for x in lines if x.strip() and "\t" not in x)
    if not widths:
        return [False] * len(lines)
    ref = max(widths[min(len(widths) - 1, math.floor(0.9 * len(widths)))], _MIN_REF_WIDTH)
    return [display_width(x.strip()) >= _FULL_RATIO * ref for x in lines]


def join_broken_lines(
    lines: list[str], full: list[bool] | None = None, indented: list[bool] | None = None
) -> list[str]:
    """Join lines the layout broke mid-sentence; return one string per paragraph or table row.

    A line joins the next when it does not end a sentence, is full-width (a short line is a title,
    heading, signature or paragraph end) and the next line does not start a heading/enumeration.
    Readers with geometry may pass `full` (line reaches the right margin) and, for documents that
    indent first lines, `indented`: then an unindented line after a full one continues the
    paragraph even across 。, and an indented line always starts a new one.
    """
    flags = full if full is not None else _full_flags(lines)
    out: list[str] = []
    open_ = False
    for n, (line, is_full) in enumerate(zip(lines, flags)):
        text = line.strip()
        if not text or "\t" in line:
            if text:
                out.append(line.strip("\n"))
            open_ = False
            continue
        starts = bool(ENUMERATION.match(text)) or (indented is not None and indented[n])
        if open_ and not starts:
            out[-1] = concat(out[-1], text)
        else:
            out.append(text)
        open_ = is_full and (indented is not None or not ends_sentence(text))
    return out


def _key(line: str) -> str:
    """Header/footer identity: whitespace dropped, digits folded so 第3页 matches 第4页."""
    return re.sub(r"\d+", "#", "".join(line.split()))


def furniture_mask(pages: list[list[str]]) -> list[list[bool]]:
    """Mark page numbers, running headers/footers and the trailing 抄送/印发 block (True = drop)."""
    edges = [
        {i for i in range(len(p)) if i < _EDGE or i >= len(p) - _EDGE} for p in pages
    ]
    counts: dict[str, int] = {}
    for page, idx in zip(pages, edges):
        for key in {_key(page[i]) for i in idx if "\t" not in page[i] and page[i].strip()}:
            counts[key] = counts.get(key, 0) + 1
    need = max(2, math.ceil(len(pages) / 2))
    repeated = {k for k, n in counts.items() if n >= need}
    mask = [
        [
            i in idx and "\t" not in line
            and (bool(PAGE_NUMBER.match(line.strip())) or _key(line) in repeated)
            for i, line in enumerate(page)
        ]
        for page, idx in zip(pages, edges)
    ]
    kept = [(p, i) for p, page in enumerate(pages) for i in range(len(page)) if not mask[p][i]]
    tail = kept[-_TAIL:]
    start = next(
        (n for n, (p, i) in enumerate(tail) if _BANJI.match(pages[p][i]) or _PRINTED.search(pages[p][i])),
        None,
    )
    if start is not None:
        for p, i in tail[start:]:
            mask[p][i] = True
    return mask


def drop_page_furniture(pages: list[list[str]]) -> list[list[str]]:
    """Remove page numbers, headers/footers repeated on most pages and the 抄送/印发 lines."""
    mask = furniture_mask(pages)
    return [[line for line, drop in zip(page, m) if not drop] for page, m in zip(pages, mask)]
