"""Agency mentions: bodies a clause makes responsible (the subject of 要/应/负责/牵头 …).

A name is an agency when it is in the gazetteer, ends with an organisation suffix (厅, 局, 委, 办,
部门, 团委 …) or is an actor noun (各地, 试点城市). Self-references of the issuer (省厅, 我局) and
recipients (报省厅) are not responsible parties.
"""
from __future__ import annotations

import re
from functools import lru_cache

from extractor import gazetteers
from extractor.model import AgencyMention

ACTOR_MARKERS = re.compile(r"(?:要|应当|应|须|必须|负责|牵头|配合|会同|联合|将|可|要求|统筹|共同)")
CLAUSE_BREAK = re.compile(r"[，,；;。：:！!？?\n]")
LEADING = re.compile(r"^(?:[（(][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十]+[、.．]|\d+[、.．])?(?:请|由|同时|并|此外|另外|其中|对此|为此|今后|各有关|)")
REGION_NAME = r"各[\u4e00-\u9fff()（）]{0,10}?(?:市|县|区|州|盟|旗|省|乡镇|街道|地|级|部门|单位|地区)[)）]?"
REGION_ACTOR = re.compile(rf"^({REGION_NAME})(?=要|应|须|至少|每年|均|都|在|于|负责|牵头|将|可|结合|按照)")
SPLIT_LIST = re.compile(r"[、]|会同|联合|和(?=[\u4e00-\u9fff]{2})|及(?=[\u4e00-\u9fff]{2})|与(?=[\u4e00-\u9fff]{2})")


@lru_cache(maxsize=1)
def _suffixes() -> tuple[str, ...]:
    base = gazetteers.agency_suffixes() or ("厅", "局", "委", "办", "部", "部门", "会", "团委", "处", "政府", "组织", "单位")
    return tuple(sorted(set(base) | {"部门", "单位"}, key=len, reverse=True))


@lru_cache(maxsize=1)
def _suffix_pattern() -> re.Pattern[str]:
    return re.compile("(?:" + "|".join(map(re.escape, _suffixes())) + ")$")


@lru_cache(maxsize=1)
def _actor_nouns() -> frozenset[str]:
    return frozenset(gazetteers.keywords("doc_types").get("actor_nouns", []))


@lru_cache(maxsize=1)
def _self_refs() -> frozenset[str]:
    return frozenset(gazetteers.keywords("doc_types").get("self_references", []))


def is_agency_name(name: str) -> bool:
    name = name.strip()
    if len(name) < 2 or len(name) > 40 or name in _self_refs():
        return False
    if name in _actor_nouns() or name in gazetteers.national_agency_names():
        return True
    core = re.sub(r"[(（][^)）]*[)）]$", "", name)
    return _suffix_pattern().search(core) is not None and not core.endswith(("社会组织", "自治组织"))


def is_actor_noun(name: str) -> bool:
    """各地 / 试点城市: the regions a notice addresses rather than a named body."""
    return name in _actor_nouns() or bool(re.fullmatch(REGION_NAME, name)) or any(name.startswith(n) for n in _actor_nouns() if len(n) >= 3)


def actors_in(text: str, start: int, end: int) -> list[AgencyMention]:
    """Responsible bodies in text[start:end]: subjects before actor markers, and sentence-initial actor nouns."""
    out: list[AgencyMention] = []
    seg = text[start:end]
    for m in ACTOR_MARKERS.finditer(seg):
        clause_start = 0
        for b in CLAUSE_BREAK.finditer(seg, 0, m.start()):
            clause_start = b.end()
        subject = seg[clause_start : m.start()]
        lead = LEADING.match(subject)
        offset = clause_start + (lead.end() if lead else 0)
        subject = seg[offset : m.start()].strip()
        if not subject or len(subject) > 45:
            continue
        parts = [p for p in SPLIT_LIST.split(subject) if p]
        if parts and all(is_agency_name(p) or is_actor_noun(p) for p in parts):
            pos = offset
            for p in parts:
                idx = seg.find(p, pos)
                out.append(AgencyMention(start + idx, start + idx + len(p), p, actor=True))
                pos = idx + len(p)
    if not out:
        lead = LEADING.match(seg.lstrip())
        body = seg.lstrip()[lead.end() if lead else 0 :]
        m = REGION_ACTOR.match(body)
        name = m.group(1) if m else next((n for n in sorted(_actor_nouns(), key=len, reverse=True) if body.startswith(n)), None)
        if name:
            idx = seg.find(name)
            out.append(AgencyMention(start + idx, start + idx + len(name), name, actor=True))
    seen: set[tuple[int, int]] = set()
    unique = []
    for a in sorted(out, key=lambda a: a.start):
        if (a.start, a.end) not in seen:
            seen.add((a.start, a.end))
            unique.append(a)
    return unique


def expand(name: str, province: str | None, city: str | None, level: str | None = None) -> str:
    """省民政厅 -> 湖北省民政厅 when the notice's region makes that certain; other names as printed.

    A bare department of the notice's own level (民政厅 in a provincial notice, 民政局 in a city's) is
    that region's department too; anything else (民政部门, 各地民政局) stays as printed.
    """
    if name.startswith("省") and province and province != "全国" and is_agency_name(name):
        return province + name[1:]
    if name.startswith("市") and city and is_agency_name(name):
        return city + name[1:]
    if name in _department_types():
        if level == "province" and province and name.endswith(("厅", "委", "委员会")):
            return province + name
        if level == "city" and city and name.endswith(("局", "委", "委员会")):
            return city + name
    return name


@lru_cache(maxsize=1)
def _department_types() -> frozenset[str]:
    """Department names of the `{region}X` rows in agencies.csv and their short forms (民政厅, 卫健委)."""
    names: set[str] = set()
    for row in gazetteers.agencies():
        if row.get("name", "").startswith("{region}"):
            names.add(row["name"].replace("{region}", ""))
            names.update(s for s in row.get("short_forms", "").split("|") if s and not s.startswith(("省", "市", "区", "县")))
    return frozenset(n for n in names if len(n) >= 3 and "{" not in n)


def resolve(names: list[str], addressees: list[str], issuers: list[str]) -> list[str]:
    """`各地`-style actor nouns stand for the addressees (else the issuers)."""
    out: list[str] = []
    for n in names:
        if n in ("各地", "各级", "各有关单位", "各单位"):
            out.extend(addressees or issuers or [n])
        else:
            out.append(n)
    return list(dict.fromkeys(out))
