"""Evidence features of one candidate record: classes and numbers, never raw words.

A feature says which *class* of cue stands where (a status word such as 截至 or 已 in the value's clause, a
goal verb in its sentence, a goal heading above it), what form the value takes (a share, money, a count, a
bare number, a duty without a number), how the figure's year and the deadline stand against the page's own
date and plan period, the page's genre, the record's position, and what the rules decided and why. The
words behind each class are read from `gazetteers/keywords/` (through `extractor.gazetteers`), so a model
trained on some pages carries to pages with other words of the same class.

The outline stage, when it runs, gives each record `outline_path` (the headings above it) and flags (under
a goal heading, in a table, under a lead-in, in a news lead); those are read from the record first, and the
rules' own evidence (evidence.py) stands in when they are absent. Every feature is a number in [0, 1].
"""
from __future__ import annotations

import math
import re
from bisect import bisect_left
from itertools import accumulate
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from operator import itemgetter
from typing import Any, Callable

from extractor import gazetteers
from extractor.nlp.spans import tokens

CLAUSE_BREAK = re.compile(r"[,，;；:：。!！?？\n\t|]")
SENTENCE_BREAK = re.compile(r"[;；。!！?？\n]")
YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?=年)")
COMPARATORS = (">=", "<=", "=", "range")
STRENGTHS = ("binding", "aspirational", "encouraged")
# The rules' background reasons (extractor/extractors/background.py and the table readers), by class: the
# start of the reason text -> its class. A reason the list does not know counts as `other`.
REASONS = (
    ("genre: statistics", "statistics"), ("old value", "old_value"), ("status word", "status"),
    ("perfective", "perfective"), ("forecast", "forecast"), ("reported figure", "reported"),
    ("event count", "event"), ("sentence opens with a past date", "past_date"), ("past date", "past_date"),
    ("paragraph of a past period", "past_date"), ("a target quoted as a benchmark", "reported"),
    ("a result set against its target", "reported"),
    ("event date", "past_date"), ("status date", "past_date"), ("statistics compared", "comparison"),
    ("background section", "section"), ("continues a background", "section"), ("reported statement", "news"),
    ("news report", "news"), ("base column", "base_column"),
)
REASON_CLASSES = ("none", *dict.fromkeys(c for _, c in REASONS), "other")
# Outline flags a record may carry (from the outline stage): feature name -> the keys it may be written under.
OUTLINE_FLAGS = {
    "goal_heading": ("under_goal_heading", "goal_heading", "in_goal_section"),
    "table": ("in_table", "table", "table_column"),
    "lead_in": ("under_lead_in", "lead_in"),
    "news_lead": ("in_news_lead", "news_lead"),
}
DEADLINE_GAPS = ("past", "same_year", "next_3", "next_10", "far")
# Page marks counted over the whole text (per thousand characters, squashed): the page's genre as numbers.
PAGE_MARKS = ("news", "statistics", "review", "plan")
# What the *other* candidates of the page look like (the share of them with each trait): a news page of
# achieved figures, a plan of forward goals under goal headings.
OTHERS = ("achieved", "forward", "goal_like", "goal_heading", "past_year", "deadline_written", "rule_target")
ACHIEVED_CUES = frozenset({"status", "cumulative", "comparison", "reported", "achieved", "past_time"})
FORWARD_CUES = frozenset({"forward", "goal_verb", "binding", "aspirational"})
TENSE_CUES = ACHIEVED_CUES | FORWARD_CUES
# Traits of the candidates next to this one: in the same sentence (its list siblings) and the NEAR nearest on
# the page either side (a news page mixes a quoted plan's goals with results, paragraph by paragraph).
NEIGHBOUR_TRAITS = ("achieved", "goal_like", "rule_target")
NEAR = 3
# How much of the page before a sentence is read as its context (a lead-in such as 《规划》提出5项量化指标:).
CONTEXT_CHARS = 150
# A paragraph is the line holding the sentence, read at most this far either side (a page without line breaks
# is not one paragraph).
PARA_CHARS = 400
# A value is a part of a whole written on the page when the same-unit values of its sentence add up to that whole
# within this share (854万(…400万元,…295万元,…159万元)).
PART_TOLERANCE = 0.01
# A value's clause (start, end in its sentence), its figure's year, and an achievement verb with 了 in the clause.
Reading = tuple[int, int, "int | None", bool]


@lru_cache(maxsize=1)
def cue_lists() -> dict[str, tuple[str, ...]]:
    """Named cue classes from the keyword files; each gives a sentence and a clause feature."""
    bg = gazetteers.keywords("background")
    strength = gazetteers.keywords("strength")
    own = gazetteers.keywords("confidence")
    named = {
        "status": bg["status"],
        "cumulative": bg["weak_status"],
        "comparison": bg["comparisons"],
        "forecast": bg["forecast"],
        "reported": [*bg["reported"], *bg["report_leads"]],
        "forward": bg["forward"],
        "goal_verb": bg["forward_verbs"],
        "measure_noun": bg["measure_nouns_strict"],
        "event": bg["event_verbs"],
        "condition": [*bg["condition_words"], *own["conditional"]],
        "binding": strength["binding"],
        "aspirational": strength["aspirational"],
        "encouraged": [*strength["encouraged"], *strength["encouraged_phrases"]],
        "goal_word": gazetteers.keywords("structure")["goal_words"],
        "state": gazetteers.keywords("actions")["state_phrases"],
        "speech": own["reported_speech"],
        "hedge": own["hedges"],
        "achieved": own["achieved"],
        "past_time": own["past_time"],
    }
    return {k: tuple(dict.fromkeys(v)) for k, v in named.items()}


@lru_cache(maxsize=None)
def _kinds(key: str) -> tuple[str, ...]:
    """Genres and warning kinds, one feature each (gazetteers/keywords/confidence.toml)."""
    return tuple(gazetteers.keywords("confidence")[key])


@lru_cache(maxsize=1)
def _perfective() -> re.Pattern[str]:
    """An achievement verb followed by 了 (建成了, 完成了): what happened, not what is to be reached."""
    verbs = sorted(gazetteers.keywords("background")["perfective_verbs"], key=len, reverse=True)
    return re.compile(f"(?:{'|'.join(map(re.escape, verbs))})了")


@lru_cache(maxsize=1)
def _change_words() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Words that open a change (由, 从) and its verbs (提高到, 增加到): `由300元提高到360元`."""
    bg = gazetteers.keywords("background")
    return tuple(bg["change_from"]), tuple(bg["change_verbs"])


@lru_cache(maxsize=1)
def _duty_words() -> tuple[re.Pattern[str], re.Pattern[str], tuple[str, ...], tuple[str, ...]]:
    """Actions and deliverables (a dated duty acts on something concrete), purpose openings, effective-date words."""
    actions = gazetteers.keywords("actions")
    times = gazetteers.keywords("times")

    def alternation(words: list[str]) -> re.Pattern[str]:
        return re.compile("|".join(map(re.escape, sorted(set(words), key=len, reverse=True))))

    return (alternation(actions["actions"]), alternation(actions["deliverables"]),
            tuple(gazetteers.keywords("confidence")["purpose_leads"]), tuple(times["effective_suffixes"]))


@lru_cache(maxsize=1)
def _heading_words() -> tuple[tuple[str, ...], tuple[str, ...]]:
    structure = gazetteers.keywords("structure")
    return tuple(structure["goal_words"]), tuple(structure["background_headings"])


@lru_cache(maxsize=1)
def feature_names() -> tuple[str, ...]:
    """The feature order shared by training and the shipped model (the model file lists it too)."""
    names = [f"{where}:{cue}" for cue in cue_lists() for where in ("sentence", "clause")]
    names += ["clause:perfective", "rule:target", "source:table"]
    names += [f"reason:{r}" for r in REASON_CLASSES]
    names += [f"form:{f}" for f in ("duty", "share", "money", "people", "count", "bare", "rate")]
    names += ["value:integer", "value:small", "value:magnitude", "value:year_like", "value:range", "value:approx"]
    names += [f"comparator:{c}" for c in (*COMPARATORS, "none")]
    names += [f"strength:{s}" for s in STRENGTHS]
    names += [f"genre:{g}" for g in (*_kinds("genres"), "none")]
    names += [f"warning:{w}" for w in _kinds("warning_kinds")]
    names += ["deadline:has", "deadline:in_sentence", "deadline:no_issue_date", "deadline:plan_end"]
    names += [f"deadline:{g}" for g in DEADLINE_GAPS]
    names += ["figure_year:past", "figure_year:current", "figure_year:future", "figure_year:before_deadline"]
    names += ["change:old_value", "change:new_value"]
    names += ["duty:action", "duty:deliverable", "duty:purpose", "deadline:effective", "deadline:month_day"]
    names += ["subject:has", "subject:noun_after", "subject:value_last", "subject:modifier", "recurrence", "agencies:own"]
    names += ["outline:goal_heading", "outline:background_heading", "outline:binding_section", "outline:depth",
              "outline:path_goal_word", "outline:table", "outline:lead_in", "outline:news_lead", "outline:heading",
              "outline:first_in_para"]
    names += ["position", "position:lead", "sentence:records", "sentence:length", "notice:candidates",
              "notice:rule_fact_share", "notice:length", "notice:doc_number", "notice:title_plan"]
    names += ["form:duration", "value:label"]
    names += ["before:forward", "before:past", "list:index", "list:last", "repeat:earlier", "repeat:later",
              "figure_year:before_plan", "figure_year:none"]
    names += [f"page:{m}" for m in PAGE_MARKS] + ["title:doc_type", "title:achieved", "title:forward"]
    names += [f"others:{k}" for k in OTHERS] + ["others:none"]
    names += ["cite:sentence", "cite:before_value", "cite:context", "list:lead", "last_cue:forward", "last_cue:past",
              "context:forward", "context:achieved", "value:digits", "value:no_digits",
              "deadline:opens", "deadline:where"]
    names += [f"{where}:{k}" for where in ("siblings", "near") for k in NEIGHBOUR_TRAITS] + ["siblings:none"]
    names += ["page:years_past", "page:years_future", "page:growth", "page:goal_heading",
              "para:achieved", "para:forward", "para:years_past", "heading:review", "heading:plan",
              "figure_year:in_plan", "figure_year:plan_end", "figure_year:base",
              "indicator:others", "indicator:rank", "indicator:from", "indicator:to", "indicator:part"]
    return tuple(names)


@lru_cache(maxsize=1)
def _zeros() -> dict[str, float]:
    """Every feature at 0, in `feature_names` order: each candidate's features start from a copy."""
    return dict.fromkeys(feature_names(), 0.0)


@lru_cache(maxsize=None)
def _matchers(name: str) -> tuple[re.Pattern[str] | None, frozenset[str]]:
    """One alternation for a class's longer cues, a set for its one-character ones (matched as whole words)."""
    words = cue_lists()[name]
    longer = sorted((w for w in words if len(w) > 1), key=len, reverse=True)
    return (re.compile("|".join(map(re.escape, longer))) if longer else None), frozenset(w for w in words if len(w) == 1)


@lru_cache(maxsize=1)
def _all_matchers() -> tuple[tuple[tuple[str, re.Pattern[str] | None, frozenset[str]], ...], frozenset[str]]:
    """Every class's matchers in `cue_lists` order, and the one-character cues of all classes together."""
    named = tuple((name, *_matchers(name)) for name in cue_lists())
    return named, frozenset().union(*(singles for _, _, singles in named))


@lru_cache(maxsize=4096)
def _tokens(text: str) -> tuple[str, ...]:
    """The word tokens of a text, cut once: the cue classes and the nearest cue of one text read the same cut."""
    return tuple(tokens(text)) if text else ()


@lru_cache(maxsize=8)
def _matchers_among(among: frozenset[str] | None) -> tuple[tuple[tuple[str, re.Pattern[str] | None, frozenset[str]], ...], frozenset[str]]:
    """`_all_matchers` for the classes `among` only (all of them for None)."""
    named, all_singles = _all_matchers()
    if among is None:
        return named, all_singles
    kept = tuple(m for m in named if m[0] in among)
    return kept, frozenset().union(*(singles for _, _, singles in kept))


@lru_cache(maxsize=2048)
def cues_in(text: str, among: frozenset[str] | None = None) -> frozenset[str]:
    """The cue classes found in a text: one-character cues as whole words, longer ones anywhere (the text is cut
    into words only when one of its characters is a one-character cue). With `among`, only those classes are
    looked for: `cues_in(text, among) == cues_in(text) & among`, for a caller that needs only a few of them."""
    named, all_singles = _matchers_among(among)
    singles_here = all_singles.intersection(text)  # one pass over the text, not one per class
    toks: frozenset[str] | None = None
    found = set()
    for name, pattern, singles in named:
        if pattern is not None and pattern.search(text):
            found.add(name)
        elif singles_here and not singles.isdisjoint(singles_here):
            if toks is None:
                toks = frozenset(_tokens(text))
            if singles & toks:
                found.add(name)
    return frozenset(found)


def _value_forms(value: float) -> list[str]:
    """How a normalised value may be written: 30, 1.5, 5万, 24.9亿."""
    forms = [str(int(value)) if float(value).is_integer() else f"{value:g}"]
    for scale, word in ((1e8, "亿"), (1e4, "万")):
        if abs(value) >= scale:
            forms.append(f"{value / scale:g}{word}")
    return forms


def value_span(ob: dict[str, Any], ev: dict[str, Any]) -> tuple[int, int] | None:
    """The value's span inside the sentence: from the rules' evidence, else found in the written forms."""
    sentence, start = ob.get("sentence") or "", int(ob.get("start") or 0)
    if ev.get("value_start") is not None and start <= ev["value_start"] < start + len(sentence):
        return ev["value_start"] - start, min(len(sentence), int(ev.get("value_end") or ev["value_start"]) - start)
    if ob.get("value") is None:
        return None
    for form in _value_forms(float(ob["value"])):
        for m in re.finditer(re.escape(form), sentence):
            before = sentence[m.start() - 1] if m.start() else ""
            after = sentence[m.end()] if m.end() < len(sentence) else ""
            if not any(c.isdigit() or c == "." for c in before + after):
                return m.start(), m.end()
    return None


def clause_bounds(sentence: str, span: tuple[int, int] | None) -> tuple[int, int]:
    """The clause (between commas, semicolons, colons, tabs) holding the span; the sentence if unknown."""
    if span is None:
        return 0, len(sentence)
    a = max((m.end() for m in CLAUSE_BREAK.finditer(sentence, 0, span[0])), default=0)
    m = CLAUSE_BREAK.search(sentence, max(span[1], span[0]))
    return a, m.start() if m else len(sentence)


@lru_cache(maxsize=1)
def _plan_word_years() -> dict[str, int]:
    """Five-year plan names -> their last year (十四五 -> 2025), counted from 十一五 (2006–2010)."""
    numerals = "十一 十二 十三 十四 十五 十六".split()
    return {f"{n}五": 2010 + 5 * i for i, n in enumerate(numerals)}


def plan_end_year(title: str | None) -> int | None:
    """The last year of the plan period a title names: the largest year in it, or a five-year plan's end."""
    title = title or ""
    years = [int(y) for y in re.findall(r"(?<!\d)((?:19|20)\d\d)(?!\d)", title)]
    years += [end for word, end in _plan_word_years().items() if word in title]
    return max(years) if years else None


@dataclass(frozen=True)
class NoticeContext:
    """What the features need from the notice, computed once per notice."""

    length: int
    issue_year: int | None
    plan_end: int | None
    genre: str | None
    per_sentence: Counter[tuple[int, int]]
    candidates: int
    rule_facts: int
    doc_number: bool
    warning_kinds: frozenset[str]
    page_marks: dict[str, float]
    title_traits: dict[str, bool]
    traits: list[dict[str, bool]]
    trait_totals: dict[str, int]
    obligations: tuple[dict[str, Any], ...]
    positions: dict[int, int]
    rank_in_sentence: list[int]
    sentence_sizes: Counter[tuple[int, int]]
    value_spans: dict[tuple[Any, Any], tuple[int, int]]
    text: str = ""
    sentence_traits: dict[tuple[int, int], Counter[str]] | None = None
    page_years: tuple[float, float] = (0.0, 0.0)
    spans: tuple[tuple[int, int] | None, ...] = ()
    readings: tuple[Reading, ...] = ()
    paragraphs: tuple[dict[str, float], ...] = ()
    indicators: tuple[dict[str, float], ...] = ()

    def index(self, ob: dict[str, Any]) -> int | None:
        """Where a candidate stands among the page's candidates (the same dict, not an equal one)."""
        i = self.positions.get(id(ob))
        return i if i is not None and self.obligations[i] is ob else None

    @classmethod
    def of(cls, notice: dict[str, Any], evidence: list[dict[str, Any]] | None = None) -> NoticeContext:
        date = notice.get("issue_date") or ""
        obligations = notice.get("obligations") or []
        evidence = evidence or [{}] * len(obligations)
        kinds = [(ev or {}).get("rule_kind") or ob.get("kind", "target") for ob, ev in zip(obligations, evidence)]
        issue_year = int(date[:4]) if date[:4].isdigit() else None
        spans = [value_span(ob, ev or {}) for ob, ev in zip(obligations, evidence)]
        readings = [_reading(ob.get("sentence") or "", span) for ob, span in zip(obligations, spans)]
        traits = [_traits(ob, ev or {}, issue_year, r) for ob, ev, r in zip(obligations, evidence, readings)]
        sentences = [(int(o.get("start") or 0), int(o.get("end") or 0)) for o in obligations]
        seen: Counter[tuple[int, int]] = Counter()
        ranks = []
        for key in sentences:
            ranks.append(seen[key])
            seen[key] += 1
        sentence_traits: dict[tuple[int, int], Counter[str]] = {}
        for key, t in zip(sentences, traits):  # each sentence's totals, so a record's siblings cost nothing to count
            sentence_traits.setdefault(key, Counter()).update(k for k in NEIGHBOUR_TRAITS if t[k])
        text = notice.get("text") or ""
        paras = [paragraph_bounds(text, int(o.get("start") or 0), int(o.get("end") or 0)) if text
                 else (int(o.get("start") or 0), int(o.get("end") or 0)) for o in obligations]
        value_spans: dict[tuple[Any, Any], tuple[int, int]] = {}
        for i, o in enumerate(obligations):
            if o.get("value") is not None:
                key = (o.get("value"), o.get("unit"))
                value_spans[key] = (value_spans.get(key, (i, i))[0], i)
        return cls(
            length=len(notice.get("text") or ""),
            issue_year=issue_year,
            plan_end=plan_end_year(notice.get("title")),
            genre=notice.get("genre"),
            per_sentence=Counter((o.get("start", 0), o.get("end", 0)) for o in obligations),
            candidates=len(obligations),
            rule_facts=sum(1 for k in kinds if k != "target"),
            doc_number=bool(notice.get("doc_number")),
            warning_kinds=frozenset(w.split(":", 1)[0].strip() for w in notice.get("warnings") or []),
            page_marks=page_marks(notice.get("text") or ""),
            title_traits=_title_traits(notice.get("title") or ""),
            traits=traits,
            trait_totals={k: sum(t[k] for t in traits) for k in OTHERS},
            obligations=tuple(obligations),
            positions={id(o): i for i, o in enumerate(obligations)},
            rank_in_sentence=ranks,
            sentence_sizes=seen,
            value_spans=value_spans,
            text=text,
            sentence_traits=sentence_traits,
            page_years=year_shares(text, issue_year),
            spans=tuple(spans),
            readings=tuple(readings),
            paragraphs=tuple(_paragraphs(text, obligations, issue_year, paras)),
            indicators=tuple(_indicators(obligations, spans, paras)),
        )


@lru_cache(maxsize=1)
def _page_words() -> dict[str, tuple[str, ...]]:
    genre, own = gazetteers.keywords("genre"), gazetteers.keywords("confidence")
    return {"news": tuple(genre["news_marks"]), "statistics": tuple(genre["statistics_marks"]),
            "review": tuple(own["review_marks"]), "plan": tuple(own["plan_marks"]), "growth": tuple(own["growth_marks"])}


def page_marks(text: str) -> dict[str, float]:
    """Each class of page marks: occurrences per thousand characters of the page, squashed to [0, 1)."""
    per = 1000 / max(len(text), 500)
    return {name: _squash(sum(text.count(w) for w in words) * per, 2) for name, words in _page_words().items()}


def year_shares(text: str, issue_year: int | None) -> tuple[float, float]:
    """The share of the years written in a text (2019年) before the page's own year and after it: a review of
    results names past years, a plan the years it aims at. (0, 0) without a date or a year."""
    years = [int(y) for y in YEAR.findall(text)]
    if issue_year is None or not years:
        return 0.0, 0.0
    return sum(y < issue_year for y in years) / len(years), sum(y > issue_year for y in years) / len(years)


def paragraph_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The line holding a sentence, at most PARA_CHARS either side of it."""
    a = text.rfind("\n", max(0, start - PARA_CHARS), start) + 1 or max(0, start - PARA_CHARS)
    b = text.find("\n", end, end + PARA_CHARS)
    return a, b if b >= 0 else min(len(text), end + PARA_CHARS)


@lru_cache(maxsize=1)
def _tense_words() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """One alternation of the achieved classes' words and one of the forward classes' (ACHIEVED_CUES, FORWARD_CUES),
    words of two characters or more: a paragraph's tense read with two searches per sentence, not the classes one
    by one and the one-character cues (已, 将) on cut words."""
    def words(classes: frozenset[str]) -> re.Pattern[str]:
        found = {w for c in classes for w in cue_lists()[c] if len(w) > 1}
        return re.compile("|".join(map(re.escape, sorted(found, key=len, reverse=True))))

    return words(ACHIEVED_CUES), words(FORWARD_CUES)


def _paragraphs(text: str, obligations: list[dict[str, Any]], issue_year: int | None,
                paras: list[tuple[int, int]]) -> list[dict[str, float]]:
    """Each candidate's paragraph as tense numbers: the share of its sentences with an achieved or a forward word
    (_tense_words), and the share of its years before the page's date (computed once per paragraph)."""
    seen: dict[tuple[int, int], dict[str, float]] = {}
    out = []
    for ob, key in zip(obligations, paras):
        if key not in seen:
            para = text[key[0] : key[1]] if text else ob.get("sentence") or ""
            parts = SENTENCE_BREAK.split(para)
            if text and len(parts) > 2:  # a window cut inside a line: its cut ends are not sentences of it
                parts = parts[int(key[0] > 0 and text[key[0] - 1] != "\n") : len(parts) - int(key[1] < len(text) and text[key[1]] != "\n")]
            parts = [c for c in parts if c.strip()]
            achieved, forward = _tense_words()
            n = max(len(parts), 1)
            seen[key] = {"achieved": sum(achieved.search(c) is not None for c in parts) / n,
                         "forward": sum(forward.search(c) is not None for c in parts) / n,
                         "years_past": year_shares(para, issue_year)[0]}
        out.append(seen[key])
    return out


def _indicators(obligations: list[dict[str, Any]], spans: list[tuple[int, int] | None],
                paras: list[tuple[int, int]]) -> list[dict[str, float]]:
    """How each value stands among the values of the same unit in its paragraph (an indicator stated more than
    once: a base and a goal, a series of results) and in its sentence (从2020年的3.6万个增加到25万个: the first
    is where the change starts, the second where it ends; parts that add up to a whole written on the page)."""
    _, change_verbs = _change_words()
    groups: dict[tuple[Any, ...], list[int]] = {}
    sentences: dict[tuple[Any, ...], list[int]] = {}
    totals: dict[Any, set[float]] = {}
    for i, ob in enumerate(obligations):
        if ob.get("value") is None:
            continue
        start, end = int(ob.get("start") or 0), int(ob.get("end") or 0)
        groups.setdefault((paras[i], ob.get("unit")), []).append(i)
        sentences.setdefault((start, end, ob.get("unit")), []).append(i)
        totals.setdefault(ob.get("unit"), set()).add(float(ob["value"]))
    out = [dict.fromkeys(("others", "rank", "from", "to", "part"), 0.0) for _ in obligations]
    for members in groups.values():
        ranks = {v: r for r, v in enumerate(sorted({float(obligations[i]["value"]) for i in members}))}
        others = _squash(len(members) - 1, 2)
        for i in members:
            out[i]["others"] = others
            if len(ranks) > 1:
                out[i]["rank"] = ranks[float(obligations[i]["value"])] / (len(ranks) - 1)
    for (_, _, unit), members in sentences.items():
        if len(members) < 2:
            continue
        placed = sorted((spans[i][0], spans[i][1], i) for i in members if spans[i] is not None)
        sentence = obligations[members[0]].get("sentence") or ""
        for (_, a_end, a), (b_start, _, b) in zip(placed, placed[1:]):
            if any(w in sentence[a_end:b_start] for w in change_verbs):
                out[a]["from"], out[b]["to"] = 1.0, 1.0
        values = [float(obligations[i]["value"]) for i in members]
        largest = max(values)
        rest = sum(values) - largest
        parts: list[int] = []
        if len(members) > 2 and largest > 0 and abs(largest - rest) <= PART_TOLERANCE * largest:
            parts = [i for i, v in zip(members, values) if v != largest]  # 总投资854万元,其中400万元,295万元,159万元
        else:  # the whole written elsewhere on the page: 新增助餐点15个 … 其中北山街道1个,西溪街道1个,…(,其中3个已完成)
            ordered = [i for _, _, i in placed] if len(placed) == len(members) else members
            own = set(values)
            elsewhere = sorted(t for t in totals.get(unit, ()) if t not in own)
            sums = list(accumulate(float(obligations[i]["value"]) for i in ordered))
            for k in range(len(ordered), 1, -1):
                if _near_any(elsewhere, sums[k - 1]):
                    parts = ordered[:k]
                    break
        for i in parts:
            out[i]["part"] = 1.0
    return out


def _near_any(totals: list[float], value: float) -> bool:
    """Whether a sorted list holds a positive total within PART_TOLERANCE (of the total) of a positive value."""
    if value <= 0:
        return False
    i = bisect_left(totals, value / (1 + PART_TOLERANCE))
    return i < len(totals) and totals[i] > 0 and abs(totals[i] - value) <= PART_TOLERANCE * totals[i]


def _title_traits(title: str) -> dict[str, bool]:
    """What the page's title says: a policy document's kind (…规划, …通知), a result (累计达), a goal (将达)."""
    cues = cues_in(title)
    endings = tuple(gazetteers.keywords("doc_types")["title_endings"])
    return {"doc_type": title.rstrip().endswith(endings), "achieved": bool(cues & ACHIEVED_CUES),
            "forward": bool(cues & FORWARD_CUES)}


@lru_cache(maxsize=1)
def _citing() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """A cited document (《…规划》, 《意见》, 《…方案(2021—2025年)》: a title ending from doc_types.toml) and a cited
    document followed by what it sets (《规划》提出, 《意见》明确: confidence.toml citing_verbs)."""
    endings = "|".join(map(re.escape, sorted(gazetteers.keywords("doc_types")["title_endings"], key=len, reverse=True)))
    verbs = "|".join(map(re.escape, sorted(_kinds("citing_verbs"), key=len, reverse=True)))
    title = rf"《[^《》\n]{{0,60}}?(?:{endings})(?:[（(][^（）()]{{0,20}}[）)])?》"
    return re.compile(title), re.compile(rf"{title}[^，,。；;：:《》]{{0,12}}?(?:{verbs})")


@lru_cache(maxsize=4096)
def last_cue(text: str) -> str | None:
    """Which tense class the last cue of a text belongs to: `forward` (力争, 将, 达到) or `past` (已, 截至, 去年, 突破);
    None without one. The nearer cue wins: 在已经建成…基础上,力争达到26个 reads forward."""
    best: tuple[int, str] | None = None
    toks: list[tuple[int, str]] | None = None
    for name in (*sorted(FORWARD_CUES), *sorted(ACHIEVED_CUES)):
        side = "forward" if name in FORWARD_CUES else "past"
        pattern, singles = _matchers(name)
        ends = [m.end() for m in pattern.finditer(text)] if pattern is not None else []
        if singles and not singles.isdisjoint(text):
            if toks is None:
                toks, at = [], 0
                for t in _tokens(text):
                    at += len(t)
                    toks.append((at, t))
            ends += [end for end, t in toks if t in singles]
        if ends and (best is None or max(ends) > best[0]):
            best = (max(ends), side)
    return best[1] if best else None


def _digits(value: float) -> int:
    """Significant digits of a value (100 -> 1, 90.7 -> 3, 125.33亿 -> 5): round goals, precise statistics."""
    mantissa = f"{abs(value):.10g}".split("e")[0]
    return max(1, len(mantissa.replace(".", "").strip("0")))


def _figure_year(sentence: str, span: tuple[int, int] | None, clause: str) -> int | None:
    """The figure's year: the nearest year before the value in its sentence."""
    years = [int(m.group(1)) for m in YEAR.finditer(sentence[: span[0]] if span else clause)]
    return years[-1] if years else None


def _reading(sentence: str, span: tuple[int, int] | None) -> Reading:
    """Where a value's clause starts and ends in its sentence, the figure's year, and whether the clause has an
    achievement verb with 了: read once per candidate, for its traits and its features."""
    ca, cb = clause_bounds(sentence, span)
    clause = sentence[ca:cb]
    return ca, cb, _figure_year(sentence, span, clause), _perfective().search(clause) is not None


def _traits(ob: dict[str, Any], ev: dict[str, Any], issue_year: int | None, reading: Reading) -> dict[str, bool]:
    """The traits of one candidate that its page's other candidates are described by (OTHERS); `reading` is its
    clause, year and perfective (_reading)."""
    sentence = ob.get("sentence") or ""
    ca, cb, year, perfective = reading
    cues = cues_in(sentence[ca:cb])
    achieved = bool(cues & ACHIEVED_CUES) or perfective
    return {
        "achieved": achieved,
        "forward": bool(cues & FORWARD_CUES),
        "goal_like": not achieved and bool(cues & FORWARD_CUES or ev.get("goal_section") or (
            bool(ob.get("deadline_text")) and ob["deadline_text"] in sentence)),
        "goal_heading": bool(_flag(ob, "goal_heading") or ev.get("goal_section")),
        "past_year": year is not None and issue_year is not None and year < issue_year,
        "deadline_written": bool(ob.get("deadline_text")) and ob["deadline_text"] in sentence,
        "rule_target": (ev.get("rule_kind") or ob.get("kind", "target")) == "target",
    }


def _squash(n: float, scale: float) -> float:
    """A count or length mapped to [0, 1): n / (n + scale)."""
    return n / (n + scale) if n > 0 else 0.0


def reason_class(reason: str | None) -> str:
    if not reason:
        return "none"
    return next((c for prefix, c in REASONS if reason.startswith(prefix)), "other")


def _flag(ob: dict[str, Any], name: str) -> bool | None:
    """An outline flag written on the record (top level, in `outline`, or listed in `flags`); None if absent."""
    keys = OUTLINE_FLAGS[name]
    flags = ob.get("flags")
    if isinstance(flags, (list, tuple)) and any(k in flags for k in keys):
        return True
    for k in keys:
        if ob.get(k) is not None:
            return bool(ob[k])
    outline = ob.get("outline")
    if isinstance(outline, dict):
        for k in keys:
            if outline.get(k) is not None:
                return bool(outline[k])
    return None


def _unit_form(ob: dict[str, Any]) -> str:
    unit = ob.get("unit") or ""
    if ob.get("value") is None:
        return "duty"
    if not unit:
        return "bare"
    if "/" in unit:
        return "rate"
    if unit == "%":
        return "share"
    if "元" in unit:
        return "money"
    if unit == "人":
        return "people"
    return "count"


def _deadline_gap(deadline_year: int, issue_year: int) -> str:
    gap = deadline_year - issue_year
    if gap < 0:
        return "past"
    if gap == 0:
        return "same_year"
    return "next_3" if gap <= 3 else "next_10" if gap <= 10 else "far"


def features(ob: dict[str, Any], ctx: NoticeContext, ev: dict[str, Any] | None = None) -> dict[str, float]:
    """The named features of one candidate (names as in `feature_names`); `ev` is the rules' evidence."""
    ev = ev or {}
    sentence = ob.get("sentence") or ""
    index = ctx.index(ob)
    known = index is not None and bool(ctx.spans)
    span = ctx.spans[index] if known else value_span(ob, ev)  # type: ignore[index]
    ca, cb, year, perfective = ctx.readings[index] if known else _reading(sentence, span)  # type: ignore[index]
    clause = sentence[ca:cb]
    f = _zeros().copy()
    at_sentence, at_clause = _cue_features()
    for cue in cues_in(sentence):  # every other cue feature stays 0
        f[at_sentence[cue]] = 1.0
    for cue in cues_in(clause):
        f[at_clause[cue]] = 1.0
    f["clause:perfective"] = float(perfective)
    f["rule:target"] = float((ev.get("rule_kind") or ob.get("kind", "target")) == "target")
    in_table = _flag(ob, "table")
    f["source:table"] = float(ev.get("source") == "table")
    f[f"reason:{reason_class(ev.get('reason'))}"] = 1.0

    value = ob.get("value")
    f[f"form:{_unit_form(ob)}"] = 1.0
    f["form:duration"] = float(value is not None and (ob.get("unit") or "") in _kinds("duration_units"))
    if value is not None:
        v = float(value)
        f["value:integer"] = float(v.is_integer())
        f["value:small"] = float(v.is_integer() and 0 < v <= 10)
        f["value:magnitude"] = min(1.0, math.log10(abs(v) + 1) / 10)
        f["value:year_like"] = float(not ob.get("unit") and 1900 <= v <= 2100)
        f["value:range"] = float(ob.get("value_max") is not None)
        f["value:approx"] = float(bool(ob.get("approx")))
    comparator = ob.get("comparator")
    f[f"comparator:{comparator if comparator in COMPARATORS else 'none'}"] = 1.0
    if ob.get("strength") in STRENGTHS:
        f[f"strength:{ob['strength']}"] = 1.0
    f[f"genre:{ctx.genre if ctx.genre in _kinds('genres') else 'none'}"] = 1.0
    for w in ctx.warning_kinds:
        if f"warning:{w}" in f:
            f[f"warning:{w}"] = 1.0

    deadline_year = int(ob["deadline"][:4]) if str(ob.get("deadline") or "")[:4].isdigit() else None
    f["deadline:has"] = float(deadline_year is not None)
    f["deadline:in_sentence"] = float(bool(ob.get("deadline_text")) and ob["deadline_text"] in sentence)
    f["deadline:no_issue_date"] = float(ctx.issue_year is None)
    f["deadline:plan_end"] = float(deadline_year is not None and deadline_year == ctx.plan_end)
    if deadline_year is not None and ctx.issue_year is not None:
        f[f"deadline:{_deadline_gap(deadline_year, ctx.issue_year)}"] = 1.0
    before = clause[: span[0] - ca] if span else clause
    f["figure_year:none"] = float(year is None)
    if year is not None:
        f["figure_year:before_plan"] = float(ctx.plan_end is not None and year <= ctx.plan_end - 5)
        if ctx.issue_year is not None:
            f["figure_year:past" if year < ctx.issue_year else "figure_year:current" if year == ctx.issue_year else "figure_year:future"] = 1.0
        f["figure_year:before_deadline"] = float(deadline_year is not None and year < deadline_year)
    if span is not None:
        change_from, change_verbs = _change_words()
        after_value = sentence[span[1] : cb]
        f["change:old_value"] = float(any(w in before for w in change_from) and any(w in after_value for w in change_verbs))
        tail = before[-6:]
        f["change:new_value"] = float(before.rstrip().endswith(change_verbs) or any(w in tail for w in change_verbs))

    action, deliverable, purpose, effective = _duty_words()
    f["duty:action"] = float(action.search(clause) is not None)
    f["duty:deliverable"] = float(deliverable.search(clause) is not None)
    f["duty:purpose"] = float(sentence.lstrip().startswith(purpose))
    deadline_text = ob.get("deadline_text") or ""
    f["deadline:effective"] = float(any(w in deadline_text for w in effective))
    f["deadline:month_day"] = float("月" in deadline_text and "年" not in deadline_text.replace("年底", ""))

    f["subject:has"] = float(bool(ob.get("subject")))
    if span is not None:
        after = sentence[span[1] : cb]
        han = [ch for ch in after if "\u4e00" <= ch <= "\u9fff"]
        f["subject:noun_after"] = float(len(han) >= 2)
        f["subject:value_last"] = float(len(han) <= 1)
        f["subject:modifier"] = float(after[:3].find("的") >= 0)
        rest = sentence[span[1] :]
        unit = ob.get("unit") or ""
        rest = rest[len(unit) :] if unit and rest.startswith(unit) else rest  # 11人制: the unit, then what it names
        f["value:label"] = float(rest.startswith(_kinds("label_suffixes")))
    f["recurrence"] = float(bool(ob.get("recurrence")))
    f["agencies:own"] = float(bool(ob.get("agencies")))

    path = ob.get("outline_path") if isinstance(ob.get("outline_path"), list) else ev.get("outline_path") or []
    goal_words, background_words = _heading_words()
    goal_flag = _flag(ob, "goal_heading")
    f["outline:goal_heading"] = float(goal_flag if goal_flag is not None else bool(ev.get("goal_section")))
    f["outline:background_heading"] = float(bool(ev.get("background_section")) or any(w in h for h in path for w in background_words))
    f["outline:binding_section"] = float(bool(ev.get("binding_section")))
    f["outline:depth"] = _squash(len(path), 2)
    f["outline:path_goal_word"] = float(any(w in h for h in path for w in goal_words))
    f["outline:table"] = float(in_table if in_table is not None else (ev.get("source") == "table" or "\t" in sentence or "|" in sentence))
    lead_in = _flag(ob, "lead_in")
    f["outline:lead_in"] = float(bool(lead_in))
    start = int(ob.get("start") or 0)
    position = start / ctx.length if ctx.length else 0.0
    news_lead = _flag(ob, "news_lead")
    f["outline:news_lead"] = float(news_lead if news_lead is not None else ctx.genre in ("news", "repost") and position < 0.15)
    f["outline:heading"] = float(bool(ev.get("heading")))
    f["outline:first_in_para"] = float(bool(ev.get("first_in_para")))

    f["position"] = position
    f["position:lead"] = float(position < 0.1)
    f["sentence:records"] = _squash(ctx.per_sentence.get((start, int(ob.get("end") or 0)), 1) - 1, 2)
    f["sentence:length"] = _squash(len(sentence), 60)
    f["notice:candidates"] = _squash(ctx.candidates, 10)
    f["notice:rule_fact_share"] = ctx.rule_facts / ctx.candidates if ctx.candidates else 0.0
    f["notice:length"] = _squash(ctx.length, 3000)
    f["notice:doc_number"] = float(ctx.doc_number)
    f["notice:title_plan"] = float(ctx.plan_end is not None)

    if span is not None:
        head = sentence[ca : span[0]]
        f["before:forward"] = float(bool(cues_in(head, FORWARD_CUES)))
        f["before:past"] = float(bool(cues_in(sentence[: span[0]], ACHIEVED_CUES)))
    if index is not None:
        size = ctx.sentence_sizes[(start, int(ob.get("end") or 0))]
        f["list:index"] = _squash(ctx.rank_in_sentence[index], 2)
        f["list:last"] = float(size > 1 and ctx.rank_in_sentence[index] == size - 1)
    if index is not None and ob.get("value") is not None:
        first, last = ctx.value_spans[(ob.get("value"), ob.get("unit"))]
        f["repeat:earlier"] = float(first < index)
        f["repeat:later"] = float(last > index)
    for name in PAGE_MARKS:
        f[f"page:{name}"] = ctx.page_marks[name]
    for name, on in ctx.title_traits.items():
        f[f"title:{name}"] = float(on)
    own = ctx.traits[index] if index is not None else dict.fromkeys(OTHERS, False)
    others = len(ctx.traits) - (index is not None)  # leave-one-out: the rest of the page
    f["others:none"] = float(not others)
    for k in OTHERS:
        f[f"others:{k}"] = (ctx.trait_totals[k] - own[k]) / others if others else 0.0
    _context_features(f, ob, ctx, sentence, span, index)
    _page_features(f, ob, ctx, path, year, index)
    return f


def _page_features(f: dict[str, float], ob: dict[str, Any], ctx: NoticeContext, path: list[str], year: int | None,
                   index: int | None) -> None:
    """The page, the paragraph and the indicator around a value: the years the page names against its date, its
    growth marks, whether it has a goal heading at all; the paragraph's tense; the nearest heading's kind; the
    figure's year against the plan period; how the value stands among other values of the same unit."""
    f["page:years_past"], f["page:years_future"] = ctx.page_years
    f["page:growth"] = ctx.page_marks.get("growth", 0.0)
    f["page:goal_heading"] = float(ctx.trait_totals.get("goal_heading", 0) > 0)
    if index is not None and ctx.paragraphs:
        para = ctx.paragraphs[index]
        f["para:achieved"], f["para:forward"], f["para:years_past"] = para["achieved"], para["forward"], para["years_past"]
    if path:
        goal_words, background_words = _heading_words()
        f["heading:review"] = float(any(w in path[-1] for w in background_words))
        f["heading:plan"] = float(any(w in path[-1] for w in goal_words))
    if year is not None and ctx.plan_end is not None:
        f["figure_year:in_plan"] = float(ctx.plan_end - 5 < year <= ctx.plan_end)
        f["figure_year:plan_end"] = float(year == ctx.plan_end)
        f["figure_year:base"] = float(year == ctx.plan_end - 5)
    if index is not None and ctx.indicators:
        for k, v in ctx.indicators[index].items():
            f[f"indicator:{k}"] = v


def _context_features(f: dict[str, float], ob: dict[str, Any], ctx: NoticeContext, sentence: str,
                      span: tuple[int, int] | None, index: int | None) -> None:
    """Evidence around the value: a cited document, a list lead, the nearest tense cue, the page just before the
    sentence, the value's precision, and what the candidates beside it look like."""
    title, citing = _citing()
    head = sentence[: span[0]] if span else sentence
    f["cite:sentence"] = float("《" in sentence and title.search(sentence) is not None)
    f["cite:before_value"] = float("《" in head and citing.search(head) is not None)
    start = int(ob.get("start") or 0)
    context = ctx.text[max(0, start - CONTEXT_CHARS) : start] if ctx.text else ""
    f["cite:context"] = float("《" in context and citing.search(context) is not None)
    f["list:lead"] = float(any(w in head for w in _kinds("list_leads")))
    cue = last_cue(head) if span else None
    f["last_cue:forward"] = float(cue == "forward")
    f["last_cue:past"] = float(cue == "past")
    ctx_cues = cues_in(context, TENSE_CUES) if context else frozenset()
    f["context:forward"] = float(bool(ctx_cues & FORWARD_CUES))
    f["context:achieved"] = float(bool(ctx_cues & ACHIEVED_CUES))
    if ob.get("value") is not None:
        f["value:digits"] = _squash(_digits(float(ob["value"])) - 1, 2)
        written = sentence[span[0] : span[1]] if span else ""
        f["value:no_digits"] = float(not any(c.isdigit() for c in written))  # 全覆盖 read as 100%, 一座, 五个
    deadline_text = ob.get("deadline_text") or ""
    at = sentence.find(deadline_text) if deadline_text else -1
    if at >= 0:  # 到2025年,基本建成… opens with its time; …是实施“十二五”规划的第一年 names a period in passing
        clause_start = max((m.end() for m in CLAUSE_BREAK.finditer(sentence, 0, at)), default=0)
        f["deadline:opens"] = float(at - clause_start <= 2)
        f["deadline:where"] = at / max(len(sentence), 1)
    if index is None:
        f["siblings:none"] = 1.0
        return
    key = (int(ob.get("start") or 0), int(ob.get("end") or 0))
    siblings = ctx.sentence_sizes[key] - 1  # leave-one-out over the sentence's totals (linear in the page)
    totals = (ctx.sentence_traits or {}).get(key, Counter())
    own = ctx.traits[index]
    f["siblings:none"] = float(siblings <= 0)
    near = [i for i in range(max(0, index - NEAR), min(len(ctx.traits), index + NEAR + 1)) if i != index]
    for k in NEIGHBOUR_TRAITS:
        f[f"siblings:{k}"] = (totals[k] - own[k]) / siblings if siblings > 0 else 0.0
        f[f"near:{k}"] = sum(ctx.traits[i][k] for i in near) / len(near) if near else 0.0


@lru_cache(maxsize=1)
def _cue_features() -> tuple[dict[str, str], dict[str, str]]:
    """Each cue class -> the name of its sentence feature, and -> the name of its clause feature."""
    return {cue: f"sentence:{cue}" for cue in cue_lists()}, {cue: f"clause:{cue}" for cue in cue_lists()}


@lru_cache(maxsize=8)
def _picker(names: tuple[str, ...]) -> Callable[[dict[str, float]], list[float]]:
    """Reads a model's features out of `features`' dict in the model's order; a name the current code does not
    compute counts as 0."""
    if not names or not set(names) <= set(feature_names()):
        return lambda f: [f.get(n, 0.0) for n in names]
    get = itemgetter(*names)
    return (lambda f: list(get(f))) if len(names) > 1 else (lambda f: [get(f)])


def vector(ob: dict[str, Any], ctx: NoticeContext, ev: dict[str, Any] | None, names: tuple[str, ...] | list[str]) -> list[float]:
    """The features in a model's order; a name the current code does not compute counts as 0."""
    return _picker(tuple(names))(features(ob, ctx, ev))
