"""Document metadata: title, 发文字号, issuers, addressees, date, province/city/level, genre.

Notice anatomy: title, 发文字号, 主送 line ending in `:`, body, signature (issuers) and 成文日期. Pages that
only report or repost a notice give the title from the 《…》 they say was issued, the issuers from the
publishing sentence, and the date from the page (its byline or open-information fields). Each part has
its own module; this one puts them together in the order their answers depend on each other.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from extractor import gazetteers, patterns
from extractor.extractors import issuers as issuer_rules
from extractor.extractors import regions, titles
from extractor.extractors.agencies import is_agency_name
from extractor.extractors.deadlines import find_times
from extractor.extractors.genre import detect_genre, names_no_goal, reviews_period
from extractor.extractors.header_fields import HeaderFields, parse_date, read_fields
from extractor.outline import Block, Outline


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
    dated: bool = False
    year_of_plan: bool = False  # base_year is only a guess from a plan period the text names (no date, no year)
    genre: str | None = None
    names_no_goal: bool = False
    reviews_period: bool = False
    reported_through: str | None = None  # undated: the end of the latest period the page reports on (reported_year)
    region_evidence: list[str] = field(default_factory=list)
    addressee_line: int | None = None
    title_line: int | None = None
    headline: str | None = None
    publishers: list[str] = field(default_factory=list)
    signature_line: int | None = None


def addressee_line(lines: list[str]) -> int | None:
    """The 主送 line: a list of bodies ending with a colon (`各市、县人民政府，省政府各部门：`). A headline such as
    `教育部:去年…` is not one: after the colon of a 主送 line comes the end of the line or the body."""
    labels = set(gazetteers.words("metadata", "title_labels") + gazetteers.words("metadata", "other_labels")
                 + gazetteers.words("metadata", "publish_date_labels") + gazetteers.words("metadata", "publisher_labels"))
    for i, line in enumerate(lines[:200]):
        m = re.match(r"^([^:：。]{2,200}?)[:：]", line)
        if not m:
            continue
        head = m.group(1).strip()
        if head.replace(" ", "") in labels or patterns.NOT_ADDRESSEE_HEAD.match(head):
            continue
        parts = [p.strip() for p in patterns.ITEM_BREAK.split(head) if p.strip()]
        listed = head.startswith("各") or len(parts) >= 2 or "、" in head
        rest = line[m.end() :].strip()
        if parts and (head.startswith("各") or all(is_agency_name(p) for p in parts)) and (listed or not rest or patterns.ADDRESSEE_THEN.match(rest)):
            return i
    return None


def split_addressees(line: str) -> list[str]:
    """Split on commas and semicolons only (GOLD_FORMAT.md "addressees"): a 、-list stays one entry, whether of
    one kind of body (`各市、州、县(市、区)民政局`) or of two groups (`省政府各部门、各直属机构`)."""
    head = re.split(r"[:：]", line, maxsplit=1)[0]
    return [p.strip() for p in patterns.ITEM_BREAK.split(head) if p.strip()]


def inline_addressees(text: str) -> list[str]:
    """A 主送 list run into a flattened page after the title (`…若干意见(试行)各区、县(市)人民政府,…：为…`)."""
    m = patterns.ADDRESSEE_LINE.search(text[:4000])
    if not m:
        return []
    parts = split_addressees(m.group(1))
    return parts if all(is_agency_name(p) or p.startswith("各") for p in parts) else []


def doc_number(lines: list[str], body_start: int, fields: HeaderFields, footer: Sequence[str] = ()) -> str | None:
    """The notice's own number: a 文号 field, or one on its own line or in the header before the body, or the
    name of the notice's own file the page links to (`市政办发〔2022〕167号.pdf`)."""
    for value in fields.values["doc_number"]:
        m = patterns.DOC_NUMBER.search(value)
        if m:
            return f"{m.group('prefix')}〔{m.group('year')}〕{m.group('no')}号"
    for line in lines[: max(body_start, 1) + 1]:
        for m in patterns.DOC_NUMBER.finditer(line):
            before = line[: m.start()]
            if patterns.CITED_NUMBER_BEFORE.search(before[-6:]) or line[m.end() : m.end() + 2] == "文件":
                continue
            return f"{m.group('prefix')}〔{m.group('year')}〕{m.group('no')}号"
    for line in footer:  # the page's link to the notice's own file, named by its number
        m = patterns.DOC_NUMBER_FILE.match(line)
        if m:
            return f"{m.group('prefix')}〔{m.group('year')}〕{m.group('no')}号"
    return None


def _issue_date_from_report(text: str, page_date: str | None) -> str | None:
    """`国家发展改革委、国家体育总局27日联合印发《…》` on a page of 2021-04-28: issued 2021-04-27."""
    if not page_date:
        return None
    verbs = "|".join(re.escape(v) for v in gazetteers.words("doc_types", "publish_verbs"))
    m = re.search(patterns.fill("dated_publish", verbs=verbs), text[:1500])
    if not m:
        return None
    y, mo = int(page_date[:4]), int(m.group("m") or page_date[5:7])
    d = int(m.group("d"))
    if not (1 <= mo <= 12 and 1 <= d <= 31):
        return None
    date = f"{y:04d}-{mo:02d}-{d:02d}"
    return date if date <= page_date else None


def _work_report_date(text: str, page_date: str | None) -> str | None:
    """A report of a government work report is dated by the session it was given at (`2月25日上午10时,成都市第十七届
    人民代表大会第一次会议…开幕` on a page of 2018-03-20: 2018-02-25); with no page date, the year is the one whose work
    the report plans (`2019年经济社会发展主要预期目标`, `2023年工作展望`, the year after `2022年工作回顾`)."""
    head = text[:3000]
    if not issuer_rules.from_work_report(head):
        return None
    day = patterns.SESSION_DAY.search(head[:1500])
    if not day:
        return None
    mo, d = int(day.group("m")), int(day.group("d"))
    if not (1 <= mo <= 12 and 1 <= d <= 31):
        return None
    if page_date:
        date = f"{page_date[:4]}-{mo:02d}-{d:02d}"
        return date if date <= page_date else None
    years = [int(m.group("y")) + (1 if m.group("back") else 0) for m in patterns.WORK_YEAR.finditer(head)]
    return f"{max(years):04d}-{mo:02d}-{d:02d}" if years else None


def page_date(header: list[str], fields: HeaderFields, headline_line: int | None) -> str | None:
    """The page's own date: a labelled publication date, else the dateline after the headline, else the first."""
    for value in fields.values["publish_date"]:
        date = parse_date(value)
        if date:
            return date
    lines = [(i, line) for i, line in fields.date_lines if i <= 14]  # dates further down are comments or related links
    if headline_line is not None:
        after = [line for i, line in lines if i > headline_line]
        if after:
            return parse_date(after[0])
    return parse_date(lines[0][1]) if lines else None


def _headline_index(header: list[str], headline: str | None) -> int | None:
    if not headline:
        return None
    for i, line in enumerate(header):
        if titles.clean_title(line) == headline:
            return i
    return None


def _title(lines: list[str], text: str, meta: Metadata, fields: HeaderFields, hint: str | None) -> None:
    _find_title(lines, text, meta, fields, hint)
    _published_in_title(meta)
    _as_printed(lines, meta)
    _figures_only_source(meta)


def _figures_only_source(meta: Metadata) -> None:
    """A report quoting a 《…公报》 (figures, no targets) is titled by its headline, without 《》 (GOLD_FORMAT.md: the
    《》 is the title only when it sets the targets): `全国城市已建成轨交8571.4公里!2021年中国城市建设状况公报发布!`."""
    endings = gazetteers.words("metadata", "figures_only_endings")
    if meta.title and meta.headline and meta.title_line is None and meta.title.endswith(endings) \
            and not TITLE_MARKS.sub("", meta.headline).endswith(endings):
        meta.title = re.sub(r"[《》]", "", meta.headline)


HEAD_SIGNATURE_LINES = 6  # a signature within the text's first lines signs a bulletin from above


def _closes_text(text: str, line: int) -> bool:
    """At most its date line follows the signature on line `line`: it ends the text, it does not head it."""
    return sum(1 for ln in text.split("\n")[line + 1 :] if ln.strip()) <= 1
TITLE_MARKS = re.compile(r"[《》〈〉<>]")


def _as_printed(lines: list[str], meta: Metadata) -> None:
    """A site's title that lost the 《》 around a cited plan (`贯彻落实“十四五”…规划的实施意见`) is the notice's own
    title as a line of the text prints it, marks kept (`贯彻落实《“十四五”…规划》的实施意见`)."""
    if not meta.title or TITLE_MARKS.search(meta.title):
        return
    for line in lines[:400]:
        if len(line) > 2 * len(meta.title) or not TITLE_MARKS.search(line):
            continue
        printed = titles.clean_title(line)
        if printed != meta.title and TITLE_MARKS.search(printed) and TITLE_MARKS.sub("", printed) == meta.title:
            meta.title = printed
            return


def _find_title(lines: list[str], text: str, meta: Metadata, fields: HeaderFields, hint: str | None) -> None:
    formal = titles.formal_title(lines, meta.addressee_line)
    if formal:
        meta.title, meta.title_line = formal
        if meta.headline and meta.headline.endswith(meta.title) and issuer_rules.from_title(meta.headline):
            meta.title = meta.headline  # the page's headline prints the issuer the body's title lost (新乡市人民政府关于…)
        return
    by_field = titles.field_title(fields)
    if by_field:
        meta.title = by_field
        return
    prefixed = titles.prefix_title(lines)
    if prefixed:
        meta.title, meta.title_line = prefixed
        return
    meta.title = titles.published_title(text) or titles.quoted_source_title(text)
    if meta.title is None:
        for i, line in enumerate(lines[:8]):
            if re.search(r"[。；;]", line) or patterns.CN_HEADING_START.match(line):
                break
            if len(re.findall(r"[>»›]|＞", line)) >= 2:
                continue  # a breadcrumb (当前位置: 首页 > 新闻中心 > …)
            found = titles.joined_title(lines, i)
            if found and len(line) <= 100:
                meta.title, meta.title_line = found
                return
        meta.title = meta.headline or (titles.clean_title(hint) if hint else None)


def _published_in_title(meta: Metadata) -> None:
    """`临汾市政府印发临汾市水污染防治2018年行动计划`: a headline that names who published what gives the document's
    own title, and its publishers for the issuers."""
    names, own = issuer_rules.from_headline_publisher(meta.title)
    if own and titles.looks_like_title(titles.clean_title(own)):
        meta.title, meta.publishers = titles.clean_title(own), names


def _issuers(lines: list[str], text: str, meta: Metadata, fields: HeaderFields, outline: Outline | None = None) -> str | None:
    """Issuers in order of authority; returns the signature date when the notice is signed."""
    after = meta.addressee_line if meta.addressee_line is not None else (meta.title_line if meta.title_line is not None else -1)
    names, date, line = issuer_rules.signature(lines, after)
    meta.signature_line = line
    if not names and outline is not None:
        names, date = outline_signature(outline, after, date)
    meta.issuers = names or issuer_rules.from_title(meta.title) or meta.publishers or issuer_rules.masthead(lines, meta.title_line)
    if not meta.issuers:
        value = fields.first("issuer")
        if value:
            meta.issuers = [n for n in re.split(r"[、，,\s]+", value) if is_agency_name(n)]
    if not meta.issuers:
        headlined = meta.headline is not None and TITLE_MARKS.sub("", meta.title or "") == TITLE_MARKS.sub("", meta.headline)
        own = None if headlined else meta.title  # a headline names no 《》 to compare with
        meta.issuers = issuer_rules.reported(text, own) or issuer_rules.from_headline(meta.headline)
    if not meta.issuers and meta.title in (None, meta.headline):
        meta.issuers = issuer_rules.reported(text, None, meeting=True)
    if not meta.issuers:
        # a page with no signature: the 文号's issuer code, the government giving its work report, the body a
        # news report names as its source, the body a headline opens with
        meta.issuers = (issuer_rules.from_doc_number(meta.doc_number) or issuer_rules.from_work_report(text)
                        or issuer_rules.from_news_source(text) or issuer_rules.from_speaker(meta.headline or lines[0])
                    or issuer_rules.from_official(text))
    verbs = gazetteers.words("doc_types", "publish_verbs")
    if not meta.issuers and not any(v in (meta.headline or meta.title or "") for v in verbs):
        # an open-information page or a bulletin with no other clue: the body its 来源/发布机构 field names (not on
        # a page whose headline says someone else published the document: `湖北省发布…规划`, 来源:湖北省民政厅)
        meta.issuers = [v for v in fields.values["publisher"][:1] if is_agency_name(v)]
    return date


def outline_signature(outline: Outline, after: int, date: str | None) -> tuple[list[str], str | None]:
    """The 落款 as the outline reads it: the bodies of the last signature block run (blank lines between them and
    the date allowed) and its date; `date` when the line rules already found it."""
    run: list[Block] = []
    for b in reversed(outline.blocks):
        if b.line <= after:
            break
        if b.kind == "signature":
            run.insert(0, b)
        elif run:
            break
    dated = [b for b in run if patterns.DATE_ONLY_LINE.match(b.text)]
    if not dated:
        return [], date
    bodies = [n for b in run if b.line < dated[-1].line for n in b.text.split() if is_agency_name(n)]
    return bodies, date or parse_date(dated[-1].text)


def extract_metadata(text: str, title_hint: str | None = None, date_hint: str | None = None, header: list[str] | None = None,
                     outline: Outline | None = None, footer: list[str] | None = None) -> Metadata:
    """The metadata of one cleaned text; with its `outline`, the frame blocks the outline found (title, 落款 bodies
    and date) stand in where the line rules find none (a signature with blank lines between bodies and date);
    `footer`, the page's last lines with furniture, may name the notice's own file by its number."""
    lines = text.split("\n")
    header = header if header else lines[:60]
    fields = read_fields(header)
    meta = Metadata()
    found = titles.headline(header, fields)
    meta.headline = found[0] if found else None
    headline_line = found[1] if found else None
    meta.addressee_line = addressee_line(lines)
    if meta.addressee_line is not None:
        meta.addressees = split_addressees(lines[meta.addressee_line])
    else:
        meta.addressees = inline_addressees(text)
    _title(lines, text, meta, fields, title_hint)
    if outline is not None and meta.title_line is None:
        meta.title_line = next((b.line for b in outline.blocks if b.kind == "title"), None)
    body_start = meta.addressee_line if meta.addressee_line is not None else (meta.title_line or 0) + 3
    meta.doc_number = doc_number(lines, body_start, fields, footer or lines[-10:])
    signed = _issuers(lines, text, meta, fields, outline)
    pdate = page_date(header, fields, headline_line)
    written = next((d for d in (parse_date(v) for v in fields.values["written_date"]) if d), None)
    meta.issue_date = (signed or written or _work_report_date(text, pdate) or _issue_date_from_report(text, pdate) or pdate
                       or date_hint)
    # a signature at the head of the text (统计局 / 2012年3月19日 above a bulletin) is a byline, not a notice's 落款
    # (a short page's signature with nothing but its date after it still closes the text: a 落款)
    signed_below = signed is not None and ((meta.signature_line or 0) >= HEAD_SIGNATURE_LINES
                                           or _closes_text(text, meta.signature_line or 0))
    anatomy = meta.addressee_line is not None or signed_below or meta.doc_number is not None
    signed_only = signed is not None and meta.addressee_line is None and meta.doc_number is None
    meta.genre = detect_genre(text, meta.title, meta.headline, anatomy, signed_only)
    meta.names_no_goal = names_no_goal(text, meta.title, meta.headline, anatomy)
    meta.reviews_period = meta.genre in ("news", "meeting") and reviews_period(text, meta.title, meta.headline)
    _region(meta, text)
    meta.base_year = _base_year(meta, text)
    return meta


def _region(meta: Metadata, text: str) -> None:
    """Region from the issuers (before and after writing them in full), number, title, headline, addressees."""
    clues: list[tuple[str, str]] = [("issuer", n) for n in meta.issuers]
    if meta.doc_number:
        for row in gazetteers.doc_number_prefixes():
            if meta.doc_number.startswith(row.get("prefix", "~")):
                clues.append(("doc_number", row.get("issuer", "")))
                break
    clues += [("title", meta.title or ""), ("headline", meta.headline or "")] + [("addressee", a) for a in meta.addressees]
    if not meta.issuers:
        clues += [("host", h) for h in issuer_rules.press_host(text)]  # 国务院新闻办公室举行发布会: a national event
    region = regions.resolve(clues)
    if region.province is None:
        region = regions.from_body(text)
    if meta.issuers and region.province:
        full = issuer_rules.written_in_full(meta.issuers, region.province, region.city, region.level)
        if full != meta.issuers:
            meta.issuers = full
    meta.province, meta.city, meta.admin_level, meta.region_evidence = region.province, region.city, region.level, region.evidence


def _base_year(meta: Metadata, text: str) -> int | None:
    """The notice's own year: its date, else its number's year (both certain: `dated`); else the earliest
    year the text names for the work (a plan period counts from its first year), raised to the latest year the
    page reports on (`reported_year`): an undated review is written after what it reviews."""
    meta.dated = bool(meta.issue_date or meta.doc_number)
    if meta.issue_date:
        return int(meta.issue_date[:4])
    if meta.doc_number:
        return int(re.search(r"〔(\d{4})〕", meta.doc_number).group(1))  # type: ignore[union-attr]
    masked = patterns.CITED_OR_NUMBER.sub(" ", text)
    times = find_times(masked, None)
    plans = [t.year - 4 for t in times if t.kind in ("span", "period") and t.year and patterns.PLAN_NUMBER.search(t.text)]
    years = [t.year for t in times if t.kind in ("deadline", "year") and t.year]
    reported, meta.reported_through = reported_year(masked, meta.genre)
    if plans:
        meta.year_of_plan = not any(t.year for t in times if not patterns.PLAN_NUMBER.search(t.text))
        return max(plans + [reported or 0])  # a plan of the latest period named is written in that period's first year
    guess = min(years) if years else None
    return max(guess, reported) if guess and reported else guess or reported


_SENTENCE_END = re.compile(r"[。；;！!？?\n]")


def reported_year(text: str, genre: str | None) -> tuple[int | None, str | None]:
    """The latest year an undated page reports on, read from sentences that set no goal: a part of a year named
    bare or as a status (`2018年上半年`, `截至2019年底`: the page was written in or after that year), and a plan
    period said to be over (`“十三五”期间…取得`, `收官`; on a review page, `5年来`, a period named with no goal
    word): the year after it ends. With it, the end date of the latest period reported (a bare `2018年上半年` up to
    it is a period reached, not a due date: mentions.py). None when the page reports on no year, as a plan that
    names its own period and no results."""
    over_words = gazetteers.words("metadata", "undated_period_over")
    goal_words = gazetteers.words("metadata", "undated_goal_words")
    review_page = genre in gazetteers.words("metadata", "undated_review_genres")
    looks_back = review_page and patterns.RETROSPECTIVE_OPENER.search(text) is not None
    found: list[tuple[int, str]] = []
    start = 0
    for m in _SENTENCE_END.finditer(text + "\n"):
        sentence, start = text[start : m.start()], m.end()
        if not sentence.strip() or any(w in sentence for w in goal_words):
            continue
        for t in find_times(sentence, None):
            if not t.year:
                continue
            if t.kind in ("span", "period") and patterns.PLAN_NUMBER.search(t.text):
                if looks_back or any(w in sentence for w in over_words):
                    found.append((t.year + 1, t.date or f"{t.year}-12-31"))
            elif review_page and (t.kind == "status" or patterns.BARE_PERIOD.match(t.text)):
                found.append((t.year, t.date or f"{t.year}-12-31"))
    return (max(y for y, _ in found), max(d for _, d in found)) if found else (None, None)
