"""Document metadata: title, 发文字号, issuers, addressees, date, province/city/admin level.

Notice anatomy: title, 发文字号, 主送机关 line ending in `:`, body, signature (issuers) and 成文日期.
Pages that only report a notice (`XX厅印发《…》`) give the title and issuer from that sentence.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from extractor import gazetteers
from extractor.extractors.agencies import is_agency_name
from extractor.extractors.deadlines import find_times
from extractor.extractors.numbers import parse_number

DOC_NUMBER = re.compile(r"(?P<prefix>[\u4e00-\u9fff]{1,12})〔(?P<year>(?:19|20)\d{2})〕\s*第?\s*(?P<no>\d{1,5})\s*号")
CN_DATE = re.compile(r"^(?P<names>(?:[\u4e00-\u9fff()（）]{2,30}\s+)*)(?P<y>(?:19|20)\d{2}|二[〇零○][一二三四五六七八九〇零○]{2})\s*年\s*(?P<m>\d{1,2}|[一二三四五六七八九十]{1,3})\s*月\s*(?P<d>\d{1,2}|[一二三四五六七八九十]{1,3})\s*日$")
PUB_DATE = re.compile(r"(?:发布日期|发布时间|时间|日期|发文日期|成文日期)[:：]\s*((?:19|20)\d{2})[-./年](\d{1,2})[-./月](\d{1,2})")


@dataclass
class Metadata:
    title: str | None = None
    doc_number: str | None = None
    issuers: list[str] = field(default_factory=list)
    addressees: list[str] = field(default_factory=list)
    issue_date: str | None = None
    province: str | None = None
    city: str | None = None
    admin_level: str | None = None
    base_year: int | None = None
    genre: str | None = None
    region_evidence: list[str] = field(default_factory=list)
    addressee_line: int | None = None
    title_line: int | None = None


@lru_cache(maxsize=1)
def _title_endings() -> tuple[str, ...]:
    return tuple(sorted(gazetteers.keywords("doc_types").get("title_endings", []), key=len, reverse=True))


def _looks_like_title(s: str) -> bool:
    s = s.strip("《》 ")
    return 6 <= len(s) <= 90 and s.endswith(_title_endings()) and not re.search(r"[。；;!！?？]", s)


def _strip_title(s: str) -> str:
    s = s.strip()
    # page titles carry the site: `关于…的通知_湖北省民政厅`, `关于…的通知 - 某某网`
    parts = [p.strip() for p in re.split(r"\s*(?:_|\||｜|\s-\s|——)\s*", s) if p.strip()]
    if len(parts) > 1:
        titled = [p for p in parts if _looks_like_title(p.strip("《》 "))]
        if titled:
            s = titled[0]
    m = re.search(r"《([^《》]+)》", s)
    if m and _looks_like_title(m.group(1)) and len(m.group(1)) >= len(s) - 12:
        s = m.group(1)
    s = s.strip("《》 ")
    s = re.sub(r"^(?:[\u4e00-\u9fff]{1,12}〔\d{4}〕\d+号\s*)", "", s)
    s = re.sub(r"^(?:19|20)\d{2}年(?=[\u4e00-\u9fff]{2,}(?:关于|印发))", "", s)
    return s.strip()


def _addressee_line(lines: list[str]) -> int | None:
    """The 主送机关 line: starts like a list of bodies and ends (or breaks) with a colon."""
    for i, line in enumerate(lines[:200]):
        m = re.match(r"^([^:：。]{2,160}?)[:：]", line)
        if not m:
            continue
        head = m.group(1)
        if re.match(r"^(?:时间|日期|来源|发布|浏览|作者|编辑|字号|标题|附件|抄送|主题词|索引号|发文)", head):
            continue
        parts = [p for p in re.split(r"[,，;；]", head) if p]
        if parts and (head.startswith("各") or all(is_agency_name(p.strip()) for p in parts)):
            return i
    return None


def _split_addressees(line: str) -> list[str]:
    head = re.split(r"[:：]", line, maxsplit=1)[0]
    return [p.strip() for p in re.split(r"[,，;；]", head) if p.strip()]


def _signature(lines: list[str], after: int) -> tuple[list[str], str | None, int | None]:
    """Issuers and date from the last `YYYY年M月D日` line preceded by agency-name lines."""
    for i in range(len(lines) - 1, after, -1):
        m = CN_DATE.match(lines[i].strip())
        if not m:
            continue
        y = parse_number(m.group("y"))
        mo = parse_number(m.group("m"))
        d = parse_number(m.group("d"))
        date = f"{int(y):04d}-{int(mo):02d}-{int(d):02d}" if y and mo and d else None
        same_line = m.group("names").split()
        if same_line and not all(is_agency_name(n) for n in same_line):
            continue
        issuers: list[str] = list(same_line)
        j = i - 1
        while j > after and len(issuers) < 12:
            names = [n for n in re.split(r"\s+", lines[j].strip()) if n]
            if not all(is_agency_name(n) for n in names):
                names = [lines[j].strip()]
            if names and all(is_agency_name(n) and len(n) <= 30 for n in names):
                issuers = names + issuers
                j -= 1
                continue
            break
        return issuers, date, i
    return [], None, None


def _doc_number(lines: list[str], body_start: int) -> str | None:
    """The notice's own number: on its own line, or in the header before the body starts."""
    for i, line in enumerate(lines[: max(body_start, 1) + 1]):
        for m in DOC_NUMBER.finditer(line):
            before = line[: m.start()]
            if re.search(r"[(（]$|根据|按照|依据|《", before[-6:]) or line[m.end() : m.end() + 2] == "文件":
                continue
            return f"{m.group('prefix')}〔{m.group('year')}〕{m.group('no')}号"
    return None


def _reported_issuer(text: str, title: str | None) -> list[str]:
    verbs = "|".join(gazetteers.keywords("doc_types").get("publish_verbs", ["印发"]))
    for m in re.finditer(rf"([\u4e00-\u9fff]{{2,30}}?)(?:近日|日前|正式)?(?:{verbs})(?:了)?《([^《》]+)》", text):
        name = re.sub(r"^.*?(?:日前|近日|近期|最近|今年|日)[,，]?", "", m.group(1))
        if title and m.group(2) != title and not title.endswith(m.group(2)):
            continue
        if is_agency_name(name):
            return [name]
    return []


def _title(lines: list[str], addressee: int | None, hint: str | None) -> tuple[str | None, int | None]:
    if addressee is not None:
        for i in range(addressee - 1, max(-1, addressee - 8), -1):
            if _looks_like_title(_strip_title(lines[i])):
                return _strip_title(lines[i]), i
    for i, line in enumerate(lines[:60]):
        for m in re.finditer(r"《([^《》]{6,90})》", line):
            if _looks_like_title(m.group(1)):
                return m.group(1), i
        if len(line) <= 90 and _looks_like_title(_strip_title(line)):
            return _strip_title(line), i
    return (hint.strip() if hint else None), None


def _region(names: list[tuple[str, str]]) -> tuple[str | None, str | None, str | None, list[str]]:
    """Province, city, level from (source, text) evidence: the first source naming a region wins."""
    adm = gazetteers.admin()
    national = gazetteers.national_agency_names()
    evidence: list[str] = []
    for source, name in names:
        if not name:
            continue
        if name in national or re.match(r"^(?:国务院|国家|中共中央|中央|全国|共青团中央|中华全国)", name):
            evidence.append(f"{source}: {name} is a national body")
            return "全国", None, "national", evidence
        best = None
        for div in adm.divisions:
            # county short names (共和, 城区) are common words: counties match by full name only
            forms = (div.name,) if div.level == "county" else (div.name, div.short)
            for form in forms:
                if len(form) >= 2 and form in name:
                    pos = name.find(form)
                    key = (pos, -len(form), {"county": 0, "city": 1, "province": 2}.get(div.level, 3))
                    if best is None or key < best[0]:
                        best = (key, div)
        if best is None:
            continue
        div = best[1]
        province = adm.province_of(div)
        city = adm.city_of(div)
        level = div.level if div.level in ("province", "city", "county") else None
        if level == "county" and re.search(r"(?:市|州|盟)(?:委|政府|人民政府|民政局|[\u4e00-\u9fff]{0,6}局)$", name) and city:
            level = "city"
        evidence.append(f"{source}: {name} -> {div.name}")
        return (province.name if province else None), (city.name if city else None), level, evidence
    return None, None, None, evidence


def extract_metadata(text: str, title_hint: str | None = None, date_hint: str | None = None, raw: str = "") -> Metadata:
    lines = text.split("\n")
    meta = Metadata()
    meta.addressee_line = _addressee_line(lines)
    if meta.addressee_line is not None:
        meta.addressees = _split_addressees(lines[meta.addressee_line])
    meta.title, meta.title_line = _title(lines, meta.addressee_line, title_hint)
    body_start = meta.addressee_line if meta.addressee_line is not None else (meta.title_line or 0) + 3
    meta.doc_number = _doc_number(lines, body_start)
    sig_after = meta.addressee_line if meta.addressee_line is not None else (meta.title_line if meta.title_line is not None else -1)
    meta.issuers, meta.issue_date, _ = _signature(lines, sig_after)
    if not meta.issuers and meta.title:
        m = re.match(r"^(.{2,60}?)关于", meta.title)
        if m:
            names = [n for n in re.split(r"\s+|、", m.group(1)) if n]
            if names and all(is_agency_name(n) for n in names):
                meta.issuers = names
    if not meta.issuers:
        meta.issuers = _reported_issuer(text, meta.title)
    if meta.issue_date is None:
        m = PUB_DATE.search(raw or text)
        if m:
            meta.issue_date = f"{int(m.group(1)):04d}-{int(m.group(2)):02d}-{int(m.group(3)):02d}"
        elif date_hint:
            meta.issue_date = date_hint
    prefix_rows = gazetteers.doc_number_prefixes()
    evidence_sources: list[tuple[str, str]] = [("issuer", n) for n in meta.issuers]
    if meta.doc_number:
        for row in prefix_rows:
            if meta.doc_number.startswith(row.get("prefix", "~")):
                evidence_sources.append(("doc_number", row.get("issuer", "")))
                break
    evidence_sources += [("title", meta.title or "")] + [("addressee", a) for a in meta.addressees]
    meta.province, meta.city, meta.admin_level, meta.region_evidence = _region(evidence_sources)
    meta.base_year = _base_year(meta, text)
    return meta


def _base_year(meta: Metadata, text: str) -> int | None:
    """The issue year; else the year the text itself names for the work (GOLD_FORMAT.md)."""
    if meta.issue_date:
        return int(meta.issue_date[:4])
    masked = re.sub(r"《[^《》]*》|[\u4e00-\u9fff]{1,12}〔\d{4}〕\d+号", " ", text)
    years = [t.year for t in find_times(masked, None) if t.year and t.kind in ("deadline", "year")]
    if meta.doc_number:
        return int(re.search(r"〔(\d{4})〕", meta.doc_number).group(1))  # type: ignore[union-attr]
    return years[0] if years else None
