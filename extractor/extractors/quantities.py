"""Quantity mentions: number (+range, 万/亿, approx marker) + measure word, with its comparator.

Not quantities: years, dates, document numbers, ordinals (第三), per-capita bases (每千名, 平均5万人),
slogans in short quotes (“五个一”), vague counts (一批, 一支队伍, 三级), numbers inside 《》 titles.
"""
from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from extractor import gazetteers
from extractor.extractors.numbers import ARABIC, CN_NUM, parse_number
from extractor.model import Quantity

NUM = rf"(?:{ARABIC}|{CN_NUM})"
RANGE_SEP = r"(?:-|—|–|~|～|至|到)"
COVERAGE = re.compile(r"全覆盖|(?:都|均)有(?!所|了|利|助于|一定|待|关)|(?:都|均)将(?:建立|建成|设立|实现)|全部(?:建立|建成|实现|完成|达标|覆盖|纳入|配备|设立)")
NOT_BEFORE = re.compile(r"(?:第|每|平均每?|[A-Za-z0-9.\-/_#])$")
APPROX_BEFORE = ("约", "近", "大约", "逾")


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))


@lru_cache(maxsize=1)
def _cycle_verbs() -> tuple[str, ...]:
    """`每三年调整一次`: an adjustment cycle, not a count to reach (GOLD_FORMAT.md hard cases)."""
    return tuple(gazetteers.keywords("cues").get("cycle_verbs", []))


@lru_cache(maxsize=1)
def unit_table() -> dict[str, object]:
    data = gazetteers.keywords("units")
    return {
        "people": set(data.get("people", [])),
        "percent": set(data.get("percent", [])),
        "aliases": dict(data.get("aliases", {})),
        "units": list(data.get("people", [])) + list(data.get("percent", [])) + list(data.get("counts", [])) + ["个工作日", "工作日"],
    }


@lru_cache(maxsize=1)
def quantity_pattern() -> re.Pattern[str]:
    units = _alternation(unit_table()["units"])  # type: ignore[arg-type]
    return re.compile(
        rf"(?P<pct>百分之(?P<pctnum>{NUM}))|(?P<frac>(?P<den>{NUM})分之(?P<numer>{NUM}))"
        rf"|(?P<num>{NUM})(?:\s*{RANGE_SEP}\s*(?P<num2>{NUM}))?\s*(?P<mult>[万亿](?=[余多]?(?:{units})))?"
        rf"(?P<approx>余|多)?(?P<unit>{units})"
    )


@lru_cache(maxsize=1)
def comparator_words() -> dict[str, dict[str, list[str]]]:
    data = gazetteers.keywords("comparators")
    return {op: {k: sorted(v, key=len, reverse=True) for k, v in data.get(key, {}).items()} for op, key in ((">=", "ge"), ("<=", "le"))}


def normalise_unit(unit: str, context_before: str) -> str:
    table = unit_table()
    aliases: dict[str, str] = table["aliases"]  # type: ignore[assignment]
    if unit in table["people"] and unit != "人次":  # type: ignore[operator]
        return "人"
    unit = aliases.get(unit, unit)
    if unit == "元" and re.search(r"每(?:人每)?月|/月|月人均|每人每月", context_before):
        return "元/月"
    if unit == "元" and re.search(r"每(?:人每)?年|/年", context_before):
        return "元/年"
    if unit == "次" and re.search(r"每年", context_before):
        return "次/年"
    return unit


def masked(text: str) -> str:
    """Blank out 《…》 titles and cited document numbers so their digits are not read as values."""
    def blank(m: re.Match[str]) -> str:
        return " " * len(m.group(0))

    text = re.sub(r"《[^《》\n]{0,80}》", blank, text)
    return re.sub(r"[\u4e00-\u9fff]{1,12}〔\d{4}〕\d+号", blank, text)


def _comparator(text: str, start: int, end: int, floor: int) -> str | None:
    after = text[end : end + 4]
    words = comparator_words()
    for op in (">=", "<="):
        if any(after.startswith(w) for w in words[op].get("after", [])):
            return op
    window = text[max(floor, start - 24) : start]
    window = re.split(r"[，,；;。：:]", window)[-1]
    best: tuple[int, int, str] | None = None
    for op in (">=", "<="):
        for w in words[op].get("before", []):
            pos = window.rfind(w)
            key = (pos + len(w), len(w))
            if pos >= 0 and (best is None or key > best[:2]):
                best = (key[0], key[1], op)
    return best[2] if best else None


def _in_short_quote(text: str, start: int, end: int) -> bool:
    left = text.rfind("“", max(0, start - 8), start)
    if left < 0:
        return False
    right = text.find("”", end, end + 8)
    return right >= 0 and right - left <= 10


def find_quantities(text: str, start: int = 0, end: int | None = None) -> list[Quantity]:
    """Quantities in text[start:end], offsets into `text`."""
    end = len(text) if end is None else end
    view = masked(text[start:end])
    out: list[Quantity] = []
    for m in quantity_pattern().finditer(view):
        s, e = m.start() + start, m.end() + start
        before = text[max(0, s - 3) : s]
        if NOT_BEFORE.search(before) or _in_short_quote(text, s, e):
            continue
        unit = m.group("unit")
        if text[e : e + 1] in ("性", "化", "级") or (unit == "个" and text[e : e + 3] == "百分点"):
            continue
        if unit == "岁" and re.match(r"(?:及)?以[上下]?[\u4e00-\u9fff]|[\u4e00-\u9fff]", text[e : e + 4]) and not re.match(r"以[上下]?[，,。；;]", text[e : e + 4]):
            continue
        if m.group("num") in ("一", "两") and unit in gazetteers.keywords("units").get("vague_after_one", []):
            continue
        if unit == "次" and m.group("num") in ("一", "1") and text[max(0, s - 4) : s].endswith(_cycle_verbs()):
            continue
        if m.group("pct"):
            value, value_max, unit = parse_number(m.group("pctnum")), None, "%"
        elif m.group("frac"):
            den, numer = parse_number(m.group("den")), parse_number(m.group("numer"))
            if not den or numer is None or numer > den:
                continue
            value, value_max, unit = round(100 * numer / den, 2), None, "%"
        else:
            raw_num = m.group("num")
            if re.fullmatch(r"[十百千万亿]", raw_num) and s > 0 and text[s - 1] in "每数几":
                continue
            value = parse_number(raw_num)
            value_max = parse_number(m.group("num2")) if m.group("num2") else None
            if m.group("mult"):
                scale = 10_000 if m.group("mult") == "万" else 100_000_000
                value = value * scale if value is not None else None
                value_max = value_max * scale if value_max is not None else None
        if value is None:
            continue
        value = float(f"{value:.12g}")
        value_max = float(f"{value_max:.12g}") if value_max is not None else None
        approx = bool(m.group("approx")) or any(before.endswith(a) for a in APPROX_BEFORE) or text[e : e + 2] == "左右"
        if value_max is not None and value_max <= value:
            value_max = None
        out.append(
            Quantity(
                start=s,
                end=e,
                text=text[s:e],
                value=value,
                value_max=value_max,
                unit=normalise_unit(unit, text[max(0, s - 30) : s]),
                approx=approx,
                comparator=_comparator(text, s, e, start),
            )
        )
    for m in COVERAGE.finditer(view):
        s, e = m.start() + start, m.end() + start
        if any(q.start <= s <= q.end + 1 and q.unit == "%" and q.value == 100 for q in out):
            continue
        out.append(Quantity(start=s, end=e, text=text[s:e], value=100.0, value_max=None, unit="%", comparator=None))
    out.sort(key=lambda q: q.start)
    return [replace(q, comparator="range") if q.value_max is not None else q for q in out]
