"""The same target stated twice (a headline and the body, the lead paragraph and the 解读) is one record
with every evidence span (GOLD_FORMAT.md). Near-linear: drafts are bucketed by value, unit and kind, and a
draft is compared only with the kept drafts of its bucket from other sentences (the most recent ones, plus
any with the same subject), so a sentence with thousands of equal values costs linear time.
"""
from __future__ import annotations

import re
from collections import defaultdict
from functools import lru_cache

from extractor import gazetteers, patterns
from extractor.extractors.drafts import Draft
from extractor.extractors.regions import divisions_in
from extractor.taxonomy import family_of

RECENT = 32


@lru_cache(maxsize=1)
def _figure_words() -> re.Pattern[str]:
    words = {w for key in ("ge_before", "ge_after", "le_before", "le_after") for w in gazetteers.words("comparators", key)}
    words |= {*gazetteers.words("quantities", "approx_trailing"), *gazetteers.words("comparators", "reach_words")}
    return re.compile(patterns.fill("figure_words", words="|".join(map(re.escape, sorted(words, key=lambda w: (-len(w), w))))))


@lru_cache(maxsize=8192)
def _grams(s: str, n: int = 4) -> frozenset[str]:
    """4-grams of the words around a value, the figures left out: two clauses that only share `达到90%以上`
    are different targets."""
    s = _figure_words().sub("", s)
    return frozenset(s[i : i + n] for i in range(max(0, len(s) - n + 1)))


def _similar(a: str, b: str) -> bool:
    ga, gb = _grams(a), _grams(b)
    if not ga or not gb:
        return a == b
    return len(ga & gb) / min(len(ga), len(gb)) >= 0.5


def _clause_text(d: Draft, text: str) -> str:
    if d.source == "table":
        return d.subject or text[d.pos : d.end]  # a table row is its indicator, not the whole flattened table
    return text[d.sentence.clause_at(d.pos)[0] : d.sentence.clause_at(max(d.pos, d.end - 1))[1]]


def _same_indicator(a: str | None, b: str | None) -> bool:
    """Two indicator names whose character pairs mostly agree (Dice ≥ 0.45: 养老服务床位总量 and 各类养老床位总量 do,
    义务教育巩固率 and 义务教育学校达标比例 do not)."""
    if not a or not b:
        return False
    pa, pb = _grams(a, 2), _grams(b, 2)
    if not (pa and pb):
        return False
    short = min(pa, pb, key=len)
    # or a short name that abbreviates the other (配建设施达标率 of 新建居住区配套建设养老服务设施达标率)
    return 2 * len(pa & pb) / (len(pa) + len(pb)) >= 0.45 or (len(short) >= 4 and len(pa & pb) >= 0.8 * len(short))


def _distinctive(value: float | None) -> bool:
    """A figure unlikely to recur by chance: three or more significant digits that are not a round number
    (1782, 4.58; not 100, 3000, 60)."""
    if value is None:
        return False
    digits = f"{value:.6f}".rstrip("0").rstrip(".").replace(".", "").lstrip("0").rstrip("0")
    return len(digits) >= 3


def _compatible(k: Draft, d: Draft) -> bool:
    kd = k.deadline.date if k.deadline else None
    dd = d.deadline.date if d.deadline else None
    if kd and dd and kd != dd:
        return False
    if d.value is None and kd != dd:
        return False
    return k.comparator == d.comparator or "=" in (k.comparator, d.comparator)


@lru_cache(maxsize=4096)
def _places(clause: str) -> frozenset[str]:
    """Divisions named in a clause, once per clause: a draft is compared with up to 2 × RECENT others."""
    return frozenset(d.name for _, _, d in divisions_in(clause))


def _same(k: Draft, d: Draft, text: str) -> bool:
    if not _compatible(k, d):
        return False
    pk, pd = _places(_clause_text(k, text)), _places(_clause_text(d, text))
    if pk and pd and pk != pd:
        return False  # the same figure for different places (武汉市…15%, 宜昌市…15%) is two targets
    if k.source == "table" or d.source == "table":
        # a table row names its indicator: it restates a prose target only when the two name the same thing
        named = k.source != d.source and _same_indicator(k.subject, d.subject)
        # a distinctive figure due the same year in a table and in prose is the same target (全区总托位数1782个
        # and the table's 2025 row)
        restated = (k.source != d.source and _distinctive(d.value) and k.deadline is not None and d.deadline is not None
                    and k.deadline.date == d.deadline.date)
        return named or restated or _similar(_clause_text(k, text), _clause_text(d, text))
    if k.listed != d.listed:
        # a value a `分别` list gives one member (二类区…50平方米) is that member's: a statement not naming the member
        # (全市…达到50平方米) is another target
        member, other = (k, d) if k.listed else (d, k)
        if member.subject and member.subject not in _clause_text(other, text):
            return False
    if k.sentence.is_heading != d.sentence.is_heading:
        # a headline restates a target of the body: equal value, unit and due date are enough (two headings are
        # items of one list, `1、新建…12家` and `5、建成10家…`: each its own target unless their words agree)
        return True
    return (k.subject is not None and k.subject == d.subject) or _similar(_clause_text(k, text), _clause_text(d, text)) \
        or _same_day_duty(k, d, text)


def _same_day_duty(k: Draft, d: Draft, text: str) -> bool:
    """Two duties due on the same day (not a year's end) that name the same thing (`于5月31日前报送我部…年检材料`,
    `应于5月31日前…完成年检材料的填写和报送`): the attachment restating the deadline, one duty."""
    if k.value is not None or d.value is not None or not k.deadline or not d.deadline or k.deadline.date != d.deadline.date:
        return False
    if (k.deadline.date or "").endswith("-12-31"):
        return False
    words = lambda x: frozenset(g for g in _grams(patterns.TIME_CHARS.sub("", x)) if patterns.CJK_GRAM.fullmatch(g))  # noqa: E731
    shared = words(text[k.sentence.start : k.sentence.end]) & words(text[d.sentence.start : d.sentence.end])
    return any(w in g for g in shared for w in gazetteers.words("actions", "deliverables"))


CHUNK_CHARS = 60


def _chunk(d: Draft, text: str) -> tuple[int, str]:
    """The run of text without spaces around a value (a headline between the page's spaces), at most CHUNK_CHARS."""
    lo = max(d.sentence.start, d.pos - CHUNK_CHARS)
    start = max(text.rfind(" ", lo, d.pos), text.rfind("\u3000", lo, d.pos)) + 1 or lo
    start = max(start, lo)
    stop = min((p for p in (text.find(" ", d.end, d.sentence.end), text.find("\u3000", d.end, d.sentence.end)) if p >= 0),
               default=d.sentence.end)
    return start, text[start:stop]


def _printed_twice(k: Draft, d: Draft, text: str) -> bool:
    """The same space-delimited words around the same figure twice in one sentence (a headline printed twice on a
    page that lost its line breaks): one statement, not two targets. A sentence of many equal clauses with no
    spaces between them (`到2025年达到100%到2025年达到100%…`) is not a repeat: each clause is its own."""
    (ks, kc), (ds, dc) = _chunk(k, text), _chunk(d, text)
    return ks != ds and kc == dc and 8 <= len(kc) <= CHUNK_CHARS


def _specificity(d: Draft) -> int:
    return (2 if d.deadline is not None else 0) + (1 if d.comparator not in (None, "=") else 0) + (0 if d.sentence.is_heading else 4)


def merge_repeats(drafts: list[Draft], text: str) -> list[Draft]:
    kept: list[Draft] = []
    buckets: dict[tuple, list[int]] = defaultdict(list)
    by_subject: dict[tuple, list[int]] = defaultdict(list)
    rows_in: dict[int, set[int]] = defaultdict(set)  # kept index -> the tables one of whose rows it absorbed
    families: dict[tuple, list[int]] = defaultdict(list)
    index_of: dict[int, int] = {}  # id of a draft -> the kept record it is or went into
    for d in drafts:
        d.evidence = d.evidence or [(d.sentence.start, d.sentence.end)]
        key = (d.kind, d.value, d.value_max, d.unit)
        candidates = list(dict.fromkeys(buckets[key][-RECENT:] + by_subject[key + (d.subject,)][-RECENT:]))
        match = index_of.get(id(d.restates)) if d.restates is not None and d.kind == d.restates.kind else None
        if match is None:
            match = next((i for i in candidates if (kept[i].sentence is not d.sentence or _printed_twice(kept[i], d, text))
                          and id(d.sentence) not in rows_in[i] and _same(kept[i], d, text)), None)
        family = (d.kind, d.value, d.value_max, family_of(d.unit))
        if match is None and d.value is not None:
            # a headline may count the body's things with another measure word (221处 for 221个)
            match = next((i for i in families[family][-RECENT:] if kept[i].unit != d.unit and kept[i].sentence is not d.sentence
                          and (kept[i].sentence.is_heading or d.sentence.is_heading) and _same(kept[i], d, text)), None)
        index_of[id(d)] = len(kept) if match is None else match
        if match is None:
            if d.source == "table":
                rows_in[len(kept)].add(id(d.sentence))
            buckets[key].append(len(kept))
            families[family].append(len(kept))
            by_subject[key + (d.subject,)].append(len(kept))
            kept.append(d)
            continue
        k = kept[match]
        absorbed_row = bool(rows_in[match])  # k is a table row or took one's units: the first row's units stay
        if d.source == "table":
            rows_in[match].add(id(d.sentence))  # one row of a table: its other rows are other indicators
        k.evidence.append((d.sentence.start, d.sentence.end))
        table_agencies = k.agencies if absorbed_row else next((x.agencies for x in (k, d) if x.source == "table"), None)
        if k.source != d.source and "table" in (k.source, d.source):
            # a table row restated in prose: the prose clause is the record, dated by the row's year column
            # when it names none (确保配建设施达标率达到100% and the table's 2025年目标值)
            row, prose = (k, d) if k.source == "table" else (d, k)
            if prose.deadline is None and row.deadline is not None:
                prose.deadline = row.deadline
            if prose is d:
                d.evidence = k.evidence
                kept[match] = d
        elif _specificity(d) > _specificity(k):
            d.evidence = k.evidence
            kept[match] = d
        if table_agencies:
            kept[match].agencies = list(table_agencies)  # a table row names its responsible unit
    return kept
