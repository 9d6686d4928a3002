"""The notice's title and the page's headline (GOLD_FORMAT.md "title", "News reports and reposts").

In order: the title line(s) above the 主送 line (joined when broken across lines), a 标题/名称 field, a line
opening with `…关于…的通知` before its 发文字号; for pages that report a notice, the 《…》 a body 印发/发布/出台
(a document only cited, `按照《…》部署`, is not this one) or the 《…》 whose targets the report quotes;
else the headline. Site decorations (`政策解读 |`, `[某某配资]`, `_某某网`) are removed.
"""
from __future__ import annotations

import re
from functools import lru_cache

from extractor import gazetteers, patterns
from extractor.extractors.agencies import is_agency_name
from extractor.extractors.issuers import corner_quotes
from extractor.extractors.header_fields import HeaderFields

PAIRS = ("《》", "〈〉", "“”", "()", "（）", "[]")


@lru_cache(maxsize=1)
def _endings() -> tuple[str, ...]:
    return gazetteers.words("doc_types", "title_endings")


@lru_cache(maxsize=1)
def _decorations() -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p) for p in gazetteers.keywords("metadata")["title_decorations"])


def balanced(s: str) -> bool:
    return all(s.count(a) == s.count(b) for a, b in PAIRS)


def looks_like_title(s: str) -> bool:
    s = s.strip("《》 ")
    s = patterns.TITLE_EDITION.sub("", s)
    return 6 <= len(s) <= 100 and s.endswith(_endings()) and not re.search(r"[。；;!！?？]", s)


def clean_title(s: str, keep_spaces: bool = False) -> str:
    """Decorations and file extensions removed, spaces inside Chinese closed up (not between two bodies:
    `中共厦门市委文明办 厦门市民政局关于…`), dashes unified, a wrapping 《》 dropped."""
    s = s.strip().lstrip("•·● ").translate(corner_quotes())
    parts = [p.strip() for p in re.split(r"\s*(?:_|\||｜|\s-\s|——)\s*", s) if p.strip()]
    if len(parts) > 1:
        titled = [p for p in parts if looks_like_title(p.strip("《》 "))]
        if titled:
            s = titled[0]
    for _ in range(2):
        for p in _decorations():
            s = p.sub("", s)
    s = re.sub(r"\.(?:docx?|pdf|wps|html?|txt)$", "", s, flags=re.I)
    s = patterns.TITLE_DOC_NUMBER_LEAD.sub("", s.strip())
    m = re.search(r"《([^《》]+)》", s)
    if m and looks_like_title(m.group(1)) and len(m.group(1)) >= len(s) - 12 and s.count("《") == 1 \
            and not any(w in s[: m.start()] for w in _leads()) and not s[m.end() :].endswith(_endings()):
        s = m.group(1)
    if not keep_spaces or looks_like_title(s):
        s = patterns.TITLE_SPACE.sub("", s.strip())
    s = re.sub(r"[―–－]", "—", s)
    return s.strip()


def _fragment(line: str) -> bool:
    """An upper part of a title broken across lines: Chinese, no sentence punctuation, not a whole title."""
    s = line.strip()
    return (len(re.findall(r"[\u4e00-\u9fff]", s)) >= 4 and not re.search(r"[。，,；;：:！？]", s) and len(s) <= 60
            and not looks_like_title(clean_title(s)) and not patterns.CN_HEADING_START.match(s))


def _leads() -> tuple[str, ...]:
    return gazetteers.words("doc_types", "title_leads")


def joined_title(lines: list[str], last: int) -> tuple[str, int] | None:
    """The title whose last line is `last`, joined upward from lines broken mid-title (`…省人民政府关于` /
    `进一步优化营商环境的若干意见`); an unbalanced line (`实施方案》的通知`) must be joined."""
    cand = clean_title(lines[last])
    start = last
    while start > 0 and last - start < 3:
        prev = lines[start - 1].strip()
        broken = not balanced(cand) or not looks_like_title(cand)
        continues = _fragment(prev) and (prev.endswith(gazetteers.words("doc_types", "title_joiner_ends")) or len(cand) < 12)
        continues = continues or (cand.startswith(_leads()) and is_agency_name(prev))
        continues = continues or (_fragment(prev) and prev.startswith(_leads()) and not any(w in cand for w in _leads()))
        if not (broken and (_fragment(prev) or not balanced(cand))) and not continues:
            break
        start -= 1
        cand = clean_title("".join(lines[k].strip() for k in range(start, last + 1)))
    if looks_like_title(cand) and balanced(cand):
        return cand, start
    return None


def formal_title(lines: list[str], addressee: int | None) -> tuple[str, int] | None:
    """The title above the 主送 line (skipping its 发文字号 and date lines)."""
    if addressee is None:
        return None
    for last in range(addressee - 1, max(-1, addressee - 8), -1):
        if patterns.NUMBER_OR_DATE_LINE.fullmatch(lines[last]):
            continue
        found = joined_title(lines, last)
        if found:
            return found
    return None


def prefix_title(lines: list[str]) -> tuple[str, int] | None:
    """A line opening with a notice title run into what follows (`…关于…的通知 豫政〔2023〕5号 现将…`)."""
    ends = "|".join(re.escape(e) for e in _endings())
    pattern = re.compile(patterns.fill("title_prefix", ends=ends))
    for i, line in enumerate(lines[:40]):
        m = pattern.match(line.strip())
        if m:
            cand = clean_title(m.group("t"))
            if looks_like_title(cand) and balanced(cand):
                return cand, i
    return None


def _cited(text: str, start: int) -> bool:
    before = text[max(0, start - 8) : start]
    return any(before.rstrip("了的 ").endswith(w) for w in gazetteers.words("metadata", "citation_leads"))


def published_title(text: str) -> str | None:
    """The 《…》 a report says was 印发/发布/出台 (or `印发关于…的意见` without brackets); never a cited one."""
    verbs = "|".join(re.escape(v) for v in gazetteers.words("doc_types", "publish_verbs"))
    ends = "|".join(re.escape(e) for e in _endings())
    found: list[tuple[int, str]] = []
    for m in re.finditer(patterns.fill("published_after_verb", verbs=verbs), text[:6000]):
        found.append((m.start("t"), m.group("t")))
    for m in re.finditer(patterns.fill("published_before_verb", verbs=verbs), text[:6000]):
        if not _cited(text, m.start()):
            found.append((m.start("t"), m.group("t")))
    for m in re.finditer(patterns.fill("published_unbracketed", verbs=verbs, ends=ends), text[:6000]):
        found.append((m.start("t"), m.group("t")))
    for m in patterns.DRAFTED_BY.finditer(text[:6000]):
        found.append((m.start("t"), m.group("t")))
    cands = [c for c in (clean_title(t) for _, t in sorted(found)) if looks_like_title(c)]
    if not cands:
        return None
    # a headline's short name and the body's full one (《全民健身计划》, 《全民健身计划(2021-2025年)》): the full one
    return next((c for c in cands[1:] if patterns.TITLE_EXTENSION.fullmatch(c[len(cands[0]):]) and c.startswith(cands[0])),
                cands[0])


def quoted_source_title(text: str) -> str | None:
    """A report without a publishing sentence: the 《…》 whose targets it quotes (`根据《…规划》,到2015年…`)."""
    report = "|".join(re.escape(v) for v in gazetteers.words("metadata", "report_verbs"))
    for m in re.finditer(r"《(?P<t>[^《》\n]{4,100})》", text[:6000]):
        after = text[m.end() : m.end() + 40]
        if re.match(rf"\s*(?:{report})", after):
            continue
        cand = clean_title(m.group("t"))
        if looks_like_title(cand) and (patterns.TITLE_THEN_PERIOD.match(after.lstrip("，,:：(（)）"))
                                       or patterns.TITLE_SETS_GOALS.match(after)):
            return cand
    return None


def headline(header: list[str], fields: HeaderFields) -> tuple[str, int] | None:
    """The page's headline: a title-like line before its dateline or byline, or one the page repeats."""
    dates = {i for i, _ in fields.date_lines}
    best: tuple[int, int, str] | None = None
    first: tuple[int, str] | None = None
    for i, line in enumerate(header[: min(15, fields.body_start + 1)]):
        s = patterns.HEADLINE_BYLINE_TAIL.sub("", line.strip())
        bylined = s != line.strip() and len(s) >= 6  # `标题 2023-03-05 09:39:26 来源:新华社` on one line
        cut = re.split(r"\s*[|｜]\s*", s, maxsplit=1)[0]
        if cut != s and len(cut) >= 6:
            s = cut  # `标题|站点名或广告`: the headline is the part before the bar
        if s.endswith((":", "：")):
            if s.startswith("各") or re.search(r"[、,，]", s):
                break  # the 主送 line: the body follows, no headline after it
            continue
        if s.endswith(("。", "；", ";", "！", "？")):
            continue
        if patterns.LIST_MARKER.match(s):
            continue
        if (i in fields.field_lines or i in dates) and not bylined or len(s) < 6 or len(s) > 70 or patterns.WEB_FURNITURE_LINE.search(s):
            continue
        if len(re.findall(r"[>»›]|＞", s)) >= 2:
            continue  # a breadcrumb (新闻首页 » 本网最新 » 正文)
        if all(is_agency_name(n) for n in s.split()):
            continue  # the bodies that sign a bulletin above its date (珠海市统计局), not a headline
        if re.search(r"[。，,；;]", s[:-1]) or re.fullmatch(r"[\d\s\-:：/|]+", s) or not re.search(r"[\u4e00-\u9fff]{4}", s):
            continue
        if first is None and len(s.split()) <= 3 and _lead_follows(header, i):
            first = (i, s)
        score = 0
        bylines = dates | fields.field_lines
        if any(j in dates for j in (i + 1, i + 2)):
            score += 3
        elif any(j in bylines for j in (i - 1, i - 2)) and i >= 1:
            score += 2  # a byline above the headline (`2025 01/19 09:55 来源:昆明日报`)
        if s in (h.strip() for h in header[i + 1 : i + 12]):
            score += 3
        if looks_like_title(clean_title(s)):
            score += 2
        if best is None or score > best[0]:
            best = (score, -i, s)
    if best is None or best[0] == 0:
        if first is None:
            return None
        best = (1, -first[0], first[1])  # the first title-like line with the lead paragraph under it
    return clean_title(best[2], keep_spaces=True), -best[1]


def _lead_follows(header: list[str], i: int) -> bool:
    """A news page with no dateline: the lead paragraph (a long line of sentences) within the next lines."""
    for line in header[i + 1 : i + 5]:
        s = line.strip()
        if len(s) >= 24 and re.search(r"[。！？]", s) and re.search(r"[，,]", s):
            return True
    return False


def field_title(fields: HeaderFields) -> str | None:
    value = fields.first("title")
    if value:
        cand = clean_title(value)
        if looks_like_title(cand) or len(cand) >= 6:
            return cand
    return None
