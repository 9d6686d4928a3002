"""Province, city and administrative level of a notice, with the clue that decided.

Clues in order: the issuers, the 发文字号 prefix, the title, the headline (`福建:…`, `厦门今年将…`), the
addressees; central bodies (教育部, 国家发展改革委) mean 全国. When none names a region, the scope words
(全省, 我市, 全国) give the level and the places the text names most often give the region. A name that
runs a province into one of its cities (`江苏镇江`) is the city's.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from extractor import gazetteers, patterns
from extractor.gazetteers import Division

LEVEL_RANK = {"county": 0, "city": 1, "province": 2}
CJK_CHAR = re.compile(r"[\u4e00-\u9fff]")


@dataclass
class Region:
    province: str | None = None
    city: str | None = None
    level: str | None = None
    evidence: list[str] = field(default_factory=list)


@lru_cache(maxsize=1)
def _forms() -> tuple[tuple[str, Division], ...]:
    """(name form, division), longest first; counties only by full name (共和, 城区 are common words)."""
    out = []
    for d in gazetteers.admin().divisions:
        forms = {d.name} if d.level == "county" else {d.name, d.short}
        if d.kind == "自治州":
            forms.add(d.short + "州")  # notices write 恩施州, 海南州 for 恩施土家族苗族自治州, 海南藏族自治州
        out += [(f, d) for f in forms if len(f) >= 2]
    return tuple(sorted(out, key=lambda x: (-len(x[0]), x[0])))


@lru_cache(maxsize=1)
def _form_pattern() -> re.Pattern[str]:
    return re.compile("|".join(re.escape(f) for f, _ in _forms()))


@lru_cache(maxsize=1)
def _by_form() -> dict[str, list[Division]]:
    out: dict[str, list[Division]] = {}
    for f, d in _forms():
        out.setdefault(f, []).append(d)
    return out


def is_national(name: str) -> bool:
    return name in gazetteers.national_agency_names() or name.startswith(gazetteers.words("metadata", "national_prefixes"))


@lru_cache(maxsize=1)
def _variants() -> dict[int, str]:
    return str.maketrans(gazetteers.keywords("metadata")["char_variants"])


def divisions_in(text: str) -> list[tuple[int, int, Division]]:
    """Every division named in `text` with its span (the most specific form wins: 海南州 over 海南)."""
    out = []
    text = text.translate(_variants())
    for m in _form_pattern().finditer(text):
        ds = sorted(_by_form()[m.group(0)], key=lambda d: -LEVEL_RANK.get(d.level, 0))
        if ds[0].level == "county" and len(m.group(0)) == 2 and _inside_word(text, m.start(), m.end()):
            continue
        out.append((m.start(), m.end(), ds[0]))
    return out


def _inside_word(text: str, start: int, end: int) -> bool:
    """A two-character county name inside a longer word: 示范县, 中心城区, 管理县级, 振兴县域."""
    before = text[start - 1] if start else ""
    if CJK_CHAR.fullmatch(before) and before not in gazetteers.words("metadata", "short_county_after"):
        return True
    return text[end : end + 1] in gazetteers.words("metadata", "short_county_not_before")


def _from_name(name: str) -> Division | None:
    """The division a name belongs to: its first one, or the sub-division right after it (江苏镇江)."""
    found = divisions_in(name)
    if not found:
        return None
    _, end, div = found[0]
    adm = gazetteers.admin()
    if len(found) > 1:
        start2, end2, _ = found[1]
        # a repeated name (城中区 of 柳州 and of 西宁): the one under the division named first (西宁市城中区)
        form = name.translate(_variants())[start2:end2]
        under = [d for d in _by_form().get(form, []) if LEVEL_RANK.get(d.level, 3) < LEVEL_RANK.get(div.level, 3)
                 and (d.parent == div.name or adm.province_of(d) == adm.province_of(div))]
        if start2 - end <= 1 and under:
            div = next((d for d in under if d.parent == div.name), under[0])
    return div


def _region_of(div: Division, source: str, name: str, level_hint: str | None = None) -> Region:
    adm = gazetteers.admin()
    province = adm.province_of(div)
    city = adm.city_of(div)
    level = div.level if div.level in LEVEL_RANK else None
    own = name[name.find(div.name):] if div.name in name else name  # 绍兴市上虞区统计局: the body is the district's
    if level == "county" and city and patterns.CITY_BODY.search(own):
        level = "city"
    level = level_hint or level
    if level == "county":
        city = None  # GOLD_FORMAT.md: `city` is the prefecture-level city of a city notice only
    return Region(province.name if province else None, city.name if city else None, level, [f"{source}: {name} -> {div.name}"])


def resolve(clues: list[tuple[str, str]]) -> Region:
    """The first clue naming a central body or a region decides."""
    for source, name in clues:
        if not name:
            continue
        if source in ("issuer", "doc_number", "host") and is_national(name):
            return Region("全国", None, "national", [f"{source}: {name} is a national body"])
        div = _from_name(name)
        if div is not None:
            return _region_of(div, source, name)
        if source in ("title", "headline") and is_national(name):
            return Region("全国", None, "national", [f"{source}: {name} is a national body"])
    return Region()


def _scope_counts(text: str) -> dict[str, int]:
    return {level: sum(text.count(w) for w in gazetteers.words("metadata", f"{level}_scope")) for level in ("national", "province", "city", "county")}


def _scope_level(text: str) -> str | None:
    level, n = max(_scope_counts(text).items(), key=lambda kv: kv[1])
    return level if n else None


def from_body(text: str) -> Region:
    """No clue named a region: the scope words give the level, the places named most often the region."""
    head = text[:4000]
    level = _scope_level(head)
    adm = gazetteers.admin()
    provinces: Counter[str] = Counter()
    cities: Counter[str] = Counter()
    named: set[str] = set()  # provinces the text names by their own name, not through one of their places
    for _, _, d in divisions_in(head):
        p = adm.province_of(d)
        if p is not None:
            provinces[p.name] += 1
            if d.level == "province":
                named.add(p.name)
        c = adm.city_of(d)
        if c is not None:
            cities[c.name] += 1
    if not provinces:
        if level == "national":
            return Region("全国", None, "national", ["scope: 全国/我国 with no region named"])
        outlet = next((w for w in gazetteers.words("metadata", "national_outlets") if w in head), None)
        if level is None and outlet:
            return Region("全国", None, "national", [f"source: {outlet}, a national outlet, and no region or scope named"])
        return Region()
    province, n = provinces.most_common(1)[0]
    national = _scope_counts(head)["national"] - sum(head.count(w) for w in gazetteers.words("metadata", "national_comparisons"))
    if level == "national" and (n < 2 or national > n):
        # 全国/我国 said more often than any one place is named: the places are examples or page furniture
        return Region("全国", None, "national", [f"scope: 全国/我国 {national} times, {province} named {n}"])
    city = None
    scope = _scope_counts(head)
    times = cities.most_common(1)[0][1] if cities else 0
    if province not in named and times >= 2 and (
            (scope["city"] and (level != "national" or scope["city"] >= national))
            or (times >= 3 and not scope["province"] and not scope["city"] and national < times)):
        # the province is never named, only a city of it, again and again, with a city's own words at least as often as
        # the nation's (成都…成都市人民政府…成都今年; 省委省政府 there is the city's superior; 达州林业…全市…全国), or with no
        # scope word of a region at all (a city's project table: 亳州市…项目, 主管部门 亳州市气象局; 徐州…沛县…徐州): the city's page
        level = "city"
    if level in ("city", "county") and cities:
        city = cities.most_common(1)[0][0]
        if adm.province_of(adm.by_name[city]) and adm.province_of(adm.by_name[city]).name != province:  # type: ignore[union-attr]
            city = None
    level = "city" if city and level in ("city", "county") else "province"
    return Region(province, city, level, [f"text: {province}{' ' + city if city else ''} named {n} times, scope {level}"])


def place_at_end(text: str) -> str | None:
    """The run of division names that ends `text` (`…日,绵阳市涪城区` -> 绵阳市涪城区), None when it ends with none."""
    found = divisions_in(text)
    if not found or found[-1][1] != len(text):
        return None
    start = found[-1][0]
    for s, e, _ in reversed(found[:-1]):
        if e != start:
            break
        start = s
    return text[start:]


def district_in_full(name: str, province: str | None) -> str:
    """`南川区人民政府` -> `重庆市南川区人民政府`: a body of a 区 is written with its city (a municipality for its
    districts), since district names repeat from city to city (宝山区 of 上海市 and of 双鸭山市); counties as printed."""
    found = divisions_in(name)
    if not found or found[0][0] != 0:
        return name
    form = name.translate(_variants())[: found[0][1]]
    adm = gazetteers.admin()
    cands = [d for d in _by_form().get(form, []) if d.level == "county" and d.kind == "区" and d.name == form]
    if province:
        cands = [d for d in cands if (p := adm.province_of(d)) is not None and p.name == province] or cands
    if len(cands) != 1 or not name[len(form):]:
        return name
    parent = adm.city_of(cands[0]) or adm.province_of(cands[0])
    return parent.name + name if parent is not None and parent.name.endswith("市") else name

