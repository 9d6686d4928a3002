"""Responsible bodies (GOLD_FORMAT.md "agencies"): named in or near the clause, else the addressees,
else the issuers.

A name is an agency when it is in the gazetteer, or ends with an organisation suffix (厅, 局, 委员会,
办公室 …; a one-character suffix only with a region or department stem before it), or is an actor noun
(各地, 试点城市). Short words (全部, 格局, 干部, 社会) never are. Sources near a clause: its subject
(`X要…`, `X负责…`), and where a notice assigns a task (`由X牵头`, a note after it: `responsibility.py`),
a task table's 牵头单位/责任单位 column. Self-references of the issuer (省厅, 我局) are not responsible.
Word lists: `gazetteers/keywords/agencies.toml`, `gazetteers/agency_suffixes.txt`, `gazetteers/agencies.csv`.
"""
from __future__ import annotations

import re
from functools import lru_cache

from extractor import gazetteers, patterns
from extractor.extractors import cues
from extractor.extractors.memo import per_document
from extractor.extractors.clauses import TokenIndex
from extractor.model import AgencyMention


@lru_cache(maxsize=1)
def _region_acting() -> re.Pattern[str]:
    return re.compile(patterns.fill("region_acting", markers=cues.alternation("agencies", "actor_markers")))


def _words(key: str) -> frozenset[str]:
    return frozenset(gazetteers.words("agencies", key))


@lru_cache(maxsize=1)
def _suffix_pattern() -> re.Pattern[str]:
    long_suffixes = [s for s in gazetteers.agency_suffixes() if len(s) > 1]
    return re.compile("(?:" + "|".join(map(re.escape, long_suffixes)) + ")$")


@lru_cache(maxsize=1)
def _one_char_suffixes() -> frozenset[str]:
    return frozenset(s for s in gazetteers.agency_suffixes() if len(s) == 1)


@lru_cache(maxsize=1)
def _department_stems() -> frozenset[str]:
    """Stems of department names (民政, 财政, 发展改革) from the gazetteer's department types."""
    stems: set[str] = set()
    for row in gazetteers.agencies():
        for name in [row.get("name", "")] + row.get("short_forms", "").split("|"):
            name = patterns.LEVEL_PREFIX.sub("", name)
            if len(name) >= 3 and name[-1] in _one_char_suffixes():
                stems.add(name[:-1])
    return frozenset(stems)


class _Prefixes:
    """Does a text start with one of these words? One set lookup per word length, not one test per word."""

    def __init__(self, words: frozenset[str] | set[str]) -> None:
        self.words = frozenset(words)
        self.lengths = sorted({len(w) for w in self.words})

    def starts(self, text: str) -> bool:
        return any(text[:n] in self.words for n in self.lengths if n <= len(text))

    def longest(self, text: str) -> str | None:
        return next((text[:n] for n in reversed(self.lengths) if n <= len(text) and text[:n] in self.words), None)


@lru_cache(maxsize=1)
def _region_names() -> _Prefixes:
    adm = gazetteers.admin()
    names = {d.name for d in adm.divisions} | {d.short for d in adm.divisions if len(d.short) >= 2}
    return _Prefixes({n for n in names if len(n) >= 2})


def _anchored(core: str) -> bool:
    """A one-character suffix (厅, 局, 委, 办) needs a region before it (省民政厅, 厦门市民政局) or a known
    department stem as the whole rest of the name (民政厅, 发展改革委)."""
    if patterns.REGION_PREFIX.match(core) or core[:-1] in _department_stems():
        return True
    return _region_names().starts(core)


@lru_cache(maxsize=1)
def _actor_nouns() -> _Prefixes:
    return _Prefixes(_words("actor_nouns"))


@lru_cache(maxsize=1)
def _long_actor_nouns() -> _Prefixes:
    return _Prefixes({n for n in _words("actor_nouns") if len(n) >= 3})


@lru_cache(maxsize=65536)
def is_agency_name(name: str) -> bool:
    name = name.strip()
    if len(name) > 40 or name in _words("self_references") or name in _words("not_agencies") or patterns.NOT_AGENCY_START.search(name):
        return False
    if name in _words("actor_nouns") or name in gazetteers.national_agency_names():
        return True
    if name.endswith(gazetteers.words("agencies", "not_agency_endings")):
        return False
    if len(name) < 3:
        return False
    core = re.sub(r"[(（][^)）]*[)）]$", "", name)
    if core.endswith(gazetteers.words("agencies", "not_agency_core_endings")) or len(core) < 3:
        return False
    if _suffix_pattern().search(core):
        return True
    return core[-1] in _one_char_suffixes() and _anchored(core)


def split_bodies(text: str) -> list[str]:
    """A list of bodies split on 、/会同/联合/和/及/与, but a 和 inside one body's name stays (`文化和旅游部`,
    `工业和信息化部`, `市规划和自然资源局`): a part before 和 that is no body's name is joined to what follows."""
    pieces = re.split(f"({patterns.source('agency_list_split')})", text)
    parts: list[str] = []
    joiner = ""
    levels = False  # the last part is a run of level words waiting for its body (各市、县(区) …人民政府)
    for k, piece in enumerate(pieces):
        if k % 2:
            joiner = piece
            continue
        if parts and joiner == "、" and (levels or _open_bracket(parts[-1])):
            parts[-1] += joiner + piece
        elif parts and joiner in gazetteers.words("agencies", "name_joiners") and parts[-1] and not is_agency_name(parts[-1]) and is_agency_name(parts[-1] + joiner + piece):
            parts[-1] += joiner + piece
        else:
            parts.append(piece)
        levels = not _open_bracket(parts[-1]) and bool(patterns.LEVEL_LIST_ITEM.match(_last_item(parts[-1])))
    return [p for p in parts if p]


def _open_bracket(text: str) -> bool:
    return text.count("(") + text.count("（") > text.count(")") + text.count("）")


def _last_item(text: str) -> str:
    """The last item of a 、-list, a 、 inside brackets not counting (`各市、县(市、区)` -> `县(市、区)`)."""
    depth = 0
    for i in range(len(text) - 1, -1, -1):
        ch = text[i]
        depth += ch in ")）"
        depth -= ch in "(（"
        if ch == "、" and depth == 0:
            return text[i + 1 :]
    return text


def is_bare_place(name: str) -> bool:
    """A division's name alone (`武汉市`, `恩施州`), which names a place, not a body that must act."""
    gaz = gazetteers.admin()
    return name in gaz.by_name or name in gaz.by_short


def is_actor_noun(name: str) -> bool:
    """各地 / 试点城市 / 武汉市: the regions a notice addresses, or a named region acting (its government); 全市卫生计生系统:
    the bodies of one line of work in the whole region."""
    if name in _actor_nouns().words or patterns.REGION_COLLECTIVE.fullmatch(name) or _long_actor_nouns().starts(name):
        return True
    if patterns.SYSTEM_COLLECTIVE.match(name):
        return True
    return len(name) >= 3 and name in gazetteers.admin().by_name


def _strip_lead(subject: str) -> str:
    leads = gazetteers.words("agencies", "subject_leads")
    marker = patterns.LIST_MARKER.match(subject)
    if marker:
        subject = subject[marker.end() :]
    changed = True
    while changed:
        changed = False
        for w in leads:
            if subject.startswith(w) and len(subject) > len(w):
                subject, changed = subject[len(w) :], True
    return subject


def actors_in(text: str, start: int, end: int, tokens: TokenIndex | None = None) -> list[AgencyMention]:
    """Responsible bodies in text[start:end]: subjects before actor markers (a one-character marker such as
    可 or 将 only as a word of its own, not in 可吸入), and sentence-initial actor nouns."""
    return list(_actors(text, start, end, tokens=tokens))


@per_document
def _actors(text: str, start: int, end: int, tokens: TokenIndex | None = None) -> tuple[AgencyMention, ...]:
    out: list[AgencyMention] = []
    seg = text[start:end]
    for pos, _ in cues.find("agencies", "actor_markers", text, start, end, tokens, prefix_ok=True):
        clause_start = 0
        for b in patterns.CLAUSE_END.finditer(seg, 0, pos - start):
            clause_start = b.end()
        raw = seg[clause_start : pos - start]
        subject = patterns.AGENCY_TRAILING.sub("", _strip_lead(raw.strip()))
        for verb in gazetteers.words("agencies", "directive_verbs"):
            if verb in subject:
                subject = subject.rsplit(verb, 1)[-1]  # `省政府责成省交通运输厅于…`: the body the duty is laid on
        offset = clause_start + raw.find(subject) if subject else clause_start
        if not subject or len(subject) > 45:
            continue
        roles = gazetteers.words("agencies", "responsibility_words")
        parts = split_bodies(subject)
        # `市卫生健康委牵头、市医保局配合`: each body of the list carries its own role word
        parts = [next((p[: -len(r)] for r in roles if p.endswith(r) and len(p) > len(r)), p) for p in parts]
        marker = text[pos : pos + 2]
        if marker in gazetteers.words("agencies", "directive_verbs") and _directed(text[pos + 2 : pos + 22]):
            continue  # `市政府要求市城市管理局…`: the body told to act is responsible, not the one that tells it
        if any(p.endswith("企业") for p in parts) and not marker.startswith(gazetteers.words("agencies", "duty_markers")):
            continue  # 企业 are responsible only when a duty is laid on them (房地产开发企业需…)
        if parts and all(is_bare_place(p) for p in parts) and not marker.startswith(gazetteers.words("agencies", "duty_markers")):
            continue  # `武汉市、襄阳市可吸入颗粒物…下降18%`: places named, no body; `武汉市、宜昌市应…`: a duty laid on them
        if parts and all(is_agency_name(p) or is_actor_noun(p) for p in parts):
            pos = offset
            for p in parts:
                idx = seg.find(p, pos)
                out.append(AgencyMention(start + idx, start + idx + len(p), p, actor=True))
                pos = idx + len(p)
    for verb in gazetteers.words("agencies", "directive_verbs"):
        k = seg.find(verb)
        while k >= 0:
            name = _directed(seg[k + len(verb) : k + len(verb) + 20])
            if name:
                at = start + k + len(verb)
                out.append(AgencyMention(at, at + len(name), name, actor=True))
            k = seg.find(verb, k + len(verb))
    if not out:
        body = _strip_lead(seg.lstrip())
        m = _region_acting().match(body)
        name = m.group(1) if m else _actor_nouns().longest(body)
        if name:
            idx = seg.find(name)
            out.append(AgencyMention(start + idx, start + idx + len(name), name, actor=True))
    seen: set[tuple[int, int]] = set()
    unique = []
    for a in sorted(out, key=lambda a: a.start):
        if (a.start, a.end) not in seen:
            seen.add((a.start, a.end))
            unique.append(a)
    return tuple(unique)


def _directed(after: str) -> str | None:
    """The body a directive verb lays a duty on (`要求志愿服务中心畅通…` -> 志愿服务中心): the longest body's name that
    opens the words after it, when a verb follows (not `要求各地市场监管局局长`)."""
    m = re.match(r"[\u4e00-\u9fff]{2,18}", after)
    if not m:
        return None
    words = m.group(0)
    for n in range(len(words), 1, -1):
        if (is_agency_name(words[:n]) or words[:n] in _actor_nouns().words) and not is_bare_place(words[:n]):
            return words[:n]
    return None


def expand(name: str, province: str | None, city: str | None, level: str | None = None) -> str:
    """省民政厅 -> 湖北省民政厅 when the notice's region makes that certain; other names as printed.

    A bare department of the notice's own level (民政厅 in a provincial notice, 民政局 in a city's) is
    that region's department too; anything else (民政部门, 各地民政局) stays as printed.
    """
    if name.startswith("省") and province and province != "全国" and is_agency_name(name):
        return province + name[1:]
    if name.startswith("自治区") and province and province.endswith("自治区") and is_agency_name(name):
        return province + name[3:]
    if name.startswith("市") and is_agency_name(name):
        if city:
            return city + name[1:]
        if province and province.endswith("市") and level == "province":
            return province + name[1:]  # 上海市文明办: the four municipalities are provinces
    if name in _department_types():
        if level == "province" and province and province != "全国" and name.endswith(gazetteers.words("agencies", "province_department_endings")):
            return province + name
        if level == "city" and city and name.endswith(gazetteers.words("agencies", "city_department_endings")):
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
    """Actor nouns that stand for the addressees (各地, 各级) become the addressees (else the issuers)."""
    out: list[str] = []
    for n in names:
        if n in _words("addressee_actors"):
            out.extend(addressees or issuers or [n])
        else:
            out.append(n)
    return list(dict.fromkeys(out))
