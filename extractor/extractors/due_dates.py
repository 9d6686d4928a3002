"""Which time phrase governs a value or a duty (GOLD_FORMAT.md "deadline").

The nearest due phrase before the value in its sentence, else one later in its clause, else the lead-in
that governs the paragraph or list (`到2025年,…:` then items, `…;` continuations). A recurring value
(`每年新增N家`) has no due date of its own unless the sentence names one.
"""
from __future__ import annotations

from extractor.extractors import cues
from extractor.extractors.deadlines import is_due, is_future_span, next_occurrence
from extractor.extractors.mentions import SentenceView
from extractor.model import TimeExpr


def own_due(view: SentenceView, pos: int) -> TimeExpr | None:
    """A due phrase of the sentence itself for the value at `pos`."""
    base = view.doc.base_year
    clause = view.clause_at(pos)
    times = view.times
    n = view.times_before(pos)
    last = next((i for i in range(n - 1, -1, -1) if is_due(times[i], base) or is_future_span(times[i], base)), None)
    if last is not None:
        if times[last].kind == "year":
            for t in reversed(times[view.times_before(clause[0]) : last]):
                if t.kind != "year" and (is_due(t, base) or is_future_span(t, base)):
                    return t  # `在2025年5月底前完成2024年度…项目`: the due date, not the year naming the project
        return times[last]
    for t in times[view.times_before(max(pos, clause[0])) :]:
        if t.start >= clause[1]:
            break
        if is_due(t, base):
            return t
    return None


def recurrence_at(view: SentenceView, pos: int) -> str | None:
    """The recurrence word (每年, 每季度) of the value's clause, before the value."""
    clause = view.clause_at(pos)
    t = view.first_recurrence(clause[0])
    return t.recurrence if t is not None and t.start < pos else None


def deadline_for(view: SentenceView, pos: int, inherited: TimeExpr | None) -> TimeExpr | None:
    """The due date of a value: its sentence's own phrase, else the inherited lead-in's, none when recurring."""
    own = own_due(view, pos)
    if own is not None:
        return own
    if recurrence_at(view, pos):
        return None
    return inherited


def lead_time(view: SentenceView) -> TimeExpr | None:
    """A due phrase opening the sentence (in its first clause, or its second after a frame such as
    `根据《…》,到2025年,`): it governs what follows in the paragraph."""
    if not view.sent.clauses:
        return None
    clauses = view.sent.clauses
    base = view.doc.base_year
    for t in view.times:
        in_first = t.start < clauses[0][1] + 2 and t.start - view.sent.start <= 16
        in_second = len(clauses) > 1 and clauses[1][0] <= t.start <= clauses[1][0] + 2
        if (in_first or in_second) and (is_due(t, base) or is_future_span(t, base)):
            return t
        if t.start > clauses[min(1, len(clauses) - 1)][1]:
            break
    return None


def last_due(view: SentenceView) -> TimeExpr | None:
    """The last due phrase of the sentence: it governs the items that continue the sentence's list."""
    base = view.doc.base_year
    due = [t for t in view.times if is_due(t, base) or is_future_span(t, base)]
    return due[-1] if due else None


def list_lead(view: SentenceView) -> TimeExpr | None:
    """A due phrase right after a colon inside the sentence (`…包括:到2025年,…;`): it leads the list."""
    base = view.doc.base_year
    leads = [t for t in view.times if (is_due(t, base) or is_future_span(t, base))
             and view.text[max(view.sent.start, t.start - 2) : t.start].rstrip().endswith((":", "："))]
    return leads[-1] if leads else None


def duty_deadline(view: SentenceView, clause: tuple[int, int], inherited: TimeExpr | None) -> TimeExpr | None:
    """The due date of a dated duty without a number: the last due phrase before its clause ends."""
    base = view.doc.base_year
    governing = [t for t in view.times if t.start < clause[1] and (is_due(t, base) or is_future_span(t, base))]
    t = governing[-1] if governing else inherited
    if t is None:
        return None
    return next_occurrence(t, recurrence_at(view, clause[1]) is not None, view.doc.issue_date)


def effective_for(view: SentenceView, pos: int) -> TimeExpr | None:
    """A changed standard (`由每人每月719元提高到791元`) is due when the new standard takes effect, even when
    that date is stated in a sentence of its own nearby (`新的保障标准自2021年1月1日起施行`)."""
    clause = view.clause_at(pos)
    # the change verb may stand before a whole series (`提高到全护理每人每月704元、半护理每人每月352元`), or in
    # a lead-in that governs it (`标准调整如下:散居孤儿每人每月1265元,…`)
    lead = _lead_in_end(view, pos)
    floor = view.sent.start if lead is not None else clause[0]
    if not cues.has("background", "change_verbs", view.text, floor, lead or pos) or view.mentions is None:
        return None
    near = [t for t in view.mentions.times if t.kind == "effective" and abs(t.start - pos) <= 800]
    after = [t for t in near if t.start > pos]
    return after[0] if after else (near[-1] if near else None)


def _lead_in_end(view: SentenceView, pos: int) -> int | None:
    """The end of a lead-in clause (ending in a colon) before `pos` in the sentence, if any."""
    for a, b in view.sent.clauses:
        if b >= pos:
            return None
        if view.text[b : b + 1] in (":", "："):
            return b
    return None
