"""Map an obligation to a canonical indicator from `gazetteers/indicators.toml`, so that targets of
different notices and regions land in the same table column.

Everything Chinese lives in the TOML file; this module only decides which text to look at: the
subject, then the words around the obligation's value, its clause, then the whole sentence. Looking
near the value matters because one sentence often sets several targets (`社工组织达到100个、注册志愿者
达到常住人口的13%`) and the extracted subject can come from a neighbouring clause.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache

from extractor import gazetteers
from extractor.extractors.quantities import find_quantities as _find_quantities
from extractor.model import Quantity


@lru_cache(maxsize=1024)
def find_quantities(sentence: str) -> tuple[Quantity, ...]:
    """Quantities of one sentence, cached: every obligation of a sentence asks for the same list."""
    return tuple(_find_quantities(sentence))

OTHER = "other"
CLAUSE_END = re.compile(r"[，,；;。：:！!？?\n]")
# a base the value is counted per (每千名老年人, 平均5万人, 每百张床位); 每个县 is not one
RATE_BASE = re.compile(r"^(?:每|平均|人均)[0-9.一二两三四五六七八九十百千万]+")


@dataclass(frozen=True)
class Indicator:
    id: str
    label: str
    label_en: str
    area: str
    units: tuple[str, ...]
    keywords: tuple[str, ...]
    patterns: tuple[re.Pattern[str], ...]
    scopes: tuple[re.Pattern[str], ...]

    def match_length(self, text: str) -> int:
        """Length of the longest keyword or pattern match in `text` (0: no match)."""
        best = max((len(k) for k in self.keywords if k in text), default=0)
        for p in self.patterns:
            for m in p.finditer(text):
                best = max(best, len(m.group(0)))
        return best

    def takes_unit(self, unit: str | None) -> bool:
        """A dated duty (no unit) fits any indicator; a value must have one of the declared units."""
        return unit is None or unit in self.units


@lru_cache(maxsize=1)
def conversions() -> dict[str, tuple[str, float]]:
    table = gazetteers.indicators().get("conversions", {})
    return {k: (str(v[0]), float(v[1])) for k, v in table.items()}


def comparable_value(value: float | None, unit: str | None) -> tuple[float | None, str | None]:
    """Value and unit in the taxonomy's canonical units (万人 -> 人 ×10000; 个百分点 stays)."""
    if unit is None or unit not in conversions():
        return value, unit
    canonical, factor = conversions()[unit]
    if value is None:
        return None, canonical
    scaled = value * factor
    return (int(scaled) if float(scaled).is_integer() else scaled), canonical


@lru_cache(maxsize=1)
def indicators() -> tuple[Indicator, ...]:
    """The taxonomy in file order (order breaks ties and orders table columns)."""
    out = []
    for row in gazetteers.indicators().get("indicator", []):
        out.append(
            Indicator(
                id=row["id"],
                label=row.get("label", row["id"]),
                label_en=row.get("label_en", ""),
                area=row.get("area", ""),
                units=tuple(comparable_value(None, u)[1] or u for u in row.get("units", [])),
                keywords=tuple(row.get("keywords", [])),
                patterns=tuple(re.compile(p) for p in row.get("patterns", [])),
                scopes=tuple(re.compile(p) for p in row.get("scopes", [])),
            )
        )
    return tuple(out)


@lru_cache(maxsize=1)
def by_id() -> dict[str, Indicator]:
    return {i.id: i for i in indicators()}


def label(indicator_id: str | None) -> str:
    """Chinese label of an id; 其他 for "other" or an id the taxonomy no longer has."""
    ind = by_id().get(indicator_id or "")
    return ind.label if ind else "其他"


@dataclass(frozen=True)
class _SentenceIndex:
    """What classifying any obligation of a sentence needs, computed once per sentence: its quantities
    in order, their starts, where its clauses end, and the quantities by canonical unit and value."""

    quantities: tuple[Quantity, ...]
    starts: tuple[int, ...]
    breaks: tuple[int, ...]
    by_unit: dict[str | None, list[Quantity]]
    by_value: dict[tuple[str | None, float | None], list[Quantity]]
    length: int

    def clause(self, start: int, end: int) -> tuple[int, int]:
        """The clause holding start..end: after the last break before start, up to the first break from end."""
        i = bisect.bisect_left(self.breaks, start)
        left = self.breaks[i - 1] + 1 if i else 0
        j = bisect.bisect_left(self.breaks, end)
        return left, (self.breaks[j] if j < len(self.breaks) else self.length)


def _value_key(v: float | None) -> float | None:
    return None if v is None else float(f"{v:.9g}")


@lru_cache(maxsize=1024)
def _index(sentence: str) -> _SentenceIndex:
    qs = find_quantities(sentence)
    by_unit: dict[str | None, list[Quantity]] = {}
    by_value: dict[tuple[str | None, float | None], list[Quantity]] = {}
    for q in qs:
        v, u = comparable_value(q.value, q.unit)
        by_unit.setdefault(u, []).append(q)
        by_value.setdefault((u, _value_key(v)), []).append(q)
    breaks = tuple(m.start() for m in CLAUSE_END.finditer(sentence))
    return _SentenceIndex(qs, tuple(q.start for q in qs), breaks, by_unit, by_value, len(sentence))


@lru_cache(maxsize=1024)
def _value_span(sentence: str, subject: str | None, unit: str | None, value: float | None) -> tuple[int, int] | None:
    """Where in the sentence the obligation's own value is stated, using the quantity finder."""
    if unit is None:
        return None
    index = _index(sentence)
    found = index.by_value.get((unit, _value_key(value))) or index.by_unit.get(unit) or []
    if not found:
        return None
    if subject and subject in sentence:
        for q in found:
            s, e = index.clause(q.start, q.end)
            if subject in sentence[s:e]:
                return q.start, q.end
    return found[0].start, found[0].end


def _texts(subject: str | None, sentence: str, unit: str | None, value: float | None) -> tuple[list[str], str]:
    """Texts to try, most specific first, and the clause that states the obligation."""
    index = _index(sentence)
    span = _value_span(sentence, subject, unit, value)
    if span is None:
        if subject and subject in sentence:
            pos = sentence.find(subject)
            s, e = index.clause(pos, pos + len(subject))
            return [subject, sentence[s:e], sentence], sentence[s:e]
        return [subject or "", sentence], sentence
    qs, qe = span
    cs, ce = index.clause(qs, qe)
    i = bisect.bisect_left(index.starts, qs)  # the value's own quantity; values do not overlap
    prev_end = index.quantities[i - 1].end if i and index.quantities[i - 1].end <= qs else cs
    j = bisect.bisect_left(index.starts, qe)
    next_start = index.starts[j] if j < len(index.starts) else ce
    before = sentence[max(cs, prev_end) : qe]
    after = sentence[qs : min(ce, next_start)]
    trusted = not subject or subject not in sentence or subject in before or subject in after
    return ([subject or ""] if trusted else []) + [before, after, sentence[cs:ce], sentence], sentence[cs:ce]


def _scope_fits(ind: Indicator, scope: str | None, text: str) -> tuple[bool, bool]:
    """(allowed, matched). A per-base scope needs a declared match; declared scopes must be met."""
    if scope and RATE_BASE.search(scope):
        hit = any(p.search(scope) for p in ind.scopes)
        return hit, hit
    if not ind.scopes:
        return True, False
    hit = any(p.search(scope or "") or p.search(text) for p in ind.scopes)
    return hit, hit


@lru_cache(maxsize=64)
def _candidates(unit: str | None) -> tuple[Indicator, ...]:
    return tuple(i for i in indicators() if i.takes_unit(unit))


@lru_cache(maxsize=1024)
def _match_lengths(text: str, unit: str | None) -> tuple[int, ...]:
    """The longest match of each indicator that takes the unit; the obligations of a sentence try the same texts."""
    return tuple(ind.match_length(text) for ind in _candidates(unit))


def classify(subject: str | None, sentence: str, unit: str | None, scope: str | None, *, value: float | None = None) -> str:
    """Canonical indicator id of one obligation, or "other". Pure: same inputs, same id.

    `value` (the obligation's absolute value) is optional; it helps pick the right number when a
    sentence states several in the same unit.
    """
    value, unit = comparable_value(value, unit)
    sentence = sentence or ""
    texts, clause = _texts(subject, sentence, unit, value)
    if scope and scope in sentence and scope not in clause:
        scope = None  # the extractor took the scope from another clause of the sentence
    for text in texts:
        if not text:
            continue
        best: tuple[int, int, int] | None = None
        best_id = OTHER
        for order, (ind, length) in enumerate(zip(_candidates(unit), _match_lengths(text, unit))):
            if not length:
                continue
            allowed, scoped = _scope_fits(ind, scope, text)
            if not allowed:
                continue
            key = (length, int(scoped), -order)
            if best is None or key > best:
                best, best_id = key, ind.id
        if best is not None:
            return best_id
    return OTHER
