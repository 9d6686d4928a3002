"""Quantity mentions: number (+range, 万/亿, approx marker) + measure word, with its comparator and rate.

Not quantities: years and dates (found as time phrases), document numbers, numbers inside 《》 titles,
ordinals (第三, 十届十次全会), per-capita bases (每千名), slogans in short quotes (“五个一”), vague counts
(一批, 一支队伍), ages and durations without a linking verb (3岁以下, 15分钟健身圈). Full-coverage phrases
(全覆盖, 都有, 全部建成, 所有…建成) are 100 %. Every word list is in `gazetteers/keywords/quantities.toml`
and `comparators.toml`.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import replace
from functools import lru_cache

from extractor import gazetteers, patterns
from extractor.extractors import cues
from extractor.extractors.numbers import ARABIC, CN_NUM, parse_number
from extractor.model import Quantity

NUM = rf"(?:{ARABIC}|{CN_NUM})"


@lru_cache(maxsize=1)
def _data() -> dict:
    return gazetteers.keywords("quantities")


@lru_cache(maxsize=1)
def quantity_pattern() -> re.Pattern[str]:
    d = _data()
    units = "|".join(re.escape(u) for u in sorted(set(d["people"] + d["percent"] + d["counts"] + list(d["scaled_units"])), key=lambda u: (-len(u), u)))
    sep = "|".join(re.escape(s) for s in d["range_separators"])
    scale = "|".join(re.escape(k) for k in sorted(d["scale"], key=len, reverse=True))
    approx = "|".join(re.escape(a) for a in d["approx_after"])
    return re.compile(patterns.fill("quantity", num=NUM, sep=sep, scale=scale, approx=approx, units=units))


@lru_cache(maxsize=1)
def _coverage() -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in _data()["coverage"]))


@lru_cache(maxsize=1)
def _ordinals() -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in gazetteers.keywords("background")["ordinal_patterns"]))


def masked(text: str, ordinals: bool = True) -> str:
    """Blank out 《…》 titles, cited document numbers and (for values) meeting ordinals, so their digits
    are not read as values or dates."""
    def blank(m: re.Match[str]) -> str:
        return " " * len(m.group(0))

    text = re.sub(r"《[^《》\n]{0,80}》", blank, text)
    text = re.sub(r"(?:https?://|www\.)[!-~]+", blank, text)
    text = patterns.DOC_NUMBER_INLINE.sub(blank, text)
    return _ordinals().sub(blank, text) if ordinals else text


def normalise_unit(unit: str) -> str:
    d = _data()
    if unit in d["people"]:
        return "人"
    return d["aliases"].get(unit, unit)


def rate_unit(unit: str, text: str, floor: int, start: int) -> str:
    """元 -> 元/月 when a period phrase (每月, 每人每年, 每小时) governs the value; 年推广面积 -> 亩/年."""
    d = _data()
    if unit in d["rate_exempt"] or "/" in unit:
        return unit
    window = text[max(floor, start - 16) : start]
    best: tuple[int, str] | None = None
    for pos, word in cues.find("quantities", "per_period", window):
        if best is None or pos >= best[0]:
            best = (pos, d["per_period"][word])
    if best is not None:
        return f"{unit}/{best[1]}"
    if any(not window[max(0, p - 1) : p].isdigit() for p, _ in cues.find("quantities", "annual_nouns", window)):
        return f"{unit}/年"  # 年推广面积20万亩; not 2019年培训1500万人次
    return unit


def _per(text: str, end: int) -> tuple[str, int] | None:
    """A rate written with a slash right after the measure word (`22万元/人`, `400元/人、天`): its denominator(s)
    and where the rate ends."""
    dens = sorted(_data()["rate_denominators"], key=len, reverse=True)
    parts, seps, pos = [], [], end
    while pos < len(text) and text[pos] in ("/", "／") or (parts and pos < len(text) and text[pos] == "、"):
        word = next((w for w in dens if text.startswith(w, pos + 1)), None)
        if word is None:
            break
        parts.append(word)
        seps.append(text[pos])
        pos += 1 + len(word)
    if len(parts) == 2 and seps[1] != "、" and parts[0] in _data()["people"] and parts[1] in _data()["per_period"].values():
        parts = parts[1:]  # `1231元/人/月` is a monthly standard per person: 元/月, as 每人每月 gives
    return ("/".join(parts), pos) if parts else None


def comparator(text: str, start: int, end: int, floor: int) -> str | None:
    """`>=`/`<=` from a cue right after the measure word, else the nearest cue before the value in its clause."""
    after = text[end : end + 4]
    for op, key in ((">=", "ge_after"), ("<=", "le_after")):
        if any(after.startswith(w) for w in gazetteers.words("comparators", key)):
            return op
    if any(after.startswith(w) for w in gazetteers.words("quantities", "approx_trailing")):
        return "="  # `控制在3%左右`: an approximate level, not a cap
    sign = text[max(floor, start - 4) : start].rstrip()
    for op, key in ((">=", "cell_ge"), ("<=", "cell_le")):
        if any(sign.endswith(w) for w in gazetteers.words("comparators", key) if not w.isalpha()):
            return op  # an operator sign written before the number (`≥50%`, `＜5`, `> 30`); words are cues below
    window_start = max(floor, start - 24)
    breaks = list(patterns.VALUE_CLAUSE_BREAK.finditer(text[window_start:start]))
    if breaks:
        window_start += breaks[-1].end()
    best: tuple[int, int, str | None] | None = None
    level = gazetteers.words("comparators", "level_before")
    for op, key in ((">=", "ge_before"), ("<=", "le_before")):
        for pos, word in cues.find("comparators", key, text, window_start, start):
            rank = (pos + len(word), len(word))
            if best is None or rank > best[:2]:
                best = (rank[0], rank[1], None if word in level else op)
    return best[2] if best else None


def _in_short_quote(text: str, start: int, end: int) -> bool:
    """Inside a short quote (“五个一”: a slogan), unless the quote holds the value itself and at most its comparator
    or approximation words (2023年则为“110万人以上”: a target quoted as the report words it)."""
    left = text.rfind("“", max(0, start - 8), start)
    if left < 0:
        return False
    right = text.find("”", end, end + 8)
    if not (right >= 0 and right - left <= 10):
        return False
    return not (_only_words(text[left + 1 : start], ("ge_before", "le_before"), "approx_before")
                and _only_words(text[end:right], ("ge_after", "le_after"), "approx_trailing"))


def _only_words(s: str, comparator_keys: tuple[str, ...], approx_key: str) -> bool:
    """s is empty or one of the comparator or approximation words."""
    words = {w for k in comparator_keys for w in gazetteers.words("comparators", k)} | set(_data()[approx_key])
    return s.strip() == "" or s.strip() in words


def _in_quote(text: str, pos: int) -> bool:
    """Inside “…” on its line: a slogan or principle quoted (`以“…全面覆盖”为原则`), not a value."""
    line_start = text.rfind("\n", 0, pos) + 1
    before = text[line_start:pos]
    return before.count("“") > before.count("”")


def _linked(text: str, start: int, end: int, floor: int, age: bool) -> bool:
    """A time or age unit is a value only beside a comparator or linking verb (期限为30年, 15天内); an age
    only after a linking verb (3岁以下 is an age band)."""
    bounds = [w for key in ("ge_after", "le_after") for w in gazetteers.words("comparators", key) if text.startswith(w, end)]
    if not age and bounds:
        # `6个月内婴儿`, `12个月以上幼儿`: a bound followed by the people it delimits is an age band, not a value
        return not text.startswith(gazetteers.words("quantities", "age_band_nouns"), end + max(map(len, bounds)))
    window = text[max(floor, start - 8) : start].rstrip()
    if age:
        # `提高65岁以上老年人…`: an age the people after it are delimited by is an age band, whatever the verb
        rest = text[end + max(map(len, bounds), default=0) :]
        if rest.startswith(tuple(gazetteers.words("quantities", "age_band_nouns"))):
            return False
        return window.endswith(tuple(gazetteers.words("quantities", "age_links") + gazetteers.words("quantities", "age_measures")))
    links = gazetteers.words("quantities", "restricted_links") + gazetteers.words("comparators", "ge_before") + gazetteers.words("comparators", "le_before")
    return any(window.endswith(w) for w in links)


def _value(m: re.Match[str]) -> tuple[float | None, float | None, str]:
    d = _data()
    unit = m.group("unit") or "%"
    if m.group("pct"):
        return parse_number(m.group("pctnum")), None, "%"
    if m.group("frac"):
        den, numer = parse_number(m.group("den")), parse_number(m.group("numer"))
        if not den or numer is None or numer > den:
            return None, None, "%"
        return round(100 * numer / den, 2), None, "%"
    value = parse_number(m.group("num"))
    value_max = parse_number(m.group("num2")) if m.group("num2") else None
    factor = d["scale"].get(m.group("mult") or "", 1) * d["scaled_units"].get(unit, 1)
    unit = d["scaled_unit_base"].get(unit, unit)
    value = value * factor if value is not None else None
    value_max = value_max * factor if value_max is not None else None
    return value, value_max, unit


def _restates(text: str, s: int, units: list[str]) -> bool:
    """The value opens a bracket right after a value in a unit of measure: `513.53万公顷(7703万亩)` says it again."""
    before = text[max(0, s - 12) : s].rstrip()
    if not before.endswith(("(", "（")):
        return False
    head = before[:-1].rstrip()
    return any(head.endswith(u) and head[: len(head) - len(u)].rstrip("万亿千百 ")[-1:].isdigit() for u in units)


def _skip(text: str, m: re.Match[str], s: int, e: int, floor: int) -> bool:
    d = _data()
    if patterns.NOT_BEFORE_VALUE.search(text[max(0, s - 3) : s]) or _in_short_quote(text, s, e):
        return True
    if any(text.startswith(w, s) for w in d["number_idioms"]):
        return True
    unit = m.group("unit") or ""
    if unit in d["restated_units"] and _restates(text, s, d["restated_units"]):
        return True
    # (a word that makes an adjective in 性 is not the noun: 一次阶段性总结 is a count, 两个阶段 is not)
    if any(text.startswith(w, e) and not text.startswith(w + "性", e) for w in d["not_after"]) or (unit == "个" and text.startswith("百分点", e)):
        return True
    num = m.group("num") or ""
    if unit == "年" and patterns.YEAR_DIGITS.fullmatch(num):
        return True
    if num in ("一", "两") and unit in d["vague_after_one"]:
        return True
    if patterns.BARE_MAGNITUDE.fullmatch(num) or (num == "十" and s > 0 and patterns.WORD_BEFORE_TEN.fullmatch(text[s - 1])):
        return True  # 万元GDP, 百万: a scale word alone is not a number
    if num == "一" and s > 0 and patterns.WORD_BEFORE_ONE.fullmatch(text[s - 1]):
        return True  # 统一, 单一场景, 万一: 一 inside a word
    if unit == "次" and num in ("一", "1") and text[max(0, s - 4) : s].endswith(gazetteers.words("background", "cycle_verbs")):
        return True
    if unit in d["age_units"]:
        return not _linked(text, s, e, floor, age=True)
    return unit in d["restricted_units"] and not _linked(text, s, e, floor, age=False)


def find_quantities(text: str, start: int = 0, end: int | None = None, comparators: bool = True) -> list[Quantity]:
    """Quantities in text[start:end], offsets into `text`; with `comparators` false, each quantity's comparator is
    left None (a range's stays "range"): the same quantities, for a caller that needs only where they are, their
    values and units."""
    end = len(text) if end is None else end
    view = masked(text[start:end])
    out: list[Quantity] = []
    floor = start
    for m in quantity_pattern().finditer(view):
        s, e = m.start() + start, m.end() + start
        if _skip(text, m, s, e, floor):
            continue
        value, value_max, unit = _value(m)
        if value is None:
            continue
        value = float(f"{value:.12g}")
        value_max = float(f"{value_max:.12g}") if value_max is not None else None
        if value_max is not None and value_max <= value:
            value_max = None
        d = _data()
        approx = bool(m.group("approx")) or any(text[max(0, s - 3) : s].endswith(a) for a in d["approx_before"]) \
            or any(text.startswith(a, e) for a in d["approx_trailing"])
        slash = _per(text, e)
        if slash is not None:
            unit, e = f"{normalise_unit(unit)}/{slash[0]}", slash[1]
        else:
            unit = rate_unit(normalise_unit(unit), text, floor, s)
        op = comparator(text, s, e, floor) if comparators else None
        if op is None and comparators and out and out[-1].comparator in (">=", "<=") and out[-1].unit == unit \
                and patterns.COORDINATED_VALUE_JOIN.fullmatch(text, out[-1].end, s):
            op = out[-1].comparator  # `不少于50栋城市社区综合服务设施和50栋村级…`: the cue governs both values
        out.append(Quantity(start=s, end=e, text=text[s:e], value=value, value_max=value_max, unit=unit, approx=approx,
                            comparator="range" if value_max is not None else op))
        floor = e
    out.extend(_bare_values(text, view, start, out, comparators))
    out.extend(_coverage_quantities(text, view, start, out))
    out.sort(key=lambda q: q.start)
    return out


@lru_cache(maxsize=1)
def _bare_pattern() -> re.Pattern[str]:
    scale = "|".join(re.escape(k) for k in sorted(_data()["scale"], key=len, reverse=True))
    return re.compile(patterns.fill("bare_value", num=NUM, scale=scale))


def _bare_values(text: str, view: str, start: int, found: list[Quantity], comparators: bool = True) -> list[Quantity]:
    """A number with no measure word right after a linking verb (`移动支付用户达5亿`, `达到八千亿规模`): a value
    whose unit is null (docs/annotation.md "unit")."""
    out = []
    links = (*gazetteers.words("quantities", "bare_value_links"), *gazetteers.words("quantities", "restricted_links"),
             *gazetteers.words("comparators", "le_before"), *gazetteers.words("comparators", "ge_before"))
    taken = [(q.start, q.end) for q in found]
    for m in _bare_pattern().finditer(view):
        s, e = m.start() + start, m.end() + start
        if any(a < e and s < b for a, b in taken) or not text[max(0, s - 6) : s].endswith(links):
            continue
        if patterns.YEAR_DIGITS.fullmatch(m.group("num")) and not m.group("mult"):
            continue
        value = parse_number(m.group("num"))
        if value is None or (not m.group("mult") and value < 10 and "." not in m.group("num")):
            continue  # a bare small count after 达 is a level or a rank, not a value
        value *= _data()["scale"].get(m.group("mult") or "", 1)
        out.append(Quantity(start=s, end=e, text=text[s:e], value=float(f"{value:.12g}"), value_max=None, unit=None,
                            comparator=comparator(text, s, e, start) if comparators else None))
    return out


def _coverage_quantities(text: str, view: str, start: int, found: list[Quantity]) -> list[Quantity]:
    """全覆盖, 都有, 全部建成 …, and 所有/一切 + a thing + an action: 100 % of the things."""
    out = []
    starts = [q.start for q in found]  # found is in text order
    for m in _coverage().finditer(view):
        s, e = m.start() + start, m.end() + start
        i = bisect_right(starts, s)  # a value ending at or just before s starts at or before s
        if any(q.start <= s <= q.end + 1 and q.unit == "%" and q.value == 100 for q in found[max(0, i - 2) : i]) or _in_quote(text, s):
            continue
        out.append(Quantity(start=s, end=e, text=text[s:e], value=100.0, value_max=None, unit="%", comparator="="))
    reach = tuple(gazetteers.words("quantities", "quantifier_reach_verbs"))
    for m in cues.pattern("quantities", "quantifiers").finditer(view):
        s = m.start() + start
        if patterns.QUANTIFIER_NEGATED.search(text, max(0, s - 4), s):
            continue  # `并非全部都完整`: not every one
        lead = text[max(0, s - 8) : s]
        lead = lead[: patterns.QUANTIFIER_SCOPE.search(lead).start()]  # type: ignore[union-attr]
        if lead.endswith(reach):  # 覆盖(全国)所有城市社区: the things it reaches, every one of them
            item = patterns.LIST_ITEM_STOP.search(text, m.end() + start)
            item_end = item.start() if item else len(text)
            if bisect_left(starts, s) == bisect_left(starts, item_end) and not any(s <= q.start < item_end for q in out):
                out.append(Quantity(start=s, end=m.end() + start, text=m.group(0), value=100.0, value_max=None, unit="%", comparator="="))
            continue
        stop = patterns.VALUE_CLAUSE_STOP.search(text, s)
        clause_end = stop.start() if stop else len(text)
        places = patterns.LOCATIVE_BEFORE.search(text, max(0, s - 8), s) is not None  # `在全县所有乡镇设立…26个`
        if patterns.DISPOSAL_BEFORE.search(text, max(0, s - 14), s) and cues.has(
                "quantities", "handover_verbs", text, m.end() + start, clause_end):
            continue  # `将符合条件的全部年检材料报经…初审`: all of what is handed over, a duty, not coverage
        # a value in the clause counts the quantifier's things itself, unless it opens a later item of the list
        # with its own share (`所有A和B以及70%的C具备…`)
        counted = any(not patterns.SHARE_ITEM_BEFORE.search(text, max(s, q.start - 4), q.start)
                      for q in found[bisect_left(starts, s) : bisect_left(starts, clause_end)])
        if (counted and not places) or any(s <= q.start < clause_end for q in out) or patterns.QUANTIFIER_DENIED.search(
                text, m.end() + start, clause_end):
            continue
        if cues.has("actions", "actions", text, m.end() + start, clause_end) or cues.has(
                "quantities", "quantifier_verbs", text, m.end() + start, clause_end) or patterns.QUANTIFIER_CONFIRM.search(
                text, m.end() + start, clause_end):
            out.append(Quantity(start=s, end=m.end() + start, text=m.group(0), value=100.0, value_max=None, unit="%", comparator="="))
    return [replace(q) for q in out]
