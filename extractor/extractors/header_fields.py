"""Fields of a page's header: open-information tables (`发布机构: | … |`), law-database fields
(`•【制定机关】…`), article bylines (`时间:2021-04-15 来源:本网`) and bare date lines (`2016-11-30 09:13`).

They are read from the page's first lines as the cleaner saw them (furniture included), so that dates and
issuing bodies the layout drops as page furniture still reach the metadata; they never become notice text.
Labels: `gazetteers/keywords/metadata.toml`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from extractor import gazetteers, patterns
from extractor.extractors.numbers import parse_number

KINDS = ("title", "doc_number", "issuer", "publisher", "written_date", "publish_date", "other")


@lru_cache(maxsize=1)
def _labels() -> dict[str, str]:
    data = gazetteers.keywords("metadata")
    out: dict[str, str] = {}
    for kind in KINDS:
        for label in data[f"{kind}_labels"]:
            out.setdefault(label, kind)
    return out


@lru_cache(maxsize=1)
def _label_pattern() -> re.Pattern[str]:
    alt = "|".join(re.escape(w) for w in sorted(_labels(), key=len, reverse=True))
    return re.compile(patterns.fill("header_label", labels=alt))


@lru_cache(maxsize=1)
def _dated_label_pattern() -> re.Pattern[str]:
    dated = [w for w, kind in _labels().items() if kind in ("written_date", "publish_date")]
    return re.compile(patterns.fill("dated_label", labels="|".join(re.escape(w) for w in sorted(dated, key=len, reverse=True))))


def parse_date(s: str) -> str | None:
    """The first full date in `s` as ISO (2022-03-11, 2024年05月16日, 2005.02.01, 二〇二一年二月二十六日)."""
    for m in patterns.HEADER_DATE.finditer(s):
        y, mo, d = (parse_number(m.group(k)) for k in ("y", "m", "d"))
        if y and mo and d and 1949 <= y <= 2100 and 1 <= mo <= 12 and 1 <= d <= 31:
            return f"{int(y):04d}-{int(mo):02d}-{int(d):02d}"
    return None


@dataclass
class HeaderFields:
    """Labelled values by kind, in page order, and the lines that are only a date (a byline or dateline)."""

    values: dict[str, list[str]] = field(default_factory=lambda: {k: [] for k in KINDS})
    date_lines: list[tuple[int, str]] = field(default_factory=list)
    field_lines: set[int] = field(default_factory=set)
    body_start: int = 0

    def first(self, kind: str) -> str | None:
        return next((v for v in self.values[kind] if v), None)


def _squeeze(line: str) -> str:
    """`文 号:` -> `文号:` (spaces inside a label), keeping the spaces between fields."""
    return re.sub(r"(?<=[\u4e00-\u9fff]) (?=[\u4e00-\u9fff][:：])", "", line)


def _validity_date(line: str, matches: list[re.Match[str]]) -> bool:
    """The line's date belongs to a label that is not the page's date (生效日期, 废止日期, 索引号 …)."""
    labels = _labels()
    for j, m in enumerate(matches):
        end = matches[j + 1].start() if j + 1 < len(matches) else len(line)
        if parse_date(line[m.end() : end]) and labels[m.group("b") or m.group("l")] == "other":
            return True
    return False


def read_fields(lines: list[str]) -> HeaderFields:
    out = HeaderFields()
    labels = _labels()
    out.body_start = next((i for i, line in enumerate(lines) if len(line) >= 60 and "。" in line), len(lines))
    for i, raw in enumerate(lines):
        line = _squeeze(raw)
        matches = list(_label_pattern().finditer(line))
        for j, m in enumerate(matches):
            label = m.group("b") or m.group("l")
            end = matches[j + 1].start() if j + 1 < len(matches) else len(line)
            value = re.split(r"\s*[|｜•·]\s*|\s{2,}", line[m.end() : end].strip(" |｜•·"), maxsplit=1)[0].strip()
            out.values[labels[label]].append(value)
            out.field_lines.add(i)
        taken = [m.start("l") for m in matches if m.group("l")]
        for m in _dated_label_pattern().finditer(line):  # a date label glued to the value before it
            if not any(t <= m.start() < t + len(m.group("l")) for t in taken) and not any(m.start() <= t < m.end() for t in taken):
                out.values[labels[m.group("l")]].append(line[m.end() : m.end() + 24])
                out.field_lines.add(i)
        if i < out.body_start + 2 and len(raw) <= 90 and not re.search(r"[。，,；;！？]", raw) and parse_date(raw) \
                and not _validity_date(line, matches):
            out.date_lines.append((i, raw))  # a byline or dateline of the page, not a date in comments below the body
    return out
