"""The indicator taxonomy and the unit families as data, with no language model behind them.

Tables, the report and the SQLite export need labels, areas and the order of the canonical indicators, and
every stage needs to turn a value into its family's base unit (5万人 -> 50000 人, 1.5亿元 -> 150000000 元);
none of that needs spaCy, so it lives here and `extractor.extractors.indicators` (the classifier) builds on it.
The data itself (gazetteers/indicators.toml and gazetteers/indicators/*.toml) is checked at start-up by
`extractor.gazetteers.indicators()`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from extractor import gazetteers

OTHER = "other"
PROVISIONAL = "~"  # provisional indicator ids start with this: "~社会工作者|count:人"
PERIODS = gazetteers.RATE_PERIODS


@dataclass(frozen=True)
class Family:
    name: str
    base: str  # "" for counts: each measure word is its own base
    members: dict[str, float]


@dataclass(frozen=True)
class Indicator:
    id: str
    label: str
    label_en: str
    area: str
    definition: str
    families: tuple[str, ...]
    units: tuple[str, ...]  # the units a value may have, as written and as base
    keywords: tuple[str, ...]
    patterns: tuple[re.Pattern[str], ...]
    scopes: tuple[re.Pattern[str], ...]
    source: str
    falling: bool = False  # lower is better: a target worded without a comparator is a ceiling

    def match_length(self, text: str) -> int:
        """Length of the longest keyword or pattern match in `text` (0: no match)."""
        best = max((len(k) for k in self.keywords if k in text), default=0)
        for p in self.patterns:
            for m in p.finditer(text):
                best = max(best, len(m.group(0)))
        return best

    def takes_unit(self, unit: str | None) -> bool:
        """A dated duty (no unit) fits any indicator; a value must have one of the indicator's units."""
        return unit is None or unit in self.units


@lru_cache(maxsize=1)
def families() -> dict[str, Family]:
    data = gazetteers.indicators()["units"]
    return {name: Family(name, str(f["base"]), {k: float(v) for k, v in f["members"].items()}) for name, f in data.items()}


@lru_cache(maxsize=1)
def _unit_index() -> dict[str, tuple[str, float]]:
    """Unit as written -> (family name, factor to its base)."""
    return {unit: (f.name, factor) for f in families().values() for unit, factor in f.members.items()}


def _count_base(unit: str, factor: float) -> str:
    return unit[1:] if factor > 1 and unit[:1] in "万亿" else unit


@lru_cache(maxsize=512)
def unit_info(unit: str | None) -> tuple[str | None, str | None, float]:
    """(family, base unit, factor) of a unit; (None, unit, 1) for a unit no family declares. A rate X/月 is
    X's family per month (元/月: money/月)."""
    if unit is None:
        return None, None, 1.0
    found = _unit_index().get(unit)
    if found is not None:
        name, factor = found
        base = families()[name].base or _count_base(unit, factor)
        return name, base, factor
    head, sep, period = unit.rpartition("/")
    if sep and head and period in PERIODS:
        name, base, factor = unit_info(head)
        if name is not None:
            return f"{name}/{period}", f"{base}/{period}", factor
    return None, unit, 1.0


def family_of(unit: str | None) -> str | None:
    return unit_info(unit)[0]


def family_key(unit: str | None) -> str:
    """A name for the unit's family that never joins two families: the family, or `unit:<unit>` when the
    unit belongs to none (so an unknown unit only meets itself)."""
    name = unit_info(unit)[0]
    if name is None:
        return f"unit:{unit}" if unit else "none"
    return name


def to_base(value: float | None, unit: str | None) -> tuple[float | None, str | None]:
    """The value in its family's base unit (万人 -> 人 ×10000; 个百分点 stays points; an unknown unit stays)."""
    _, base, factor = unit_info(unit)
    if value is None:
        return None, base
    scaled = value * factor
    if abs(scaled - round(scaled)) < 1e-9 * max(1.0, abs(scaled)):
        return int(round(scaled)), base
    return float(f"{scaled:.10g}"), base


@lru_cache(maxsize=1)
def indicators() -> tuple[Indicator, ...]:
    """The canonical indicators in file order (order breaks ties and orders table columns)."""
    out = []
    for row in gazetteers.indicators()["indicator"]:
        fams = row["family"] if isinstance(row["family"], list) else [row["family"]]
        units = row.get("units") or [u for f in fams for u in gazetteers.family_members(gazetteers.indicators()["units"], f) or {}]
        allowed = {u for u in units} | {to_base(None, u)[1] for u in units}
        out.append(
            Indicator(
                id=row["id"], label=row["label"], label_en=row["label_en"], area=row["area"],
                definition=row["definition"], families=tuple(fams),
                units=tuple(sorted(u for u in allowed if u)),
                keywords=tuple(row.get("keywords", [])) + _label_words(row["label"]),
                patterns=tuple(re.compile(p) for p in row.get("patterns", [])),
                scopes=tuple(re.compile(p) for p in row.get("scopes", [])),
                source=row["source"], falling=bool(row.get("falling", False)),
            )
        )
    return tuple(out)


def _label_words(label: str) -> tuple[str, ...]:
    """The label is a keyword too, as written and without its bracketed parts (乡镇(街道)… -> 乡镇…)."""
    bare = re.sub(r"[(（][^)）]*[)）]", "", label)
    return tuple(dict.fromkeys(w for w in (label, bare) if len(w) >= 4))


@lru_cache(maxsize=1)
def by_id() -> dict[str, Indicator]:
    return {i.id: i for i in indicators()}


VARIANT = re.compile(r"[@+(\[].*$")


def base_id(indicator_id: str) -> str:
    """The canonical id a variant belongs to (sw_stations@每乡镇 -> sw_stations); a provisional key or an id
    without a variant is itself."""
    return indicator_id if is_provisional(indicator_id) else VARIANT.sub("", indicator_id)


def is_falling(indicator_id: str | None) -> bool:
    """Lower is better for this indicator (失业率, 死亡率, PM2.5浓度): its target `5.5%左右` is a ceiling."""
    ind = by_id().get(base_id(indicator_id)) if indicator_id else None
    return bool(ind and ind.falling) and "+" not in str(indicator_id)


def is_provisional(indicator_id: str | None) -> bool:
    return bool(indicator_id) and str(indicator_id).startswith(PROVISIONAL)


def label(indicator_id: str | None) -> str:
    """Chinese label of an id: the taxonomy's, a provisional key's subject, 其他 for "other" or an unknown id."""
    ind = by_id().get(indicator_id or "") or by_id().get(base_id(indicator_id or ""))
    if ind:
        return ind.label
    if is_provisional(indicator_id):
        return str(indicator_id)[len(PROVISIONAL):].split("|")[0] + "(暂定)"
    return "其他"


def clear_caches() -> None:
    """Forget the loaded taxonomy (tests that point NOTICE_EXTRACT_GAZETTEERS elsewhere)."""
    for f in (families, _unit_index, unit_info, indicators, by_id):
        f.cache_clear()
