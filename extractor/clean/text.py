"""RawDocument text -> CleanText: simplified, repaired, one paragraph per line, with an offset map.

Steps run in a fixed order, each a span rewrite on `MappedText` so every cleaned character still
points at the raw character it came from. Character repairs come first (they change what the line
features see), then line decisions (furniture, broken lines). A page flattened onto one line keeps its text: furniture
is cut out of it phrase by phrase instead of dropping the line.
"""
from __future__ import annotations

import re
from functools import lru_cache

from extractor import gazetteers, patterns
from extractor.clean.offsets import MappedText
from extractor.clean.repair import repair_characters
from extractor.model import CleanText, RawDocument

SENTENCE_END = "。！？!?；;：:…”’」』）)】》"
_CJK = re.compile(r"[\u4e00-\u9fff]")
_HTML_TAG_LINE = re.compile(r"^\s*(?:<[^>]+>\s*)+$")


@lru_cache(maxsize=1)
def _line_patterns() -> list[re.Pattern[str]]:
    data = gazetteers.keywords("boilerplate")
    return [re.compile(p) for p in data.get("line_patterns", [])]


def _is_spam_line(line: str) -> bool:
    words = gazetteers.keywords("boilerplate").get("spam_words", [])
    hits = sum(1 for w in words if w in line)
    return hits >= 2 and line.count(",") + line.count("，") >= 2


def _is_nav_line(line: str) -> bool:
    cfg = gazetteers.keywords("boilerplate")
    if "\t" in line:
        return False
    tokens = line.split()
    if len(tokens) < cfg.get("nav_min_tokens", 5):
        return False
    if any(ch in line for ch in "。，,；;：:"):
        return False
    if _table_row(tokens):
        return False
    return all(len(t) <= cfg.get("nav_max_token_len", 8) for t in tokens)


def _table_row(tokens: list[str]) -> bool:
    """A flattened table row or header (`人均体育场地面积 | 平方米 | 2.2 | 2.6`, `指标 | 单位 | 2025年目标`):
    a figure with a decimal, sign or unit, or a table header word, among short tokens is no navigation bar."""
    headers = {w for key in ("name_headers", "unit_headers", "target_headers", "base_headers", "attribute_headers",
                             "binding_attributes", "aspirational_attributes")
               for w in gazetteers.words("tables", key)}
    # a header word spaced out letter by letter (`主 要 指 标 |`, `属 性 | 约束性`) is one cell between the bars
    cells = [re.sub(r"\s+", "", c) for c in re.split(r"[|｜]", " ".join(tokens))]
    value_columns = [w for key in ("target_headers", "base_headers") for w in gazetteers.words("tables", key) if len(w) >= 3]
    return (any(re.fullmatch(r"[≥≤><＞＜]?\d+(?:\.\d+)?[%‰]?", t) for t in tokens) or any(t in headers for t in tokens)
            or any(c in headers for c in cells if c) or _unit_record(cells)
            or any(w in t for t in tokens for w in value_columns))  # `绩效参考值`, `2025年目标值`


def _table_label(line: str) -> bool:
    """A line that a transposed table's cells follow: its first cell a header word (`主 要 指 标 |`,
    `2025 年 目 标 值 |`), so the short cells on the next line are the table's, not a navigation bar."""
    first = re.sub(r"\s+", "", re.split(r"[|｜\t]", line, maxsplit=1)[0])
    if not first or len(first) > 10:
        return False
    exact = {w for key in ("name_headers", "unit_headers", "attribute_headers", "base_headers")
             for w in gazetteers.words("tables", key)}
    return first in exact or any(w in first for w in gazetteers.words("tables", "target_headers"))


def _measure_first(line: str) -> bool:
    """A line that starts with a measure word and goes on in Chinese or punctuation (`个适宜机械化生产的品种`,
    `张,占比…`), not in digits or Latin letters."""
    q = gazetteers.keywords("quantities")
    units = sorted({*q["people"], *q["percent"], *q["counts"], *q["scaled_units"]}, key=len, reverse=True)
    unit = next((u for u in units if line.startswith(u)), None)
    after = line[len(unit) : len(unit) + 1] if unit is not None else ""
    return unit is not None and (not after or bool(_CJK.match(after)) or after in "，,。；;、:：)）")


def _unit_record(cells: list[str]) -> bool:
    """A table's unit record (`% | 万人 | 个 | 平方米`): every cell a measure word, at least three of them."""
    cells = [c.strip("()（）") for c in cells if c]
    if len(cells) < 3:
        return False
    q = gazetteers.keywords("quantities")
    units = {*q["people"], *q["percent"], *q["counts"], *q["scaled_units"], *gazetteers.words("tables", "unit_cells")}
    return all(c in units or c[:1] in "万亿" and c[1:] in units for c in cells)


def is_furniture(line: str) -> bool:
    """Page furniture: navigation, share bars, counters, links, spam, image names, markup."""
    s = line.strip()
    if not s:
        return False
    if _HTML_TAG_LINE.match(s) or _is_spam_line(s) or _is_nav_line(s):
        return True
    if s.startswith("•") and not any(ch in s for ch in "。；;，,") and not re.search(r"\d", s):
        return True  # a bullet teaser of a sidebar; a bullet with a figure is a list item
    return any(p.search(s) for p in _line_patterns())


_PIECE = re.compile(r"[^\s。！？!?]*[。！？!?]+|[^\s。！？!?]+")


def is_flattened(line: str) -> bool:
    """A long line of several sentences: a whole notice whose page had no line breaks."""
    cfg = gazetteers.keywords("boilerplate")
    sentences = sum(line.count(ch) for ch in "。！？")
    return len(line) >= cfg.get("flattened_min_chars", 120) and sentences >= cfg.get("flattened_min_sentences", 2)


def inline_furniture(line: str) -> list[tuple[int, int]]:
    """Spans of furniture inside a flattened line: short furniture pieces whole, else the matched phrases."""
    limit = gazetteers.keywords("boilerplate").get("furniture_piece_max_chars", 40)
    spans: list[tuple[int, int]] = []
    for m in _PIECE.finditer(line):
        piece = m.group()
        if not is_furniture(piece):
            continue
        if len(piece) <= limit:
            end = m.end()
            while end < len(line) and line[end].isspace():
                end += 1
            spans.append((m.start(), end))
            continue
        hits = sorted((m.start() + h.start(), m.start() + h.end()) for p in _line_patterns() for h in p.finditer(piece) if h.end() > h.start())
        for s, e in hits:
            if spans and s <= spans[-1][1]:
                spans[-1] = (spans[-1][0], max(e, spans[-1][1]))
            else:
                spans.append((s, e))
    return spans


def _strip_inline_furniture(mt: MappedText) -> int:
    """Remove furniture phrases inside flattened lines (recorded as repairs); returns how many."""
    edits = []
    for start, end in _line_spans(mt.text):
        line = mt.text[start:end]
        if is_flattened(line) and is_furniture(line.strip()):
            edits += [(start + s, start + e, "") for s, e in inline_furniture(line)]
    return mt.replace_spans(edits, kind="furniture")


def _standalone(line: str) -> bool:
    """A signature name or a date line: never the continuation of a broken sentence."""
    if patterns.DATE_LINE.fullmatch(line):
        return True
    suffixes = gazetteers.agency_suffixes()
    return len(line) <= 25 and not re.search(r"[，,。；;、：:]", line) and line.endswith(suffixes)


def _cells_line(line: str) -> bool:
    """A flattened table row or header (cells apart by bars, or by runs of spaces with a figure or header word):
    a table's own line, never the continuation of the prose above it."""
    if line.count("|") + line.count("｜") >= 2:
        return True
    tokens = re.split(r" {2,}|\u3000+", line.strip())
    return len(tokens) >= 3 and _table_row(tokens)


def _should_join(prev: str, nxt: str) -> bool:
    """A paragraph broken mid-sentence: long prose line without end punctuation, prose continues."""
    if "\t" in prev or "\t" in nxt or _standalone(nxt) or _cells_line(prev) or _cells_line(nxt):
        return False
    if (re.search(r"(?<!\d)\d{1,6}$", prev) and _measure_first(nxt) and len(prev) >= 20
            and any(ch in prev for ch in "，,、。；;")):
        return True  # a number and its measure word are never apart (`选育或引进2-3` / `个适宜机械化生产的品种`)
    if len(prev) < 20 or prev[-1] in SENTENCE_END or not (_CJK.match(prev[-1]) or prev[-1] in "、，,(（“‘《"):
        return False
    if not any(ch in prev for ch in "，,、。；;"):
        return False
    if not (_CJK.match(nxt[0]) or nxt[0] in ")）”’》、，,") or patterns.ENUMERATION_LINE.match(nxt):
        return False
    endings = gazetteers.keywords("doc_types").get("title_endings", [])
    return not any(prev.endswith(e) for e in endings)


def _line_spans(text: str) -> list[tuple[int, int]]:
    spans, pos = [], 0
    for line in text.split("\n"):
        spans.append((pos, pos + len(line)))
        pos += len(line) + 1
    return spans


def _layout(mt: MappedText) -> int:
    """Strip indentation, drop furniture lines, join broken lines, one paragraph per line."""
    edits: list[tuple[int, int, str]] = []
    dropped = 0
    kept: list[tuple[int, int]] = []
    label_above = False
    for start, end in _line_spans(mt.text):
        line = mt.text[start:end]
        stripped = line.strip()
        if not stripped:
            continue
        if is_furniture(stripped) and not is_flattened(stripped) and not (label_above and _is_nav_line(stripped)):
            dropped += 1
            label_above = False
            continue
        label_above = _table_label(stripped)
        lead = len(line) - len(line.lstrip())
        kept.append((start + lead, start + lead + len(stripped)))
    # everything outside kept spans is removed; separators become "\n" or "" (joined lines)
    pos = 0
    prev_text: str | None = None
    for i, (s, e) in enumerate(kept):
        sep = "" if i == 0 else "\n"
        cur = mt.text[s:e]
        if prev_text is not None and _should_join(prev_text, cur):
            sep = ""
            prev_text = prev_text + cur
        else:
            prev_text = cur
        if s > pos or sep:
            edits.append((pos, s, sep))
        pos = e
    if pos < len(mt.text):
        edits.append((pos, len(mt.text), ""))
    mt.replace_spans(edits)
    return dropped


def clean(raw: RawDocument | str) -> CleanText:
    """Clean one document's text; warnings name each kind of repair with its count."""
    source_text = raw.text if isinstance(raw, RawDocument) else raw
    warnings = list(raw.warnings) if isinstance(raw, RawDocument) else []
    mt = MappedText(source_text)
    warnings.extend(repair_characters(mt))
    header = page_header(mt.text)
    footer = page_footer(mt.text)
    phrases = _strip_inline_furniture(mt)
    if phrases:
        warnings.append(f"boilerplate: {phrases} furniture phrases removed inside lines that hold a whole notice")
    dropped = _layout(mt)
    if dropped:
        warnings.append(f"boilerplate: {dropped} furniture lines dropped")
    return CleanText(text=mt.text, offsets=mt.offsets, raw=source_text, repairs=mt.repairs, warnings=warnings, header=header,
                     footer=footer)


HEADER_LINES = 60
FOOTER_LINES = 10


def page_header(text: str) -> list[str]:
    """The first lines of the repaired page, furniture included: the date, source and open-information
    fields that layout drops as furniture are read from here as metadata, never as notice text."""
    return [s for s in (line.strip() for line in text.split("\n", HEADER_LINES * 4)[: HEADER_LINES * 4]) if s][:HEADER_LINES]



def page_footer(text: str) -> list[str]:
    """The last lines of the repaired page, furniture included: the link to the notice's own file
    (`市政办发〔2022〕167号.pdf`) that layout drops is read from here as metadata, never as notice text."""
    tail = text[-FOOTER_LINES * 400 :].split("\n")
    return [s for s in (line.strip() for line in tail) if s][-FOOTER_LINES:]