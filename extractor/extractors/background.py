"""Target or background: is a value one to reach, or one already reached (GOLD_FORMAT.md hard cases)?

The decision reads the whole clause and sentence, not a prefix: status and aspect words anywhere before the
value in its clause (截至, 已, 累计, 目前, 同比, V了), the year of the phrase framing the value against the
notice's own year, forecasts (预计), reported statistics, events (300余家机构参加), a background section
(发展现状), and the page's genre (a statistics report sets no targets). Counts of the notice's own parts
(提出17条措施, 等6个重点领域) and eligibility conditions (150张床位以上的养老机构) are not values at all.
Cue lists: `gazetteers/keywords/background.toml`.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache

from extractor import gazetteers, patterns
from extractor.extractors import cues
from extractor.extractors.memo import per_document
from extractor.extractors.deadlines import is_due, is_future_span, is_past
from extractor.extractors.mentions import SentenceView
from extractor.model import Quantity, TimeExpr

CJK_RUN = re.compile(r"[\u4e00-\u9fff]{1,10}")
# reasons that only say no forward word was seen: a figure restating a target, or a part of one, is a target
UNCUED_REASONS = frozenset({"news report of what happened", "reported statement"})


def _status_cue(view: SentenceView, start: int, pos: int) -> tuple[int, str] | None:
    """The last status word in text[start:pos] that is not inside a `…的` modifier (已建成的社工站)."""
    modifiers = gazetteers.words("background", "modifier_status")
    origins = tuple(gazetteers.words("background", "change_from"))
    for p, w in reversed(cues.find("background", "status", view.text, start, pos, view.tokens, prefix_ok=True)):
        if w in modifiers and "的" in view.text[p + len(w) : min(pos, p + len(w) + 5)]:
            continue
        if view.text[max(start, p - 1) : p].endswith(origins):
            continue  # `由目前的300万亩拓展到500万亩`: the status word dates the old value, not the new one
        return p, w
    return None


def _countermanded(view: SentenceView, cue: int, pos: int) -> bool:
    """A due date or a modal between a status word and the value starts a new, forward-looking statement
    (`截至2020年已建成50个,到2025年达到100个`)."""
    base = view.doc.base_year
    clause = view.clause_at(pos)
    if any(((cue < t.start < pos and (is_due(t, base) or is_future_span(t, base)) and t.kind != "year")
            or (clause[0] <= t.start < cue and t.kind == "deadline")) and t.kind != "status" for t in view.times):
        return True  # `要于每年1月底前将上年度工作情况报送`: after a due date, last year is what the report is about
    if clause[0] <= cue and any(cues.has("comparators", k, view.text, clause[0], cue) for k in ("ge_before", "le_before")):
        return True  # `不高于上年度支出5%`: last year is the base of a cap, not the time of a figure
    return _modal_forward(view, cue + 1, pos)


def _modal_forward(view: SentenceView, start: int, end: int) -> bool:
    """A forward word in text[start:end] other than a level verb (控制在, 稳定在, 提升到): a level verb after a
    status word (`去年…控制在6100亿立方米内`, `已提升到88.9%`) or in a news report states the level reached."""
    levels = gazetteers.words("background", "level_verbs")
    return any(w not in levels for _, w in cues.find("background", "forward", view.text, start, end, view.tokens))


def _weak_status_goal(view: SentenceView, status: tuple[int, str], due: bool) -> bool:
    """A weak status word (全年, 累计) that a goal governs: a due date (`累计培养…到2025年`) or a forward word
    before it in its clause (`力争全年新增3万个`, `确保全年完成`)."""
    if status[1] not in gazetteers.words("background", "weak_status"):
        return False
    clause = view.clause_at(status[0])
    return due or cues.has("background", "forward", view.text, clause[0], status[0], view.tokens)


def _intended(view: SentenceView, cue: int) -> bool:
    """An intention before the status word in its clause (`力争首次突破8000万人次`): what is to be reached."""
    return cues.has("background", "intentions", view.text, view.clause_at(cue)[0], cue, view.tokens)


def _goal_comparison(view: SentenceView, status: tuple[int, str], pos: int) -> bool:
    """A comparison with last year (比上年, 同比) inside a sentence that names a goal (`主要预期目标是:地区生产总值比上年
    增长6%左右`): the change a goal asks for, not a statistic."""
    return any(w in status[1] for w in gazetteers.words("background", "comparisons")) and _forward(view, pos, strict=True)


def _perfective(view: SentenceView, start: int, pos: int) -> bool:
    """An achievement verb followed by the perfective 了 (建成了, 引领了) before the value."""
    return bool(cues.find_pattern(_perfective_pattern(), view.text, start, pos + 1))


@lru_cache(maxsize=1)
def _perfective_pattern() -> re.Pattern[str]:
    return re.compile(f"(?:{cues.alternation('background', 'perfective_verbs')})(?=了)")


def _forecast(view: SentenceView, start: int, pos: int) -> bool:
    """A forecast word used as a verb (`预计全年增长5%`) before the value; as a noun it names an activity
    (`预报预测更加准确,天气预报准确率达到80%`, `预测准确率提高3%`) and forecasts nothing."""
    before = tuple(gazetteers.words("background", "forecast_noun_before"))
    after = tuple(gazetteers.words("background", "forecast_noun_after"))
    return any(not view.text[max(0, p - 4) : p].endswith(before) and not view.text.startswith(after, p + len(w))
               for p, w in cues.find("background", "forecast", view.text, start, pos, view.tokens))


def framing_time(view: SentenceView, pos: int) -> TimeExpr | None:
    """The time phrase nearest before the value in its sentence, base years (较2012年) left out."""
    times = view.times
    return next((times[i] for i in range(view.times_before(pos) - 1, -1, -1) if times[i].kind not in ("base", "recurrence")), None)


def has_due_time(view: SentenceView, pos: int) -> bool:
    """A due date governs the value: a due phrase before it, or one later in its clause."""
    base = view.doc.base_year
    clause = view.clause_at(pos)
    for t in view.times:
        if t.start < pos and (is_due(t, base) or is_future_span(t, base)):
            return True
        if clause[0] <= t.start < clause[1] and t.start > pos and is_due(t, base):
            return True
    return False


def _marked_due(view: SentenceView, pos: int) -> bool:
    """A due date marked as one (到2025年, 2023年底前, 十四五末), not a bare year, governs the value."""
    base = view.doc.base_year
    clause = view.clause_at(pos)
    return any((t.start < pos or clause[0] <= t.start < clause[1]) and t.kind != "year" and (is_due(t, base) or is_future_span(t, base))
               for t in view.times)


def _due_beyond_periods(view: SentenceView, pos: int) -> bool:
    """A due date governs the value other than a bare part of a year (`前三季度…同比增长4.9%`, `一季度…同比`): a
    figure compared with the same period of last year is reported for that period, not due at its end."""
    base = view.doc.base_year
    clause = view.clause_at(pos)
    for t in view.times:
        if patterns.BARE_PERIOD.match(t.text):
            continue
        if t.start < pos and (is_due(t, base) or is_future_span(t, base)):
            return True
        if clause[0] <= t.start < clause[1] and t.start > pos and is_due(t, base):
            return True
    return False


def _forward(view: SentenceView, pos: int, strict: bool = False, levels: bool = True) -> bool:
    """A forward-looking word in the sentence up to the value's clause end (modal and goal words; with
    `strict` False also the verbs of making that targets use: 建成, 新增; with `levels` False not the level
    verbs, 稳定在 or 下降到, that a report of a level reached uses as well)."""
    clause = view.clause_at(pos)
    if not levels:
        return _modal_forward(view, view.sent.start, clause[1])
    found = cues.has("background", "forward", view.text, view.sent.start, clause[1], view.tokens)
    return found or (not strict and cues.has("background", "forward_verbs", view.text, view.sent.start, clause[1], view.tokens))


def is_old_value(view: SentenceView, q: Quantity) -> bool:
    """The starting value of a change: `由2015年1.9万人增加到5.5万人`, `由每人每月300元提高到360元`."""
    clause = view.clause_at(q.start)
    start = max(clause[0], q.start - 14)
    if not cues.has("background", "change_from", view.text, start, q.start):
        return False
    after = view.text[q.end : q.end + 10].lstrip("的 ,，")
    adverb = next((a for a in gazetteers.words("background", "change_adverbs") if after.startswith(a)), "")
    after = after[len(adverb):]  # `从2015年的约7300万人稳步增长至…`, `从2020年的3.6万个,增加到…`
    return any(after.startswith(w) for w in gazetteers.words("background", "change_verbs"))


def _news_statement(view: SentenceView, pos: int, goal: bool, inherited_due: bool) -> bool:
    """In a news report, a figure stated with no forward word, no due date and no quoting frame (`《方案》提出`)
    reports what happened (`今年全国新增29个乡镇通客车`), not what a notice sets; so does one on a page that
    nowhere names a goal, plan or duty (a review or work summary: genre.names_no_goal)."""
    review = view.doc.reviews_period  # a review of a period: the period's own name frames what it achieved
    if (view.doc.genre != "news" and not view.doc.names_no_goal and not review) or goal or inherited_due:
        return False
    framing = ("deadline", "duration", "effective") if review else ("deadline", "period", "duration", "effective", "span")
    if any(t.start < pos and t.kind in framing for t in view.times):
        return False
    base = view.doc.base_year
    if base and any(t.start < pos and t.kind == "year" and t.year and t.year > base for t in view.times):
        return False  # `山西城镇社区养老机构2025年实现全覆盖` on a page of 2023: a later year is what is planned
    if _forward(view, pos, strict=True, levels=view.doc.genre != "news"):
        return False  # (in a news report `份额分别稳定在14%和10%以上`: a level verb alone reports the level)
    frames = gazetteers.keywords("structure")["statement_frames"]
    paragraph = view.text[view.text.rfind("\n", 0, view.sent.start) + 1 : pos]
    return not any(re.search(p, paragraph) for p in frames) and not patterns.DIRECTIVE_VERBS.search(paragraph)


def background_reason(view: SentenceView, q: Quantity, carried: bool = False, goal: bool = False,
                      inherited_due: bool = False) -> str | None:
    """Why the value is background, or None when it is a target."""
    pos = q.start
    sent = view.sent
    clause = view.clause_at(pos)
    if view.doc.genre == "statistics":
        return "genre: statistics report"
    passed = target_passed(view, q)
    if passed:
        return passed
    part = breakdown_part(view, q)
    if part:
        return part
    if is_old_value(view, q):
        return "old value of a change"
    due = has_due_time(view, pos)
    status = _status_cue(view, sent.start, pos)
    if status is None and getattr(q, "text", None) in gazetteers.words("quantities", "quantifiers"):
        # a quantifier stands before its verb: `所有养老机构均已完成改造` reports what every one has done
        status = _status_cue(view, q.end, clause[1])
    if status and not _countermanded(view, status[0], pos) and not _weak_status_goal(view, status, due) \
            and not _goal_comparison(view, status, pos) and not _intended(view, status[0]):
        return f"status word {status[1]}"
    if _perfective(view, clause[0], pos):
        return "perfective verb"
    if _forecast(view, sent.start, pos):
        return "forecast"
    if retrospective(view, pos):
        return "a sentence on a period now over"
    reported = cues.find("background", "reported", view.text, sent.start, pos, view.tokens, prefix_ok=True)
    if reported and not _countermanded(view, reported[-1][0], pos) and not _goal_comparison(view, reported[-1], pos):
        return "reported figure"
    after_end = min(clause[1], view.next_value_start(q.end, clause[1]))
    if cues.has("background", "event_verbs", view.text, q.end, after_end):
        return "event count"
    opening = next((t for t in view.times if t.kind not in ("base", "recurrence")), None)
    if opening is not None and opening.start - sent.start <= 1 and opening.start < pos and opening.kind in ("event", "year", "status") \
            and not (opening.kind == "status" and _countermanded(view, opening.end, pos)):
        if is_past(opening, view.doc.base_year) or (opening.kind == "event" and not due):
            return f"sentence opens with a past date {opening.text}"
    comparison = cues.find("background", "comparisons", view.text, sent.start, sent.end, view.tokens, prefix_ok=True)
    if comparison and not (due and ((_marked_due(view, pos) and _due_beyond_periods(view, pos)) or _forward(view, pos, strict=True))):
        # a bare year or part of a year is the period the figures are compared in (2022年,…同比增长9.4%), not a due date
        return f"statistics compared with an earlier period ({comparison[0][1]})"
    frame = framing_time(view, pos)
    if frame is not None:
        if frame.kind == "status":
            return f"status date {frame.text}"
        if is_past(frame, view.doc.base_year) and not any(is_due(t, view.doc.base_year) for t in view.times if frame.start < t.start < pos):
            return f"past date {frame.text}"
        if frame.kind == "event" and not due and not _forward(view, pos):
            return f"event date {frame.text}"
    if sent.in_background_section and not due:
        return "background section"
    if carried and not due and not _forward(view, pos, strict=True):
        return "continues a background sentence"
    if cues.has("background", "report_leads", view.text, sent.start, min(sent.start + 8, pos)) and not due and not _forward(view, pos):
        return "reported statement"
    if _news_statement(view, pos, goal, inherited_due):
        return "news report of what happened"
    return None


def _noun_after(view: SentenceView, q: Quantity) -> str:
    m = CJK_RUN.match(view.text, q.end)
    return m.group(0) if m else ""


def is_measure_count(view: SentenceView, q: Quantity) -> bool:
    """The notice counting its own parts or items just listed: 提出17条措施, 5项量化指标, 等6个重点领域, 这两个比例."""
    lead = view.text[max(0, q.start - 2) : q.start]
    if any(lead.endswith(w) for w in gazetteers.words("background", "count_leads")):
        return True
    noun = _noun_after(view, q).split("的")[0]
    if not noun:
        clause = view.clause_at(q.start)
        return q.unit in gazetteers.words("background", "article_units") and cues.has(
            "background", "measure_verbs", view.text, max(clause[0], q.start - 14), q.start)
    prefixes = [noun[:k] for k in range(2, len(noun) + 1)]
    if any(p.endswith(w) for p in prefixes for w in gazetteers.words("background", "measure_nouns_strict")):
        return True
    if not any(p.endswith(w) for p in prefixes for w in gazetteers.words("background", "measure_nouns")):
        return False
    clause = view.clause_at(q.start)
    return cues.has("background", "measure_verbs", view.text, max(clause[0], q.start - 12), q.start)


def in_quoted_name(view: SentenceView, q: Quantity) -> bool:
    """A figure inside a quoted name (`举行“完善100家社区志愿服务中心民生服务功能”启动大会`) is no value."""
    line_start = view.text.rfind("\n", 0, q.start) + 1
    opens, closes = _quote_marks(view.text)
    o = bisect_left(opens, q.start)
    if o - bisect_left(opens, line_start) <= bisect_left(closes, q.start) - bisect_left(closes, line_start):
        return False
    close = view.text.find("”", q.end)
    if close < 0 or "\n" in view.text[q.end : close]:
        return False
    names = gazetteers.words("background", "quoted_names")
    opening = opens[o - 1]
    return view.text[close + 1 : close + 7].startswith(names) or view.text[max(0, opening - 4) : opening].endswith(names)


@per_document
def _quote_marks(text: str) -> tuple[list[int], list[int]]:
    """Where the document's opening and closing quotation marks are, found once per document."""
    return [m.start() for m in _OPEN_QUOTE.finditer(text)], [m.start() for m in _CLOSE_QUOTE.finditer(text)]


_OPEN_QUOTE, _CLOSE_QUOTE = re.compile("“"), re.compile("”")


@per_document
def _frame_spans(text: str, start: int, end: int) -> tuple[tuple[int, int], ...]:
    """The frame phrases (`围绕…建设`) of one clause, found once for all its values."""
    clause = text[start:end]
    return tuple((start + m.start(), start + m.end())
                 for p in gazetteers.keywords("background")["frame_pairs"] for m in re.finditer(p, clause))


def is_setting(view: SentenceView, q: Quantity) -> bool:
    """`聚焦3万亩宜机化菜田设施`, `围绕全市10万亩无人农场建设`: a framing verb right before the value's noun phrase."""
    clause = view.clause_at(q.start)
    before = view.text[max(clause[0], view.list_start(q) - 6) : view.list_start(q)]
    closes = not CJK_RUN.match(view.text[q.end : clause[1]].lstrip())  # `涉及居民50万户,`: the extent the verb measures
    if any(w in before for w in gazetteers.words("background", "frame_verbs")) and not closes:
        return True
    return any(a < q.start < b for a, b in _frame_spans(view.text, clause[0], clause[1]))


def is_condition(view: SentenceView, q: Quantity) -> bool:
    """An eligibility threshold, not a target: `150张床位以上的养老机构`, `投资达到25%以上,即可办理`."""
    clause = view.clause_at(q.start)
    tail = view.text[q.end : min(view.sent.end, clause[1] + 6)]
    for w in gazetteers.words("background", "condition_words"):
        at = tail[:12].find(w)
        # a condition word that ends the sentence (`…一年内付清即可。`) says the value suffices: the value is the
        # requirement itself, not a condition of something after it (`投资达到25%以上,即可办理`)
        if at >= 0 and re.match(r"[\s。；;!！]*$", view.text[q.end + at + len(w) : view.sent.end]) is None:
            return True
    if patterns.CONDITION_LEAD.match(view.text[clause[0] : q.start]) and "的" in view.text[q.end : clause[1]]:
        return True
    modifier = patterns.THRESHOLD_MODIFIER.match(view.text[q.end : q.end + 20])
    if not modifier or q.unit in ("%", "‰"):
        return False
    if view.text.startswith(tuple(gazetteers.words("background", "standard_nouns")), q.end + modifier.end()):
        return False  # `不少于0.1平方米的标准`: the value is the standard itself
    before = view.text[clause[0] : view.list_start(q)]
    return not cues.has("subjects", "object_verbs", before[-8:]) or bool(patterns.CONDITION_LEAD.match(before))


def modifies_subject(view: SentenceView, q: Quantity) -> bool:
    """`85个省控断面水质优良比例达到92%`, `全省12个地级市空气质量优良天数比率达到90%`: a count right before the
    noun whose rate a later value of the same clause sets is part of that subject, not a target of its own —
    when no action or comparator stands before the count and a linking verb stands before the later value."""
    if q.unit is None or q.unit not in gazetteers.words("quantities", "counts") or q.comparator not in (None, "=") or q.approx:
        return False
    clause = view.clause_at(q.start)
    later = [x for x in view.quantities if q.end <= x.start < clause[1]]
    if not later:
        return False
    # an action closed by 的 before the count modifies the counted noun (`省考核我市的8个断面`): it does not act on it
    modifier = view.text.rfind("的", clause[0], q.start)
    acting = modifier + 1 if modifier >= 0 else clause[0]
    if (cues.has("actions", "actions", view.text, acting, q.start) or cues.has("actions", "weak_actions", view.text, acting, q.start)
            or any(cues.has("comparators", k, view.text, clause[0], q.start) for k in ("ge_before", "le_before"))
            or cues.has("background", "change_verbs", view.text, clause[0], q.start)):
        return False
    between = view.text[q.end : later[0].start]
    links = [*gazetteers.words("quantities", "restricted_links"), *gazetteers.words("background", "change_verbs"),
             *gazetteers.words("comparators", "ge_before"), *gazetteers.words("comparators", "le_before"),
             *gazetteers.words("subjects", "link_verbs")]
    return len(between) >= 4 and any(len(w) >= 2 and w in between[-8:] for w in links)


def target_passed(view: SentenceView, q: Quantity) -> str | None:
    """`报销比例76.43%,超过省定70%的目标要求`: 70% is the benchmark quoted, 76.43% what was reached; a sentence that
    says a target was passed reports, unless a forward word comes before the value."""
    sentence = view.sentence_text
    clause_start = view.clause_at(q.start)[0]
    before = view.text[clause_start : view.list_start(q)]
    if patterns.TARGET_MARGIN.search(before):
        return "the margin a target was passed by"
    share = patterns.TARGET_SHARE.search(before)
    if share and not cues.has("background", "intentions", view.text, view.sent.start, clause_start + share.start(), view.tokens):
        return "the share of a target done"  # (`确保完成年初预算的100%` asks for it)
    for m in patterns.TARGET_PASSED.finditer(sentence):
        a, b = view.sent.start + m.start(), view.sent.start + m.end()
        if a < q.start < b:
            return "a target quoted as a benchmark"
        if q.end <= a and not _forward(view, q.start, strict=True) and not has_due_time(view, q.start):
            return "a result set against its target"
    return None


def breakdown_part(view: SentenceView, q: Quantity) -> str | None:
    """`其中北山街道1个,西溪街道1个,…` and `854万(高标准农田建设400万元,…)`: the parts a whole is split into, by place or
    in brackets after it, allocate the whole and are no targets of their own (a kind of item after 其中 stays one);
    `其中3个点位已完成建设` is the part already done."""
    sentence, offset = view.sentence_text, view.sent.start
    for m in patterns.PLACE_BREAKDOWN.finditer(sentence):
        if offset + m.start() < q.start < offset + m.end():
            return "a part of a whole split by place"
    for m in patterns.BRACKETED_PARTS.finditer(sentence):
        bracket = offset + m.start() + next(i for i, ch in enumerate(m.group(0)) if ch in "(（")
        if bracket < q.start < offset + m.end():
            return "a part of the amount before its brackets"
    for m in patterns.PART_DONE.finditer(sentence):
        if offset + m.start() < q.start < offset + m.end():
            return "a part of a whole already done"
    return None


def retrospective(view: SentenceView, pos: int) -> bool:
    """A clause opening on a period now over (`5年来,`, `过去五年,`) governs the rest of its sentence: what follows
    is what the period achieved, change verbs and bounds included (`颁证运输机场数量增加到241个`), unless an
    intention (力争, 将, 目标) or a due date comes between the opening and the value."""
    base = view.doc.base_year
    for m in patterns.RETROSPECTIVE_OPENER.finditer(view.sentence_text):
        opened = view.sent.start + m.end()
        if opened > pos:
            return False
        clause = view.clause_at(pos)
        if cues.has("background", "intentions", view.text, opened, clause[1], view.tokens):
            return False
        return not any(opened <= t.start < clause[1] and (is_due(t, base) or is_future_span(t, base)) for t in view.times)
    return False

