"""Issuing bodies (GOLD_FORMAT.md "issuers"): the 落款 before the signature date, else the bodies the
title names before 关于, else a 发文机关/制定机关 field; for a report, the bodies that 印发/发布/出台 it
(`省委组织部、省发改委、民政厅、人社厅联合…发布《…》`), split and written in full with the region.
"""
from __future__ import annotations

import re
from functools import lru_cache

from extractor import gazetteers, patterns
from extractor.extractors import regions
from extractor.extractors.agencies import expand, is_agency_name, split_bodies
from extractor.extractors.numbers import parse_number



@lru_cache(maxsize=1)
def corner_quotes() -> dict[int, str]:
    """Quotation marks of traditional text as the simplified ones (「十四五」 -> “十四五”), for comparing titles."""
    return str.maketrans(gazetteers.keywords("metadata")["quote_variants"])


ZEROS = str.maketrans("0OＯ", "〇〇〇")  # 二00八 as 二〇〇八


def signature(lines: list[str], after: int) -> tuple[list[str], str | None, int | None]:
    """Issuers and date from the last `YYYY年M月D日` line with agency-name lines (or names) before it."""
    for i in range(len(lines) - 1, after, -1):
        m = patterns.SIGNATURE_DATE_LINE.match(lines[i].strip())
        if not m:
            continue
        y, mo, d = (parse_number(m.group(k).translate(ZEROS) if k == "y" and m.group(k).startswith("二") else m.group(k)) for k in ("y", "m", "d"))
        date = f"{int(y):04d}-{int(mo):02d}-{int(d):02d}" if y and mo and d else None
        same_line = m.group("names").split()
        if same_line and not all(is_agency_name(n) for n in same_line):
            continue
        bracketed = lines[i].strip().startswith(("(", "（"))
        issuers: list[str] = list(same_line)
        j = i - 1
        while j > after and len(issuers) < 12:
            if not lines[j].strip():
                j -= 1  # blank lines between the bodies and the date (长顺县统计局 / / (2020年7月10日))
                continue
            names = [n for n in re.split(r"\s+", lines[j].strip()) if n]
            if not all(is_agency_name(n) for n in names):
                names = [lines[j].strip()]
            if names and all(is_agency_name(n) and len(n) <= 30 for n in names):
                issuers = names + issuers
                j -= 1
                continue
            break
        if bracketed and not issuers:
            continue  # `(2024年4月30日)` under a title: the date a report was given, no signature
        return issuers, date, i
    return [], None, None


def from_title(title: str | None) -> list[str]:
    """`厦门市民政局关于…`, `中共厦门市委文明办 厦门市民政局关于…`: the bodies before 关于."""
    if not title:
        return []
    m = patterns.TITLE_ISSUERS.match(title)
    if not m:
        return []
    names = [n for n in re.split(r"\s+|、", m.group(1)) if n]
    return names if names and all(is_agency_name(n) for n in names) else []


def _strip_leads(name: str) -> str:
    leads = gazetteers.words("metadata", "publisher_leads")
    name = patterns.REPORT_TIME_LEAD.sub("", name) if patterns.REPORT_TIME_WORD.search(name) else name
    name = patterns.TRAILING_PREPOSITION.sub("", name)
    changed = True
    while changed:
        changed = False
        for w in leads:
            if name.endswith(w) and len(name) > len(w):
                name, changed = name[: -len(w)], True
    return name.strip()


def _anaphor(text: str, pos: int, word: str) -> str | None:
    """`该局近日印发…`: the last body named before with the same suffix (记者从市民政局获悉 -> 市民政局)."""
    suffix = word[-1]
    names = [m.group(0) for m in re.finditer(rf"[\u4e00-\u9fff]{{2,20}}{suffix}", text[max(0, pos - 400) : pos])]
    for name in reversed(names):
        for k in range(len(name) - 2):
            cand = name[k:]
            if patterns.ANAPHOR_BODY_START.match(cand) and is_agency_name(cand):
                return cand
    return None


def from_headline(headline: str | None) -> list[str]:
    """`民政部要求到2022年…`: a headline opening with a body and what it decided names the issuer."""
    if not headline:
        return []
    verbs = "|".join(re.escape(v) for v in gazetteers.words("doc_types", "publish_verbs"))
    m = re.match(patterns.fill("headline_issuer", verbs=verbs), headline)
    return [m.group(1)] if m and is_agency_name(m.group(1)) else []


def reported(text: str, title: str | None, meeting: bool = False) -> list[str]:
    """The bodies a report says 印发/发布/出台 the notice (the one titled `title` when it is known); with
    `meeting`, the bodies that held the meeting it reports (`省民政厅于29日在昆明召开…推进会`)."""
    verbs = "|".join(re.escape(v) for v in gazetteers.words("doc_types", "publish_verbs"))
    ends = "|".join(re.escape(e) for e in gazetteers.words("doc_types", "title_endings"))
    if meeting:
        found = list(patterns.MEETING_HOLDER.finditer(text[:6000]))
    else:
        found = sorted([*re.finditer(patterns.fill("report_publisher", verbs=verbs, ends=ends), text[:6000]),
                        *patterns.DRAFTED_BY.finditer(text[:6000]), *patterns.CONFERENCE_PUBLISHER.finditer(text[:6000])],
                       key=lambda m: m.start())
    for m in found:
        named = m.group("t").translate(corner_quotes()) if m.group("t") else None
        if title and named and named != title and not title.endswith(named) and not named.endswith(title):
            continue
        who = _strip_leads(m.group("who"))
        if meeting and who.endswith(gazetteers.words("metadata", "press_offices")):
            continue  # a press office hosts the conference; the body that speaks at it is the issuer
        tail = re.split(r"[)）]", who)[-1]
        if tail != who and is_agency_name(tail):
            who = tail  # `记者陈地)成都市体育局23日公布了《…》`: the body after a byline's bracket
        anaphors = gazetteers.words("metadata", "anaphors")
        if who in anaphors or who.endswith(anaphors):
            body = _anaphor(text, m.start(), who[-2:] if len(who) >= 2 else who)
            return [body] if body else []
        who = patterns.BY_LEAD.sub("", who)
        parts = [patterns.ETC_TAIL.sub("", p).strip() for p in split_bodies(patterns.ETC_BODIES.sub("", who)) if p.strip()]
        parts = [p for p in parts if p]
        if parts and all(is_agency_name(p) for p in parts):
            return list(dict.fromkeys(parts))
        if parts and is_agency_name(parts[-1]):
            # `…通过,江苏省民政厅` : keep the tail of names
            tail = []
            for p in reversed(parts):
                if not is_agency_name(p):
                    break
                tail.insert(0, p)
            return tail
    if not meeting:
        for m in re.finditer(patterns.fill("owner_document", verbs=verbs), text[:6000]):
            if is_agency_name(m.group("who")):
                return [m.group("who")]  # the body whose document it is (`发布了人社部“2013年工作要点”`)
    return []


def press_host(text: str) -> list[str]:
    """The press office that hosts the conference a page reports (not its issuer, but where it sits tells the
    page's level: 国务院新闻办公室 is national)."""
    for m in patterns.MEETING_HOLDER.finditer(text[:6000]):
        who = _strip_leads(m.group("who"))
        if who.endswith(gazetteers.words("metadata", "press_offices")) and is_agency_name(who):
            return [who]
    return []


def written_in_full(names: list[str], province: str | None, city: str | None, level: str | None) -> list[str]:
    """`省民政厅` -> `四川省民政厅`, a bare department of the notice's level (民政厅) with its region, and a district's
    body with its city (`南川区人民政府` -> `重庆市南川区人民政府`), a province's short name in full (`宁夏自然资源厅` ->
    `宁夏回族自治区自然资源厅`)."""
    return list(dict.fromkeys(regions.district_in_full(province_in_full(expand(n, province, city, level), province), province)
                              for n in names))


def from_news_source(text: str) -> list[str]:
    """The body a news report names as its source (`记者从住房和城乡建设部获悉`, `据山西省住房和城乡建设厅消息`):
    on a page with no signature the notice's issuer is printed as the news source."""
    for m in patterns.NEWS_SOURCE.finditer(text[:3000]):
        who = _strip_leads(m.group("who") or m.group("data"))
        if is_agency_name(who):
            return [who]
    return []


def from_work_report(text: str) -> list[str]:
    """The government whose work report the page reports (`代表省人民政府…作政府工作报告`, `浙江省省长…作政府工作报告`;
    `代市长陈冬昨日在政府工作报告中提出` gives 市人民政府, written in full once the region is known)."""
    m = patterns.WORK_REPORT_GIVER.search(text[:3000])
    if not m:
        return []
    if m.group("who"):
        return [_at_session_place(text, m.group("who"))]
    place = m.group("place")
    if place:
        return [_at_session_place(text, place + "人民政府")]
    return [_at_session_place(text, m.group("head") + "人民政府")] if m.group("head") else []


def _at_session_place(text: str, government: str) -> str:
    """`区人民政府`, `城中区人民政府` at `西宁市城中区第十九届人民代表大会`: the government of the session's place in full
    (西宁市城中区人民政府); a province's government as it is."""
    own = government.removesuffix("人民政府")
    if own in ("省", "自治区") or not own.endswith(("市", "区", "县", "州")):
        return government
    for m in patterns.SESSION_PLACE.finditer(text[:3000]):
        place = regions.place_at_end(m.group("place"))
        if place and place.endswith(own) and len(place) >= len(own):
            return place + "人民政府"
    return government


def from_official(text: str) -> list[str]:
    """The body whose office holder speaks for it (`人力资源和社会保障部部长王晓萍26日在北京介绍`,
    `应急管理部相关负责人表示`): on a news page with no other clue, the body whose work it reports. The name is
    the longest tail of the words before the office that is a body's name (`…国安个首应急管理部` -> 应急管理部)."""
    offices = "|".join(re.escape(w) for w in gazetteers.words("metadata", "official_titles"))
    leads = gazetteers.words("metadata", "speaker_leads")
    for m in re.finditer(patterns.fill("official_speaker", offices=offices), text[:3000]):
        who = m.group("who")
        for k in range(len(who) - 2):
            cand = who[k:]
            lead = next((w for w in leads if cand.startswith(w)), "")
            if lead and is_agency_name(cand[len(lead) :]):
                cand = cand[len(lead) :]
            if is_agency_name(cand) and not cand.endswith(gazetteers.words("metadata", "press_offices")):
                return [cand]
    return []


def from_headline_publisher(title: str | None) -> tuple[list[str], str | None]:
    """A headline that says who published what (`临汾市政府印发临汾市水污染防治2018年行动计划`): the bodies and
    the document's own title; ([], None) when the headline is not of that form."""
    if not title:
        return [], None
    verbs = "|".join(re.escape(v) for v in gazetteers.words("doc_types", "publish_verbs"))
    m = re.match(patterns.fill("headline_publisher", verbs=verbs), title)
    if not m:
        return [], None
    names = split_bodies(m.group("who"))
    return (names, m.group("t")) if names and all(is_agency_name(n) for n in names) else ([], None)


def masthead(lines: list[str], title_line: int | None) -> list[str]:
    """The issuing bodies printed above the title (`中共浙江省委 浙江省人民政府`, `浙江省人民政府文件`), the
    masthead of a formal notice, when the page has no signature under the body."""
    if not title_line:
        return []
    tail = gazetteers.words("metadata", "masthead_tail")
    for i in range(title_line - 1, max(-1, title_line - 3), -1):
        line = lines[i].strip()
        for w in tail:
            if line.endswith(w) and len(line) > len(w):
                line = line[: -len(w)].strip()
        names = [n for n in re.split(r"\s+", line) if n]
        if names and all(is_agency_name(n) and len(n) <= 30 for n in names):
            return names
        if line:
            return []
    return []


def from_speaker(headline: str | None) -> list[str]:
    """A headline opened by the body that speaks (`国家林草局:2025年…`)."""
    m = patterns.HEADLINE_SPEAKER.match(headline or "")
    return [m.group("who")] if m and is_agency_name(m.group("who")) else []


def from_doc_number(number: str | None) -> list[str]:
    """The issuer whose code opens the 发文字号 (`豫政办〔2023〕4号` -> 河南省人民政府办公厅), longest code first."""
    if not number:
        return []
    best = max((row for row in gazetteers.doc_number_prefixes() if number.startswith(row.get("prefix", "~"))),
               key=lambda row: len(row["prefix"]), default=None)
    return [n for n in re.split(r"[、，,]", best["issuer"]) if n] if best and best.get("issuer") else []


def province_in_full(name: str, province: str | None) -> str:
    """`宁夏自然资源厅` -> `宁夏回族自治区自然资源厅`: a body named with its province's short name, the province in full
    (GOLD_FORMAT.md: issuers written in full with the province)."""
    div = gazetteers.admin().by_name.get(province or "")
    if div is None or div.level != "province" or div.short == div.name or name.startswith(div.name):
        return name
    rest = name[len(div.short) :]
    if not name.startswith(div.short) or not rest:
        return name
    first = regions.divisions_in(rest)[:1]
    if first and first[0][0] == 0:
        return name  # 江苏镇江市…: a city after the short name is the city's body
    return div.name + rest if is_agency_name(rest) else name
