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

from extractor.extractors.quantities import find_quantities as _find_quantities
from extractor.model import Quantity
from extractor import gazetteers
from extractor.taxonomy import OTHER, PROVISIONAL, Indicator, family_key, family_of, by_id, indicators, label, to_base

__all__ = ["OTHER", "Assignment", "Indicator", "assign", "by_id", "classify", "comparable_value", "indicators", "label"]


@lru_cache(maxsize=1024)
def find_quantities(sentence: str) -> tuple[Quantity, ...]:
    """Quantities of one sentence, cached: every obligation of a sentence asks for the same list. Classifying reads
    their places, values and units only, so their comparators are not looked for (None)."""
    return tuple(_find_quantities(sentence, comparators=False))

CLAUSE_END = re.compile(r"[，,；;。：:！!？?\n]")
# a base the value is counted per (每千名老年人, 平均5万人, 每百张床位); 每个县 is not one
RATE_BASE = re.compile(r"^(?:每|平均|人均)[0-9.一二两三四五六七八九十百千万]+")


def comparable_value(value: float | None, unit: str | None) -> tuple[float | None, str | None]:
    """Value and unit in the family's base unit (万人 -> 人 ×10000; 个百分点 stays)."""
    return to_base(value, unit)


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


def _texts(subject: str | None, sentence: str, unit: str | None, value: float | None,
           listed: bool = False) -> tuple[list[str], str]:
    """Texts to try, most specific first, and the clause that states the obligation; a `listed` subject is the
    member a 分别 list pairs with the value (森林覆盖率、湿地保护率分别达到24%、50%: 湿地保护率 for 50%)."""
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
    around = sentence[max(cs, prev_end) : min(ce, next_start)]
    # a subject found only after the value, up to the next value of the clause, is that next value's subject
    # (5.5万人(其中…中级及以上社会工作专业人才达到6000人): Chinese states what is measured before its value
    trusted = (not subject or subject not in sentence or subject in before or (listed and subject in sentence[:qs])
               or (subject in after and next_start >= ce))
    if subject and trusted and subject in sentence and names_quantity(subject):
        # a subject that names a quantity next to its value says what is measured: a keyword elsewhere in
        # the clause or sentence names a neighbouring target (乡镇中心幼儿园建园率 beside 学前三年毛入园率)
        return [subject, around, before, after], sentence[cs:ce]
    return ([subject or ""] if trusted else []) + [around, before, after, sentence[cs:ce],
                                                   _free_context(index, sentence, cs, subject)], sentence[cs:ce]


def _free_context(index: _SentenceIndex, sentence: str, cs: int, subject: str | None) -> str:
    """The sentence without the clauses that state a value of their own: a keyword there names that clause's
    target (生产总值增长9.5%左右，…，城镇登记失业率控制在4%以内), not this one's. Kept: the obligation's clause,
    a clause holding its subject (30%、50%、70%以上的乡镇(街道)建立社会工作服务站，到2024年实现全覆盖), and every
    clause when the subject is only a measure word (…社工站22个，总数将达到32个)."""
    if not subject or len(head_of(subject, None)) < _lexicon().min_head:
        return sentence
    edges = [-1, *index.breaks, index.length]
    kept = []
    for left, right in zip(edges, edges[1:]):
        s, e = left + 1, right
        i = bisect.bisect_left(index.starts, s)  # the first value at or after the clause's start
        if s == cs or subject in sentence[s:e] or i == len(index.starts) or index.starts[i] >= e:
            kept.append(sentence[s:e])
    return "，".join(k for k in kept if k)


def names_quantity(subject: str) -> bool:
    """The subject ends like the name of a quantity (…率, …人数, …面积): it needs no help from the sentence."""
    text = subject.rstrip("、，,。;；:： ")
    return len(text) >= 4 and any(text.endswith(e) for e in gazetteers.indicators()["keys"]["quantity_endings"])


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


def _top_alternatives(source: str) -> list[str]:
    """The alternatives of a pattern's top level (`a|b(c|d)` -> `a`, `b(c|d)`)."""
    out, depth, start, i = [], 0, 0, 0
    in_class = False
    while i < len(source):
        ch = source[i]
        if ch == "\\":
            i += 2
            continue
        if in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            out.append(source[start:i])
            start = i + 1
        i += 1
    out.append(source[start:])
    return out


def _literals(alternative: str) -> tuple[str, ...]:
    """Runs of Chinese characters an alternative cannot match without (outside classes, groups, optional marks)."""
    if "|" in alternative:
        alternative = re.sub(r"\([^()]*\|[^()]*\)", "\x00", alternative)
    s = re.sub(r"\[[^\]]*\]", "\x00", alternative)
    previous = None
    while previous != s:
        previous, s = s, re.sub(r"\([^()]*\)", "\x00", s)
    out = []
    for m in re.finditer(r"[\u4e00-\u9fff]+", s):
        literal = m.group(0)
        if s[m.end() : m.end() + 1] in ("?", "*") or s[m.end() : m.end() + 2] in ("{0", "{,"):
            literal = literal[:-1]
        if literal:
            out.append(literal)
    return tuple(out)


@lru_cache(maxsize=None)
def _required_literals(source: str) -> tuple[tuple[str, ...], ...] | None:
    """For each top-level alternative of a pattern, the literals it needs; None when one needs none (the pattern
    must then always be tried). A pattern is run only on a text holding all literals of one alternative."""
    alternatives = [_literals(a) for a in _top_alternatives(source)]
    return None if any(not a for a in alternatives) else tuple(alternatives)


class _Matcher:
    """The keywords and patterns of a tuple of indicators, indexed by their first character, so a text touches only
    the few indicators that can match it. A pattern is indexed under the longest literal of each of its top-level
    alternatives and run only on a text holding one of them (patterns with an alternative that needs no literal
    are always run)."""

    __slots__ = ("by_char", "pats_by_char", "always", "first_chars")

    def __init__(self, inds: tuple[Indicator, ...]) -> None:
        by_char: dict[str, list[tuple[int, str]]] = {}
        pats_by_char: dict[str, list[tuple[int, str, re.Pattern[str]]]] = {}
        always: list[tuple[int, re.Pattern[str]]] = []
        for i, ind in enumerate(inds):
            for k in ind.keywords:
                by_char.setdefault(k[0], []).append((i, k))
            for p in ind.patterns:
                required = _required_literals(p.pattern)
                if required is None:
                    always.append((i, p))
                else:
                    for literal in dict.fromkeys(max(alt, key=len) for alt in required):
                        pats_by_char.setdefault(literal[0], []).append((i, literal, p))
        self.by_char = {c: tuple(v) for c, v in by_char.items()}
        self.pats_by_char = {c: tuple(v) for c, v in pats_by_char.items()}
        self.always = tuple(always)
        self.first_chars = frozenset(self.by_char) | frozenset(self.pats_by_char)

    def lengths(self, text: str) -> tuple[tuple[int, int], ...]:
        """(position, length) of each indicator that matches the text, by position: the length is what
        Indicator.match_length gives (its longest keyword or pattern match); indicators with none are left out."""
        best: dict[int, int] = {}
        pats: dict[tuple[int, int], tuple[int, re.Pattern[str]]] = {}
        for ch in self.first_chars.intersection(text):
            for i, k in self.by_char.get(ch, ()):
                if len(k) > best.get(i, 0) and k in text:
                    best[i] = len(k)
            for i, literal, p in self.pats_by_char.get(ch, ()):
                if literal in text:
                    pats[(i, id(p))] = (i, p)
        for i, p in [*pats.values(), *self.always]:
            for m in p.finditer(text):
                if len(m.group(0)) > best.get(i, 0):
                    best[i] = len(m.group(0))
        return tuple(sorted(best.items()))


@lru_cache(maxsize=64)
def _matchers(unit: str | None) -> _Matcher:
    """The matcher over the indicators that take the unit (`_candidates`)."""
    return _Matcher(_candidates(unit))


@lru_cache(maxsize=4096)
def _match_lengths(text: str, unit: str | None) -> tuple[tuple[int, int], ...]:
    """(position in `_candidates(unit)`, longest match) of the indicators that take the unit and match the text; the
    obligations of a sentence try the same texts."""
    return _matchers(unit).lengths(text)


def classify(subject: str | None, sentence: str, unit: str | None, scope: str | None, *, value: float | None = None,
             listed: bool = False) -> str:
    """Canonical indicator id of one obligation, or "other". Pure: same inputs, same id.

    `value` (the obligation's absolute value) is optional; it helps pick the right number when a
    sentence states several in the same unit.
    """
    value, unit = comparable_value(value, unit)
    sentence = sentence or ""
    texts, clause = _texts(subject, sentence, unit, value, listed)
    if scope and scope in sentence and scope not in clause:
        scope = None  # the extractor took the scope from another clause of the sentence
    if subject and texts[0] == subject and subject in sentence and names_quantity(subject):
        # a subject that names its quantity decides alone, and only when an indicator's name covers most of it
        # (甘蔗收获机械化率 is not 农作物耕种收综合机械化率): the rest gets a provisional key
        core = _core(subject, scope)
        texts = [core] if core else []
        cover = gazetteers.indicators()["keys"]["min_cover_percent"] / 100
    else:
        cover = 0.0
    for n, text in enumerate(texts):
        if n == len(texts) - 1 and n and cover == 0.0:
            grown = _growth(subject, sentence, unit, value)
            if grown:  # the words at the value say what grows; the rest of the sentence names other targets
                return grown
        if not text:
            continue
        best: tuple[int, int, int] | None = None
        best_id = OTHER
        best_ind: Indicator | None = None
        candidates = _candidates(unit)
        for order, length in _match_lengths(text, unit):
            ind = candidates[order]
            allowed, scoped = _scope_fits(ind, scope, text)
            if not allowed:
                continue
            key = (length, int(scoped), -order)
            if best is None or key > best:
                best, best_id, best_ind = key, ind.id, ind
        if best is not None and best_ind is not None:
            based = max((len(m.group(0)) for p in best_ind.scopes for m in p.finditer(text)), default=0)
            return best_id if best[0] + based >= cover * len(text) else OTHER
    return OTHER


GROWTH = "+增长"


@lru_cache(maxsize=1)
def _growth_columns() -> tuple[tuple[Indicator, ...], dict[str, str]]:
    """The indicators of a level (money, count, person …, not a share) and, for each, the percent indicator of
    its growth when the taxonomy has one: the label of the level, or its longest ending of four or more
    characters, plus a growth word (地区生产总值 -> 地区生产总值增长; 城镇居民人均可支配收入 -> 居民人均可支配收入增长,
    the population word then splits it as a qualifier)."""
    levels = tuple(i for i in indicators() if not set(i.families) & {"percent", "points", "permille"})
    growth = {i.label: i.id for i in indicators() if "percent" in i.families}
    words = gazetteers.indicators()["keys"]["growth_words"]
    out = {}
    for lv in levels:
        for cut in range(0, len(lv.label) - 3):
            hit = next((growth[lv.label[cut:] + w] for w in words if lv.label[cut:] + w in growth), None)
            if hit:
                out[lv.id] = hit
                break
    return levels, out


@lru_cache(maxsize=1)
def _level_matcher() -> _Matcher:
    return _Matcher(_growth_columns()[0])


@lru_cache(maxsize=1024)
def _level_lengths(text: str) -> tuple[tuple[int, int], ...]:
    """(position in `_growth_columns()[0]`, longest match) of the level indicators that match the text."""
    return _level_matcher().lengths(text)


def growth_of(level: str, level_label: str, between: str) -> Assignment | None:
    """The growth column of a level's indicator, when the words from its value to a percent say it grows (地区生产总值
    达到5万亿元,增长6%): the percent is that level's growth (a provisional level's growth is provisional too:
    `~生活垃圾无害化处理能力|增长|percent`, never a rate its words happen to name); None otherwise."""
    if not any(w in between for w in gazetteers.indicators()["keys"]["growth_words"]):
        return None
    if level.startswith(PROVISIONAL):
        head = level[len(PROVISIONAL):].split("|")[0]
        return Assignment(f"{PROVISIONAL}{head}|增长|{family_key('%')}", f"{level_label}(增长)", provisional=True)
    levels, columns = _growth_columns()
    ind = next((i for i in levels if i.id == level), None)
    if ind is None:
        return None
    ident = columns.get(ind.id, ind.id + GROWTH)
    grown = by_id().get(ident)
    return Assignment(ident, grown.label if grown else f"{ind.label}(增长)")


def _growth(subject: str | None, sentence: str, unit: str | None, value: float | None) -> str | None:
    """A percent stated right after a level indicator and a growth word (地方财政收入增长12%): the level's
    growth indicator, or `level+增长`. Only the words between the previous value and this one are read, or, when
    they name nothing (`、增长`), those before the previous value of the clause, whose level it is."""
    if family_of(unit) != "percent":
        return None
    span = _value_span(sentence, subject, unit, value)
    if span is None:
        return None
    index = _index(sentence)
    cs, _ = index.clause(*span)
    i = bisect.bisect_left(index.starts, span[0])
    prev_end = index.quantities[i - 1].end if i and index.quantities[i - 1].end <= span[0] else cs
    before = sentence[max(cs, prev_end):span[0]]
    words = gazetteers.indicators()["keys"]["growth_words"]
    cut = max((before.rfind(w) for w in words), default=-1)
    if cut < 0:
        return None
    named = before[:cut]
    if len(re.sub(r"[^\w]", "", named)) < 2 and i and index.quantities[i - 1].start >= cs:
        named = sentence[cs : index.quantities[i - 1].start]  # 进出口总额突破9万亿元、增长9.8%: the level before it grows
    levels, columns = _growth_columns()
    best: tuple[int, int] | None = None
    found: Indicator | None = None
    for order, length in _level_lengths(named):
        if best is None or (length, -order) > best:
            best, found = (length, -order), levels[order]
    if found is None:
        return None
    return columns.get(found.id, found.id + GROWTH)


@lru_cache(maxsize=4096)
def _core(subject: str, scope: str | None) -> str:
    """The subject without scope, regions, time, verbs and modifiers (what `head_of` keeps before it cuts
    measure words off and applies aliases)."""
    lex = _lexicon()
    text = subject.translate(BRACKETS)
    if scope and not PER_BASE.match(scope):  # 全省 goes; 人均 and 每千人 are part of what is measured
        text = text.replace(scope.translate(BRACKETS), "")
    text = lex.regions.sub("", text)
    for _ in range(4):
        before = text
        for p in lex.strip:
            text = p.sub("", text)
        if text == before:
            break
    return text.strip("、，,。;；:： ")


@dataclass(frozen=True)
class Assignment:
    """What the table column of one obligation is: an indicator id, its label, and whether it is provisional
    (a normalised subject, not a canonical indicator)."""

    id: str
    label: str
    provisional: bool = False


@dataclass(frozen=True)
class _KeyLexicon:
    per_units: tuple[tuple[str, str], ...]
    increments: tuple[str, ...]
    strip: tuple[re.Pattern[str], ...]
    measure_suffixes: tuple[str, ...]
    aliases: tuple[tuple[str, str], ...]
    min_head: int
    regions: re.Pattern[str]
    qualifiers: tuple[str, ...]
    increment: re.Pattern[str]


@lru_cache(maxsize=1)
def _lexicon() -> _KeyLexicon:
    data = gazetteers.indicators()["keys"]
    names = {n for d in gazetteers.admin().divisions for n in (d.name, d.short) if len(n) >= 2}
    regions = re.compile("(?:" + "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)) + ")[、，,和及与]*")
    return _KeyLexicon(
        per_units=tuple(sorted(data["per_units"].items(), key=lambda kv: -len(kv[0]))),
        increments=tuple(data["increments"]),
        strip=tuple(re.compile(p) for p in data["strip"]),
        measure_suffixes=tuple(sorted(data["measure_suffixes"], key=len, reverse=True)),
        aliases=tuple(sorted(data["aliases"].items(), key=lambda kv: -len(kv[0]))),
        min_head=int(data["min_head"]),
        regions=regions,
        qualifiers=tuple(sorted(data["qualifiers"], key=len, reverse=True)),
        increment=re.compile("(?:^|(?<=[" + re.escape("".join(data["increment_lead"])) + "]))(?:"
                             + "|".join(re.escape(w) for w in sorted(data["increments"], key=len, reverse=True)) + ")"),
    )


PER_BASE = re.compile(r"^(?:每|人均|平均|户均|均)")
PER_UNIT = re.compile(r"^(?:每|平均每)(?:一)?(?:个|所|家|名|位)?")
BRACKETS = str.maketrans({"（": "(", "）": ")", "“": "", "”": "", '"': "", "‘": "", "’": "", "《": "", "》": "", " ": ""})


def _near_value(sentence: str, subject: str, unit: str | None, value: float | None) -> bool:
    """The subject is stated in the sentence right around the value (not taken from another clause)."""
    value, unit = comparable_value(value, unit)
    return subject in sentence and _texts(subject, sentence, unit, value)[0][0] == subject


def per_unit(scope: str | None) -> str | None:
    """The unit a per-X value is counted for (每个城乡社区 -> 社区, 每个乡镇人民政府 -> 乡镇); None for a total
    or a numeric base (每千名老年人 is a rate base, see `numeric_base`)."""
    if not scope or RATE_BASE.search(scope):
        return None
    m = PER_UNIT.match(scope.translate(BRACKETS))
    if not m:
        return None
    rest = scope.translate(BRACKETS)[m.end():m.end() + 10]
    best: tuple[int, int, str] | None = None
    for word, canonical in _lexicon().per_units:
        pos = rest.find(word)
        if pos >= 0 and (best is None or (pos, -len(word)) < (best[0], best[1])):
            best = (pos, -len(word), canonical)
    return best[2] if best else None


def numeric_base(scope: str | None) -> str | None:
    """A rate base in a normal form (每千名老年人 -> 每千老年人, 每万人口 -> 每万人) or None."""
    if not scope or not RATE_BASE.search(scope):
        return None
    base = re.sub(r"[名个位]|(?<=人)口|拥有|配备", "", scope.translate(BRACKETS))
    return base[:10]


def is_increment(subject: str | None) -> bool:
    """The subject counts what is added: 新增/新建 … at its start or after scope and time words (今年全市将新增)."""
    return bool(subject) and _lexicon().increment.search(subject.translate(BRACKETS)) is not None


def _aliased(text: str) -> str:
    for word, alias in _lexicon().aliases:
        text = text.replace(word, alias)
    return text


def qualifiers_of(subject: str, ind: Indicator) -> list[str]:
    """Population or object words of the subject that the indicator does not name (特需儿童 for 入园率)."""
    text = _aliased(subject.translate(BRACKETS))
    named = ind.label + "|".join(ind.keywords) + "|".join(p.pattern for p in ind.patterns)
    found: list[str] = []
    for q in _lexicon().qualifiers:  # longest first: 困难群众 before 困难
        if q in text and q not in named and not any(q in f for f in found):
            found.append(q)
    return sorted(found, key=text.find)


@lru_cache(maxsize=4096)
def head_of(subject: str, scope: str | None) -> str:
    """The subject with scope, regions, time, verbs and modifiers removed, measure words cut off its end and
    aliases applied: 今年全市将新增设立乡镇(街道)省级社工站 -> 乡镇(街道)社会工作者站."""
    lex = _lexicon()
    text = _core(subject, scope)
    for suffix in lex.measure_suffixes:
        if text.endswith(suffix):
            text = text[: -len(suffix)]
            break
    return _aliased(text).strip("、，,。;；:： ")


def assign(subject: str | None, sentence: str, unit: str | None, scope: str | None, *, value: float | None = None,
           listed: bool = False) -> Assignment:
    """The column of one obligation: a canonical indicator (with a per-X or `+新增` variant when the target
    counts per unit or what is added), else a provisional key from its subject, else "other"."""
    sentence = sentence or ""
    if scope and scope not in sentence:
        scope = None
    canonical = classify(subject, sentence, unit, scope, value=value, listed=listed)
    unit_per = per_unit(scope)
    if canonical.endswith(GROWTH):
        ind = by_id()[canonical[: -len(GROWTH)]]
        ident, name = canonical, f"{ind.label}(增长)"
        extra = qualifiers_of(subject, ind) if subject and _near_value(sentence, subject, unit, value) else []
        if extra:
            ident, name = f"{ident}({'·'.join(extra)})", f"{name}({'、'.join(extra)})"
        return Assignment(ident, name)
    if canonical != OTHER:
        ind = by_id()[canonical]
        ident, name = canonical, ind.label
        if unit is None:
            return Assignment(ident, name)
        if unit_per and not ind.scopes and not ind.label.startswith("每") and ind.families[0] not in ("percent", "permille", "points"):
            ident, name = f"{ident}@每{unit_per}", f"{name}(每{unit_per})"
        family = family_of(unit)
        if len(ind.families) > 1 and family != ind.families[0]:
            # one column holds one unit family: 元 beside 元/月, 个百分点 beside %, are other quantities
            shown = to_base(None, unit)[1] or unit
            ident, name = f"{ident}[{shown}]", f"{name}({shown})"
        if is_increment(subject) and not any(w in ind.label for w in _lexicon().increments):
            ident, name = f"{ident}+新增", f"{name}(新增)"
        if subject and _near_value(sentence, subject, unit, value):
            extra = qualifiers_of(subject, ind)
            if extra:
                ident, name = f"{ident}({'·'.join(extra)})", f"{name}({'、'.join(extra)})"
        return Assignment(ident, name)
    if unit is None or not subject:
        return Assignment(OTHER, label(OTHER))
    head = head_of(subject, scope)
    if len(head) < _lexicon().min_head:
        return Assignment(OTHER, label(OTHER))
    kind = []
    base = numeric_base(scope)
    if base:
        kind.append(base)
    elif unit_per:
        kind.append(f"每{unit_per}")
    if is_increment(subject):
        kind.append("新增")
    family = family_key(unit)
    ident = PROVISIONAL + "|".join([head, "·".join(kind), family])
    shown = head + (f"({'，'.join(kind)})" if kind else "")
    return Assignment(ident, shown, provisional=True)


def clear_caches() -> None:
    """Forget everything this module derived from the language data or from texts (tests that point
    NOTICE_EXTRACT_GAZETTEERS elsewhere)."""
    for value in list(globals().values()):
        if callable(getattr(value, "cache_clear", None)) and getattr(value, "__module__", None) == __name__:
            value.cache_clear()
