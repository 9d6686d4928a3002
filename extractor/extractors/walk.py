"""What one sentence sets for the next while obligations are assembled in document order.

A due date carries to the next sentence only along a list: after a lead-in ending in a colon (`到2025年,…:`),
after a `…；` item, into a `其中…` sentence, through a goal paragraph, or from a sentence that only sets the
time (`到2025年,慈善社工事业持续推进。`); a goal lead-in (`明确了…目标。`, `主要指标:`) makes the rest of its
paragraph or list a goal context; a sentence of figures already reached continued after `；` stays background.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from extractor import gazetteers, patterns
from extractor.extractors import cues, due_dates
from extractor.extractors.clauses import Heading, Sentence, goal_words, is_goal_heading
from extractor.extractors.deadlines import is_due, is_future_span
from extractor.extractors.drafts import Draft
from extractor.extractors.mentions import SentenceView
from extractor.extractors.time_phrases import find_times
from extractor.model import TimeExpr
from extractor.outline import Context


@dataclass
class Walk:
    """What earlier sentences set for later ones. A due date carries to the next sentence only along a list:
    after a lead-in ending in a colon (`到2025年,…:`), after a `…；` item, or into a `其中…` sentence; a goal
    lead-in (`明确了…目标。`, `主要指标:`) makes the rest of its paragraph or list a goal context."""

    para: int = -1
    lead: TimeExpr | None = None
    carried: TimeExpr | None = None
    goal: bool = False
    carry_background: bool = False
    actor_sentences: list[Sentence] = field(default_factory=list)  # the paragraph's sentences so far, for `actors`
    actor_scan: tuple[Any, int, list[str]] = (None, 0, [])  # how far _paragraph_actors scanned them, what it found
    list_lead: TimeExpr | None = None
    list_goal: bool = False
    list_of_para: bool = False  # the list's due date is that of the paragraph before it (`到2027年,…。` then `——…`)
    stated: dict[tuple[float, str | None, str | None], Draft] = field(default_factory=dict)  # targets by value, unit, due
    list_comparator: str | None = None  # a lead-in's bound before its colon (`建设不低于:`) for the items after it

    def enter(self, sent: Sentence, text: str, outline: Context | None = None) -> None:
        """`outline` is the context the notice's outline gives the sentence's line (a governing lead-in's due
        date and goal, docs/annotation.md "deadline"); the walk's own list and paragraph state come first."""
        sentence = text[sent.start : sent.end]
        self.line_goal = bool(outline and outline.goal)
        if sent.para != self.para:
            footnote = sentence.lstrip().startswith(gazetteers.words("structure", "footnote_openings"))
            if footnote:
                self.list_lead, self.list_goal, self.list_level, self.list_of_para = None, False, None, False  # a table's footnote ends its list
            opened = sentence.lstrip().startswith(gazetteers.words("structure", "goal_item_marks")) or sentence.rstrip().endswith((":", "："))
            if self.opening_lead is not None and self.list_lead is None and opened:
                # a paragraph that opens with its due date (`到2027年,力争…。`) governs the list right after it:
                # `——…` items, or a lead-in that only opens it (`具体来说:`)
                # (their values; a duty there names what to do, not what is due then)
                self.list_lead, self.list_level, self.list_of_para = self.opening_lead, None, True
            level = sent.headings[-1].level if sent.is_heading and sent.headings else None
            if level is not None:
                # the items of a list keep its lead-in; a heading above the items' level ends the list
                if self.list_level is None and (self.list_lead is not None or self.list_goal):
                    self.list_level = level
                elif level <= 2 and (self.list_level is None or level < self.list_level):
                    self.list_lead, self.list_goal, self.list_level, self.list_of_para = None, False, None, False
            breakdown = self.goal and not sent.is_heading and sentence.lstrip().startswith(gazetteers.words("structure", "breakdown_openings"))
            self.para, self.carried, self.goal = sent.para, self.list_lead or heading_time(sent), self.list_goal or breakdown
            self.carried_from = ("paragraph list" if self.list_of_para else "list") if self.list_lead else "heading"
            if outline is not None and (self.carried is None or self.list_of_para) and outline.deadline is not None and not footnote:
                self.carried, self.carried_from = outline.deadline, "list"
            self.goal = self.goal or bool(outline and outline.goal)
            self.carry_background, self.actor_sentences, self.para_lead, self.review = False, [], None, False
            self.opening_lead = None
            return
        if sentence.startswith("《") and patterns.FRAME_START.match(sentence):
            self.carried, self.carry_background = None, False
        elif self.lead is not None and (self.continues or patterns.CONTINUATION.match(sentence) or sent.in_goal_section or self.goal):
            self.carried = self.lead
            self.carried_from = "lead" if self.lead_only else ("goal" if sent.in_goal_section or self.goal else "continuation")
        elif self.para_lead is not None:
            self.carried, self.carried_from = self.para_lead, "paragraph"  # `到2025年,…。…。` governs its paragraph
        else:
            self.carried = self.list_lead or heading_time(sent)
            self.carried_from = ("paragraph list" if self.list_of_para else "list") if self.list_lead else "heading"

    def leave(self, view: SentenceView, drafts: list[Draft]) -> None:
        sentence = view.sentence_text.rstrip()
        own = due_dates.lead_time(view)
        listed = sentence.endswith((";", "；", ":", "："))
        # the due date that governs the end of the sentence carries on along a list or a goal paragraph
        # (`包括:到2025年,…;…;`, `根据…,到2025年,…。建成5-8个…。`)
        # (a paragraph's date that reaches the list after it dates the list's values, not a duty of the next sentence)
        self.lead = due_dates.list_lead(view) or due_dates.last_due(view) or own or (
            self.carried if self.carried_from != "paragraph list" else None)
        sets_time = own is not None and not drafts
        if view.sent.first_in_para and own is not None:
            self.para_lead = own
            if not view.sent.is_heading and not sentence.lstrip().startswith(gazetteers.words("actions", "outlook_leads")):
                self.opening_lead = own  # a body paragraph's opening date, not a title's nor an outlook's (展望2035年)
        self.continues = listed or sets_time
        self.lead_only = sets_time
        if goal_lead(view):
            self.goal = True
        if sentence.endswith(("?", "？")) and any(w in sentence for w in goal_words()):
            self.list_goal = True  # a question about the goals (`…的工作目标是什么?`): its answer lists goals
        if sentence.endswith((":", "：")):
            keep = self.lead is None and self.carried_from == "paragraph list"  # `具体来说:` opens the paragraph's list
            # a lead-in paragraph of its own that names no goal and stands under none (`开放时间:` after the items of
            # `建设目标:`) opens a list of duties, not of goals
            plain = view.sent.first_in_para and not (self.line_goal or view.sent.in_goal_section or sent_is_goal_lead(view))
            self.list_lead, self.list_level = self.lead or (self.carried if keep else None), None
            self.list_goal = False if plain else self.goal or self.list_goal
            self.list_of_para = keep
        year_goal = annual_goal_heading(view)
        if year_goal is not None:
            self.list_lead, self.list_goal, self.list_level, self.list_of_para = year_goal, True, None, False
        # a bound before a colon (`建设不低于:14个…;129个…;`) holds for the values of the list it opens
        self.list_comparator = colon_comparator(view, view.sent.end) or (self.list_comparator if listed else None)
        values = [d for d in drafts if d.value is not None]
        for d in values:
            if d.kind == "target":
                self.stated.setdefault((d.value, d.unit, d.deadline.date if d.deadline else None), d)
        if not values and not self.goal and opens_review(view):
            self.review = True
        self.carry_background = self.review or (bool(values) and all(d.kind == "fact" for d in values) and sentence.endswith((";", "；")))
        if sent_is_goal_lead(view):
            self.goal = True

    continues: bool = False
    review: bool = False  # the paragraph opened by saying what was achieved (`2018年…取得显著成效。`): its figures are results
    list_level: int | None = None
    para_lead: TimeExpr | None = None
    line_goal: bool = False  # the outline puts the sentence's line under goals
    opening_lead: TimeExpr | None = None  # the due date a body paragraph opens with: it may govern the list after it
    lead_only: bool = False
    carried_from: str = "list"


def annual_goal_heading(view: SentenceView) -> TimeExpr | None:
    """A heading that is only this year's goal (`年度目标` over a form's rows, beside `中期目标(2023年—2025年)`)
    names the target year as a table header does (`2025年目标值`): the items after it are due at the end of
    the notice's year."""
    base = view.doc.base_year
    heading = view.sentence_text.strip().strip(":：")
    if base is None or not view.sent.is_heading or heading not in gazetteers.words("times", "goal_relatives"):
        return None
    return TimeExpr(view.sent.start, view.sent.end, heading, f"{base}-12-31", kind="deadline", year=base)


def sent_is_goal_lead(view: SentenceView) -> bool:
    """A clause naming goals that ends in a colon (`…5项量化指标,包括:`) leads a goal list."""
    for a, b in view.sent.clauses:
        if view.text[b : b + 1] in (":", "：") and any(w in view.text[view.sent.start : b] for w in goal_words()):
            return True
    return False


def heading_time(sent: Sentence) -> TimeExpr | None:
    """A plan period or year named by a heading above (`“十二五”时期主要规划指标`, `2025年主要目标`) dates the
    items under it that name no time of their own."""
    return _heading_time(sent.headings)


@lru_cache(maxsize=1024)
def _heading_time(headings: tuple[Heading, ...]) -> TimeExpr | None:
    for h in reversed(headings):
        if not is_goal_heading(h.text):
            continue
        for t in find_times(h.text, None):
            if t.kind in ("span", "period", "deadline", "year") and t.date:
                return t
    return None


def goal_lead(view: SentenceView) -> bool:
    """The sentence announces goals before its values: `工作目标是,…`, `达成如下目标:`, `明确了…目标。`, or a
    first clause naming them (`总体发展目标,到2025年…`); `以…为主要目标` and `围绕…发展目标,` name a purpose, not a
    list of goals."""
    first_value = min((q.start for q in view.quantities), default=view.sent.end)
    purpose = tuple(gazetteers.words("structure", "goal_purpose_leads"))
    for start, word in cues.find("structure", "goal_words", view.text, view.sent.start, first_value):
        end = start + len(word)
        if view.text[max(view.sent.start, start - 3) : start].endswith(("为", "的为")):
            continue
        clause_start = next((a for a, b in view.sent.clauses if a <= start < b), view.sent.start)
        if view.text[clause_start:start].lstrip().startswith(purpose):
            continue
        after = view.text[end : end + 3]
        if patterns.LEAD_IN_AFTER.match(after) or (view.sent.clauses and end >= view.sent.clauses[0][1] - 1 and end <= view.sent.clauses[0][1]):
            return True
    return False


def opens_review(view: SentenceView) -> bool:
    """A sentence that says what a past period achieved (`2018年全区经济社会发展取得显著成效`, `过去一年…成绩显著`),
    with no due date and no forward word: the figures after it in its paragraph are what was achieved."""
    if not cues.has("background", "review_results", view.text, view.sent.start, view.sent.end, view.tokens, prefix_ok=True):
        return False
    if view.sent.in_goal_section:
        return False
    base = view.doc.base_year
    # a bare year states the period reviewed (2018年…取得显著成效); 到2025年 or a plan period would make it a goal
    if any((is_due(t, base) or is_future_span(t, base)) and t.kind != "year" for t in view.times):
        return False
    return not cues.has("background", "forward", view.text, view.sent.start, view.sent.end, view.tokens)


def colon_comparator(view: SentenceView, pos: int) -> str | None:
    """The bound a lead-in puts before its colon (`不低于:`, `不超过：`) earlier in the sentence than `pos`: `>=`
    or `<=`, else None."""
    text = view.text[view.sent.start : pos]
    for m in re.finditer(r"([\u4e00-\u9fff]{1,4})\s*[:：]", text):
        word = m.group(1)
        found = [(len(w), comparator) for key, comparator in (("ge_before", ">="), ("le_before", "<="))
                 for w in gazetteers.words("comparators", key) if len(w) >= 2 and word.endswith(w)]
        if found:
            return max(found)[1]  # the longest word: 不超过 is not 超过
    return None
