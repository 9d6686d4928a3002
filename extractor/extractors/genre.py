"""What a page is: the notice itself, a repost of it, a news report about it, a statistics or progress
report, or a meeting report (GOLD_FORMAT.md "News reports and reposts").

The notice's own anatomy (a 主送 line, a 发文字号, a signature with its date) says `notice`, or `repost`
when a lead-in such as `全文如下` introduces it; datelines, reporters and reported speech say `news`;
statistics bulletins and progress reports say `statistics` (they set no targets), and so does a page of figures
compared with an earlier period's (同比, 比上年, 比2020年增加) that names no goal, plan or duty at all;
会议指出 and a meeting headline say `meeting`. Cue words: `gazetteers/keywords/genre.toml`.
"""
from __future__ import annotations

from extractor import gazetteers, patterns
from extractor.nlp.spans import tokens


def _count(text: str, key: str) -> int:
    return sum(text.count(w) for w in gazetteers.words("genre", key))


def _comparisons(text: str) -> int:
    """Figures compared with an earlier period: 同比, 比上年, 比年初, and with a named year (比2020年增加)."""
    return _count(text, "statistics_comparisons") + len(patterns.YEAR_COMPARISON.findall(text))


def _forward(text: str, skip: tuple[str, ...] = ()) -> bool:
    """A goal, plan or duty mark; a one-character mark (要, 将) only as a whole word, not inside 主要 or 将军
    (the text is segmented only when no longer mark is found)."""
    marks = [w for w in gazetteers.words("genre", "forward_marks") if w not in skip]
    if any(w in text for w in marks if len(w) > 1):
        return True
    short = {w for w in marks if len(w) == 1}
    return bool(short) and any(t in short for t in tokens(text))


def _statistics_page(head: str, heading: str) -> bool:
    """Figures compared with earlier periods at least the minimum number of times, and no forward mark."""
    if _comparisons(head) < gazetteers.keywords("genre")["statistics_min_comparisons"]:
        return False
    return not _forward(head) and not _forward(heading)


def names_no_goal(text: str, title: str | None, headline: str | None, has_anatomy: bool) -> bool:
    """A page without a notice's anatomy that nowhere names a goal, plan or duty (no forward mark in its whole
    text or heading; a forecast, 预计增长11%, names none): a review, a work summary or a report of figures, whose
    bare figures are what happened."""
    forecasts = tuple(gazetteers.words("background", "forecast"))
    heading = (title or "") + " " + (headline or "")
    return not has_anatomy and not _forward(text, forecasts) and not _forward(heading, forecasts)


def reviews_period(text: str, title: str | None, headline: str | None) -> bool:
    """A report whose heading or opening says it reviews what a period achieved (`“十四五”时期…发展成就`, `五年来`)."""
    head = (title or "") + " " + (headline or "") + " " + text[: gazetteers.keywords("genre")["review_head_chars"]]
    return _count(head, "review_marks") >= 1


def detect_genre(text: str, title: str | None, headline: str | None, has_anatomy: bool, signed_only: bool = False) -> str:
    """One of notice, repost, news, statistics, meeting. A page titled as a statistics report whose only mark of
    a notice is a signature (`国家统计局 2019年2月28日` under `…统计公报`) is a statistics report."""
    head = text[:3000]
    heading = (title or "") + " " + (headline or "")
    if _count(head[:1500], "repost_leads"):
        return "repost"
    if signed_only and _count(title or "", "statistics_title_words") and not _count(title or "", "notice_title_words"):
        return "statistics"
    if has_anatomy:
        return "notice"
    # the heading, or the page's opening words when no title was found (a bulletin's title run into its first
    # paragraph: `2023年黄山市国民经济和社会发展统计公报 2023年是…`)
    opening = heading if heading.strip() else head.lstrip()[:60]
    if any(w in opening for w in gazetteers.words("genre", "statistics_title_words")) and _count(head, "statistics_marks") + _count(opening, "statistics_marks") >= 1:
        return "statistics"
    if _statistics_page(head, heading):
        return "statistics"  # figures compared with earlier periods, and no goal, plan or duty named anywhere
    meeting = _count(head, "meeting_marks")
    if any(w in (headline or "") for w in gazetteers.words("genre", "meeting_title_words")) and meeting >= 1:
        return "meeting"
    if _count(head, "news_marks") >= 1 or meeting >= 2:
        return "news"
    return "notice"
